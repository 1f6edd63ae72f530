/**
 * The scores an attempt sends (AGS 2.0), as a pure function of the attempt's result: the overall line
 * item always, one per assessed competency when the placement grades per competency. Progress values:
 * Started/Pending while in progress; Submitted/PendingManual while written work awaits marking;
 * Completed/FullyGraded after. The comment carries the marker's comments on written answers (the
 * student reads them in the gradebook beside the grade) and the competency levels. While work awaits
 * marking it says what the gradebook holds meanwhile: Moodle keeps no grade for a score that is not
 * FullyGraded (mod/lti/service/gradebookservices/classes/local/resources/scores.php,
 * get_json_for_post_request, sets scoreGiven to null), Canvas keeps the provisional score.
 */
import type { Framework } from '../cases/competencies.js';
import { provisionalResult, type AttemptResult, type CompetencyResult } from '../cases/scoring.js';
import { POLICY_LABELS, type AttemptPolicy, type LmsHabits } from './attemptPolicy.js';

export interface ScoreFacts {
  userId: string;
  finished: boolean;
  result: AttemptResult;
  pointsPossible: number;
  perCompetency: boolean;
  framework: Framework;
  /** The marker's comments on written answers, in path order, each naming its step. */
  markerComments?: readonly string[];
  /** What the LMS does with a score awaiting marking (default: keeps no grade, as Moodle). */
  lms?: LmsHabits;
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

/** What the gradebook shows for a score awaiting marking, said in its comment. */
function holdNote(lms: LmsHabits): string {
  return lms.pendingBlanks
    ? 'The gradebook shows no grade until it is marked.'
    : 'The score shown is provisional: unmarked work counts 0 until it is marked.';
}

/** The scores to send for an attempt as it stands. */
export function scoresFor(facts: ScoreFacts): TargetScore[] {
  const { result, framework } = facts;
  const lms = facts.lms ?? { pendingBlanks: true };
  const progressOf = (pendingManual: boolean) =>
    !facts.finished
      ? ({ activityProgress: 'Started', gradingProgress: 'Pending' } as const)
      : pendingManual
        ? ({ activityProgress: 'Submitted', gradingProgress: 'PendingManual' } as const)
        : ({ activityProgress: 'Completed', gradingProgress: 'FullyGraded' } as const);
  // While work awaits marking, the levels in words are those of the marked work only, said so.
  const pending = facts.finished && result.pendingManual;
  const shown = pending ? provisionalResult(result, framework) : result;
  const levelOf = (c: CompetencyResult) =>
    c.percent === null && c.pendingManual
      ? 'awaiting marking'
      : levelText(framework, c.level, c.percent);
  const fromNote = facts.from
    ? ` Grade from attempt ${facts.from.number} of ${facts.from.of} finished (${POLICY_LABELS[facts.from.policy]} counts).`
    : '';
  const title = (id: string) => framework.competencies.find((c) => c.id === id)?.title ?? id;
  const perCompetencyText = Object.entries(shown.competencies)
    .map(([id, c]) => `${id} ${title(id)}: ${levelOf(c)}`)
    .join('; ');
  const overallText = `${levelText(framework, shown.overall.level, shown.overall.percent)}. ${perCompetencyText}.`;
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
      (pending
        ? `Submitted, written work awaiting marking. ${holdNote(lms)} Marked work so far: ${overallText}${fromNote}`
        : `Overall: ${overallText}${fromNote}`
      ).slice(0, MAX_COMMENT),
  };
  if (!facts.perCompetency) return [overall];
  const perCompetency = Object.entries(result.competencies).map(([id, c]): TargetScore => {
    const words = shown.competencies[id]!;
    const descriptor = framework.competencies.find((x) => x.id === id)?.levels[
      words.level ?? 'not-yet'
    ];
    const waiting = facts.finished && c.pendingManual;
    return {
      target: id,
      userId: facts.userId,
      ...(facts.finished
        ? { scoreGiven: round2(((c.percent ?? 0) / 100) * facts.pointsPossible) }
        : {}),
      scoreMaximum: facts.pointsPossible,
      ...progressOf(c.pendingManual),
      comment: (waiting
        ? `Written work awaiting marking. ${holdNote(lms)} Marked work so far: ${levelOf(words)}.`
        : `${levelOf(words)}${words.level && descriptor ? `: ${descriptor}` : ''}`
      ).slice(0, MAX_COMMENT),
    };
  });
  return [overall, ...perCompetency];
}
