/**
 * The lint rule that keeps every API route in the shape of server/api/route.ts, run through ESLint's
 * API on small fixture routers placed (by path, not on disk) where a real router would live: it
 * fails on a handler written inline or passed by name, and passes on a route(...) call.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const MESSAGE =
  'Write the handler as route({ authorize, validate, run, present }) from server/api/route.ts.';
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: '.config/eslint.config.js' });
});

/** The restricted-syntax messages ESLint reports for `code` as if it were the file at `file`. */
async function restrictedSyntax(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return result!.messages
    .filter((message) => message.ruleId === 'no-restricted-syntax')
    .map((message) => message.message);
}

/** A router module whose one route is `handler`. */
const router = (method: string, handler: string, imports = '') =>
  `import express from 'express';\n${imports}\nexport function fixtureRoutes(): express.Router {\n  const router = express.Router();\n  router.${method}('/things/:id', ${handler});\n  return router;\n}\n`;

const shaped = `route({
    authorize: anyone,
    validate: (req) => pathParam(req, 'id'),
    run: (_nobody, id) => ({ id }),
    present: json,
  })`;
const imports = `import { anyone, json, pathParam, route } from '../route.js';`;

describe('the route shape', () => {
  for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
    it(`lint refuses an inline router.${method} handler`, async () => {
      const code = router(
        method,
        'async (req, res) => {\n    res.json({ id: req.params.id });\n  }',
      );
      expect(await restrictedSyntax('server/api/fixture/fixture.ts', code)).toEqual([MESSAGE]);
    });
  }

  it('lint refuses a function expression and a handler passed by name', async () => {
    const inline = router('get', 'function (_req, res) {\n    res.json({});\n  }');
    expect(await restrictedSyntax('server/api/fixture/fixture.ts', inline)).toEqual([MESSAGE]);
    const named = router('get', 'handler', `import { handler } from './handler.js';`);
    expect(await restrictedSyntax('server/api/fixture/fixture.ts', named)).toEqual([MESSAGE]);
  });

  it('lint refuses a handler whatever the router is called, and leaves other get and delete calls alone', async () => {
    const renamed = router('post', 'async (_req, res) => {\n    res.json({});\n  }').replaceAll(
      'router',
      'api',
    );
    expect(await restrictedSyntax('server/api/fixture/fixture.ts', renamed)).toEqual([MESSAGE]);
    const app = `import express from 'express';\nconst app = express();\napp.all(['/a', '/b'], (_req, res) => res.end());\n`;
    expect(await restrictedSyntax('server/api/fixture/fixture.ts', app)).toEqual([MESSAGE]);
    const notRoutes = `export function read(cache: Map<string, number>, params: URLSearchParams, key: string) {\n  cache.delete(key);\n  return [cache.get(key), params.get('ltik'), params.getAll(\`case\`)];\n}\n`;
    expect(await restrictedSyntax('server/api/fixture/fixture.ts', notRoutes)).toEqual([]);
  });

  it('lint lets a route(...) handler through, on every method', async () => {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'])
      expect(
        await restrictedSyntax('server/api/fixture/fixture.ts', router(method, shaped, imports)),
      ).toEqual([]);
  });

  it('the rule keeps the error catalogue rule beside it in server/api', async () => {
    const code = `import { AppError } from '../errors.js';\nexport const oops = () => new AppError('oops', 400, 'Oops.');\n`;
    expect(await restrictedSyntax('server/api/fixture/fixture.ts', code)).toEqual([
      'Add the error to the catalogue in server/errors.ts and use its factory.',
    ]);
  });
});
