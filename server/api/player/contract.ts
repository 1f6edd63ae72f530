/**
 * The player's JSON API contract (GET/POST /api/player...): what each route returns and accepts.
 * The presenters are annotated with these types and the client imports them (type-only) through
 * server/api/contract.ts, so a change here breaks whichever side no longer agrees.
 * Markdown fields hold CommonMark that the page renders without raw HTML.
 */
import type { RubricCriterion as CaseRubricCriterion } from '../../cases/schema.js';

export type { StepResponse } from '../../cases/engine.js';
export type { BackBody, DraftBody, ResponseBody } from './schema.js';

/** Markdown text from a case. */
export type Markdown = string;

export interface CompetencyRef {
  id: string;
  title: string;
}

export interface LevelRef {
  id: string;
  label: string;
}

export type AttemptStatus = 'in-progress' | 'finished';

export interface CaseSummary {
  id: string;
  version: number;
  title: string;
  summary: Markdown;
  estimatedMinutes: number;
  audience: string;
  learningObjectives: string[];
  contentWarnings: string[];
  themes: number[];
  competencies: CompetencyRef[];
}

/** The activity's attempt rules, as the student's start page states them. */
export interface AttemptRules {
  /** null: unlimited. */
  attemptsAllowed: number | null;
  attemptsUsed: number;
  dueAt: string | null;
  pastDue: boolean;
  newAttemptStartsFresh: boolean;
}

export interface AttemptSummary {
  id: string;
  number: number;
  status: AttemptStatus;
  startedAt: string;
  finishedAt: string | null;
  late: boolean;
  result: null | { percent: number; level: LevelRef | null; pendingManual: boolean };
}

/** GET /api/player. */
export interface PlayerHome {
  notSetUp: boolean;
  /** Why there is no placement (only when notSetUp). */
  problem?: 'not-set-up' | 'unknown-case';
  placement: null | { title: string; case: CaseSummary; policy: AttemptRules };
  attempts: AttemptSummary[];
  canStartNew: boolean;
}

export interface TextItem {
  id: string;
  text: string;
}

export interface StepImage {
  src: string;
  /** Pixels, stored at upload: the page keeps the image's space while it loads. */
  width: number | null;
  height: number | null;
  alt: string;
  caption: string | null;
}

interface StepBase {
  id: string;
  title: string;
  body: Markdown | null;
  images: StepImage[];
}

export type RubricLevelId = CaseRubricCriterion['levels'][number]['level'];

export interface RubricCriterion {
  id: string;
  title: string;
  competency: CompetencyRef;
  levels: Array<{ level: RubricLevelId; label: string; descriptor: Markdown }>;
}

/**
 * A rubric as markers read it (marking, the preview's answer key): what each level earns and its
 * example answer, never sent to students, to whom the examples would be answer keys.
 */
export interface MarkerRubricCriterion extends Omit<RubricCriterion, 'levels'> {
  levels: Array<RubricCriterion['levels'][number] & { points: number; example: Markdown | null }>;
}

export interface ScreeningQuestion {
  id: string;
  domain: string;
  text: string;
}

export interface FurtherReading {
  id: string;
  citation: string;
  doi: string | null;
  url: string | null;
}

export type NarrativeStep = StepBase & { kind: 'narrative' };
export type SingleChoiceStep = StepBase & {
  kind: 'single-choice';
  prompt: Markdown;
  options: TextItem[];
};
export type MultiSelectStep = StepBase & {
  kind: 'multi-select';
  prompt: Markdown;
  options: TextItem[];
  minSelections: number | null;
  maxSelections: number | null;
};
export type RankingStep = StepBase & { kind: 'ranking'; prompt: Markdown; items: TextItem[] };
export type MatchingStep = StepBase & {
  kind: 'matching';
  prompt: Markdown;
  left: TextItem[];
  right: TextItem[];
};
export type ScreeningStep = StepBase & {
  kind: 'screening';
  prompt: Markdown;
  tool: string;
  questions: ScreeningQuestion[];
  maxQuestions: number | null;
};
export type FreeTextStep = StepBase & {
  kind: 'free-text';
  prompt: Markdown;
  minWords: number | null;
  maxWords: number;
  /** false: the answer is practice, neither marked nor counted in the grade. */
  marked: boolean;
  rubric: RubricCriterion[];
  /** What makes an answer "not yet" whatever else it does (markdown). */
  automaticNotYet: Markdown[];
};
export type DebriefStep = StepBase & { kind: 'debrief'; furtherReading: FurtherReading[] };

/** The current step, without anything that would give the answer away. */
export type StepView =
  | NarrativeStep
  | SingleChoiceStep
  | MultiSelectStep
  | RankingStep
  | MatchingStep
  | ScreeningStep
  | FreeTextStep
  | DebriefStep;

export type StepKind = StepView['kind'];

export interface CompetencyResult {
  id: string;
  title: string;
  description: string;
  earned: number;
  possible: number;
  percent: number | null;
  level: (LevelRef & { descriptor: string }) | null;
  pendingManual: boolean;
  /** Points awaiting marking, left out of `possible` while the profile is provisional. */
  pendingPossible: number;
}

export interface ResultView {
  /** Free-text work awaits the instructor's marking. */
  pendingManual: boolean;
  /** Over the marked work only, until everything is marked. */
  provisional: boolean;
  overall: { percent: number; level: LevelRef | null };
  competencies: CompetencyResult[];
}

export interface PathEntry {
  id: string;
  title: string;
  kind: StepKind;
  /** Answered and left: its feedback can be opened again (GET .../steps/:stepId/feedback). */
  hasFeedback: boolean;
}

export interface AttemptProgress {
  path: PathEntry[];
  /** Index into `path` of the step the student is on. */
  current: number;
  /** The steps this attempt is likely to have in all (branches make it an estimate). */
  estimatedTotal: number;
  /** Every route from here has the same length: the total is exact. */
  totalIsExact: boolean;
}

export interface AttemptView {
  id: string;
  number: number;
  revision: number;
  status: AttemptStatus;
  late: boolean;
  startedAt: string;
  /** Steps reached so far; `current` indexes into `path`. */
  progress: AttemptProgress;
  facts: Array<{ label: string; value: string }>;
  canGoBack: boolean;
  step: StepView;
  /** Autosaved free-text draft of the current step. */
  draft: string | null;
  result: ResultView | null;
  /** Written answers with the marker's levels and comment (finished attempts only). */
  writtenWork: WrittenAnswer[];
}

/** One written answer in the results, as marked. */
export interface WrittenAnswer {
  stepId: string;
  title: string;
  answer: string;
  /** False: practice, not marked. */
  marked: boolean;
  awaitingMarking: boolean;
  criteria: Array<{
    id: string;
    title: string;
    competencyId: string;
    maxPoints: number;
    /** The level the marker chose; null until marked. */
    level: { id: string; label: string; descriptor: Markdown; points: number } | null;
  }>;
  /** The marker's own words; null when they wrote none. */
  comment: string | null;
  modelAnswer: Markdown | null;
}

export interface ChoiceFeedback {
  id: string;
  text: string;
  feedback: Markdown;
  harmful: boolean;
  best: boolean;
}

export interface EarnedPoints {
  competency: CompetencyRef;
  earned: number;
  possible: number;
  /** A written answer's points: marked later, so nothing is earned yet. */
  awaitingMarking: boolean;
}

interface FeedbackBase {
  stepId: string;
  title: string;
  earned: EarnedPoints[];
}

export type SingleChoiceFeedback = FeedbackBase & {
  kind: 'single-choice';
  details: { chosen: ChoiceFeedback; others: ChoiceFeedback[] };
};
export type MultiSelectFeedback = FeedbackBase & {
  kind: 'multi-select';
  details: {
    options: Array<{
      id: string;
      text: string;
      chosen: boolean;
      recommended: boolean;
      harmful: boolean;
      feedback: Markdown;
    }>;
  };
};
export type RankingFeedback = FeedbackBase & {
  kind: 'ranking';
  details: { yours: TextItem[]; expert: TextItem[]; explanation: Markdown };
};
export type MatchingFeedback = FeedbackBase & {
  kind: 'matching';
  details: {
    pairs: Array<{
      left: TextItem;
      chosen: TextItem;
      correct: TextItem;
      isCorrect: boolean;
      explanation: Markdown;
    }>;
  };
};
export type ScreeningFeedback = FeedbackBase & {
  kind: 'screening';
  details: {
    asked: Array<
      ScreeningQuestion & {
        answer: Markdown;
        feedback: Markdown;
        relevant: boolean;
        intrusive: boolean;
      }
    >;
    missed: Array<ScreeningQuestion & { feedback: Markdown }>;
  };
};
export type FreeTextFeedback = FeedbackBase & {
  kind: 'free-text';
  details: { wordCount: number; pendingMarking: boolean; modelAnswer: Markdown | null };
};

/** What the student sees after answering a step (narratives have none). */
export type FeedbackView =
  | SingleChoiceFeedback
  | MultiSelectFeedback
  | RankingFeedback
  | MatchingFeedback
  | ScreeningFeedback
  | FreeTextFeedback;

/** POST /api/player/attempts/:id/responses. */
export interface SubmitResult {
  feedback: FeedbackView | null;
  attempt: AttemptView;
}

/** PUT /api/player/attempts/:id/draft. */
export interface DraftSaved {
  savedAt: string;
}
