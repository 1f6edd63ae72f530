/**
 * Near-identical written answers: the Jaccard similarity of two answers' sets of three-word phrases
 * (word shingles), as plagiarism screens such as Broder's resemblance measure use it. Pure functions
 * over plain text; the marking queue asks them about answers to the same step of one placement.
 *
 * Why three words and 0.4: two students answering the same prompt in their own words share names,
 * places and a few stock phrases ("I am writing to"), which keeps their overlap near 0.01 to 0.1 (two
 * independent letters for the damp-housing case share under 1%). Changing one word in n of a copy
 * breaks three phrases per change, leaving a similarity of (n - 3) / (n + 3): 0.4 still catches a
 * copy with one word in seven replaced. Single words would flag any two answers on one topic;
 * longer phrases would miss lightly edited copies.
 */

/** Phrase length, in words. */
export const SHINGLE_WORDS = 3;
/** Jaccard similarity from which two answers are flagged to the marker. */
export const SIMILARITY_THRESHOLD = 0.4;
/** Answers shorter than this are not compared: short answers can coincide honestly. */
export const MIN_WORDS = 20;

/** Lower-case words, punctuation and spacing ignored, so a copy is not hidden by re-punctuating it. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? [];
}

/** The set of a text's consecutive phrases of SHINGLE_WORDS words; empty below MIN_WORDS words. */
export function shingles(text: string): Set<string> {
  const list = words(text);
  const phrases = new Set<string>();
  if (list.length < MIN_WORDS) return phrases;
  for (let i = 0; i + SHINGLE_WORDS <= list.length; i++)
    phrases.add(list.slice(i, i + SHINGLE_WORDS).join(' '));
  return phrases;
}

/** |A ∩ B| / |A ∪ B|, between 0 and 1; 0 when either set is empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const phrase of small) if (large.has(phrase)) shared++;
  return shared / (a.size + b.size - shared);
}

/** An answer to compare: who wrote it (answers by one author are never compared) and its text. */
export interface ComparedAnswer {
  author: string;
  text: string;
}

/** A pair of answers (indexes into the list given) that are near-identical, with their similarity. */
export interface SimilarPair {
  a: number;
  b: number;
  similarity: number;
}

/**
 * Every pair of answers by different authors whose similarity reaches the threshold. The caller
 * passes answers to one prompt only: answers to different prompts are not comparable.
 */
export function similarPairs(
  answers: readonly ComparedAnswer[],
  threshold = SIMILARITY_THRESHOLD,
): SimilarPair[] {
  const sets = answers.map((answer) => shingles(answer.text));
  const pairs: SimilarPair[] = [];
  for (let a = 0; a < answers.length; a++) {
    for (let b = a + 1; b < answers.length; b++) {
      if (answers[a]!.author === answers[b]!.author) continue;
      const similarity = jaccard(sets[a]!, sets[b]!);
      if (similarity >= threshold) pairs.push({ a, b, similarity });
    }
  }
  return pairs;
}
