/** The current launch, as GET /api/launch presents it. */
import { apiRequest } from './api.js';

export interface LaunchInfo {
  audience: 'learner' | 'instructor';
  messageType: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  user: { name: string | null };
  course: { title: string | null; label: string | null };
  activity: { title: string | null };
  platform: { product: string | null };
  returnUrl: string | null;
  expiresAt: string;
  warnings: Array<{ id: string; message: string }>;
}

/** Loads the current launch. */
export function fetchLaunch(ltik: string | null): Promise<LaunchInfo> {
  return apiRequest<LaunchInfo>(ltik, '/launch');
}
