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

/** GET /api/library/placement: the activity's version setting and its case's published versions. */
export interface VersionChoiceView {
  /** False for a built-in case, which has one version. */
  libraryCase: boolean;
  /** null: follow the latest published version. */
  caseVersion: number | null;
  latestVersion: number;
  /** Newest first. */
  versions: Array<{ version: number; publishedAt: string | null }>;
}
