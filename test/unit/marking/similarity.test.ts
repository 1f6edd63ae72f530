/** The similarity notice's measure: three-word-phrase Jaccard between answers by different students. */
import { describe, expect, it } from 'vitest';
import { countWords } from '../../../server/cases/responses.js';
import {
  jaccard,
  shingles,
  SIMILARITY_THRESHOLD,
  similarPairs,
  words,
} from '../../../server/api/marking/similarity.js';
import { MEI_LETTER, SIPHO_LETTER } from '../../helpers/letters.js';

/** Replaces every `n`th word of a text with another word: a copy edited to look different. */
function editEvery(text: string, n: number): string {
  return text
    .split(/\s+/)
    .map((word, i) => (i % n === n - 1 ? `changed${i}` : word))
    .join(' ');
}

describe('answer similarity', () => {
  it('flags two identical 211-word letters by different students', () => {
    expect(countWords(MEI_LETTER)).toBe(211);
    expect(
      similarPairs([
        { author: '5', text: MEI_LETTER },
        { author: '6', text: MEI_LETTER },
      ]),
    ).toEqual([{ a: 0, b: 1, similarity: 1 }]);
  });

  it('does not flag two different letters written for the same prompt', () => {
    const similarity = jaccard(shingles(MEI_LETTER), shingles(SIPHO_LETTER));
    expect(similarity).toBeLessThan(0.05);
    expect(
      similarPairs([
        { author: '5', text: MEI_LETTER },
        { author: '6', text: SIPHO_LETTER },
      ]),
    ).toEqual([]);
  });

  it('sees through re-punctuation and case, and through one word in seven changed', () => {
    const repunctuated = MEI_LETTER.replace(/[.,:]/g, ' ; ').toUpperCase();
    expect(jaccard(shingles(MEI_LETTER), shingles(repunctuated))).toBe(1);
    const edited = jaccard(shingles(MEI_LETTER), shingles(editEvery(MEI_LETTER, 7)));
    expect(edited).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
    // One word in two changed leaves no three-word phrase intact: a different answer.
    expect(jaccard(shingles(MEI_LETTER), shingles(editEvery(MEI_LETTER, 2)))).toBe(0);
  });

  it('never compares a student with themself, and pairs every near-identical answer', () => {
    const pairs = similarPairs([
      { author: '5', text: MEI_LETTER },
      { author: '5', text: MEI_LETTER },
      { author: '6', text: SIPHO_LETTER },
      { author: '7', text: MEI_LETTER },
    ]);
    expect(pairs).toEqual([
      { a: 0, b: 3, similarity: 1 },
      { a: 1, b: 3, similarity: 1 },
    ]);
  });

  it('leaves short answers alone: a few words can coincide honestly', () => {
    const short = 'I would ask the landlord to inspect the flat within two weeks please.';
    expect(words(short).length).toBeLessThan(20);
    expect(
      similarPairs([
        { author: '5', text: short },
        { author: '6', text: short },
      ]),
    ).toEqual([]);
  });

  it('counts words with apostrophes as one and ignores punctuation', () => {
    expect(words("Leo's flat — 14 Alder Court, isn't it?")).toEqual([
      "leo's",
      'flat',
      '14',
      'alder',
      'court',
      "isn't",
      'it',
    ]);
  });
});
