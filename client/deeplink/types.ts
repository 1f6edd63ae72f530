/** The case picker's view of the deep-linking API (GET /api/deeplink/cases, POST /api/deeplink/response). */
export type {
  CaseCatalogue,
  CasePreview,
  CatalogueCase,
  DeepLinkResponse,
  NewActivityInput,
  StepView,
} from '../../server/api/contract.js';

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
