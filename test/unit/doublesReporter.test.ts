import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOUBLE_TESTS, isDoubleTest, tally } from '../reporters/doubles.js';

describe('the product/doubles split of the test summary', () => {
  it('names only patterns that match test files, so the list cannot go stale', () => {
    const testFiles = readdirSync('test', { recursive: true, encoding: 'utf8' })
      .map((file) => `test/${file.split('\\').join('/')}`)
      .filter((file) => file.endsWith('.test.ts'));
    for (const { pattern } of DOUBLE_TESTS)
      expect(
        testFiles.some((file) => pattern.test(file)),
        String(pattern),
      ).toBe(true);
  });

  it('counts emulator and stand-in tests as doubles, everything else as product', () => {
    expect(isDoubleTest('test/integration/emulator/oidc.test.ts')).toBe(true);
    expect(isDoubleTest('test/standin/crud.test.ts')).toBe(true);
    expect(isDoubleTest('test/fuzz/standin-wire.test.ts')).toBe(true);
    expect(isDoubleTest('test/integration/lti/emulator.test.ts')).toBe(false);
    expect(isDoubleTest('test/integration/grades/faults.test.ts')).toBe(false);
    expect(
      tally([
        { path: 'test/standin/crud.test.ts', states: ['passed', 'failed'] },
        { path: 'test/unit/policies.test.ts', states: ['passed', 'passed', 'skipped'] },
      ]),
    ).toEqual({
      product: { passed: 2, failed: 0, skipped: 1, files: 1 },
      doubles: { passed: 1, failed: 1, skipped: 0, files: 1 },
    });
  });
});
