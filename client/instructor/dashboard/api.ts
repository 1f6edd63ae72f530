/** The instructor page's calls to /api/dashboard, bound to the launch's ltik. */
import { apiRequest, ApiError, type ErrorBody } from '../../shared/api.js';
import type { CsvFile, CsvTable, Dashboard } from './types.js';

export interface DashboardApi {
  /** The class of this activity. Rejects with 404 when no case is placed. */
  overview(): Promise<Dashboard>;
  /** The class, the paths taken or the item analysis, as a CSV file (one table per file). */
  csv(table: CsvTable): Promise<CsvFile>;
}

const CSV_PATHS: Record<CsvTable, string> = {
  class: '/api/dashboard.csv',
  paths: '/api/dashboard/paths.csv',
  items: '/api/analysis.csv',
};

/** The file name the server chose (Content-Disposition), or a plain default. */
function filenameOf(disposition: string | null): string {
  const match = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return match?.[1] ?? 'class.csv';
}

/** The dashboard API for one launch. */
export function dashboardApi(ltik: string): DashboardApi {
  return {
    overview: () => apiRequest<Dashboard>(ltik, '/dashboard'),
    // Not a plain link: the request needs the ltik in its Authorization header.
    async csv(table) {
      let res: Response;
      try {
        res = await fetch(CSV_PATHS[table], {
          headers: { Authorization: `Bearer ${ltik}` },
          credentials: 'omit',
        });
      } catch {
        throw new ApiError(0, 'network', 'Upstream could not be reached. Try again.');
      }
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as ErrorBody | null;
        throw new ApiError(
          res.status,
          body?.error.id ?? 'unknown',
          body?.error.message ?? `The download failed (HTTP ${res.status}).`,
        );
      }
      return {
        blob: await res.blob(),
        filename: filenameOf(res.headers.get('content-disposition')),
      };
    },
  };
}
