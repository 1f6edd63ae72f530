/** The launch as the pages see it: no platform internals, no service URLs. */
import type { LaunchRecord } from '../../models/launch.js';
import type { LaunchInfo } from './contract.js';

const AGS_SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';

export interface LaunchWarning {
  id: 'no_grade_service';
  message: string;
}

/** Warnings an instructor should see about this launch. */
function warningsFor(launch: LaunchRecord): LaunchWarning[] {
  if (launch.audience !== 'instructor') return [];
  const canSendScores = (launch.ags?.scope ?? []).includes(AGS_SCORE_SCOPE);
  return canSendScores
    ? []
    : [
        {
          id: 'no_grade_service',
          message:
            'This launch carries no grade service, so grades cannot reach the gradebook. In Moodle, edit the activity and tick "Accept grades from the tool" (administrators can set it to Always in the tool settings).',
        },
      ];
}

/**
 * The address when it is an http(s) one, else null. The page links to it ("back to the course"), and
 * a javascript: or data: address from a platform would run script in Upstream's origin when followed.
 */
function webAddress(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** The JSON shape of GET /api/launch. */
export function presentLaunch(launch: LaunchRecord): LaunchInfo {
  return {
    audience: launch.audience,
    messageType: launch.messageType,
    user: { name: launch.name ?? null },
    course: { title: launch.context?.title ?? null, label: launch.context?.label ?? null },
    activity: { title: launch.resourceLink?.title ?? null },
    platform: { product: launch.platform?.product ?? null },
    returnUrl: webAddress(launch.presentation?.returnUrl),
    expiresAt: launch.expiresAt.toISOString(),
    warnings: warningsFor(launch),
  };
}
