/**
 * The case library API types (/api/library), declared once in the API contract
 * (server/api/library/contract.ts) and imported here as types only.
 */
export type {
  CaseEntry,
  CaseWithProblems,
  Competency,
  CreateInput,
  LibraryCase,
  LibraryList,
  Problem,
  Published,
  PublishInput,
  SaveInput,
  Validated,
  ValidateInput,
} from '../../server/api/contract.js';
