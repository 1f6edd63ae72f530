/** The activity settings API (GET/PUT /api/placement, GET /api/placement/cases), as the form uses it. */
import type { ActivitySettings } from '../../shared/activity/types.js';

export type { CaseSummary } from '../../shared/activity/types.js';

export interface Settings extends ActivitySettings {
  caseId: string;
  title: string;
  attemptsStarted: number;
}

export interface SettingsInput extends ActivitySettings {
  /** Only while no student has started. */
  caseId?: string;
}
