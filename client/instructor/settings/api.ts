/** The activity settings calls. */
import { apiRequest } from '../../shared/api.js';
import type { CaseCatalogue, PlacementView, SettingsInput, SettingsSaved } from './types.js';

export const settingsApi = (ltik: string) => ({
  load: () => apiRequest<PlacementView>(ltik, '/placement'),
  cases: () => apiRequest<CaseCatalogue>(ltik, '/placement/cases').then((b) => b.cases),
  save: (input: SettingsInput) =>
    apiRequest<SettingsSaved>(ltik, '/placement', {
      method: 'PUT',
      body: JSON.stringify(input),
    }),
});
