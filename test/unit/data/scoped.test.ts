/**
 * The scoped data access: every query carries the scope, last, so nothing overrides it; and a query
 * without a scope, or a filter, update or document naming the scope's fields, does not type-check
 * (`npm run typecheck` compiles this file, so each @ts-expect-error below fails the build if the
 * error it expects ever disappears). Queries are built, never run: no database is needed.
 */
import { describe, expect, it } from 'vitest';
import {
  attemptStore,
  gradeSyncStore,
  libraryCaseStore,
  placementStore,
} from '../../../server/data/collections.js';
import type { CourseScope } from '../../../server/data/scope.js';

const scope: CourseScope = {
  tenant: { issuer: 'https://lms.example', clientId: 'client-1', deploymentId: 'dep-1' },
  contextId: 'course-1',
};
const inScope = {
  'tenant.issuer': 'https://lms.example',
  'tenant.clientId': 'client-1',
  'tenant.deploymentId': 'dep-1',
  contextId: 'course-1',
};

describe('scoped queries', () => {
  it('add the scope to every filter', () => {
    expect(attemptStore.find(scope, { userId: 'u1' }).getFilter()).toEqual({
      userId: 'u1',
      ...inScope,
    });
    expect(placementStore.findOne(scope, { resourceLinkId: 'rl' }).getFilter()).toEqual({
      resourceLinkId: 'rl',
      ...inScope,
    });
  });

  it('keep the scope when a filter tries to replace it', () => {
    // What the types refuse, checked at run time too: a filter cast past the compiler.
    const sneaky = { contextId: 'course-2', 'tenant.issuer': 'https://other.example' } as never;
    expect(attemptStore.find(scope, sneaky).getFilter()).toEqual(inScope);
  });

  it('refuse an update that would move a record out of its scope', () => {
    const field: string = 'contextId';
    expect(() => placementStore.updateOne(scope, {}, { $set: { [field]: 'course-2' } })).toThrow(
      'An update may not change the tenant or course of a scoped record.',
    );
    expect(() =>
      attemptStore.updateMany(scope, {}, { $unset: { ['tenant.issuer' as string]: 1 } }),
    ).toThrow(/may not change the tenant/);
  });

  it('match the scope first in an aggregation', () => {
    const pipeline = gradeSyncStore.aggregate(scope, [{ $group: { _id: '$status' } }]).pipeline();
    expect(pipeline[0]).toEqual({ $match: inScope });
    expect(pipeline).toHaveLength(2);
  });

  it('insert the scope with an upsert, and leave other updates as they are', () => {
    const upsert = placementStore.updateOne(
      scope,
      { resourceLinkId: 'rl' },
      { $set: { title: 'T' } },
      { upsert: true },
    );
    expect(upsert.getUpdate()).toMatchObject({
      $set: { title: 'T' },
      $setOnInsert: { tenant: scope.tenant, contextId: 'course-1' },
    });
    const update = placementStore.updateOne(
      scope,
      { resourceLinkId: 'rl' },
      { $set: { title: 'T' } },
    );
    expect(update.getUpdate()).not.toHaveProperty('$setOnInsert');
  });

  it('scope tenant-wide collections by the tenant alone', () => {
    expect(
      libraryCaseStore.find({ tenant: scope.tenant }, { caseId: 'lib-1' }).getFilter(),
    ).toEqual({
      caseId: 'lib-1',
      'tenant.issuer': 'https://lms.example',
      'tenant.clientId': 'client-1',
      'tenant.deploymentId': 'dep-1',
    });
  });
});

/** Never called: each line is a query the compiler must refuse. */
export function unscopedQueriesDoNotCompile() {
  // @ts-expect-error -- a query without a scope
  void attemptStore.find({ userId: 'u1' });
  // @ts-expect-error -- a filter naming the course, which the scope sets
  void attemptStore.find(scope, { contextId: 'course-2' });
  // @ts-expect-error -- a filter naming part of the tenant key
  void attemptStore.findOne(scope, { 'tenant.issuer': 'https://other.example' });
  // @ts-expect-error -- an update moving a record to another course
  void placementStore.updateOne(scope, {}, { $set: { contextId: 'course-2' } });
  void placementStore.create(scope, {
    // @ts-expect-error -- a new record naming its own tenant
    tenant: scope.tenant,
    resourceLinkId: 'rl',
    caseId: 'c',
    title: 't',
  });
  // @ts-expect-error -- a course collection needs the course, not only the tenant
  void attemptStore.find({ tenant: scope.tenant }, {});
}
