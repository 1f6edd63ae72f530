/**
 * The case picker's filters as pure functions over the catalogue: which cases pass, and which
 * choices to offer. Every choice offered comes from the library itself, so none matches no case.
 */
import { THEMES, type CatalogueCase } from './types.js';

export interface Filters {
  /** Words typed in the search box; every word must appear in the case's text. */
  text: string;
  theme: number | null;
  competency: string | null;
  maxMinutes: number | null;
}

export const NO_FILTERS: Filters = { text: '', theme: null, competency: null, maxMinutes: null };

/** Lower case without accents, so "medecins" finds "Médecins". */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase();

/** What the search box looks through: title, summary, themes and competencies. */
function searchableText(item: CatalogueCase): string {
  return fold(
    [
      item.title,
      item.summary,
      ...item.themes.map((theme) => THEMES[theme] ?? ''),
      ...item.competencies.map((c) => `${c.id} ${c.title}`),
    ].join(' '),
  );
}

/** True when a case passes the filters. */
export function matches(item: CatalogueCase, filters: Filters): boolean {
  const words = fold(filters.text).split(/\s+/).filter(Boolean);
  const text = words.length > 0 ? searchableText(item) : '';
  return (
    words.every((word) => text.includes(word)) &&
    (filters.theme === null || item.themes.includes(filters.theme)) &&
    (filters.competency === null || item.competencies.some((c) => c.id === filters.competency)) &&
    (filters.maxMinutes === null || item.estimatedMinutes <= filters.maxMinutes)
  );
}

/** A choice in a filter: its value and how many cases of the library it keeps. */
export interface FilterOption<T> {
  value: T;
  label: string;
  count: number;
}

/**
 * "Up to N minutes" for each length in the library but the longest (that one is "Any length"):
 * each option keeps at least one case and drops at least one. One length only: no options.
 */
export function lengthOptions(cases: readonly CatalogueCase[]): FilterOption<number>[] {
  const lengths = [...new Set(cases.map((c) => c.estimatedMinutes))].sort((a, b) => a - b);
  return lengths.slice(0, -1).map((minutes) => ({
    value: minutes,
    label: `Up to ${minutes} minutes`,
    count: cases.filter((c) => c.estimatedMinutes <= minutes).length,
  }));
}

/** The themes some case serves, in the study's order. */
export function themeOptions(cases: readonly CatalogueCase[]): FilterOption<number>[] {
  return Object.entries(THEMES)
    .map(([number, name]) => ({
      value: Number(number),
      label: `${number}. ${name}`,
      count: cases.filter((c) => c.themes.includes(Number(number))).length,
    }))
    .filter((option) => option.count > 0);
}

/** The competencies some case assesses, by id. */
export function competencyOptions(cases: readonly CatalogueCase[]): FilterOption<string>[] {
  const titles = new Map(cases.flatMap((c) => c.competencies).map((c) => [c.id, c.title]));
  return [...titles]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, title]) => ({
      value: id,
      label: `${id} ${title}`,
      count: cases.filter((c) => c.competencies.some((x) => x.id === id)).length,
    }));
}

/** "About 35 minutes · reading time 28 minutes, estimated from the text · Year 3": parts that exist. */
export function caseFacts(item: CatalogueCase): string {
  return [
    `about ${item.estimatedMinutes} minutes`,
    `reading time ${item.readingMinutes} minutes, estimated from the text`,
    item.audience,
  ]
    .filter((part) => part.trim() !== '')
    .join(' · ');
}

/** Content warnings as one sentence: each warning's own full stop dropped, so none reads ".;". */
export function warningsSentence(warnings: readonly string[]): string {
  return `${warnings.map((warning) => warning.trim().replace(/[.;\s]+$/, '')).join('; ')}.`;
}
