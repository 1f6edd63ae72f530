/**
 * An activity's settings as the case picker and the settings page both offer them, and the case
 * catalogue they choose from (GET /api/deeplink/cases, GET /api/placement/cases): declared once in
 * the API contract (server/api/placement/contract.ts) and imported here as types only.
 */
export type {
  ActivitySettings,
  AttemptPolicy,
  CatalogueCase,
  FacilitatorGuide,
  GradingMode,
} from '../../../server/api/contract.js';
