/**
 * The draft's YAML text and the object the forms edit, in both directions. The text the forms write
 * is block style like the files in config/cases, with long prose as literal blocks, and keeps the
 * comment at the top of the file (the case's one-line description).
 */
import { Document, parseDocument } from 'yaml';
import type { CaseDraft } from './draft.js';

export type Parsed = { ok: true; value: CaseDraft } | { ok: false; message: string };

/** The text as a case object, or why the forms cannot show it. */
export function parseCaseText(text: string): Parsed {
  const doc = parseDocument(text, { prettyErrors: false });
  const [error] = doc.errors;
  if (error) return { ok: false, message: `The YAML does not parse: ${error.message}` };
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (e) {
    return { ok: false, message: `The YAML does not parse: ${e instanceof Error ? e.message : e}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, message: 'The source must be a mapping of fields (key: value).' };
  return { ok: true, value: value as CaseDraft };
}

/** The case object as YAML, after the comment lines that open `previous`, kept as they are. */
export function caseToText(value: CaseDraft, previous: string): string {
  const comment = /^(?:#.*(?:\r?\n|$))+/.exec(previous)?.[0] ?? '';
  const text = new Document(value).toString({
    lineWidth: 0,
    blockQuote: 'literal',
    indentSeq: true,
  });
  return comment === '' || comment.endsWith('\n') ? comment + text : `${comment}\n${text}`;
}
