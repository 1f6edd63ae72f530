/**
 * The grades API types (GET/POST /api/grades...), declared once in the API contract
 * (server/api/grades/contract.ts) and imported here as types only.
 */
export type {
  ConnectionCheck,
  Delivery,
  DeliveryCounts,
  DeliveryStatus,
  GradesOverview,
  RetryBody,
  RetryResult,
} from '../../server/api/contract.js';
