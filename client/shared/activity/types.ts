/**
 * An activity's settings as the case picker and the settings page both offer them, and the case
 * catalogue they choose from (GET /api/deeplink/cases, GET /api/placement/cases).
 */
import type { CaseSource, ReviewStatus } from '../CaseSourceLabel.js';

export type GradingMode = 'overall' | 'per-competency';
/** Which of a student's attempts gives their grade. */
export type AttemptPolicy = 'best' | 'latest' | 'first';

export interface CaseSummary {
  id: string;
  title: string;
  /** Built in, or from the institution's or the course's library. */
  source: CaseSource;
  reviewStatus: ReviewStatus;
  summary: string;
  themes: number[];
  /** What the case assesses, with the weight each has in the overall score by default. */
  competencies: Array<{ id: string; title: string; weight: number }>;
  estimatedMinutes: number;
  /** Estimated from the case's text: reading at 200 words a minute, writing at 20. */
  readingMinutes: number;
  audience: string;
  contentWarnings: string[];
  /** The case has written answers, which an instructor marks unless they are practice. */
  hasFreeText: boolean;
  facilitatorGuide: FacilitatorGuide | null;
}

/** A plan for a group debrief after the case; activities, questions and notes are markdown. */
export interface FacilitatorGuide {
  minutes: number;
  outline: Array<{ minutes: number; activity: string }>;
  questions: string[];
  notes: string | null;
}

/** The settings sent to the API (the case and title travel beside them). */
export interface ActivitySettings {
  attemptsAllowed: number | null;
  newAttemptStartsFresh: boolean;
  dueAt: string | null;
  grading: {
    mode: GradingMode;
    pointsPossible: number;
    /** Competency id -> weight; empty: the case's own weights. */
    weights: Record<string, number>;
    markFreeText: boolean;
    attemptPolicy: AttemptPolicy;
  };
}
