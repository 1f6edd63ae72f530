/** The activity settings calls. */
import { apiRequest } from '../../shared/api.js';
import type {
  CaseCatalogue,
  PlacementView,
  SettingsInput,
  SettingsSaved,
  VersionChoiceInput,
  VersionChoiceSaved,
  VersionChoiceView,
} from './types.js';

export const settingsApi = (ltik: string) => ({
  load: () => apiRequest<PlacementView>(ltik, '/placement'),
  cases: () => apiRequest<CaseCatalogue>(ltik, '/placement/cases').then((b) => b.cases),
  save: (input: SettingsInput) =>
    apiRequest<SettingsSaved>(ltik, '/placement', {
      method: 'PUT',
      body: JSON.stringify(input),
    }),
  versionChoice: () => apiRequest<VersionChoiceView>(ltik, '/library/placement'),
  saveVersionChoice: (caseVersion: number | null) =>
    apiRequest<VersionChoiceSaved>(ltik, '/library/placement', {
      method: 'PUT',
      body: JSON.stringify({ caseVersion } satisfies VersionChoiceInput),
    }),
});
