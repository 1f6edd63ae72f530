/** The case picker's view of the deep-linking API (GET /api/deeplink/cases, POST /api/deeplink/response). */
import type { StepImage } from '../shared/StepFigure.js';
import type { ActivitySettings } from '../shared/activity/types.js';

export type { CaseSummary } from '../shared/activity/types.js';

/** A new activity: the case and its settings. */
export interface DeepLinkChoice extends ActivitySettings {
  caseId: string;
}

/** The signed answer to post back to the LMS. */
export interface DeepLinkResponse {
  returnUrl: string;
  jwt: string;
}

/** The study's eight themes (Khan et al., BMJ Innovations 2022), by number. */
export const THEMES: Record<number, string> = {
  1: 'Social innovation training',
  2: 'Community working and social innovation',
  3: 'Future curricula development',
  4: 'Settings, context and leaving the classroom',
  5: 'Third sector, community and LMIC links',
  6: "Learners' perspectives and lived experience",
  7: 'Political roles and support',
  8: 'Power imbalances and discrimination',
};

/** A step of a case as a student meets it (GET /api/deeplink/cases/:id/preview): the task, no answers. */
export interface PreviewStep {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  images: StepImage[];
  prompt?: string;
  options?: Array<{ id: string; text: string }>;
  items?: Array<{ id: string; text: string }>;
  left?: Array<{ id: string; text: string }>;
  right?: Array<{ id: string; text: string }>;
  questions?: Array<{ id: string; domain: string; text: string }>;
  rubric?: Array<{ id: string; title: string }>;
}
