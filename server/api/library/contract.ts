/**
 * The case library API contract (/api/library): the cases a course can author, one opened for
 * editing with its validator problems, and what each change answers. Types only; see
 * server/api/contract.ts.
 */
import type { z } from 'zod';
import type { CaseSource, ReviewStatus } from '../caseCatalogue.js';
import type { StepMapView } from './presentStepMap.js';

export type { StepMapView };
import type {
  createBody,
  publishBody,
  saveBody,
  validateBody,
  placementVersionBody,
} from './schema.js';

/** POST /api/library/cases, as sent: how a new case starts (the owner defaults to the course). */
export type CreateInput = z.input<typeof createBody>;
/** PUT /api/library/cases/:id/draft. */
export type SaveInput = z.input<typeof saveBody>;
/** POST /api/library/cases/:id/publish. */
export type PublishInput = z.input<typeof publishBody>;
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

/** PUT /api/library/placement, as sent. */
export type VersionChoiceInput = z.input<typeof placementVersionBody>;

/** PUT /api/library/placement: the setting saved. */
export interface VersionChoiceSaved {
  caseVersion: number | null;
  latestVersion: number;
}

/** POST /api/library/validate. */
export type ValidateInput = z.input<typeof validateBody>;

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

/** A validator problem, pointing at a line and a field where it can. */
export interface Problem {
  severity: 'error' | 'warning';
  message: string;
  line: number | null;
  column: number | null;
  step: string | null;
  field: string | null;
}

/** A competency of the framework, for the editor's scores, points and rubric criteria. */
export interface Competency {
  id: string;
  title: string;
}

/** GET /api/library/cases. */
export interface LibraryList {
  cases: CaseEntry[];
  abilities: { editInstitutionCases: boolean };
  framework: Competency[];
}

/** POST /api/library/cases, GET /api/library/cases/:id, PUT /api/library/cases/:id/draft. */
export interface CaseWithProblems {
  case: LibraryCase;
  problems: Problem[];
}

/** POST /api/library/cases/:id/publish. */
export interface Published {
  version: number;
  case: LibraryCase;
}

/** POST /api/library/validate: the problems, and the step map (null when the text does not parse). */
export interface Validated {
  problems: Problem[];
  map: StepMapView | null;
}

/** One of a case's images in the editor's list, with a signed URL to show it. */
export interface CaseImage {
  id: string;
  alt: string;
  contentType: string;
  size: number;
  width: number;
  height: number;
  createdAt: string;
  /** A signed URL, valid for a while, to show it. */
  url: string;
}

/** GET /api/library/cases/:id/images: the case's images and the size limits they keep within. */
export interface CaseImageList {
  images: CaseImage[];
  limits: { maxImageBytes: number; maxCaseBytes: number };
}

/** POST /api/library/cases/:id/images. */
export interface CaseImageUploaded {
  image: CaseImage;
}
