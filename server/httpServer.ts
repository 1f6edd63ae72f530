/**
 * The HTTP server Upstream listens with, and the one place its timeouts are set. Node's defaults let a
 * client hold a connection for a minute while trickling its headers (slowloris) and five minutes while
 * never finishing its body; enough such clients use up the process's sockets and memory.
 */
import { createServer, type RequestListener, type Server } from 'node:http';

export interface HttpServerOptions {
  port: number;
  /** The interface to listen on; undefined: every interface. */
  host?: string;
  /** A client must send all of a request's headers within this time (ms), or it is cut off. */
  headersTimeoutMs?: number;
  /** A client must send a whole request, body included, within this time (ms), or it is cut off. */
  requestTimeoutMs?: number;
  /** An idle kept-alive connection is closed after this time (ms). */
  keepAliveTimeoutMs?: number;
}

/** Generous for a phone on a poor connection; far below Node's default minute. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 20_000;
/** The largest body Upstream accepts is 100 kB: a minute is ample even on a slow link. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/**
 * Longer than the idle timeout of the load balancers Upstream runs behind (60 s on AWS and most
 * others), so the balancer always closes an idle connection first and never sends a request down one
 * that Node is closing at that moment (which the client would see as a 502).
 */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Creates the server for `app`, sets its timeouts and resolves once it is listening. */
export async function listenHttp(
  app: RequestListener,
  options: HttpServerOptions,
): Promise<Server> {
  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const requestTimeout = Math.max(
    options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    headersTimeout,
  );
  const server = createServer(
    {
      // Node only looks for timed-out requests this often (default 30 s, which would more than
      // double the timeouts above): a tenth of the shorter timeout keeps the overshoot small.
      connectionsCheckingInterval: Math.max(100, Math.min(headersTimeout, requestTimeout) / 10),
    },
    app,
  );
  server.headersTimeout = headersTimeout;
  server.requestTimeout = requestTimeout;
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
