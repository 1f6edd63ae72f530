/** The authoring page's calls to the case library API. */
import { ApiError, apiRequest } from '../shared/api.js';
import type { StepMapView } from './map/types.js';
import type { CaseEntry, CaseWithProblems, CreateRequest, LibraryCase, Problem } from './types.js';

/** The library API as the ltik's launch. */
export function libraryApi(ltik: string) {
  const json = (method: string, body: unknown): RequestInit => ({
    method,
    body: JSON.stringify(body),
  });
  return {
    list: () =>
      apiRequest<{ cases: CaseEntry[]; abilities: { editInstitutionCases: boolean } }>(
        ltik,
        '/library/cases',
      ),
    create: (request: CreateRequest) =>
      apiRequest<CaseWithProblems>(ltik, '/library/cases', json('POST', request)),
    open: (id: string) =>
      apiRequest<CaseWithProblems>(ltik, `/library/cases/${encodeURIComponent(id)}`),
    save: (id: string, source: string, revision: number) =>
      apiRequest<CaseWithProblems>(
        ltik,
        `/library/cases/${encodeURIComponent(id)}/draft`,
        json('PUT', { source, revision }),
      ),
    publish: (id: string, revision: number) =>
      apiRequest<{ version: number; case: LibraryCase }>(
        ltik,
        `/library/cases/${encodeURIComponent(id)}/publish`,
        json('POST', { revision }),
      ),
    validate: (source: string) =>
      apiRequest<{ problems: Problem[]; map: StepMapView | null }>(
        ltik,
        '/library/validate',
        json('POST', { source }),
      ),
    /** The case's YAML (its draft, or its latest version for a built-in case) as a file. */
    async exportFile(id: string): Promise<{ name: string; text: string }> {
      const res = await fetch(`/api/library/cases/${encodeURIComponent(id)}/export`, {
        headers: { Authorization: `Bearer ${ltik}` },
        credentials: 'omit',
      });
      if (!res.ok)
        throw new ApiError(res.status, 'export_failed', `Export failed (HTTP ${res.status}).`);
      const disposition = res.headers.get('content-disposition') ?? '';
      const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `${id}.yaml`;
      return { name, text: await res.text() };
    },
  };
}

export type LibraryApi = ReturnType<typeof libraryApi>;
