/**
 * Every error Upstream shows, in one catalogue: a factory per error with a stable id (shown to the
 * user, for support), an HTTP status and a message the reader can act on. Only this module creates
 * an AppError (a lint rule holds the rest of the code to it), so an id means one thing everywhere.
 * How thrown errors become responses is server/errorHandling.ts.
 */

export class AppError extends Error {
  constructor(
    /** Stable, machine-readable id, e.g. "not_found". */
    readonly id: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The one JSON shape of every error answer (part of the API contract). */
export interface ErrorBody {
  error: { id: string; message: string };
}

/** Errors any route can return. */
export const errors = {
  badRequest: (message: string) => new AppError('bad_request', 400, message),
  /** A request that fails its schema; `problem` names the field and what is wrong with it. */
  invalidRequest: (problem: string) =>
    new AppError('invalid_request', 400, `Invalid request. ${problem}`),
  unauthorized: (message = 'Open this activity again from your course.') =>
    new AppError('unauthorized', 401, message),
  forbidden: (message = 'You do not have permission to do this.') =>
    new AppError('forbidden', 403, message),
  notFound: (what = 'The resource') => new AppError('not_found', 404, `${what} was not found.`),
  conflict: (message: string) => new AppError('conflict', 409, message),
  payloadTooLarge: (message = 'The request body is too large.') =>
    new AppError('payload_too_large', 413, message),
  tooManyParameters: () =>
    new AppError('too_many_parameters', 413, 'The request has too many form fields.'),
  unsupportedMediaType: (message: string) => new AppError('unsupported_media_type', 415, message),
  unavailable: (message = 'The database is not reachable. Please try again in a moment.') =>
    new AppError('service_unavailable', 503, message),
  internal: () =>
    new AppError('internal_error', 500, 'Something went wrong on our side. Please try again.'),
};

const AGAIN = 'Please open the activity again from your course.';

/**
 * Why a login or launch was refused. Details of the failure go to the log, not the page.
 */
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
  deepLinkingNeedsInstructor: () =>
    new AppError(
      'deep_linking_requires_instructor',
      403,
      'Only instructors can add Upstream activities to a course.',
    ),
};

/** Why an API call's session (its ltik) was refused. */
export const sessionErrors = {
  missing: () =>
    new AppError('ltik_missing', 401, 'Open this activity from your course to continue.'),
  invalid: () =>
    new AppError(
      'ltik_invalid',
      401,
      'Your session is not valid. Open the activity again from your course.',
    ),
  expired: () =>
    new AppError(
      'ltik_expired',
      401,
      'Your session has ended. Open the activity again from your course: your work is saved.',
    ),
  platformDisconnected: () =>
    new AppError(
      'platform_disconnected',
      401,
      'Your course’s learning platform is no longer connected to Upstream, so this session has ended. Your work is saved; ask your course team about access.',
    ),
};

/** A student's attempt, and a preview's replayed one: answers the engine or the state refuse. */
export const attemptErrors = {
  changed: () =>
    new AppError(
      'attempt_changed',
      409,
      'This attempt has moved on (perhaps in another tab). It has been reloaded.',
    ),
  finished: () => new AppError('attempt_finished', 409, 'This attempt is finished.'),
  noAttemptsLeft: () =>
    new AppError('no_attempts_left', 409, 'You have used all the attempts this activity allows.'),
  /** The engine's reason (server/cases/responses.ts) why a response does not fit its step. */
  invalidResponse: (reason: string) => new AppError('invalid_response', 400, reason),
  notCurrentStep: () =>
    new AppError(
      'not_current_step',
      409,
      'This is not the step you are on. The attempt has been reloaded.',
    ),
  notAnswered: (stepId: string) =>
    new AppError(
      'step_not_answered',
      404,
      `Step "${stepId}" has no feedback to show: it is not an answered step you have moved on from in this attempt.`,
    ),
  /** An attempt whose stored state does not parse; names fields, never their values. */
  unreadable: (attemptId: string, problem: string) =>
    new AppError(
      'attempt_unreadable',
      500,
      `The saved attempt ${attemptId} cannot be read: its stored state is damaged (${problem}).`,
    ),
  /** A preview's {path, responses} that the case does not replay to (server/cases/replay.ts). */
  invalidPreviewState: (reason: string) =>
    new AppError('invalid_preview_state', 400, `Invalid preview state. ${reason}`),
};

/** Case images: uploads whose bytes are not what they claim, and image links that do not verify. */
export const imageErrors = {
  typeMismatch: (message: string) => new AppError('image_type_mismatch', 415, message),
  trailingData: (message: string) => new AppError('image_trailing_data', 415, message),
  linkInvalid: (message: string) => new AppError('image_link_invalid', 403, message),
};

/** Marking free-text answers. */
export const markingErrors = {
  changed: () =>
    new AppError(
      'attempt_changed',
      409,
      'These marks were changed by someone else after you opened the answer. It has been reloaded: check the marks and save again.',
    ),
  invalidMarks: (reason: string) => new AppError('invalid_marks', 400, `Invalid marks: ${reason}.`),
};

/** Placements and the case library. */
export const caseErrors = {
  caseLocked: () =>
    new AppError(
      'case_locked',
      409,
      'Students have started this activity, so its case can no longer change. Add a new activity for another case.',
    ),
  publishConflict: (version: number) =>
    new AppError(
      'publish_conflict',
      409,
      `Version ${version} of this case was published by someone else a moment ago. Reload the case to see it.`,
    ),
  /** `who` saved revision `current` after the author opened `opened`. */
  draftConflict: (who: string, when: string, current: number | undefined, opened: number) =>
    new AppError(
      'draft_conflict',
      409,
      `${who} saved this draft${when} (revision ${current}) after you opened revision ${opened}. ` +
        'Your text was not saved and is still in the editor: copy it, reload the draft, and add your changes again.',
    ),
};
