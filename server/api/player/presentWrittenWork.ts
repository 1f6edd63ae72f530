/**
 * A finished attempt's written answers as the student reads them in their results: each answer with
 * the marker's level and points per rubric criterion and the marker's comment, beside the model
 * answer. Until an answer is marked it says so; practice answers (not marked) show the model only.
 */
import type { Framework } from '../../cases/competencies.js';
import { findStep } from '../../cases/graph.js';
import type { CaseModule } from '../../cases/schema.js';
import type { CheckedAttempt } from '../../data/attemptState.js';
import { recordOf } from '../../data/records.js';
import type { WrittenAnswer } from './contract.js';

/** The written answers on the attempt's path, in path order. */
export function presentWrittenWork(
  attempt: Pick<CheckedAttempt, 'state' | 'markComments'>,
  caseModule: CaseModule,
  framework: Framework,
  markFreeText: boolean,
): WrittenAnswer[] {
  const state = attempt.state;
  const comments = recordOf(attempt.markComments);
  const label = (level: string) => framework.levels.find((l) => l.id === level)?.label ?? level;
  return [...new Set(state.path)].flatMap((stepId) => {
    const step = findStep(caseModule, stepId);
    const response = state.responses[stepId];
    if (step?.kind !== 'free-text' || response?.kind !== 'free-text') return [];
    const marks = state.marks[stepId] ?? {};
    const criteria = step.rubric.map((criterion) => {
      const given = criterion.levels.find((l) => l.level === marks[criterion.id]);
      return {
        id: criterion.id,
        title: criterion.title,
        competencyId: criterion.competency,
        maxPoints: Math.max(...criterion.levels.map((l) => l.points)),
        level: given
          ? {
              id: given.level,
              label: label(given.level),
              descriptor: given.descriptor,
              points: given.points,
            }
          : null,
      };
    });
    return [
      {
        stepId,
        title: step.title,
        answer: response.text,
        marked: markFreeText,
        awaitingMarking: markFreeText && criteria.some((c) => c.level === null),
        criteria: markFreeText ? criteria : [],
        comment: markFreeText ? (comments[stepId] ?? null) : null,
        modelAnswer: step.modelAnswer ?? null,
      },
    ];
  });
}
