/**
 * The cases an instructor can choose from, as the case picker and the activity settings show them:
 * what each is about, what it assesses with its own weights, how long it takes to read, whether it
 * has written answers to mark, and the facilitator guide for a group debrief. Never its answers or
 * feedback. Only instructors reach it (deeplink:respond, the placement settings). Each case says
 * where it comes from (built in, or the tenant's library) and whether it has been reviewed.
 */
import type { CaseLibrary } from '../cases/loader.js';
import { readingTime } from '../cases/reading-time.js';
import type { CaseModule, FacilitatorGuide } from '../cases/schema.js';
import type { LibraryEntry } from '../library/list.js';
import type { CatalogueCase, FacilitatorGuide as GuideView } from './placement/contract.js';

/** Where a case comes from: config/cases, or the tenant's library (the institution's or the course's). */
export type CaseSource = 'built-in' | 'institution' | 'course';
/** reviewed: every review the case lists is done; draft: a library case never published. */
export type ReviewStatus = 'reviewed' | 'not-reviewed' | 'draft';

/** Reviewed when the case lists reviews and every one of them has taken place. */
export function reviewStatusOf(caseModule: CaseModule): Exclude<ReviewStatus, 'draft'> {
  const reviews = caseModule.reviews ?? [];
  return reviews.length > 0 && reviews.every((r) => r.status === 'done')
    ? 'reviewed'
    : 'not-reviewed';
}

function presentGuide(guide: FacilitatorGuide): GuideView {
  return {
    minutes: guide.minutes,
    outline: guide.outline.map(({ minutes, activity }) => ({ minutes, activity })),
    questions: [...guide.questions],
    notes: guide.notes ?? null,
  };
}

/** The built-in cases, then the library's (published ones only). */
export function caseCatalogue(
  library: CaseLibrary,
  libraryCases: readonly LibraryEntry[] = [],
): CatalogueCase[] {
  const competencyTitle = (id: string) =>
    library.framework.competencies.find((c) => c.id === id)?.title ?? id;
  return [
    ...[...library.cases.values()].map((caseModule) => ({
      caseModule,
      source: 'built-in' as CaseSource,
    })),
    ...libraryCases,
  ].map(({ caseModule: c, source }) => ({
    id: c.id,
    version: c.version,
    source,
    reviewStatus: reviewStatusOf(c) as ReviewStatus,
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
