/**
 * The API contract (server/api/contract.ts) binds both sides: an incompatible change to a response
 * type, or to an input schema, fails the client's typecheck where the client uses it, and a presenter
 * that stops returning what the contract says fails the server's. Each case type-checks a few files
 * with the TypeScript compiler API and the project's tsconfig, one source file replaced in memory.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The files checked: client use sites of the contract (player, dashboard), and one presenter. */
const clientFiles = [
  'client/player/useAttempt.ts',
  'client/player/AttemptScreen.tsx',
  'client/instructor/dashboard/StudentsTable.tsx',
];
const serverFiles = ['server/api/player/presentAttempt.ts'];

let options: ts.CompilerOptions;
/** Parsed files shared by every case's program: only the changed file is parsed again. */
const parsed = new Map<string, ts.SourceFile>();

/** One edit to one file, made in memory: `before` must be in the file. */
interface Change {
  file: string;
  before: string;
  after: string;
}

/**
 * `file:line: message` for each error in `files`, with `change` made first. Only those files are
 * checked (what they import is read for its types), which keeps each case to a few seconds.
 */
function errorsIn(files: string[], change?: Change): string[] {
  const changedPath = change && `${root}${change.file}`;
  let changedText = '';
  if (change) {
    const original = ts.sys.readFile(changedPath!)!;
    expect(original, `${change.file} no longer contains the text this case changes`).toContain(
      change.before,
    );
    changedText = original.replace(change.before, change.after);
  }
  const host = ts.createCompilerHost(options);
  const { getSourceFile, readFile } = host;
  host.readFile = (name) => (name === changedPath ? changedText : readFile.call(host, name));
  host.getSourceFile = (name, languageVersion, ...rest) => {
    if (name === changedPath) return ts.createSourceFile(name, changedText, languageVersion);
    if (!parsed.has(name)) {
      const source = getSourceFile.call(host, name, languageVersion, ...rest);
      if (source) parsed.set(name, source);
    }
    return parsed.get(name);
  };
  const program = ts.createProgram({
    rootNames: files.map((name) => `${root}${name}`),
    options,
    host,
  });
  const diagnostics = files.flatMap((file) => {
    const source = program.getSourceFile(`${root}${file}`)!;
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
  });
  return diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    return `${diagnostic.file.fileName.slice(root.length)}:${line + 1}: ${message}`;
  });
}

beforeAll(() => {
  const configFile = ts.readConfigFile(`${root}tsconfig.json`, ts.sys.readFile);
  options = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root).options;
});

describe('the API contract', () => {
  it('type-checks as it stands', () => {
    expect(errorsIn([...clientFiles, ...serverFiles])).toEqual([]);
  });

  it('fails the client where it reads a response field the server renamed', () => {
    const errors = errorsIn(clientFiles, {
      file: 'server/api/player/contract.ts',
      before: '  number: number;\n  revision: number;',
      after: '  number: number;\n  version: number;',
    });
    expect(errors).toContainEqual(
      expect.stringMatching(
        /^client\/player\/useAttempt\.ts:\d+: Property 'revision' does not exist/,
      ),
    );
  });

  it("fails the instructor's page where it reads a dashboard field the server renamed", () => {
    const errors = errorsIn(clientFiles, {
      file: 'server/api/dashboard/contract.ts',
      before: '  late: boolean;',
      after: '  lateness: boolean;',
    });
    expect(errors).toContainEqual(
      expect.stringMatching(
        /^client\/instructor\/dashboard\/StudentsTable\.tsx:\d+: Property 'late' does not exist/,
      ),
    );
  });

  it('fails the client where it sends an input whose schema retyped a field', () => {
    const errors = errorsIn(clientFiles, {
      file: 'server/api/player/schema.ts',
      before: 'const revision = z.number().int().min(0);',
      after: 'const revision = z.string();',
    });
    expect(errors).toContainEqual(
      expect.stringMatching(
        /^client\/player\/useAttempt\.ts:\d+: Type 'number' is not assignable to type 'string'/,
      ),
    );
  });

  it('fails the client where it sends an input whose schema renamed a field', () => {
    const errors = errorsIn(clientFiles, {
      file: 'server/api/player/schema.ts',
      before: 'z.strictObject({ stepId, text: z.string()',
      after: 'z.strictObject({ stepId, words: z.string()',
    });
    expect(errors).toContainEqual(
      expect.stringMatching(/^client\/player\/AttemptScreen\.tsx:\d+: .*'text' does not exist/),
    );
  });

  it('fails the server where a presenter stops returning what the contract says', () => {
    const errors = errorsIn(serverFiles, {
      file: 'server/api/player/presentAttempt.ts',
      before: '    revision: attempt.revision,\n',
      after: '',
    });
    expect(errors).toContainEqual(
      expect.stringMatching(
        /^server\/api\/player\/presentAttempt\.ts:\d+: Property 'revision' is missing/,
      ),
    );
  });
});
