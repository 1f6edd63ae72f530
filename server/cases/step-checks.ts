/**
 * The validator's checks inside each step: ids unique in their scope, competencies known and listed,
 * full points reachable, answer keys consistent with what they point at, rubrics that make sense.
 */
import {
  competencyFindings,
  duplicateIds,
  quoted,
  repeated,
  type CheckContext,
  type Finding,
  type StepFinding,
} from './check-context.js';
import { checkOptions, multiSelectMaximum, singleChoiceMaximum } from './choice-checks.js';
import { LEVEL_IDS } from './competencies.js';
import { findCycles } from './graph.js';
import type { CompetencyPoints, RubricCriterion, Step, StepOf } from './schema.js';

/** Every problem inside the case's steps, each naming its step. */
export function checkSteps(context: CheckContext): Finding[] {
  return context.caseModule.steps.flatMap((step) =>
    checkStep(context, step).map((finding) => ({ step: step.id, ...finding })),
  );
}

function checkStep(context: CheckContext, step: Step): StepFinding[] {
  switch (step.kind) {
    case 'narrative':
      return [];
    case 'single-choice':
      return [
        ...checkOptions(context, step),
        ...pointsCompetencies(context, step.points, 'points'),
        ...singleChoiceMaximum(step),
      ];
    case 'multi-select':
      return [
        ...checkOptions(context, step),
        ...pointsCompetencies(context, step.points, 'points'),
        ...multiSelectMaximum(step),
      ];
    case 'ranking':
      return [
        ...duplicateIds(
          step.items.map((item) => item.id),
          'item',
          'items',
        ),
        ...pointsCompetencies(context, step.points, 'points'),
        ...checkExpertOrder(step),
      ];
    case 'matching':
      return [...pointsCompetencies(context, step.points, 'points'), ...checkMatching(step)];
    case 'screening':
      return [
        ...pointsCompetencies(context, step.points.coverage, 'points.coverage'),
        ...pointsCompetencies(context, step.points.sensitivity ?? {}, 'points.sensitivity'),
        ...pointsCompetencies(context, step.points.order ?? {}, 'points.order'),
        ...checkScreening(step),
      ];
    case 'free-text':
      return checkFreeText(context, step);
    case 'debrief': {
      const references = new Set(context.caseModule.references.map((r) => r.id));
      return step.furtherReading
        .filter((id) => !references.has(id))
        .map((id) => ({
          field: 'furtherReading',
          message: `furtherReading names "${id}", which is not in the case's references`,
        }));
    }
  }
}

function pointsCompetencies(
  context: CheckContext,
  points: CompetencyPoints,
  field: string,
): StepFinding[] {
  return Object.keys(points).flatMap((id) =>
    competencyFindings(context, id, `${field} name`, { field }),
  );
}

function checkExpertOrder(step: StepOf<'ranking'>): StepFinding[] {
  const items = step.items.map((item) => item.id);
  const parts = [
    ['missing', items.filter((id) => !step.expertOrder.includes(id))],
    ['unknown', step.expertOrder.filter((id) => !items.includes(id))],
    ['repeated', repeated(step.expertOrder)],
  ] as const;
  const wrong = parts
    .filter(([, ids]) => ids.length > 0)
    .map(([what, ids]) => `${what} ${quoted(ids)}`);
  if (wrong.length === 0) return [];
  return [
    {
      field: 'expertOrder',
      message: `expertOrder must list each item exactly once: ${wrong.join('; ')}`,
    },
  ];
}

function checkMatching(step: StepOf<'matching'>): StepFinding[] {
  const left = step.left.map((item) => item.id);
  const right = new Set(step.right.map((item) => item.id));
  const findings = [
    ...duplicateIds(left, 'left item', 'left'),
    ...duplicateIds(
      step.right.map((item) => item.id),
      'right item',
      'right',
    ),
  ];
  const unpaired = left.filter((id) => step.answer[id] === undefined);
  if (unpaired.length > 0)
    findings.push({
      field: 'answer',
      message: `answer must pair every left item: missing ${quoted(unpaired)}`,
    });
  for (const [from, to] of Object.entries(step.answer)) {
    const field = `answer.${from}`;
    if (!left.includes(from))
      findings.push({ field, message: `answer names "${from}", which is not a left item` });
    else if (!right.has(to))
      findings.push({
        field,
        message: `answer pairs "${from}" with "${to}", which is not a right item`,
      });
  }
  const unexplained = left.filter((id) => step.feedback[id] === undefined);
  if (unexplained.length > 0)
    findings.push({
      field: 'feedback',
      message: `feedback is missing for left ${unexplained.length === 1 ? 'item' : 'items'} ${quoted(unexplained)}`,
    });
  for (const id of Object.keys(step.feedback)) {
    if (!left.includes(id))
      findings.push({
        field: `feedback.${id}`,
        message: `feedback names "${id}", which is not a left item`,
      });
  }
  return findings;
}

function checkScreening(step: StepOf<'screening'>): StepFinding[] {
  const ids = step.questions.map((q) => q.id);
  const byId = new Map(step.questions.map((q) => [q.id, q]));
  const findings = duplicateIds(ids, 'question', 'questions');
  const relevant = step.questions.filter((q) => q.relevant);
  if (relevant.length === 0) {
    findings.push({
      field: 'questions',
      message: 'no question is marked relevant, so coverage can never be earned',
    });
  }
  step.questions.forEach((q, i) => {
    const field = `questions[${i}]`;
    if (q.relevant && q.intrusive)
      findings.push({ field, message: `question "${q.id}" is marked both relevant and intrusive` });
    for (const before of q.askAfter ?? []) {
      const at = { field: `${field}.askAfter` };
      if (before === q.id)
        findings.push({ ...at, message: `question "${q.id}": askAfter names the question itself` });
      else if (!byId.has(before))
        findings.push({
          ...at,
          message: `question "${q.id}": askAfter names "${before}", which is not a question of this step`,
        });
    }
  });
  const askAfter = (id: string) =>
    (byId.get(id)?.askAfter ?? []).filter((before) => byId.has(before) && before !== id);
  for (const cycle of findCycles(ids, askAfter)) {
    findings.push({
      field: 'questions',
      message: `askAfter order is circular: ${cycle.join(' → ')}`,
    });
  }
  // Full marks: every relevant question, and (when order earns points) everything they must follow.
  const needed = new Set(relevant.map((q) => q.id));
  if (step.points.order)
    for (const id of needed) for (const before of askAfter(id)) needed.add(before);
  if (step.points.order && step.points.sensitivity) {
    for (const id of needed) {
      const q = byId.get(id)!;
      if (q.intrusive && !q.relevant) {
        findings.push({
          field: `questions[${ids.indexOf(id)}]`,
          message: `question "${id}" is intrusive but must be asked first (askAfter), so sensitivity and order cannot both be full`,
        });
      }
    }
  }
  if (step.maxQuestions !== undefined && step.maxQuestions < needed.size) {
    findings.push({
      field: 'maxQuestions',
      message: `maxQuestions (${step.maxQuestions}) is too few for full marks, which need ${needed.size} questions: ${quoted([...needed])}`,
    });
  }
  return findings;
}

function checkFreeText(context: CheckContext, step: StepOf<'free-text'>): StepFinding[] {
  const findings = duplicateIds(
    step.rubric.map((c) => c.id),
    'criterion',
    'rubric',
  );
  if (step.minWords !== undefined && step.minWords > step.maxWords) {
    findings.push({
      field: 'minWords',
      message: `minWords (${step.minWords}) is more than maxWords (${step.maxWords})`,
    });
  }
  step.rubric.forEach((criterion, i) => {
    const field = `rubric[${i}]`;
    findings.push(
      ...competencyFindings(context, criterion.competency, `criterion "${criterion.id}" assesses`, {
        field,
      }),
    );
    findings.push(
      ...checkLevels(criterion).map((message) => ({
        field,
        message: `criterion "${criterion.id}": ${message}`,
      })),
    );
  });
  return findings;
}

/** One level per level id at most, and more points for each higher level. */
function checkLevels(criterion: RubricCriterion): string[] {
  const levelIds = criterion.levels.map((l) => l.level);
  const messages = repeated(levelIds).map((id) => `level "${id}" appears more than once`);
  if (messages.length > 0) return messages;
  const ordered = [...criterion.levels].sort(
    (a, b) => LEVEL_IDS.indexOf(a.level) - LEVEL_IDS.indexOf(b.level),
  );
  for (let i = 1; i < ordered.length; i++) {
    const [lower, higher] = [ordered[i - 1]!, ordered[i]!];
    if (higher.points <= lower.points) {
      messages.push(
        `points must rise with the level, but ${higher.level} (${higher.points}) is not above ${lower.level} (${lower.points})`,
      );
    }
  }
  return messages;
}
