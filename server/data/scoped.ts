/**
 * One generic way to reach a tenant-owned collection: every operation takes the scope as its first,
 * required argument and adds it to the filter (last, so nothing overrides it), to inserts and upserts,
 * and as the first $match of an aggregation. Filters, updates and documents are typed so a caller
 * cannot name the scope's own fields: the scope comes from the verified launch, never from a body.
 * Reads return mongoose queries, so callers keep `.sort()`, `.limit()` and `.lean<T>()`.
 */
import type {
  AnyKeys,
  FilterQuery,
  Model,
  PipelineStage,
  ProjectionType,
  QueryOptions,
  UpdateQuery,
} from 'mongoose';
import { tenantFilter } from './filters.js';
import type { CourseScope, TenantScope } from './scope.js';

/** The fields a scope sets; a filter, update or document must leave them to the scope. */
type ScopeField =
  'tenant' | 'tenant.issuer' | 'tenant.clientId' | 'tenant.deploymentId' | 'contextId';
type NoScopeFields = { [K in ScopeField]?: never };

/** A filter without the scope's fields: the scope is added to it, never overridden by it. */
export type ScopedFilter<T> = FilterQuery<T> & NoScopeFields;

/** An update that neither sets nor removes the scope's fields, at the top or in an operator. */
export type ScopedUpdate<T> = UpdateQuery<T> &
  NoScopeFields & {
    $set?: NoScopeFields;
    $setOnInsert?: NoScopeFields;
    $unset?: NoScopeFields;
    $rename?: NoScopeFields;
  };

/** A new document without the scope's fields, which the scope fills in. */
export type ScopedDocument<T> = Omit<AnyKeys<T>, 'tenant' | 'contextId'> & NoScopeFields;

/** How a kind of scope appears in documents: the filter that matches it and the fields that store it. */
export interface ScopeKey<S> {
  filter(scope: S): Record<string, unknown>;
  fields(scope: S): Record<string, unknown>;
}

/** Documents that carry `tenant`. */
export const byTenant: ScopeKey<TenantScope> = {
  filter: (scope) => tenantFilter(scope.tenant),
  fields: (scope) => ({ tenant: scope.tenant }),
};

/** Documents that carry `tenant` and `contextId`. */
export const byCourse: ScopeKey<CourseScope> = {
  filter: (scope) => ({ ...tenantFilter(scope.tenant), contextId: scope.contextId }),
  fields: (scope) => ({ tenant: scope.tenant, contextId: scope.contextId }),
};

/**
 * A collection reached only through a scope. `onRead` sees every document a read returns (the
 * attempts check their stored state with it) and may throw to refuse a damaged one.
 */
export function scopedCollection<T, S>(
  model: Model<T>,
  key: ScopeKey<S>,
  onRead: (result: unknown) => void = () => undefined,
) {
  // The scope's fields go last so that a filter cannot replace them, whatever its type said.
  const where = (scope: S, filter: ScopedFilter<T>) =>
    ({ ...filter, ...key.filter(scope) }) as FilterQuery<T>;
  const checked = <R>(result: R): R => {
    onRead(result);
    return result;
  };
  return {
    find: (scope: S, filter: ScopedFilter<T> = {}, projection?: ProjectionType<T>) =>
      model.find(where(scope, filter), projection).transform(checked),
    findOne: (scope: S, filter: ScopedFilter<T>, projection?: ProjectionType<T>) =>
      model.findOne(where(scope, filter), projection).transform(checked),
    exists: (scope: S, filter: ScopedFilter<T>) => model.exists(where(scope, filter)),
    deleteOne: (scope: S, filter: ScopedFilter<T>) => model.deleteOne(where(scope, filter)),
    deleteMany: (scope: S, filter: ScopedFilter<T>) => model.deleteMany(where(scope, filter)),
    countDocuments: (scope: S, filter: ScopedFilter<T> = {}) =>
      model.countDocuments(where(scope, filter)),
    updateOne: (
      scope: S,
      filter: ScopedFilter<T>,
      update: ScopedUpdate<T>,
      options: { upsert?: boolean } = {},
    ) => model.updateOne(where(scope, filter), withScope(key, scope, update, options), options),
    updateMany: (scope: S, filter: ScopedFilter<T>, update: ScopedUpdate<T>) =>
      model.updateMany(where(scope, filter), leavesScope(update)),
    findOneAndUpdate: (
      scope: S,
      filter: ScopedFilter<T>,
      update: ScopedUpdate<T>,
      options: QueryOptions<T> = {},
    ) =>
      model
        .findOneAndUpdate(where(scope, filter), withScope(key, scope, update, options), options)
        .transform(checked),
    create: (scope: S, document: ScopedDocument<T>) =>
      model.create({ ...document, ...key.fields(scope) } as AnyKeys<T>),
    insertMany: (scope: S, documents: ScopedDocument<T>[], options: { ordered?: boolean } = {}) =>
      model.insertMany(
        documents.map((document) => ({ ...document, ...key.fields(scope) })),
        options,
      ),
    /** An aggregation whose first stage keeps the scope's documents only. */
    aggregate: <R>(scope: S, pipeline: PipelineStage[]) =>
      model.aggregate<R>([{ $match: key.filter(scope) }, ...pipeline]),
  };
}

const isScopeField = (key: string) =>
  key === 'contextId' || key === 'tenant' || key.startsWith('tenant.');

/**
 * What the types refuse, refused at run time too, for keys the compiler cannot see (computed
 * `[field]` keys): an update never moves a record to another tenant or course.
 */
function leavesScope<U extends object>(update: U): U {
  const parts = [
    update,
    ...['$set', '$setOnInsert', '$unset', '$rename'].map(
      (op) => (update as Record<string, unknown>)[op],
    ),
  ];
  for (const part of parts) {
    if (part && typeof part === 'object' && Object.keys(part).some(isScopeField))
      throw new Error('An update may not change the tenant or course of a scoped record.');
  }
  return update;
}

/** An upsert inserts the scope's fields too, so the new document lands in the scope it was asked in. */
function withScope<T, S>(
  key: ScopeKey<S>,
  scope: S,
  update: ScopedUpdate<T>,
  options: { upsert?: boolean },
): UpdateQuery<T> {
  leavesScope(update);
  if (!options.upsert) return update;
  return { ...update, $setOnInsert: { ...update.$setOnInsert, ...key.fields(scope) } };
}
