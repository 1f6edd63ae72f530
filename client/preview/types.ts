/**
 * The preview API's contract (POST /api/preview/answers, /start, /step, /back), as the client sees
 * it. The try-out's attempt and feedback have the player's own shapes.
 */
import type {
  AttemptView,
  CompetencyRef,
  FeedbackView,
  Markdown,
  RubricLevelId,
  StepResponse,
  StepView,
  TextItem,
} from '../player/types.js';

/** Which case to preview: a built-in case today; instructors' drafts will be another source. */
/** A case the course sees, or the saved draft of a library case its author is editing. */
export type CaseRef = { source: 'library' | 'draft'; caseId: string };

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
  rubric?: Array<{
    id: string;
    title: string;
    competency: CompetencyRef;
    levels: Array<{
      level: RubricLevelId;
      label: string;
      descriptor: Markdown;
      points: number;
      example: Markdown | null;
    }>;
  }>;
  modelAnswer?: Markdown | null;
}

/** One step of the answer key: the task as students see it, what it rewards, where it leads. */
export interface StepAnswers {
  task: StepView;
  possible: Points[];
  next: null | { branches: Array<{ when: string; to: StepTarget }>; otherwise: StepTarget };
  key: StepKey;
}

export interface AnswerKey {
  case: { id: string; version: number; title: string };
  steps: StepAnswers[];
}

/** What the browser keeps between steps of a try-out. */
export interface PreviewState {
  path: string[];
  responses: Record<string, StepResponse>;
}

export interface PreviewView {
  state: PreviewState;
  attempt: AttemptView;
  feedback?: FeedbackView | null;
}
