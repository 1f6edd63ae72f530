/**
 * The dashboard API types (GET /api/dashboard), declared once in the API contract
 * (server/api/dashboard/contract.ts) and imported here as types only, beside the client's own
 * types for the CSV downloads.
 */
export type {
  BranchPath,
  BranchStat,
  Dashboard,
  DashboardStudent,
  Level,
  StudentStatus,
  SyncStatus,
} from '../../../server/api/contract.js';

/** Which CSV: the class and paths tables of the dashboard, and the item analysis. */
export type CsvTable = 'class' | 'paths' | 'items';

/** A CSV export, read as a file. */
export interface CsvFile {
  blob: Blob;
  filename: string;
}
