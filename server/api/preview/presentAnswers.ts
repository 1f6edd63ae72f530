/**
 * A case's answer key for staff: each step with what it asks and what it rewards. Options with
 * their points per competency, which is best, feedback, harm and where they lead; the expert order,
 * the right pairings, the questions that matter; the rubric with points and examples. Pure.
 */
import type { Framework } from '../../cases/competencies.js';
import { findStep } from '../../cases/graph.js';
import type { CaseModule, ChoiceOption, Condition, Next, Step } from '../../cases/schema.js';
import { stepPossible, type Points } from '../../cases/scoring.js';
import { presentQuestion } from '../player/presentFeedback.js';
import type { ShowImage } from '../../library/images.js';
import { competencyLabel, presentRubric, presentStep } from '../player/presentStep.js';
import type {
  AnswerKey,
  OptionKey,
  Points as PointsView,
  StepAnswers,
  StepKey,
} from './contract.js';
import { PREVIEW_SEED } from './presentPreview.js';

const total = (points: Points | undefined) =>
  Object.values(points ?? {}).reduce((sum, p) => sum + p, 0);

function presentPoints(points: Points | undefined, framework: Framework): PointsView[] {
  return Object.entries(points ?? {}).map(([id, value]) => ({
    competency: competencyLabel(framework, id),
    points: value,
  }));
}

/** A branch condition in words, naming steps and options by their text. */
export function describeCondition(condition: Condition, caseModule: CaseModule): string {
  if ('chose' in condition) {
    const step = findStep(caseModule, condition.chose.step);
    const options = step && 'options' in step ? step.options : [];
    const option = options.find((o) => o.id === condition.chose.option);
    return `chose "${option?.text ?? condition.chose.option}" at "${step?.title ?? condition.chose.step}"`;
  }
  if ('flag' in condition) return `an earlier choice set "${condition.flag}"`;
  if ('score' in condition) {
    const { competency, atLeast, below } = condition.score;
    const bounds = [
      atLeast === undefined ? null : `at least ${atLeast}`,
      below === undefined ? null : `below ${below}`,
    ].filter(Boolean);
    return `${competency} points so far ${bounds.join(' and ')}`;
  }
  const describe = (c: Condition) => describeCondition(c, caseModule);
  if ('all' in condition) return `all of: ${condition.all.map(describe).join('; ')}`;
  if ('any' in condition) return `any of: ${condition.any.map(describe).join('; ')}`;
  return `not (${describe(condition.not)})`;
}

function presentNext(next: Next, caseModule: CaseModule) {
  const target = (id: string) => ({ id, title: findStep(caseModule, id)?.title ?? id });
  if (typeof next === 'string') return { branches: [], otherwise: target(next) };
  return {
    branches: next.branches.map((b) => ({
      when: describeCondition(b.when, caseModule),
      to: target(b.to),
    })),
    otherwise: target(next.otherwise),
  };
}

function presentOptions(
  step: Step & { options: ChoiceOption[] },
  framework: Framework,
  caseModule: CaseModule,
): OptionKey[] {
  const bestTotal = Math.max(...step.options.map((o) => total(o.score)));
  return step.options.map((option) => ({
    id: option.id,
    text: option.text,
    // Single choice: the options worth the most. Multi-select: every option worth choosing.
    best:
      step.kind === 'single-choice' ? total(option.score) === bestTotal : total(option.score) > 0,
    harmful: option.harmful === true,
    points: presentPoints(option.score, framework),
    feedback: option.feedback,
    leadsTo: option.next
      ? { id: option.next, title: findStep(caseModule, option.next)?.title ?? option.next }
      : null,
  }));
}

function presentKey(step: Step, caseModule: CaseModule, framework: Framework): StepKey {
  switch (step.kind) {
    case 'single-choice':
    case 'multi-select':
      return { options: presentOptions(step, framework, caseModule) };
    case 'ranking':
      return {
        expertOrder: step.expertOrder.map((id) => ({
          id,
          text: step.items.find((item) => item.id === id)?.text ?? id,
        })),
        explanation: step.feedback,
      };
    case 'matching':
      return {
        pairs: step.left.map((left) => ({
          left: { id: left.id, text: left.text },
          right: step.right.find((r) => r.id === step.answer[left.id]) ?? null,
          explanation: step.feedback[left.id] ?? '',
        })),
      };
    case 'screening':
      return {
        questions: step.questions.map((q) => ({
          ...presentQuestion(q),
          askAfter: q.askAfter ?? [],
        })),
      };
    case 'free-text':
      return {
        rubric: presentRubric(step.rubric, framework, { forMarkers: true }),
        modelAnswer: step.modelAnswer ?? null,
      };
    case 'narrative':
    case 'debrief':
      return {};
  }
}

/** The answer key of one step; the task itself is presented as the player shows it. */
export function presentStepAnswers(
  step: Step,
  caseModule: CaseModule,
  framework: Framework,
  showImage: ShowImage,
): StepAnswers {
  return {
    task: presentStep(caseModule, step, framework, PREVIEW_SEED, true, showImage),
    possible: presentPoints(stepPossible(step), framework),
    next: step.kind === 'debrief' ? null : presentNext(step.next, caseModule),
    key: presentKey(step, caseModule, framework),
  };
}

/** The JSON for POST /api/preview/answers: every step in the order it is written. */
export function presentAnswers(
  caseModule: CaseModule,
  framework: Framework,
  showImage: ShowImage,
): AnswerKey {
  return {
    case: { id: caseModule.id, version: caseModule.version, title: caseModule.title },
    steps: caseModule.steps.map((step) =>
      presentStepAnswers(step, caseModule, framework, showImage),
    ),
  };
}
