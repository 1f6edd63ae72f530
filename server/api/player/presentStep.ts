/**
 * A step as the student sees it before answering: the task, never the answers, scores, feedback,
 * flags or branch targets. Options, items and right-hand lists are shuffled per attempt.
 */
import type { Framework } from '../../cases/competencies.js';
import type { CaseModule, Reference, RubricCriterion, Step } from '../../cases/schema.js';
import type {
  CompetencyRef,
  MarkerRubricCriterion,
  RubricCriterion as RubricView,
  StepView,
} from './contract.js';
import type { ShowImage } from '../../library/images.js';
import { seededShuffle } from './shuffle.js';

const idText = ({ id, text }: { id: string; text: string }) => ({ id, text });

/** Competency id and title, for labels. */
export function competencyLabel(framework: Framework, id: string): CompetencyRef {
  return { id, title: framework.competencies.find((c) => c.id === id)?.title ?? id };
}

function presentReference(reference: Reference) {
  return {
    id: reference.id,
    citation: reference.citation,
    doi: reference.doi ?? null,
    url: reference.url ?? null,
  };
}

/**
 * A rubric with its levels' labels, as students and markers read it; `forMarkers` adds what each
 * level earns and its example answer, which only the marker's view shows: to a student who has not
 * written yet, the examples would be answer keys.
 */
export function presentRubric(
  rubric: readonly RubricCriterion[],
  framework: Framework,
): RubricView[];
export function presentRubric(
  rubric: readonly RubricCriterion[],
  framework: Framework,
  options: { forMarkers: true },
): MarkerRubricCriterion[];
export function presentRubric(
  rubric: readonly RubricCriterion[],
  framework: Framework,
  { forMarkers = false }: { forMarkers?: boolean } = {},
): RubricView[] | MarkerRubricCriterion[] {
  return rubric.map((criterion) => ({
    id: criterion.id,
    title: criterion.title,
    competency: competencyLabel(framework, criterion.competency),
    levels: criterion.levels.map((level) => ({
      level: level.level,
      label: framework.levels.find((band) => band.id === level.level)?.label ?? level.level,
      descriptor: level.descriptor,
      ...(forMarkers ? { points: level.points, example: level.example ?? null } : {}),
    })),
  }));
}

/**
 * The JSON for the current step. `seed` fixes the shuffled order (the attempt id); `markFreeText`
 * tells the student whether a written answer will be marked or is practice; `showImage` gives
 * each image's URL, signed for the launch the step is shown to, and its size.
 */
export function presentStep(
  caseModule: CaseModule,
  step: Step,
  framework: Framework,
  seed: string,
  markFreeText: boolean,
  showImage: ShowImage,
): StepView {
  // `kind` is set in each case below, where it is narrowed to that step's kind.
  const common = {
    id: step.id,
    title: step.title,
    body: step.body ?? null,
    images: (step.images ?? []).map((image) => ({
      ...showImage(image.id),
      alt: image.alt,
      caption: image.caption ?? null,
    })),
  };
  const shuffle = <T>(items: readonly T[]) => seededShuffle(items, `${seed}:${step.id}`);
  switch (step.kind) {
    case 'narrative':
      return { ...common, kind: step.kind };
    case 'single-choice':
      return {
        ...common,
        kind: step.kind,
        prompt: step.prompt,
        options: shuffle(step.options).map(idText),
      };
    case 'multi-select':
      return {
        ...common,
        kind: step.kind,
        prompt: step.prompt,
        options: shuffle(step.options).map(idText),
        minSelections: step.minSelections ?? null,
        maxSelections: step.maxSelections ?? null,
      };
    case 'ranking':
      return {
        ...common,
        kind: step.kind,
        prompt: step.prompt,
        items: shuffle(step.items).map(idText),
      };
    case 'matching':
      return {
        ...common,
        kind: step.kind,
        prompt: step.prompt,
        left: step.left.map(idText),
        right: shuffle(step.right).map(idText),
      };
    case 'screening':
      return {
        ...common,
        kind: step.kind,
        prompt: step.prompt,
        tool: step.tool,
        questions: step.questions.map(({ id, domain, text }) => ({ id, domain, text })),
        maxQuestions: step.maxQuestions ?? null,
      };
    case 'free-text':
      return {
        ...common,
        kind: step.kind,
        prompt: step.prompt,
        minWords: step.minWords ?? null,
        maxWords: step.maxWords,
        marked: markFreeText,
        // The rubric is shown before writing: students should know how they will be marked,
        // including what makes an answer "not yet" whatever else it does.
        rubric: presentRubric(step.rubric, framework),
        automaticNotYet: step.automaticNotYet ?? [],
      };
    case 'debrief':
      return {
        ...common,
        kind: step.kind,
        furtherReading: step.furtherReading
          .map((id) => caseModule.references.find((r) => r.id === id))
          .filter((r): r is Reference => r !== undefined)
          .map(presentReference),
      };
  }
}
