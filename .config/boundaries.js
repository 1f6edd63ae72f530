// The dependency direction of DESIGN.md, checked by eslint-plugin-boundaries on every import,
// export-from, require and dynamic import():
//   index/app/cli -> api, lti, grades, xapi, emulator -> library, data -> cases, analytics, models -> db
// Anything no policy allows is an error. test/unit/boundaries.test.ts proves each rule can fail.
// The models' values (the mongoose models that run queries) are imported only by server/data, whose
// functions require a tenant or course scope, by the LTI launch and registration modules, which
// create the tenant's records before any scope exists, and by the emulator; every layer may import
// their types.
import boundaries from 'eslint-plugin-boundaries';

// Folders: every file inside belongs to the layer.
const elements = [
  'api',
  'lti',
  'grades',
  'xapi',
  'library',
  'data',
  'emulator',
  'outbound',
  'cases',
  'analytics',
  'models',
  'db',
]
  .map((type) => ({ type, pattern: `server/${type}` }))
  .concat({ type: 'client', pattern: 'client' });

// Single files at the top of server/.
const files = [
  // The process entry points: they wire everything together.
  { category: 'entry', pattern: ['server/{index,cli,worker}.ts', 'server/*.mjs'] },
  // The express app factory: the one module that mounts the emulator.
  { category: 'app', pattern: 'server/app.ts' },
  // Small modules every server layer may use: settings, logging, errors, web origins.
  {
    category: 'support',
    pattern: 'server/{config,logger,errors,webOrigin,securityHeaders,httpServer,lastResort}.ts',
  },
  // The case files' reading edge inside server/cases (see the last server policy).
  { category: 'case-files', pattern: 'server/cases/{loader,cli}.ts' },
  // The API contract: the types of what each route accepts and returns, the client's one view of the server.
  { category: 'contract', pattern: 'server/api/contract.ts' },
];

const FILE_CATEGORIES = new Set(files.map(({ category }) => category));
const ELEMENT_TYPES = new Set(elements.map(({ type }) => type));
const selector = (name) => {
  if (FILE_CATEGORIES.has(name)) return { file: { categories: name } };
  if (ELEMENT_TYPES.has(name)) return { element: { type: name } };
  throw new Error(`boundaries: no element or file category named ${name}`);
};
/** The models' types only (`import type`): queries go through server/data. */
const MODEL_TYPES = 'model-types';
const target = (to) =>
  to === MODEL_TYPES
    ? { to: selector('models'), dependency: { kind: ['type', 'typeof'] } }
    : { to: selector(to) };
/** A policy letting `from` import npm packages and the listed layers. */
const allow = (from, ...layers) => ({
  from: selector(from),
  allow: [{ to: { module: { origin: 'external' } } }, ...layers.map(target)],
});
/** Node built-ins (node:fs, node:path ...): everywhere but in the client and the case engine. */
const allowNode = (from) => ({
  from: selector(from),
  allow: { to: { module: { origin: 'core' } } },
});

const LAYERS = [
  'api',
  'lti',
  'grades',
  'xapi',
  'library',
  'data',
  'cases',
  'analytics',
  MODEL_TYPES,
  'support',
  'outbound',
];
/** Modules that must stay pure: no framework, database, LTI library, configuration or Node built-in. */
const PURE = ['cases', 'analytics'];

export default {
  files: ['server/**/*.{ts,mjs}', 'client/**/*.{ts,tsx}'],
  // Vite's own configuration runs in Node at build time; it is not client code.
  ignores: ['client/vite.config.ts'],
  plugins: { boundaries },
  settings: {
    // Imports are written with .js extensions that resolve to .ts sources.
    'import/resolver': { typescript: { alwaysTryTypes: true } },
    'boundaries/dependency-nodes': ['import', 'export', 'require', 'dynamic-import'],
    'boundaries/elements': elements,
    'boundaries/files': files,
  },
  rules: {
    'boundaries/dependencies': [
      'error',
      {
        default: 'disallow',
        checkAllOrigins: true,
        policies: [
          ...['entry', 'app', 'api', 'lti', 'grades', 'xapi', 'library', 'data', 'emulator']
            .concat('outbound', 'support', 'models', 'db')
            .map(allowNode),
          allow('entry', 'entry', 'app', 'db', ...LAYERS),
          // Only app.ts mounts the emulator: no other server code may import it.
          allow('app', 'db', 'emulator', ...LAYERS),
          allow('api', ...LAYERS),
          allow(
            'grades',
            'grades',
            'lti',
            'library',
            'data',
            'cases',
            MODEL_TYPES,
            'support',
            'outbound',
          ),
          // Learning records: statements from attempts and launches, sent like grades.
          allow('xapi', 'xapi', 'grades', 'data', 'cases', MODEL_TYPES, 'support', 'outbound'),
          // Tenants' own cases: stored, resolved and published within a course scope.
          allow('library', 'library', 'lti', 'data', 'cases', MODEL_TYPES, 'support'),
          allow('data', 'data', 'lti', 'cases', 'models', 'support'),
          allow('lti', 'lti', 'xapi', 'data', 'cases', 'models', 'support', 'outbound'),
          allow('emulator', 'emulator', 'cases', 'models', 'support', 'outbound'),
          allow('outbound', 'outbound', 'support'),
          allow('support', 'support'),
          allow('models', 'models', 'db'),
          allow('db', 'db', 'support'),
          // The case engine is pure: other cases modules and plain libraries (zod, yaml) only;
          // no framework, database, LTI library, configuration or Node built-in.
          allow('cases', 'cases'),
          // Item analysis: the case engine's scoring over stored attempts, given as plain data.
          allow('analytics', 'analytics', 'cases', 'grades'),
          // loader.ts and cli.ts read the case files (node:fs) at the paths config.ts names.
          allow('case-files', 'support'),
          allowNode('case-files'),
          // Last, so that no allow above overrides it.
          ...PURE.map((pure) => ({
            from: selector(pure),
            disallow: { to: { module: { source: ['express', 'mongoose', 'mongodb', 'ltijs'] } } },
          })),
          // The client imports no server code: only the API contract's types, with `import type`
          // (erased from the bundle, so no server module or zod can reach the browser).
          allow('client', 'client'),
          {
            from: selector('client'),
            allow: { to: selector('contract'), dependency: { kind: 'type' } },
          },
        ],
      },
    ],
  },
};
