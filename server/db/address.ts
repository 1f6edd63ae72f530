/**
 * The embedded database's address, published in the data folder while Upstream runs, so that
 * `npm run cli` started beside the demo works on the same data instead of a throwaway database.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const FILE = 'embedded-database.json';

interface PublishedAddress {
  uri: string;
  pid: number;
  startedAt: string;
}

/** Writes the address file; returns a function that removes it. */
export function publishAddress(dataDir: string, uri: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, FILE);
  const address: PublishedAddress = { uri, pid: process.pid, startedAt: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify(address, null, 2)}\n`);
  return () => {
    // Only remove our own file: another Upstream may have started since and published its address.
    if (readAddress(dataDir)?.pid === process.pid) rmSync(file, { force: true });
  };
}

function readAddress(dataDir: string): PublishedAddress | undefined {
  const file = path.join(dataDir, FILE);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PublishedAddress;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The URI of the embedded database of a running Upstream, if one is running. */
export function findRunningEmbeddedDatabase(dataDir: string): string | undefined {
  const address = readAddress(dataDir);
  return address && isAlive(address.pid) ? address.uri : undefined;
}
