// ESLint flat config. Kept in .config/ so the top level holds only the project's own folders.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import boundariesConfig from './boundaries.js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ONE_ERROR_CATALOGUE = {
  selector: "NewExpression[callee.name='AppError']",
  message: 'Add the error to the catalogue in server/errors.ts and use its factory.',
};

// A router's handlers are route(...) calls (server/api/route.ts), nothing else: no inline function,
// no named handler that skips its steps. A route is known by its call, whatever the router is
// called: a method named for HTTP whose first argument is a path (a string, a template or a list).
// `cache.get(key)` has no path first and `params.get('ltik')` has nothing after it, so neither is one.
const ONE_ROUTE_SHAPE = {
  selector:
    "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(get|post|put|patch|delete|all)$/][arguments.0.type=/^(Literal|TemplateLiteral|ArrayExpression)$/] > :not(MemberExpression, Literal, TemplateLiteral, ArrayExpression, CallExpression[callee.name='route'])",
  message:
    'Write the handler as route({ authorize, validate, run, present }) from server/api/route.ts.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/bench/results/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      // With noUncheckedIndexedAccess, a checked index read often needs `!`; the checks are real.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    // One error catalogue: an error made anywhere else would be an id nobody can look up.
    files: ['server/**/*.ts'],
    ignores: ['server/errors.ts'],
    rules: { 'no-restricted-syntax': ['error', ONE_ERROR_CATALOGUE] },
  },
  {
    // One shape for every API route: a handler written inline could read the body before it knows
    // who asks. The rule repeats the catalogue's, since a later no-restricted-syntax replaces it.
    files: ['server/api/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ONE_ERROR_CATALOGUE, ONE_ROUTE_SHAPE] },
  },
  boundariesConfig,
  {
    // The API contract is types only: what the client takes from it (type-only, see boundaries.js)
    // can then never carry server code or zod into a bundle.
    files: ['server/api/contract.ts', 'server/api/*/contract.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'Program > :not(ImportDeclaration[importKind="type"], ExportNamedDeclaration[exportKind="type"], ExportAllDeclaration[exportKind="type"], TSInterfaceDeclaration, TSTypeAliasDeclaration)',
          message:
            'The API contract declares types only: use `import type`, `export type` or an interface.',
        },
      ],
    },
  },
  prettier,
);
