/**
 * Every error the API shows comes from the one catalogue in server/errors.ts: the lint rule that
 * holds the rest of the server to it fires on an error made elsewhere, and the catalogue's ids
 * each mean one status.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import * as catalogue from '../../server/errors.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const code = `import { AppError } from '../errors.js';\nexport const oops = () => new AppError('oops', 400, 'Oops.');\n`;

async function restrictedSyntax(file: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: '.config/eslint.config.js' });
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return result!.messages
    .filter((message) => message.ruleId === 'no-restricted-syntax')
    .map((message) => message.message);
}

describe('the error catalogue', () => {
  it('lint refuses an AppError made outside server/errors.ts', async () => {
    expect(await restrictedSyntax('server/api/fixture.ts')).toEqual([
      'Add the error to the catalogue in server/errors.ts and use its factory.',
    ]);
  });

  it('lint lets the catalogue itself make errors', async () => {
    expect(await restrictedSyntax('server/errors.ts')).toEqual([]);
  });

  it('gives each id one status across every area', () => {
    const statusById = new Map<string, Set<number>>();
    for (const [name, area] of Object.entries(catalogue)) {
      if (name === 'AppError') continue;
      for (const factory of Object.values(area as Record<string, (...args: string[]) => unknown>)) {
        const error = factory('x', 'y', 'z') as catalogue.AppError;
        expect(error).toBeInstanceOf(catalogue.AppError);
        statusById.set(error.id, (statusById.get(error.id) ?? new Set()).add(error.status));
      }
    }
    expect(statusById.size).toBeGreaterThan(30);
    for (const [id, statuses] of statusById) expect(statuses.size, id).toBe(1);
  });
});
