/** The step map as POST /api/library/validate sends it, from the API contract. */
import type { StepMapView } from '../../../server/api/contract.js';

export type { StepMapView };
export type StepMapNode = StepMapView['nodes'][number];
export type StepMapEdge = StepMapView['edges'][number];
