/**
 * Mongoose Map fields arrive as a Map from documents and as a plain object from lean() reads: one
 * conversion to a plain record, so callers need not know which they hold.
 */

/** A Map field's contents as a plain record (empty when unset). */
export function recordOf<T>(
  value: Map<string, T> | Record<string, T> | null | undefined,
): Record<string, T> {
  if (!value) return {};
  return value instanceof Map ? Object.fromEntries(value) : value;
}
