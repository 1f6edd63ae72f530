/**
 * How Upstream describes itself to platforms: its URLs, the LTI messages and claims it uses and the
 * services it asks for. Dynamic registration, the Canvas developer-key JSON and the landing page all
 * read it from here.
 */

export const TOOL_NAME = 'Upstream';
export const TOOL_DESCRIPTION =
  'Social-determinants-of-health case modules for medical students, with per-competency grades returned to the gradebook.';

export const SCOPES = [
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
];

export const CLAIMS = ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'];

/**
 * The two settings of a dynamically registered tool that Moodle (4.1 to 5.0) fixes whatever the
 * tool sends (mod/lti/classes/local/ltiopenid/registration_helper.php, registration_to_config: it
 * sets coursevisible to "preconfigured" and acceptgrades to "delegate"), so its administrator
 * changes them on the tool's card. Name and e-mail follow the claims Upstream asks for (CLAIMS), and
 * the services follow its scopes: those need no change.
 */
export const MOODLE_TOOL_SETTINGS = [
  {
    field: 'Tool configuration usage',
    value: 'Show in activity chooser and as a preconfigured tool',
    why: 'teachers find Upstream in the activity chooser',
  },
  {
    field: 'Accept grades from the tool',
    value: 'Always',
    why: 'the default, Delegate to teacher, leaves new activities without a grade column',
  },
] as const;

export interface ToolUrls {
  /** PUBLIC_URL. */
  base: string;
  login: string;
  /** The redirect URI and target link URI of every message. */
  launch: string;
  keys: string;
  registration: string;
  canvasJson: string;
  /** The tool's icon as SVG (Moodle shows it on the activity, the course index and the gradebook). */
  icon: string;
  /** The same icon as a 128 px PNG, for Canvas's placements. */
  iconPng: string;
}

/** Upstream's LTI endpoints under PUBLIC_URL. */
export function toolUrls(publicUrl: string): ToolUrls {
  return {
    base: publicUrl,
    login: `${publicUrl}/lti/login`,
    launch: `${publicUrl}/lti/launch`,
    keys: `${publicUrl}/lti/keys`,
    registration: `${publicUrl}/lti/register`,
    canvasJson: `${publicUrl}/lti/canvas.json`,
    icon: `${publicUrl}/icon.svg`,
    iconPng: `${publicUrl}/icon.png`,
  };
}

/** The registration request body of LTI Dynamic Registration 1.0 (section 3.3), Canvas additions included. */
export function registrationRequest(urls: ToolUrls): Record<string, unknown> {
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: urls.login,
    redirect_uris: [urls.launch],
    client_name: TOOL_NAME,
    jwks_uri: urls.keys,
    logo_uri: urls.icon,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: SCOPES.join(' '),
    'https://purl.imsglobal.org/spec/lti-tool-configuration': {
      domain: new URL(urls.base).host,
      description: TOOL_DESCRIPTION,
      target_link_uri: urls.launch,
      claims: CLAIMS,
      messages: [
        { type: 'LtiResourceLinkRequest', target_link_uri: urls.launch },
        {
          type: 'LtiDeepLinkingRequest',
          target_link_uri: urls.launch,
          label: 'Add an Upstream case',
          // Canvas reads placements; other platforms ignore them.
          placements: ['link_selection', 'assignment_selection'],
          supported_types: ['ltiResourceLink'],
        },
      ],
      'https://canvas.instructure.com/lti/privacy_level': 'public',
    },
  };
}

/** The Canvas developer-key JSON ("Enter URL" when adding an LTI key in Canvas). */
export function canvasConfiguration(urls: ToolUrls): Record<string, unknown> {
  const domain = new URL(urls.base).host;
  const deepLinking = (placement: string) => ({
    placement,
    message_type: 'LtiDeepLinkingRequest',
    target_link_uri: urls.launch,
    text: 'Upstream case',
    icon_url: urls.iconPng,
  });
  return {
    title: TOOL_NAME,
    description: TOOL_DESCRIPTION,
    oidc_initiation_url: urls.login,
    target_link_uri: urls.launch,
    scopes: SCOPES,
    public_jwk_url: urls.keys,
    extensions: [
      {
        domain,
        tool_id: 'upstream',
        platform: 'canvas.instructure.com',
        privacy_level: 'public',
        settings: {
          text: TOOL_NAME,
          icon_url: urls.iconPng,
          placements: [deepLinking('link_selection'), deepLinking('assignment_selection')],
        },
      },
    ],
    custom_fields: {},
  };
}
