/**
 * The deep-linking API contract: a case previewed step by step (GET /api/deeplink/cases/:id/preview)
 * and the signed answer to the LMS (POST /api/deeplink/response). The catalogue and the new
 * activity's input are in placement/contract.ts. Types only; see server/api/contract.ts.
 */
import type { StepView } from '../player/contract.js';

/** GET /api/deeplink/cases/:id/preview: each step as a student meets it, no answers. */
export interface CasePreview {
  id: string;
  title: string;
  steps: StepView[];
}

/** POST /api/deeplink/response: the signed answer to post back to the LMS. */
export interface DeepLinkResponse {
  returnUrl: string;
  jwt: string;
}
