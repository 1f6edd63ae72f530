/**
 * BSON in and out of the store, keeping numeric types. Stored documents hold plain JavaScript numbers
 * so that mingo can compare them, but JavaScript has one number type where BSON has three: a double
 * that happens to be whole (5.0) would come back as an int32, and an int64 as an int32 or a double.
 * The codec remembers, on each object or array, which of its keys hold a whole double or an int64
 * (a map under a symbol key, invisible to mingo and to Object.keys) and restores the type on the way out.
 */
import { BSON, Double, Int32, Long } from 'bson';
import type { Document } from './wire.js';

export type NumericKind = 'double' | 'long';
type Container = Record<string, unknown> | unknown[];

/** Per-container record of keys holding numbers whose BSON type is not the one a JS number implies. */
export const NUMERIC_KINDS: unique symbol = Symbol('numericKinds');

interface Marked {
  [NUMERIC_KINDS]?: Map<string, NumericKind>;
}

/** True for the objects the store treats as sub-documents (not ObjectId, Date, Binary ...). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function isContainer(value: unknown): value is Container {
  return Array.isArray(value) || isPlainObject(value);
}

/** The recorded kind of `container[key]`, if any. */
export function kindOf(container: unknown, key: string): NumericKind | undefined {
  if (!isContainer(container)) return undefined;
  return (container as Marked)[NUMERIC_KINDS]?.get(key);
}

/** Records (or, with `undefined`, forgets) the kind of `container[key]`. */
export function setKind(container: Container, key: string, kind: NumericKind | undefined): void {
  const marked = container as Marked;
  if (kind === undefined) {
    marked[NUMERIC_KINDS]?.delete(key);
    return;
  }
  if (!marked[NUMERIC_KINDS]) {
    Object.defineProperty(marked, NUMERIC_KINDS, { value: new Map(), enumerable: false });
  }
  marked[NUMERIC_KINDS]!.set(key, kind);
}

function normalizeValue(value: unknown): [unknown, NumericKind | undefined] {
  if (value instanceof Int32) return [value.value, undefined];
  if (value instanceof Double) {
    const n = value.value;
    return Number.isInteger(n) || Object.is(n, -0) ? [n, 'double'] : [n, undefined];
  }
  if (value instanceof Long) {
    const n = value.toNumber();
    return Number.isSafeInteger(n) ? [n, 'long'] : [value, undefined];
  }
  if (isContainer(value)) normalizeContainer(value);
  return [value, undefined];
}

function normalizeContainer(container: Container): void {
  const entries = container as Record<string, unknown>;
  for (const key of Object.keys(entries)) {
    const [value, kind] = normalizeValue(entries[key]);
    entries[key] = value;
    if (kind) setKind(container, key, kind);
  }
}

/** Decodes BSON into a store document: numbers as JS numbers, their BSON kinds remembered. */
export function decodeDocument(bytes: Buffer): Document {
  const doc = BSON.deserialize(bytes, { promoteValues: false, promoteBuffers: false });
  normalizeContainer(doc);
  return doc;
}

function restoreValue(value: unknown, kind: NumericKind | undefined): unknown {
  if (typeof value === 'number' && kind) {
    if (kind === 'double') return new Double(value);
    if (Number.isInteger(value)) return Long.fromNumber(value);
    return value;
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const restored = restoreValue(item, kindOf(value, String(i)));
      if (restored !== item) (copy ??= value.slice())[i] = restored;
    });
    return copy ?? value;
  }
  if (isPlainObject(value)) {
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      const item = value[key];
      const restored = restoreValue(item, kindOf(value, key));
      if (restored !== item) (copy ??= { ...value })[key] = restored;
    }
    return copy ?? value;
  }
  return value;
}

/** Encodes a reply or stored document as BSON, restoring whole doubles and int64s. */
export function encodeDocument(doc: Document): Buffer {
  return Buffer.from(BSON.serialize(restoreValue(doc, undefined) as Document));
}

/** Deep copy of a stored document: sub-documents and arrays copied with their kinds, leaves shared. */
export function cloneDocument<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (!isContainer(value)) return value;
  const copy: Container = Array.isArray(value) ? [] : {};
  const source = value as Record<string, unknown>;
  const target = copy as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    target[key] = cloneDocument(source[key]);
    const kind = kindOf(value, key);
    if (kind) setKind(copy, key, kind);
  }
  return copy as T;
}

/**
 * Copies the numeric kinds recorded in `source` onto the structurally matching parts of `target`:
 * used after an update that copied values out of the update document.
 */
export function copyKinds(source: unknown, target: unknown): void {
  if (!isContainer(source) || !isContainer(target)) return;
  const from = source as Record<string, unknown>;
  const to = target as Record<string, unknown>;
  for (const key of Object.keys(from)) {
    if (!(key in to)) continue;
    const kind = kindOf(source, key);
    if (kind && typeof to[key] === 'number') setKind(target, key, kind);
    copyKinds(from[key], to[key]);
  }
}
