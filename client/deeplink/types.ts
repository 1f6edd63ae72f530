/** The case picker's view of the deep-linking API (GET /api/deeplink/cases, POST /api/deeplink/response). */
import type { GradingMode } from '../shared/GradingFields.js';

// Both the picker and the settings form offer the same choice.
export type { GradingMode };

export interface CaseSummary {
  id: string;
  title: string;
  summary: string;
  themes: number[];
  competencies: Array<{ id: string; title: string }>;
  estimatedMinutes: number;
  audience: string;
  contentWarnings: string[];
}

export interface DeepLinkChoice {
  caseId: string;
  grading: GradingMode;
  pointsPossible: number;
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
