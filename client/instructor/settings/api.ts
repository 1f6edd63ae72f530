/** The activity settings calls. */
import { apiRequest } from '../../shared/api.js';
import type { CaseSummary, Settings, SettingsInput, VersionChoiceView } from './types.js';

export const settingsApi = (ltik: string) => ({
  load: () => apiRequest<{ notSetUp: boolean; settings: Settings | null }>(ltik, '/placement'),
  cases: () => apiRequest<{ cases: CaseSummary[] }>(ltik, '/placement/cases').then((b) => b.cases),
  save: (input: SettingsInput) =>
    apiRequest<{ settings: Settings; regraded: number }>(ltik, '/placement', {
      method: 'PUT',
      body: JSON.stringify(input),
    }),
  versionChoice: () => apiRequest<VersionChoiceView>(ltik, '/library/placement'),
  saveVersionChoice: (caseVersion: number | null) =>
    apiRequest<{ caseVersion: number | null; latestVersion: number }>(ltik, '/library/placement', {
      method: 'PUT',
      body: JSON.stringify({ caseVersion }),
    }),
});
