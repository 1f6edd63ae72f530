/**
 * GET /api/tool: public facts for the landing page: the cases this installation offers (titles,
 * length, competencies: what a school weighs before adopting; nothing of their answers), the
 * registration URLs and the emulator's links.
 */
import express from 'express';
import type { CaseLibrary } from '../../cases/loader.js';
import { MOODLE_TOOL_SETTINGS, TOOL_NAME, toolUrls } from '../../lti/toolConfiguration.js';
import { caseCatalogue } from '../caseCatalogue.js';
import { anyone, json, noInput, route } from '../route.js';
import type { OfferedCase, ToolInfo } from './contract.js';

/** What an Upstream administrator runs to make a registration link for one LMS. */
const INVITATION_COMMAND = 'npm run cli -- platform invite --name "Your LMS"';

export interface ToolInfoOptions {
  publicUrl: string;
  /** OPEN_REGISTRATION: the registration URL works without an invitation (pending). */
  openRegistration: boolean;
  /** The emulator's launch links, when it is on. */
  emulator?: { home: string; launchAsStudent: string; launchAsInstructor: string };
  library: CaseLibrary;
}

/** The landing page's view of each case: explicit fields, no content beyond the title. */
function presentCases(library: CaseLibrary): OfferedCase[] {
  return caseCatalogue(library).map((c) => ({
    id: c.id,
    title: c.title,
    minutes: c.estimatedMinutes,
    competencies: c.competencies.map(({ id, title }) => ({ id, title })),
  }));
}

/** Routes describing the tool itself. */
export function toolRoutes(options: ToolInfoOptions): express.Router {
  const urls = toolUrls(options.publicUrl);
  const cases = presentCases(options.library);
  const router = express.Router();
  router.get(
    '/',
    route({
      authorize: anyone,
      validate: noInput,
      run: (): ToolInfo => ({
        name: TOOL_NAME,
        registration: {
          invitationCommand: INVITATION_COMMAND,
          openRegistration: options.openRegistration,
          dynamicRegistration: urls.registration,
          canvasJson: urls.canvasJson,
          jwks: urls.keys,
          login: urls.login,
          launch: urls.launch,
          /** What Moodle's administrator sets on the tool's card after registering. */
          moodleSettings: MOODLE_TOOL_SETTINGS.map(({ field, value, why }) => ({
            field,
            value,
            why,
          })),
        },
        emulator: options.emulator ?? null,
        cases,
      }),
      present: json,
    }),
  );
  return router;
}
