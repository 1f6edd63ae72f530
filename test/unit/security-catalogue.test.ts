/**
 * SECURITY.md lists every named attack test of test/security/, so the catalogue a school reads is the
 * one that runs: a test added or renamed without the catalogue fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config.js';

const securityDir = path.join(projectRoot, 'test', 'security');

/** The test names of a file: `it('name', ...)` and the name template of `it.each([...])('name', ...)`. */
function testNames(source: string): string[] {
  const pattern = /(?:\bit|\]\))\(\s*(['"])((?:\\.|(?!\1).)*)\1\s*,/g;
  return [...source.matchAll(pattern)].map((match) => match[2]!.replace(/\\(.)/g, '$1'));
}

const catalogue = readFileSync(path.join(projectRoot, 'SECURITY.md'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('- '))
  .map((line) => line.slice(2));

/** A template's cases are listed once, as the text before its placeholder. */
const listed = (name: string) => {
  const placeholder = name.search(/%[sdi]|\$\w/);
  return placeholder < 0
    ? catalogue.includes(name)
    : catalogue.some((line) => line.startsWith(name.slice(0, placeholder)));
};

describe('the attack catalogue in SECURITY.md', () => {
  const files = readdirSync(securityDir).filter((file) => file.endsWith('.test.ts'));
  const names = files.flatMap((file) =>
    testNames(readFileSync(path.join(securityDir, file), 'utf8')).map((name) => ({ file, name })),
  );

  it('has at least 60 named attack tests', () => {
    expect(names.length).toBeGreaterThanOrEqual(60);
  });

  it('lists every one of them', () => {
    expect(names.filter(({ name }) => !listed(name))).toEqual([]);
  });
});
