/**
 * The boundary rules of .config/boundaries.js, run through ESLint's API on small fixture sources
 * placed (by path, not on disk) where a real module would live. Each rule is shown both failing on
 * a wrong import and passing on a right one, so a rule that stopped firing would fail here.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: '.config/eslint.config.js' });
});

/** The boundary errors ESLint reports for `code` as if it were the file at `file`. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return result!.messages
    .filter((message) => message.ruleId === 'boundaries/dependencies')
    .map((message) => message.message);
}

/** One import of `specifier` in each form the rule must see. */
const importForms = (specifier: string) => ({
  static: `import * as target from '${specifier}';\nexport const used = target;\n`,
  'export-from': `export * from '${specifier}';\n`,
  'dynamic import()': `export const load = () => import('${specifier}');\n`,
  'type-only': `import type * as target from '${specifier}';\nexport type Used = typeof target;\n`,
});

describe('boundaries: each way of importing is checked', () => {
  for (const [form, code] of Object.entries(importForms('../emulator/index.js'))) {
    it(`a ${form} import of the emulator from server/api fails`, async () => {
      expect(await boundaryErrors('server/api/fixture.ts', code)).toEqual([
        'There is no policy allowing dependencies from elements of type "api" to elements of type "emulator"',
      ]);
    });
  }
});

// [from file, import specifier, the element or package named in the error]
const forbidden: [string, string, string][] = [
  // The case engine is pure.
  ['server/cases/fixture.ts', 'express', 'express'],
  ['server/cases/fixture.ts', 'mongoose', 'mongoose'],
  ['server/cases/fixture.ts', 'ltijs', 'ltijs'],
  ['server/cases/fixture.ts', 'node:fs', 'node:fs'],
  ['server/cases/fixture.ts', '../config.js', 'support'],
  ['server/cases/fixture.ts', '../models/attempt.js', 'models'],
  ['server/cases/fixture.ts', '../grades/outbox.js', 'grades'],
  ['server/cases/fixture.ts', '../emulator/index.js', 'emulator'],
  // The case files' edge may read files, but still not use a framework or the database.
  ['server/cases/loader.ts', 'express', 'express'],
  ['server/cases/loader.ts', '../models/attempt.js', 'models'],
  // Nothing but app.ts imports the emulator.
  ['server/cli.ts', './emulator/index.js', 'emulator'],
  ['server/index.ts', './emulator/index.js', 'emulator'],
  ['server/lti/fixture.ts', '../emulator/index.js', 'emulator'],
  ['server/grades/fixture.ts', '../emulator/index.js', 'emulator'],
  // Dependencies flow one way: no layer imports the one above it.
  ['server/api/fixture.ts', '../app.js', 'app'],
  ['server/lti/fixture.ts', '../api/policies.js', 'api'],
  ['server/lti/fixture.ts', '../grades/outbox.js', 'grades'],
  ['server/grades/fixture.ts', '../api/policies.js', 'api'],
  ['server/models/fixture.ts', '../lti/roles.js', 'lti'],
  ['server/models/fixture.ts', '../cases/engine.js', 'cases'],
  ['server/db/fixture.ts', '../models/attempt.js', 'models'],
  ['server/emulator/fixture.ts', '../lti/roles.js', 'lti'],
  ['server/config.ts', './api/policies.js', 'api'],
  // Queries go through server/data, whose functions require a scope: no other layer runs a model.
  ['server/api/fixture.ts', '../models/attempt.js', 'models'],
  ['server/grades/fixture.ts', '../models/gradeSync.js', 'models'],
  ['server/library/fixture.ts', '../models/libraryCase.js', 'models'],
  ['server/xapi/fixture.ts', '../models/learningRecord.js', 'models'],
  ['server/index.ts', './models/placement.js', 'models'],
  // The client imports nothing from the server but the API contract's types.
  ['client/player/fixture.ts', '../../server/cases/engine.js', 'cases'],
  ['client/player/fixture.ts', '../../server/config.js', 'support'],
  ['client/player/fixture.ts', '../../server/api/player/contract.js', 'api'],
  ['client/player/fixture.ts', '../../server/api/player/presentStep.js', 'api'],
];

describe('boundaries: a wrong import fails', () => {
  for (const [file, specifier, named] of forbidden) {
    it(`${file} may not import ${specifier}`, async () => {
      const errors = await boundaryErrors(file, importForms(specifier).static);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(`"${named}"`);
    });
  }
});

const allowed: [string, string][] = [
  ['server/cases/fixture.ts', './graph.js'],
  ['server/cases/fixture.ts', 'zod'],
  ['server/cases/loader.ts', 'node:fs'],
  ['server/cases/loader.ts', '../config.js'],
  ['server/app.ts', './emulator/index.js'],
  ['server/index.ts', './app.js'],
  ['server/api/fixture.ts', '../cases/engine.js'],
  ['server/api/fixture.ts', '../lti/roles.js'],
  ['server/api/fixture.ts', '../data/collections.js'],
  ['server/xapi/fixture.ts', '../data/collections.js'],
  ['server/lti/fixture.ts', '../models/launch.js'],
  ['server/grades/fixture.ts', '../lti/roles.js'],
  ['server/models/fixture.ts', 'mongoose'],
  ['server/db/fixture.ts', '../logger.js'],
  ['client/player/fixture.ts', '../shared/api.js'],
];

describe('boundaries: only server/data queries the models', () => {
  // An unscoped query, as a route would write it without the data layer.
  const unscopedQuery = [
    "import { Attempt } from '../../models/attempt.js';",
    "import type { AttemptRecord } from '../../models/attempt.js';",
    'export const everyAttempt = () => Attempt.find({}).lean<AttemptRecord[]>();',
  ].join('\n');

  it('an API module that imports a model to query it fails', async () => {
    expect(await boundaryErrors('server/api/player/fixture.ts', unscopedQuery)).toEqual([
      'There is no policy allowing dependencies from elements of type "api" to elements of type "models"',
    ]);
  });

  it('the same query in server/data passes, where the scoped functions are built', async () => {
    expect(
      await boundaryErrors('server/data/fixture.ts', unscopedQuery.replaceAll('../../', '../')),
    ).toEqual([]);
  });

  it("an API module may import a model's types", async () => {
    const code = importForms('../../models/attempt.js')['type-only'];
    expect(await boundaryErrors('server/api/player/fixture.ts', code)).toEqual([]);
  });
});

describe('boundaries: a right import passes', () => {
  for (const [file, specifier] of allowed) {
    it(`${file} may import ${specifier}`, async () => {
      expect(await boundaryErrors(file, importForms(specifier).static)).toEqual([]);
    });
  }
});

describe('boundaries: the client takes only types from the API contract', () => {
  const contract = '../../server/api/contract.js';
  const typeOnly = {
    'import type': `import type { AttemptView } from '${contract}';\nexport type Used = AttemptView;\n`,
    'export type from': `export type { AttemptView } from '${contract}';\n`,
  };
  for (const [form, code] of Object.entries(typeOnly)) {
    it(`an ${form} of the contract passes`, async () => {
      expect(await boundaryErrors('client/player/fixture.ts', code)).toEqual([]);
    });
  }

  // An inline `type` specifier still leaves the import itself in the bundle (verbatimModuleSyntax).
  const { 'type-only': _allowed, ...valueImports } = importForms(contract);
  const valueForms = {
    ...valueImports,
    'inline type specifier': `import { type AttemptView } from '${contract}';\nexport type Used = AttemptView;\n`,
  };
  for (const [form, code] of Object.entries(valueForms)) {
    it(`a ${form} import of the contract fails`, async () => {
      expect(await boundaryErrors('client/player/fixture.ts', code)).toEqual([
        'There is no policy allowing dependencies from elements of type "client" to file of category "contract" belonging to elements of type "api"',
      ]);
    });
  }
});

describe('the API contract declares types only', () => {
  const contractErrors = async (code: string) => {
    const [result] = await eslint.lintText(code, {
      filePath: `${root}server/api/player/contract.ts`,
    });
    return result!.messages.filter((message) => message.ruleId === 'no-restricted-syntax');
  };

  it('a type, an interface and a type-only re-export pass', async () => {
    const code = [
      "import type { Step } from '../../cases/schema.js';",
      "export type { DraftBody } from './schema.js';",
      "export type StepKind = Step['kind'];",
      'export interface DraftSaved {\n  savedAt: string;\n}',
      '',
    ].join('\n');
    expect(await contractErrors(code)).toEqual([]);
  });

  for (const code of [
    "import { z } from 'zod';\nexport type Id = z.infer<z.ZodString>;\n",
    "export { draftBody } from './schema.js';\n",
    'export const MAX = 3;\n',
    'export function present() {\n  return 1;\n}\n',
  ]) {
    it(`a value fails: ${code.split('\n')[0]}`, async () => {
      expect(await contractErrors(code)).toHaveLength(1);
    });
  }
});
