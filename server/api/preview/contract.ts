/**
 * The preview API contract (POST /api/preview/answers, /start, /step, /back): a case's answer key for
 * staff, and a try-out whose state the browser holds. The try-out's attempt and feedback have the
 * player's own shapes. Types only; see server/api/contract.ts.
 */
import type {
  AttemptView,
  CompetencyRef,
  FeedbackView,
  Markdown,
  MarkerRubricCriterion,
  StepView,
  TextItem,
} from '../player/contract.js';
import type { PreviewState } from './schema.js';

export type { CaseBody, CaseRef, PreviewState, StateBody, StepBody } from './schema.js';

/** Points a choice or a step gives one competency. */
export interface Points {
  competency: CompetencyRef;
  points: number;
}

export interface StepTarget {
  id: string;
  title: string;
}

export interface OptionKey {
  id: string;
  text: string;
  /** Single choice: worth the most. Multi-select: worth choosing. */
  best: boolean;
  harmful: boolean;
  points: Points[];
  feedback: Markdown;
  /** Where choosing it leads, when the option has its own branch. */
  leadsTo: StepTarget | null;
}

/** What a step rewards: the fields of its kind (none for a narrative or a debrief). */
export interface StepKey {
  options?: OptionKey[];
  expertOrder?: TextItem[];
  explanation?: Markdown;
  pairs?: Array<{ left: TextItem; right: TextItem | null; explanation: Markdown }>;
  questions?: Array<{
    id: string;
    domain: string;
    text: string;
    answer: Markdown;
    feedback: Markdown;
    relevant: boolean;
    intrusive: boolean;
    askAfter: string[];
  }>;
  rubric?: MarkerRubricCriterion[];
  modelAnswer?: Markdown | null;
}

/** One step of the answer key: the task as students see it, what it rewards, where it leads. */
export interface StepAnswers {
  task: StepView;
  possible: Points[];
  next: null | { branches: Array<{ when: string; to: StepTarget }>; otherwise: StepTarget };
  key: StepKey;
}

/** POST /api/preview/answers. */
export interface AnswerKey {
  case: { id: string; version: number; title: string };
  steps: StepAnswers[];
}

/** POST /api/preview/start, /step and /back: the try-out where it stands, and the state to send next. */
export interface PreviewView {
  state: PreviewState;
  attempt: AttemptView;
  /** Only from /step: the feedback on the answer just given. */
  feedback?: FeedbackView | null;
}
