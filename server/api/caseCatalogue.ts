/**
 * The cases an instructor can choose from, as the case picker and the activity settings show them:
 * what each is about, what it assesses with its own weights, and whether it has written answers to
 * mark. Never its answers or feedback.
 */
import type { CaseLibrary } from '../cases/loader.js';

export function caseCatalogue(library: CaseLibrary) {
  const competencyTitle = (id: string) =>
    library.framework.competencies.find((c) => c.id === id)?.title ?? id;
  return [...library.cases.values()].map((c) => ({
    id: c.id,
    title: c.title,
    summary: c.summary,
    themes: c.themes,
    competencies: c.competencies.map((id) => ({
      id,
      title: competencyTitle(id),
      weight: c.weights?.[id] ?? 1,
    })),
    estimatedMinutes: c.estimatedMinutes,
    audience: c.audience,
    contentWarnings: c.contentWarnings ?? [],
    hasFreeText: c.steps.some((step) => step.kind === 'free-text'),
  }));
}
