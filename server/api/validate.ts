/** Input validation for every API route: a zod schema, and a 400 that names the field and the problem. */
import type { z } from 'zod';
import { errors } from '../errors.js';

/** Parses `value` with `schema` or throws a 400 `invalid_request` naming the first problem. */
export function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw errors.invalidRequest(`${where}${issue.message}`);
}
