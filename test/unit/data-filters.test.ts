/**
 * The filters of the retention purge and of the deletions on request, evaluated against plain
 * documents with mingo (MongoDB's query semantics), so no database is needed.
 */
import { Query } from 'mingo';
import { describe, expect, it } from 'vitest';
import {
  courseFilters,
  retentionCutoff,
  retentionFilters,
  userFilters,
  type Filter,
} from '../../server/data/filters.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-06-01T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS);
const matches = (filter: Filter | undefined, document: Record<string, unknown>) =>
  filter !== undefined && new Query(filter).test(document);

const TENANT = { issuer: 'https://canvas.instructure.com', clientId: '1001', deploymentId: '9:a' };

describe('retentionFilters', () => {
  const filters = retentionFilters(NOW, 365);

  it('puts the cutoff exactly RETENTION_DAYS before now', () => {
    expect(retentionCutoff(NOW, 365)).toEqual(daysAgo(365));
  });

  it('matches attempts by their last activity, not by when they started', () => {
    expect(matches(filters.attempts, { startedAt: daysAgo(900), lastActiveAt: daysAgo(366) })).toBe(
      true,
    );
    expect(matches(filters.attempts, { startedAt: daysAgo(900), lastActiveAt: daysAgo(364) })).toBe(
      false,
    );
  });

  it('matches launches older than the cutoff only', () => {
    expect(matches(filters.launches, { createdAt: daysAgo(366) })).toBe(true);
    expect(matches(filters.launches, { createdAt: daysAgo(1) })).toBe(false);
  });

  it('never matches a grade still pending, however old', () => {
    expect(matches(filters.gradeSyncs, { status: 'pending', updatedAt: daysAgo(2000) })).toBe(
      false,
    );
    expect(matches(filters.gradeSyncs, { status: 'sent', updatedAt: daysAgo(366) })).toBe(true);
    expect(matches(filters.gradeSyncs, { status: 'failed', updatedAt: daysAgo(366) })).toBe(true);
    expect(matches(filters.gradeSyncs, { status: 'sent', updatedAt: daysAgo(30) })).toBe(false);
  });

  it('never touches placements', () => {
    expect(filters.placements).toBeUndefined();
  });
});

describe('deletions on request', () => {
  const record = (overrides: Record<string, unknown> = {}) => ({
    tenant: TENANT,
    contextId: 'course-1',
    userId: 'user-1',
    context: { id: 'course-1' },
    ...overrides,
  });
  const sameIssuerOtherDeployment = { tenant: { ...TENANT, deploymentId: '12:b' } };
  const sameIssuerOtherClient = { tenant: { ...TENANT, clientId: '2002' } };

  it("a user's filters match that user in that tenant only, in every collection", () => {
    const filters = userFilters(TENANT, 'user-1');
    for (const filter of [filters.attempts, filters.launches, filters.gradeSyncs]) {
      expect(matches(filter, record())).toBe(true);
      expect(matches(filter, record({ userId: 'user-2' }))).toBe(false);
      expect(matches(filter, record(sameIssuerOtherDeployment))).toBe(false);
      expect(matches(filter, record(sameIssuerOtherClient))).toBe(false);
    }
    expect(filters.placements).toBeUndefined();
  });

  it("a course's filters match that course in that tenant only, launches by their context claim", () => {
    const filters = courseFilters(TENANT, 'course-1');
    for (const filter of [filters.attempts, filters.gradeSyncs, filters.placements]) {
      expect(matches(filter, record())).toBe(true);
      expect(matches(filter, record({ contextId: 'course-2' }))).toBe(false);
      expect(matches(filter, record(sameIssuerOtherDeployment))).toBe(false);
    }
    expect(matches(filters.launches, { tenant: TENANT, context: { id: 'course-1' } })).toBe(true);
    expect(matches(filters.launches, { tenant: TENANT, context: { id: 'course-2' } })).toBe(false);
    expect(
      matches(filters.launches, { ...sameIssuerOtherClient, context: { id: 'course-1' } }),
    ).toBe(false);
  });

  it("a course's filters match its own library cases and their versions, never institution cases", () => {
    const { cases, versionsOf } = courseFilters(TENANT, 'course-1').libraryCases!;
    const libraryCase = (owner: object, tenant = TENANT) => ({ tenant, caseId: 'lib-1', owner });
    expect(matches(cases, libraryCase({ kind: 'course', contextId: 'course-1' }))).toBe(true);
    expect(matches(cases, libraryCase({ kind: 'course', contextId: 'course-2' }))).toBe(false);
    expect(matches(cases, libraryCase({ kind: 'institution' }))).toBe(false);
    expect(
      matches(
        cases,
        libraryCase({ kind: 'course', contextId: 'course-1' }, sameIssuerOtherClient.tenant),
      ),
    ).toBe(false);
    const versions = versionsOf(['lib-1']);
    expect(matches(versions, { tenant: TENANT, caseId: 'lib-1', version: 2 })).toBe(true);
    expect(matches(versions, { tenant: TENANT, caseId: 'lib-2', version: 1 })).toBe(false);
    expect(matches(versions, { ...sameIssuerOtherDeployment, caseId: 'lib-1' })).toBe(false);
    // A built-in case's versions carry no tenant.
    expect(matches(versions, { caseId: 'lib-1', version: 1 })).toBe(false);
  });
});
