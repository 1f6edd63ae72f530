/** Runs Upstream's entry points as child processes, the way a user runs them. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { projectRoot } from '../../server/config.js';

/** A TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Running {
  child: ChildProcessWithoutNullStreams;
  /** Everything written so far to stdout and stderr. */
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Resolves once the output contains `text`; rejects, with the output, if the process exits first. */
  printed(text: string): Promise<void>;
}

/** Starts a TypeScript entry point (e.g. server/index.ts) with extra environment variables. */
export function runScript(
  script: string,
  env: Record<string, string>,
  args: string[] = [],
): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: projectRoot,
    env: { ...process.env, MONGODB_URI: '', LOG_LEVEL: 'info', ...env },
  });
  let output = '';
  const received = new EventTarget();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    received.dispatchEvent(new Event('output'));
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const printed = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!output.includes(text)) return;
        received.removeEventListener('output', check);
        resolve();
      };
      received.addEventListener('output', check);
      check();
      void exited.then(() => {
        received.removeEventListener('output', check);
        if (!output.includes(text))
          reject(new Error(`exited before printing ${text}:\n${output.slice(-3000)}`));
      });
    });
  return { child, output: () => output, exited, printed };
}

/**
 * Resolves once `check` returns true, asking again every 100 ms. It sets no deadline of its own: on a
 * busy machine a condition comes true later, not never, so only the test's timeout bounds the wait.
 * Pass the test context's `signal` so that the polling stops when the test ends.
 */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  signal?: AbortSignal,
): Promise<void> {
  while (!signal?.aborted) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the test ended before the condition held', { cause: signal?.reason });
}
