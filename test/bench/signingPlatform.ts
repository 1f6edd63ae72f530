/**
 * The signing platform on its own: the built-in emulator (a Moodle and a Canvas profile that sign
 * real id_tokens) in a process of its own, as an LMS is, so that a tool's CPU per launch is the
 * tool's alone and not the platform's RSA signing. Env: PORT, and the tool's TOOL_NAME,
 * TOOL_LOGIN_URL, TOOL_LAUNCH_URL, TOOL_KEYS_URL, TOOL_REGISTRATION_URL. Prints `platform <json>`
 * (the Moodle profile's registration, for the tool) once it listens.
 */
import express from 'express';
import { createEmulator } from '../../server/emulator/index.js';
import { createLogger } from '../../server/logger.js';

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
}

const port = Number(setting('PORT'));
const emulator = await createEmulator({
  baseUrl: `http://127.0.0.1:${port}/emulator`,
  tool: {
    name: setting('TOOL_NAME'),
    loginUrl: setting('TOOL_LOGIN_URL'),
    launchUrl: setting('TOOL_LAUNCH_URL'),
    deepLinkUrl: setting('TOOL_LAUNCH_URL'),
    jwksUrl: setting('TOOL_KEYS_URL'),
    registrationUrl: setting('TOOL_REGISTRATION_URL'),
  },
  logger: createLogger('warn'),
});
const app = express();
app.disable('x-powered-by');
app.use('/emulator', emulator.router);
app.listen(port, '127.0.0.1', () => {
  // The bench launches from the Moodle profile only.
  const moodle = emulator.platforms.find((p) => p.profile === 'moodle')!;
  console.log(`platform ${JSON.stringify(moodle)}`);
});
