/** The activity settings API (GET/PUT /api/placement, GET /api/placement/cases), as the form uses it. */
import type { GradingMode } from '../../shared/GradingFields.js';

// Both the picker and the settings form offer the same choice.
export type { GradingMode };

export interface Settings {
  caseId: string;
  title: string;
  attemptsStarted: number;
  attemptsAllowed: number | null;
  newAttemptStartsFresh: boolean;
  dueAt: string | null;
  grading: { mode: GradingMode; pointsPossible: number; weights: Record<string, number> };
}

export interface SettingsInput {
  caseId?: string;
  attemptsAllowed: number | null;
  newAttemptStartsFresh: boolean;
  dueAt: string | null;
  grading: { mode: GradingMode; pointsPossible: number; weights: Record<string, number> };
}

export interface CaseChoice {
  id: string;
  title: string;
  estimatedMinutes: number;
  competencies: string[];
}
