/**
 * The scores an attempt sends (AGS 2.0), as a pure function of the attempt's result: the overall line
 * item always, one per assessed competency when the placement grades per competency. Progress values:
 * Started/Pending while in progress; Submitted/PendingManual while written work awaits marking;
 * Completed/FullyGraded after. The comment carries the marker's comments on written answers (the
 * student reads them in the gradebook beside the grade) and the competency levels.
 */
import type { Framework } from '../cases/competencies.js';
import type { AttemptResult } from '../cases/scoring.js';
import { POLICY_LABELS, type AttemptPolicy } from './attemptPolicy.js';

export interface ScoreFacts {
  userId: string;
  finished: boolean;
  result: AttemptResult;
  pointsPossible: number;
  perCompetency: boolean;
  framework: Framework;
  /** The marker's comments on written answers, in path order, each naming its step. */
  markerComments?: readonly string[];
  /** When the student has finished several attempts: which one these scores come from, and why. */
  from?: { number: number; of: number; policy: AttemptPolicy };
}

export interface TargetScore {
  /** 'overall' or a competency id. */
  target: string;
  userId: string;
  scoreGiven?: number;
  scoreMaximum: number;
  activityProgress: 'Started' | 'Submitted' | 'Completed';
  gradingProgress: 'Pending' | 'PendingManual' | 'FullyGraded';
  comment: string;
}

/** The generated part of a comment; a marker's own words are never cut. */
const MAX_COMMENT = 1000;
const round2 = (value: number) => Math.round(value * 100) / 100;

function levelText(framework: Framework, level: string | null, percent: number | null): string {
  const label = framework.levels.find((l) => l.id === level)?.label;
  return label && percent !== null ? `${label} (${Math.round(percent)}%)` : 'Not assessed yet';
}

/** "Marker's comments: ..." and a blank line, or nothing when the marker wrote none. */
function markerText(comments: readonly string[]): string {
  return comments.length ? `Marker's comments: ${comments.join('\n\n')}\n\n` : '';
}

/** The scores to send for an attempt as it stands. */
export function scoresFor(facts: ScoreFacts): TargetScore[] {
  const { result, framework } = facts;
  const progressOf = (pendingManual: boolean) =>
    !facts.finished
      ? ({ activityProgress: 'Started', gradingProgress: 'Pending' } as const)
      : pendingManual
        ? ({ activityProgress: 'Submitted', gradingProgress: 'PendingManual' } as const)
        : ({ activityProgress: 'Completed', gradingProgress: 'FullyGraded' } as const);
  const pendingNote = result.pendingManual ? ' Written work is awaiting marking.' : '';
  const fromNote = facts.from
    ? ` Grade from attempt ${facts.from.number} of ${facts.from.of} finished (${POLICY_LABELS[facts.from.policy]} counts).`
    : '';
  const title = (id: string) => framework.competencies.find((c) => c.id === id)?.title ?? id;
  const perCompetencyText = Object.entries(result.competencies)
    .map(([id, c]) => `${id} ${title(id)}: ${levelText(framework, c.level, c.percent)}`)
    .join('; ');
  const overall: TargetScore = {
    target: 'overall',
    userId: facts.userId,
    ...(facts.finished
      ? { scoreGiven: round2(result.overall.fraction * facts.pointsPossible) }
      : {}),
    scoreMaximum: facts.pointsPossible,
    ...progressOf(result.pendingManual),
    comment:
      markerText(facts.markerComments ?? []) +
      `Overall: ${levelText(framework, result.overall.level, result.overall.percent)}. ${perCompetencyText}.${pendingNote}${fromNote}`.slice(
        0,
        MAX_COMMENT,
      ),
  };
  if (!facts.perCompetency) return [overall];
  const perCompetency = Object.entries(result.competencies).map(([id, c]): TargetScore => {
    const descriptor = framework.competencies.find((x) => x.id === id)?.levels[
      c.level ?? 'not-yet'
    ];
    return {
      target: id,
      userId: facts.userId,
      ...(facts.finished
        ? { scoreGiven: round2(((c.percent ?? 0) / 100) * facts.pointsPossible) }
        : {}),
      scoreMaximum: facts.pointsPossible,
      ...progressOf(c.pendingManual),
      comment:
        `${levelText(framework, c.level, c.percent)}${c.level && descriptor ? `: ${descriptor}` : ''}${c.pendingManual ? ' Written work is awaiting marking.' : ''}`.slice(
          0,
          MAX_COMMENT,
        ),
    };
  });
  return [overall, ...perCompetency];
}
