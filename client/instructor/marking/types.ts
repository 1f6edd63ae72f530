/**
 * The marking API types (GET/PUT /api/marking...), declared once in the API contract
 * (server/api/marking/contract.ts) and imported here as types only.
 */
export type {
  ItemRef,
  MarkBody,
  MarkerRubricCriterion,
  MarkingItem,
  MarkingQueue,
  MarkStatus,
  QueueItem,
  SimilarAnswer,
} from '../../../server/api/contract.js';
