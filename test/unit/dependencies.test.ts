import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('dependencies', () => {
  it('ltijs uses the application mongoose (one pool, one set of models)', () => {
    const ltijsRequire = createRequire(require.resolve('ltijs'));
    expect(ltijsRequire.resolve('mongoose')).toBe(require.resolve('mongoose'));
  });

  it('ltijs is importable by name as CommonJS', async () => {
    const { Provider } = await import('ltijs');
    expect(typeof Provider.setup).toBe('function');
  });
});
