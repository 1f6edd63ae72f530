/**
 * Value helpers shared by the store and the commands: canonical keys for index entries, MongoDB-style
 * rendering of values in error messages, and dotted-path access.
 */
import { Binary, Decimal128, Long, ObjectId, Timestamp } from 'bson';
import { isPlainObject } from './codec.js';

/**
 * A string that is equal for two values exactly when a unique index treats them as equal:
 * numbers by value whatever their BSON type, sub-documents by fields in order, null and missing alike.
 */
export function canonicalKey(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'number') return Object.is(value, -0) ? 'n:0' : `n:${value}`;
  if (typeof value === 'string') return `s:${JSON.stringify(value)}`;
  if (typeof value === 'boolean') return `b:${value}`;
  if (value instanceof ObjectId) return `o:${value.toHexString()}`;
  if (value instanceof Date) return `d:${value.getTime()}`;
  if (value instanceof Long || value instanceof Decimal128) return `n:${value.toString()}`;
  if (value instanceof Binary) return `x:${value.sub_type}:${value.toString('base64')}`;
  if (value instanceof Timestamp) return `t:${value.toString()}`;
  if (value instanceof RegExp) return `r:${value.source}/${value.flags}`;
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .map((k) => `${JSON.stringify(k)}:${canonicalKey(value[k])}`)
      .join(',')}}`;
  }
  return `?:${String(value)}`;
}

/** Renders a value the way mongod prints it in an E11000 message. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (Array.isArray(value)) return `[ ${value.map(describeValue).join(', ')} ]`;
  if (isPlainObject(value)) {
    const fields = Object.keys(value).map((k) => `${k}: ${describeValue(value[k])}`);
    return `{ ${fields.join(', ')} }`;
  }
  return String(value);
}

/**
 * The values at a dotted path, descending into arrays the way index keys and queries do:
 * `a.b` over `{ a: [{ b: 1 }, { b: 2 }] }` gives [1, 2]. A missing path gives [].
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const segments = path.split('.');
  let current: unknown[] = [doc];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const item of current) {
      if (Array.isArray(item)) {
        if (/^\d+$/.test(segment) && Number(segment) < item.length)
          next.push(item[Number(segment)]);
        else
          for (const element of item)
            if (isPlainObject(element) && segment in element) next.push(element[segment]);
      } else if (isPlainObject(item) && segment in item) {
        next.push(item[segment]);
      }
    }
    current = next;
  }
  return current;
}

/** Sets a dotted path in a plain document, creating sub-documents on the way. */
export function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  let current: Record<string, unknown> = doc;
  for (const segment of segments.slice(0, -1)) {
    const next = current[segment];
    if (!isPlainObject(next)) current[segment] = {};
    current = current[segment] as Record<string, unknown>;
  }
  current[segments[segments.length - 1]!] = value;
}
