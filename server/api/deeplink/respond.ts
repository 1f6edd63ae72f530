/**
 * The deep-linking answer: the chosen case as an ltiResourceLink with its gradebook line item, signed
 * for the platform. The case and its settings travel as custom parameters, so the first launch
 * creates the placement.
 */
import type { CaseLibrary } from '../../cases/loader.js';
import { courseScopeOf } from '../../data/scope.js';
import { errors } from '../../errors.js';
import { findCase } from '../../library/resolve.js';
import { ltijs } from '../../lti/provider.js';
import { toolUrls } from '../../lti/toolConfiguration.js';
import type { LaunchRecord } from '../../models/launch.js';
import { toCustomParameters } from '../placement/customParameters.js';
import type { NewActivityBody } from '../placement/schema.js';
import { checkWeights } from '../placement/weights.js';
import type { DeepLinkResponse } from './contract.js';

export interface RespondOptions {
  /** The deep-linking launch: its return URL and data come from it. */
  launch: LaunchRecord;
  /** The checked choice: case, title and settings. */
  body: NewActivityBody;
  library: CaseLibrary;
  /** The tool's public address, for the launch URL of the new link. */
  publicUrl: string;
}

/** The signed response; 404 for a case the course does not see, 400 for a launch with no return. */
export async function respondToDeepLink({
  launch,
  body,
  library,
  publicUrl,
}: RespondOptions): Promise<DeepLinkResponse> {
  const caseModule = await findCase(library, courseScopeOf(launch), body.caseId);
  if (!caseModule) throw errors.notFound(`The case "${body.caseId}"`);
  checkWeights(caseModule, body.grading.weights);
  const returnUrl = launch.deepLinking?.returnUrl;
  if (!returnUrl)
    throw errors.badRequest(
      'This launch has no deep-linking return address. Open the activity picker again from your course.',
    );
  const title = body.title ?? caseModule.title;
  const item = {
    type: 'ltiResourceLink',
    title,
    text: caseModule.summary.split('\n')[0],
    url: toolUrls(publicUrl).launch,
    custom: toCustomParameters(body),
    // Moodle only makes a gradebook column when the content item declares its line item.
    lineItem: {
      scoreMaximum: body.grading.pointsPossible,
      label: title,
      resourceId: caseModule.id,
      tag: 'overall',
    },
    // The platform shows the due date in its calendar and gradebook (LTI Deep Linking 2.0).
    ...(body.dueAt ? { submission: { endDateTime: body.dueAt } } : {}),
  };
  const jwt = await ltijs().DeepLinking.createDeepLinkingMessage(
    {
      iss: launch.tenant.issuer,
      clientId: launch.tenant.clientId,
      deploymentId: launch.tenant.deploymentId,
      platformContext: {
        deepLinkingSettings: {
          data: launch.deepLinking?.data ?? undefined,
          accept_types: ['ltiResourceLink'],
          accept_multiple: false,
        },
      },
    },
    [item],
    { message: `Added the Upstream case "${title}".` },
  );
  return { returnUrl, jwt };
}
