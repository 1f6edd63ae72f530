/**
 * Platforms that start an LTI Dynamic Registration with Upstream from loopback (plain http is
 * accepted there outside production): any handler, or a platform whose configuration says what a
 * test needs (an issuer, endpoints, the client id its registration endpoint answers).
 */
import { createServer, type RequestListener } from 'node:http';
import { randomUUID } from 'node:crypto';

export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `handler` on 127.0.0.1 at a free port. */
export async function serveOnLoopback(handler: RequestListener): Promise<LoopbackServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RegisteringPlatform extends LoopbackServer {
  /** The openid_configuration URL to hand to /lti/register. */
  configurationUrl: string;
  issuer: string;
  clientId: string;
  /** How many times Upstream posted its registration. */
  registrations(): number;
}

/**
 * A platform answering its configuration and registration; `configuration` overrides fields of
 * its openid configuration (issuer, endpoints), `clientId` the client id it gives Upstream.
 */
export async function startRegisteringPlatform(
  options: { configuration?: Record<string, string>; clientId?: string } = {},
): Promise<RegisteringPlatform> {
  let registrations = 0;
  const issuer =
    options.configuration?.issuer ?? `https://lms-${randomUUID().slice(0, 8)}.example.edu`;
  const clientId = options.clientId ?? `client-${randomUUID().slice(0, 8)}`;
  const server = await serveOnLoopback((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.method === 'POST') {
      registrations++;
      res.end(
        JSON.stringify({
          client_id: clientId,
          'https://purl.imsglobal.org/spec/lti-tool-configuration': { deployment_id: '1' },
        }),
      );
      return;
    }
    res.end(
      JSON.stringify({
        issuer,
        authorization_endpoint: `${server.url}/auth`,
        token_endpoint: `${server.url}/token`,
        jwks_uri: `${server.url}/jwks`,
        registration_endpoint: `${server.url}/register`,
        ...options.configuration,
      }),
    );
  });
  return {
    ...server,
    configurationUrl: `${server.url}/configuration`,
    issuer,
    clientId,
    registrations: () => registrations,
  };
}
