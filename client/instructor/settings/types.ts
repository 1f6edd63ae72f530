/**
 * The activity settings API types (GET/PUT /api/placement, GET /api/placement/cases), declared once
 * in the API contract (server/api/placement/contract.ts) and imported here as types only.
 */
export type {
  CaseCatalogue,
  CatalogueCase,
  PlacementSettings,
  PlacementView,
  SettingsInput,
  SettingsSaved,
} from '../../../server/api/contract.js';
