/**
 * An HTTP proxy on loopback that fails a set share of requests, the two ways a real network does:
 * some are refused before they reach the server (503), others reach it and are done, but the answer
 * is lost (502 after forwarding). The second kind is what makes a sender send a statement again.
 * Which requests fail is decided by a counter, not a random draw, so a run is repeatable.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FlakyProxy {
  url: string;
  /** Requests received, refused before forwarding, and failed after forwarding. */
  counts: { requests: number; refused: number; lost: number };
  close(): Promise<void>;
}

/** In every ten requests, these three fail (30 %): two refused, one lost. */
const FAILING = new Map([
  [1, 'refused'],
  [4, 'lost'],
  [8, 'refused'],
]);

/** Starts a proxy to `target` (an origin such as http://127.0.0.1:8080) failing 30 % of requests. */
export async function startFlakyProxy(target: string): Promise<FlakyProxy> {
  const counts = { requests: 0, refused: 0, lost: 0 };
  const server = http.createServer((req, res) => {
    const n = counts.requests++;
    const fault = FAILING.get(n % 10);
    if (fault === 'refused') {
      counts.refused++;
      req.resume();
      res.writeHead(503, { 'Content-Type': 'text/plain' }).end('unavailable');
      return;
    }
    const forward = http.request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        if (fault === 'lost') {
          counts.lost++;
          answer.resume();
          answer.once('end', () =>
            res.writeHead(502, { 'Content-Type': 'text/plain' }).end('bad gateway'),
          );
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.once('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
