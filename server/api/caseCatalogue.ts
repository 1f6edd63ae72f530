/**
 * The cases an instructor can choose from, as the case picker and the activity settings show them:
 * what each is about, what it assesses with its own weights, how long it takes to read, whether it
 * has written answers to mark, and the facilitator guide for a group debrief. Never its answers or
 * feedback. Only instructors reach it (deeplink:respond, the placement settings).
 */
import type { CaseLibrary } from '../cases/loader.js';
import { readingTime } from '../cases/reading-time.js';
import type { FacilitatorGuide } from '../cases/schema.js';

function presentGuide(guide: FacilitatorGuide) {
  return {
    minutes: guide.minutes,
    outline: guide.outline.map(({ minutes, activity }) => ({ minutes, activity })),
    questions: [...guide.questions],
    notes: guide.notes ?? null,
  };
}

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
    /** Estimated from the text: words to read at 200 a minute, minimum words to write at 20. */
    readingMinutes: Math.round(readingTime(c).minutes),
    audience: c.audience,
    contentWarnings: c.contentWarnings ?? [],
    hasFreeText: c.steps.some((step) => step.kind === 'free-text'),
    facilitatorGuide: c.facilitatorGuide ? presentGuide(c.facilitatorGuide) : null,
  }));
}
