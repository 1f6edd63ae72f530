/**
 * The launch API contract (GET /api/launch): the current launch as every page sees it, without
 * platform internals or service URLs. Types only; see server/api/contract.ts.
 */
import type { LaunchRecord } from '../../models/launch.js';
import type { LaunchWarning } from './presenter.js';

export type { LaunchWarning } from './presenter.js';

/** GET /api/launch. */
export interface LaunchInfo {
  audience: LaunchRecord['audience'];
  messageType: LaunchRecord['messageType'];
  user: { name: string | null };
  course: { title: string | null; label: string | null };
  activity: { title: string | null };
  platform: { product: string | null };
  /** The LMS's "back to the course" address, when it is an http(s) one. */
  returnUrl: string | null;
  expiresAt: string;
  /** What an instructor should know about this launch (e.g. no grade service). */
  warnings: LaunchWarning[];
}
