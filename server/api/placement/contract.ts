/**
 * The activity API contract: the case catalogue an instructor chooses from (GET /api/placement/cases,
 * GET /api/deeplink/cases) and an activity's settings (GET/PUT /api/placement), as the settings page
 * and the case picker show them. Types only; see server/api/contract.ts.
 */
import type { z } from 'zod';
import type { AttemptPolicy } from '../../grades/attemptPolicy.js';
import type { CaseSource, ReviewStatus } from '../caseCatalogue.js';
import type { newActivityBody, settingsBody } from './schema.js';

export type { AttemptPolicy } from '../../grades/attemptPolicy.js';
export type { CaseSource, ReviewStatus } from '../caseCatalogue.js';

/** PUT /api/placement, as sent: the case only while no student has started. */
export type SettingsInput = z.input<typeof settingsBody>;
/** POST /api/deeplink/response, as sent: a new activity, its case and its settings. */
export type NewActivityInput = z.input<typeof newActivityBody>;

export type GradingMode = SettingsInput['grading']['mode'];

/** A plan for a group debrief after the case; activities, questions and notes are markdown. */
export interface FacilitatorGuide {
  minutes: number;
  outline: Array<{ minutes: number; activity: string }>;
  questions: string[];
  notes: string | null;
}

/** One case an instructor can choose, without its answers or feedback. */
export interface CatalogueCase {
  id: string;
  version: number;
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

/** GET /api/placement/cases and GET /api/deeplink/cases. */
export interface CaseCatalogue {
  cases: CatalogueCase[];
}

/** An activity's settings as stored, in the shape they are sent back. */
export interface ActivitySettings {
  /** null: unlimited. */
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

/** The placed activity's settings, with its case and how many attempts have begun. */
export interface PlacementSettings extends ActivitySettings {
  caseId: string;
  title: string;
  attemptsStarted: number;
}

/** GET /api/placement. */
export interface PlacementView {
  notSetUp: boolean;
  /** Why there is no placement (only when notSetUp). */
  problem?: 'not-set-up' | 'unknown-case';
  settings: PlacementSettings | null;
}

/** PUT /api/placement. */
export interface SettingsSaved {
  settings: PlacementSettings;
  /** How many students' scores are being sent again after a grading change. */
  regraded: number;
}
