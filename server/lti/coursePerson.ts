/**
 * Remembers who launched in a course (models/coursePerson.ts) from a verified launch: the name and
 * email claims, the LMS username (Moodle sends it in the `ext` claim as user_username) and the SIS id
 * (the `lis` claim's person_sourcedid), or the custom parameters an administrator can add for them on
 * platforms that send neither (Canvas: username=$Canvas.user.loginId, sis_id=$Person.sourcedId).
 */
import { coursePersonStore } from '../data/collections.js';
import type { Tenant } from '../models/tenant.js';

const LIS_CLAIM = 'https://purl.imsglobal.org/spec/lti/claim/lis';
const EXT_CLAIM = 'https://purl.imsglobal.org/spec/lti/claim/ext';

type Claims = Record<string, unknown>;

/** A non-empty string that is not an unsubstituted variable ($Canvas.user.loginId). */
function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() && !value.startsWith('$')
    ? value.trim()
    : undefined;
}

function claimOf(payload: Claims, name: string): Claims {
  const value = payload[name];
  return value && typeof value === 'object' ? (value as Claims) : {};
}

export interface LaunchedPerson {
  tenant: Tenant;
  contextId: string | undefined;
  userId: string;
  name: string | undefined;
  email: string | undefined;
  custom: Claims;
  staff: boolean;
}

/** Records or updates the launching person's course record (no-op for a launch outside a course). */
export async function rememberCoursePerson(person: LaunchedPerson, payload: Claims): Promise<void> {
  if (!person.contextId) return;
  const { custom } = person;
  const fields = {
    name: person.name,
    email: person.email,
    username:
      textOf(claimOf(payload, EXT_CLAIM).user_username) ??
      textOf(custom.username) ??
      textOf(custom.user_username),
    sisId:
      textOf(claimOf(payload, LIS_CLAIM).person_sourcedid) ??
      textOf(custom.sis_id) ??
      textOf(custom.person_sourcedid),
  };
  const known = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  await coursePersonStore.updateOne(
    { tenant: person.tenant, contextId: person.contextId },
    { userId: person.userId },
    {
      // Staff once is staff for good: a teacher previewing as a student must not join the class.
      $set: { ...known, ...(person.staff ? { staff: true } : {}) },
      $setOnInsert: person.staff ? {} : { staff: false },
    },
    { upsert: true },
  );
}
