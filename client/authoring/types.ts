/** The authoring page's view of the case library API (/api/library). */
import type { CaseSource, ReviewStatus } from '../shared/CaseSourceLabel.js';

/** A case in the library list: built in, or the institution's or the course's. */
export interface CaseEntry {
  id: string;
  title: string;
  source: CaseSource;
  reviewStatus: ReviewStatus;
  /** The latest published version; 0 for a draft never published. */
  latestVersion: number;
  canEdit: boolean;
}

/** A library case opened for editing. */
export interface LibraryCase extends CaseEntry {
  adaptedFrom: { caseId: string; version: number | null } | null;
  draft: { source: string; revision: number; savedAt: string | null; savedByName: string | null };
}

/** A competency of the framework, for the forms' scores and criteria. */
export interface Competency {
  id: string;
  title: string;
}

/** A validator problem, pointing at a line and a field where it can. */
export interface Problem {
  severity: 'error' | 'warning';
  message: string;
  line: number | null;
  column: number | null;
  step: string | null;
  field: string | null;
}

export interface CaseWithProblems {
  case: LibraryCase;
  problems: Problem[];
}

/** How a new case starts. */
export type CreateRequest =
  | { start: 'template'; owner: 'course' | 'institution' }
  | { start: 'adapt'; caseId: string; owner: 'course' | 'institution' }
  | { start: 'import'; source: string; owner: 'course' | 'institution' };
