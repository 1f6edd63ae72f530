/**
 * The launch benchmark's baseline: a bare ltijs 5.9.9 tool set up as its documentation shows (the
 * same database server, a trivial onConnect page and one API route). It is launched by the signing
 * platform in its own process (signingPlatform.ts), as Upstream is in the launch scenario.
 * Env: PORT, MONGODB_URI, LTI_KEY, PLATFORM (the platform's `platform <json>` line, as JSON).
 */
import type express from 'express';
import { Provider, type LtijsProvider } from 'ltijs';
import type { EmulatorPlatform } from '../../server/emulator/index.js';

// onConnect and a listening deploy are not in Upstream's ltijs declarations: Upstream validates
// launches itself and serves ltijs inside its own app.
type BareProvider = LtijsProvider & {
  onConnect(
    callback: (token: { user: string }, req: express.Request, res: express.Response) => void,
  ): true;
  deploy(options: { port: number; silent?: boolean }): Promise<true>;
};

const port = Number(process.env.PORT);
const platform = JSON.parse(process.env.PLATFORM!) as EmulatorPlatform;
const lti = Provider as BareProvider;

let ready = false;
lti.setup(
  process.env.LTI_KEY!,
  { url: process.env.MONGODB_URI! },
  {
    cors: false,
    // ltijs's own express 4 server, as documented.
    serverAddon: (app: express.Express) => {
      app.get('/ready', (_req, res) => {
        res.status(ready ? 200 : 503).json({ ready });
      });
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

await lti.registerPlatform({
  url: platform.issuer,
  name: platform.name,
  clientId: platform.clientId,
  authenticationEndpoint: platform.authUrl,
  accesstokenEndpoint: platform.tokenUrl,
  authConfig: { method: 'JWK_SET', key: platform.jwksUrl },
});
ready = true;
