/** The case picker's filters: search, choices derived from the library, and the card's wording. */
import { describe, expect, it } from 'vitest';
import {
  caseFacts,
  competencyOptions,
  lengthOptions,
  matches,
  NO_FILTERS,
  themeOptions,
  warningsSentence,
} from '../../../client/deeplink/filters.js';
import type { CatalogueCase } from '../../../client/deeplink/types.js';
import { caseCatalogue } from '../../../server/api/caseCatalogue.js';
import { loadCaseLibrary } from '../../../server/cases/loader.js';

const library: CatalogueCase[] = caseCatalogue(loadCaseLibrary());

function summary(overrides: Partial<CatalogueCase>): CatalogueCase {
  return {
    id: 'a-case',
    version: 1,
    source: 'built-in',
    reviewStatus: 'reviewed',
    title: 'A case',
    summary: '',
    themes: [1],
    competencies: [{ id: 'UP1', title: 'Recognise social determinants', weight: 1 }],
    estimatedMinutes: 30,
    readingMinutes: 25,
    audience: '',
    contentWarnings: [],
    hasFreeText: false,
    facilitatorGuide: null,
    ...overrides,
  };
}

describe('the case picker’s filters', () => {
  it('offers only choices that some case in the library matches, each narrowing the list', () => {
    for (const option of lengthOptions(library)) {
      const kept = library.filter((c) => matches(c, { ...NO_FILTERS, maxMinutes: option.value }));
      expect(kept.length, option.label).toBe(option.count);
      expect(option.count).toBeGreaterThan(0);
      expect(option.count).toBeLessThan(library.length);
    }
    for (const option of themeOptions(library))
      expect(
        library.filter((c) => matches(c, { ...NO_FILTERS, theme: option.value })),
      ).toHaveLength(option.count);
    for (const option of competencyOptions(library)) expect(option.count).toBeGreaterThan(0);
  });

  it('derives the lengths from the cases: no "Up to 30 minutes" when no case is that short', () => {
    const cases = [
      summary({ id: 'a', estimatedMinutes: 35 }),
      summary({ id: 'b', estimatedMinutes: 40 }),
      summary({ id: 'c', estimatedMinutes: 35 }),
    ];
    expect(lengthOptions(cases)).toEqual([{ value: 35, label: 'Up to 35 minutes', count: 2 }]);
    // One length for all: nothing to choose.
    expect(lengthOptions([summary({ estimatedMinutes: 30 })])).toEqual([]);
  });

  it('leaves out themes no case serves', () => {
    const options = themeOptions([summary({ themes: [2, 8] })]);
    expect(options.map((o) => o.value)).toEqual([2, 8]);
  });

  it('searches title, summary, themes and competencies, every word, ignoring case and accents', () => {
    const damp = summary({
      title: 'Damp housing and asthma',
      summary: 'A child with asthma lives in a mouldy flat; the Médecins du Monde clinic helps.',
      themes: [8],
      competencies: [{ id: 'UP5', title: 'Advocacy and policy', weight: 1 }],
    });
    const search = (text: string) => matches(damp, { ...NO_FILTERS, text });
    expect(search('asthma')).toBe(true);
    expect(search('MOULDY flat')).toBe(true);
    expect(search('medecins')).toBe(true);
    expect(search('discrimination')).toBe(true); // theme 8's name
    expect(search('advocacy')).toBe(true);
    expect(search('up5')).toBe(true);
    expect(search('asthma copd')).toBe(false);
    expect(search('   ')).toBe(true);
  });

  it('writes the facts with no stray separator and the warnings without ".;"', () => {
    expect(caseFacts(summary({ estimatedMinutes: 40, readingMinutes: 33, audience: '' }))).toBe(
      'about 40 minutes · reading time 33 minutes, estimated from the text',
    );
    expect(caseFacts(summary({ audience: 'Year 3 medical students' }))).toMatch(
      /^about 30 minutes · .* · Year 3 medical students$/,
    );
    expect(warningsSentence(['Describes the death of a child.', 'Describes racism. '])).toBe(
      'Describes the death of a child; Describes racism.',
    );
    for (const c of library) expect(warningsSentence(c.contentWarnings)).not.toContain('.;');
  });
});
