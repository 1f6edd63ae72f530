/**
 * Library case ids. A tenant's case gets `lib-` + a fresh ObjectId: the server makes it, so no
 * tenant can choose an id that shadows a built-in case or another tenant's, and two ObjectIds never
 * collide without any coordination between processes. It stays kebab-case, as the case schema and
 * the `case=<id>` custom parameter of a placement expect.
 */
import { Types } from 'mongoose';
import { LIBRARY_CASE_ID } from '../cases/validate.js';

/** True for an id the library made; every other id names a built-in case (which may not use one). */
export function isLibraryCaseId(id: string): boolean {
  return LIBRARY_CASE_ID.test(id);
}

/** A new, unique library case id. */
export function newLibraryCaseId(): string {
  return `lib-${new Types.ObjectId().toHexString()}`;
}

/**
 * The text with its top-level `id` and `version` set to what the library assigns (the author does
 * not choose them). Only those two lines change, so the author's layout and comments stay as written.
 */
export function withIdentity(source: string, caseId: string, version: number): string {
  let text = source;
  for (const [key, value] of [
    ['version', String(version)],
    ['id', caseId],
  ] as const) {
    const line = new RegExp(`^${key}:[^\\n]*$`, 'm');
    text = line.test(text) ? text.replace(line, `${key}: ${value}`) : `${key}: ${value}\n${text}`;
  }
  return text;
}
