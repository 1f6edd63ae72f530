/**
 * What a platform tells a tool at the start of Dynamic Registration: its OpenID configuration
 * (LTI Dynamic Registration §3.4), and the registration token the tool must present, one use only.
 * Moodle's token names the client id it will issue (or, for "Update", the tool type to rewrite).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { PlatformKeys } from './keys.js';
import { ALL_SCOPES, LTI, type PlatformProfile } from './platforms.js';
import type { EmulatorState, ToolRegistration } from './state.js';

const TOKEN_LIFETIME_S = 3600;

/** The platform's OpenID configuration (Dynamic Registration §3.4). */
export function openidConfiguration(platform: PlatformProfile): Record<string, unknown> {
  const moodle = platform.profile === 'moodle';
  return {
    issuer: platform.issuer,
    token_endpoint: platform.tokenUrl,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    jwks_uri: platform.jwksUrl,
    authorization_endpoint: platform.authUrl,
    registration_endpoint: platform.registrationEndpoint,
    ...(moodle ? {} : { authorization_server: platform.tokenUrl }),
    scopes_supported: ['openid', ...ALL_SCOPES],
    response_types_supported: ['id_token'],
    subject_types_supported: ['public', 'pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: moodle
      ? ['sub', 'iss', 'name', 'given_name', 'family_name', 'email']
      : [
          'sub',
          'iss',
          'name',
          'given_name',
          'family_name',
          'nickname',
          'picture',
          'email',
          'locale',
        ],
    [LTI.platformConfiguration]: {
      product_family_code: platform.productFamilyCode,
      version: moodle ? `5.0 (Build: ${platform.version.slice(0, 8)})` : 'cloud',
      messages_supported: moodle
        ? [
            { type: 'LtiResourceLinkRequest' },
            { type: 'LtiDeepLinkingRequest', placements: ['ContentArea'] },
          ]
        : [
            {
              type: 'LtiResourceLinkRequest',
              placements: ['course_navigation', 'link_selection', 'assignment_selection'],
            },
            {
              type: 'LtiDeepLinkingRequest',
              placements: ['link_selection', 'assignment_selection', 'editor_button'],
            },
          ],
      variables: ['ResourceLink.id', 'Context.id', 'CourseSection.sourcedId', 'Person.name.full'],
    },
  };
}

export interface RegistrationStart {
  openidConfiguration: string;
  registrationToken: string;
}

/** Issues a one-use registration token: for a new tool, or to update an existing one (Moodle). */
export async function issueRegistrationToken(
  state: EmulatorState,
  platform: PlatformProfile,
  keys: PlatformKeys,
  update?: ToolRegistration,
): Promise<RegistrationStart> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> =
    platform.profile === 'moodle'
      ? update
        ? { sub: update.typeId, scope: 'reg-update' }
        : {
            sub: randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 15),
            scope: 'reg',
          }
      : {
          uuid: randomUUID(),
          initiated_at: new Date().toISOString(),
          scope: update ? 'reg-update' : 'reg',
          ...(update ? { sub: update.clientId } : {}),
        };
  const registrationToken = await keys.sign({
    ...claims,
    iat: now,
    exp: now + TOKEN_LIFETIME_S,
    jti: randomUUID(),
  });
  return { openidConfiguration: platform.openidConfigurationUrl, registrationToken };
}
