/**
 * Why a login or launch was refused. Each has a stable id (shown on the page, for support) and a
 * message a student or administrator can act on. Details of the failure go to the log, not the page.
 */
import { AppError } from '../errors.js';

const AGAIN = 'Please open the activity again from your course.';

export const launchErrors = {
  badRequest: (what: string) =>
    new AppError('launch_bad_request', 400, `The launch request was not valid: ${what}. ${AGAIN}`),
  unknownPlatform: () =>
    new AppError(
      'platform_not_registered',
      403,
      'Upstream is not registered with this learning platform. Ask your LMS administrator to register it.',
    ),
  ambiguousPlatform: () =>
    new AppError(
      'platform_client_id_required',
      400,
      'This platform has several Upstream registrations; its login request must name the client_id.',
    ),
  inactivePlatform: () =>
    new AppError(
      'platform_not_active',
      403,
      'Upstream is registered with this learning platform but not activated yet. Ask the Upstream administrator to activate it.',
    ),
  unknownDeployment: (deploymentId: string) =>
    new AppError(
      'deployment_not_registered',
      403,
      `This deployment of Upstream (id "${deploymentId}") is not registered. Ask the Upstream administrator to add it (npm run cli -- platform add-deployment).`,
    ),
  invalidToken: () =>
    new AppError('launch_token_invalid', 401, `The launch could not be verified. ${AGAIN}`),
  expiredToken: () =>
    new AppError('launch_token_expired', 401, `The launch took too long to arrive. ${AGAIN}`),
  replayedToken: () =>
    new AppError('launch_replayed', 401, `This launch has already been used. ${AGAIN}`),
  unknownState: () =>
    new AppError(
      'launch_state_unknown',
      401,
      `The launch did not match a sign-in Upstream started, or it expired. ${AGAIN}`,
    ),
  unboundBrowser: () =>
    new AppError(
      'launch_not_confirmed',
      401,
      `Upstream could not confirm that this launch came from your browser: it may be blocking cookies for Upstream inside the course page. ${AGAIN} If it keeps happening, allow cookies for this site or open the activity in a new window.`,
    ),
  keysetUnavailable: () =>
    new AppError(
      'platform_keys_unavailable',
      502,
      `Upstream could not fetch your learning platform's signing keys to verify the launch. Please try again in a moment.`,
    ),
};
