/**
 * The activity settings API types (GET/PUT /api/placement, GET /api/placement/cases, and the version
 * choice of GET/PUT /api/library/placement), declared once in the API contract
 * (server/api/placement/contract.ts, server/api/library/contract.ts) and imported here as types only.
 */
export type {
  CaseCatalogue,
  CatalogueCase,
  PlacementSettings,
  PlacementView,
  SettingsInput,
  SettingsSaved,
  VersionChoiceInput,
  VersionChoiceSaved,
  VersionChoiceView,
} from '../../../server/api/contract.js';
