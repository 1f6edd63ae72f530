/**
 * The launch benchmark's baseline: a bare ltijs 5.9.9 tool set up as its documentation shows (the
 * same database server, a trivial onConnect page and one API route), with its own instance of the
 * built-in emulator mounted in the same process, as Upstream has it, so both tools are launched by
 * an emulator signing real tokens and pay for it alike. Env: PORT, MONGODB_URI, LTI_KEY.
 */
import type express from 'express';
import { Provider, type LtijsProvider } from 'ltijs';
import { createEmulator } from '../../server/emulator/index.js';
import { createLogger } from '../../server/logger.js';

// onConnect and a listening deploy are not in Upstream's ltijs declarations: Upstream validates
// launches itself and serves ltijs inside its own app.
type BareProvider = LtijsProvider & {
  onConnect(
    callback: (token: { user: string }, req: express.Request, res: express.Response) => void,
  ): true;
  deploy(options: { port: number; silent?: boolean }): Promise<true>;
};

const port = Number(process.env.PORT);
const url = `http://localhost:${port}`;
const lti = Provider as BareProvider;

const emulator = await createEmulator({
  baseUrl: `http://127.0.0.1:${port}/emulator`,
  tool: {
    loginUrl: `${url}/login`,
    launchUrl: `${url}/`,
    deepLinkUrl: `${url}/`,
    jwksUrl: `${url}/keys`,
    registrationUrl: `${url}/register`,
    name: 'Bare ltijs',
  },
  logger: createLogger('warn'),
});

let ready = false;
lti.setup(
  process.env.LTI_KEY!,
  { url: process.env.MONGODB_URI! },
  {
    cors: false,
    // ltijs's own express 4 server, as documented; the emulator goes in before ltijs's routes.
    serverAddon: (app: express.Express) => {
      app.get('/ready', (_req, res) => {
        res.status(ready ? 200 : 503).json({ ready });
      });
      app.use('/emulator', emulator.router);
    },
  },
);
lti.onConnect((token, _req, res) => {
  res.send(`<!doctype html><title>Bare ltijs</title><p>Launched as ${token.user}</p>`);
});
lti.app.get('/api/info', (_req, res) => {
  res.json({ user: (res.locals as { token: { user: string } }).token.user });
});
await lti.deploy({ port, silent: true });

// The bench launches from the Moodle profile only; each registration costs a key pair.
const moodle = emulator.platforms.find((p) => p.profile === 'moodle')!;
await lti.registerPlatform({
  url: moodle.issuer,
  name: moodle.name,
  clientId: moodle.clientId,
  authenticationEndpoint: moodle.authUrl,
  accesstokenEndpoint: moodle.tokenUrl,
  authConfig: { method: 'JWK_SET', key: moodle.jwksUrl },
});
ready = true;
