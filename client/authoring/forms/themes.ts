/** The study's eight themes (Khan et al. 2022; DESIGN.md), which a case names by number. */
export const THEMES: readonly { value: number; label: string }[] = [
  'Social innovation training in medical education',
  'Linking community working with social innovation',
  'Future curricula development',
  'Settings, context, environment and leaving the classroom',
  'Links with third-sector organisations and community, incl. low- and middle-income countries',
  "Learners' perspectives and lived experience",
  'Medical roles are political and need political support',
  'Power imbalances and the impact of discrimination',
].map((label, i) => ({ value: i + 1, label: `${i + 1}. ${label}` }));
