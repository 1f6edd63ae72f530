/** GET /api/tool: public facts for the landing page: the registration URLs and the emulator's links. */
import express from 'express';
import { TOOL_NAME, toolUrls } from '../../lti/toolConfiguration.js';

/** What an Upstream administrator runs to make a registration link for one LMS. */
const INVITATION_COMMAND = 'npm run cli -- platform invite --name "Your LMS"';

export interface ToolInfoOptions {
  publicUrl: string;
  /** OPEN_REGISTRATION: the registration URL works without an invitation (pending). */
  openRegistration: boolean;
  /** The emulator's launch links, when it is on. */
  emulator?: { home: string; launchAsStudent: string; launchAsInstructor: string };
}

/** Routes describing the tool itself. */
export function toolRoutes(options: ToolInfoOptions): express.Router {
  const urls = toolUrls(options.publicUrl);
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.json({
      name: TOOL_NAME,
      registration: {
        invitationCommand: INVITATION_COMMAND,
        openRegistration: options.openRegistration,
        dynamicRegistration: urls.registration,
        canvasJson: urls.canvasJson,
        jwks: urls.keys,
        login: urls.login,
        launch: urls.launch,
      },
      emulator: options.emulator ?? null,
    });
  });
  return router;
}
