/**
 * The module hooks that load a researcher's TypeScript file as an ES module whatever its folder's
 * package type (bin/typescript-as-esm.mjs), called directly. That `scitsim check` then loads a .ts
 * strategy with top-level await from a CommonJS project (possible only as an ES module, and so with the
 * command's own instance of scitsim) is test/package/npm-pack.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { load, resolve } from '../../bin/typescript-as-esm.mjs';

const resolved = (url: string, format: string | null | undefined) => async () => ({ url, format });

describe('bin/typescript-as-esm.mjs', () => {
  it.each([
    ['file:///home/me/study/strategy.ts', 'commonjs'],
    ['file:///home/me/study/strategy.ts', undefined],
    ['file:///home/me/study/view.tsx', null],
  ])('resolves a researcher’s file %s (format %s) as an ES module', async (url, format) => {
    expect(await resolve('./x.js', {}, resolved(url, format))).toEqual({ url, format: 'module' });
  });

  it.each([
    ['file:///home/me/study/legacy.cts', 'commonjs'],
    ['file:///home/me/study/plain.cjs', 'commonjs'],
    ['file:///home/me/study/node_modules/dep/index.ts', 'commonjs'],
    ['node:fs', 'builtin'],
    ['file:///home/me/study/strategy.ts', 'module'],
  ])('leaves %s (format %s) as it is', async (url, format) => {
    expect(await resolve('x', {}, resolved(url, format))).toEqual({ url, format });
  });

  it('asks the next loader for a researcher’s .ts file as a module, and nothing else', async () => {
    const asked: (string | null | undefined)[] = [];
    const next = async (_url: string, context: { format?: string | null }) => {
      asked.push(context.format);
      return { format: context.format ?? 'commonjs', source: '' };
    };
    await load('file:///home/me/study/strategy.ts', { format: 'commonjs' }, next);
    await load('file:///home/me/study/legacy.cts', { format: 'commonjs' }, next);
    expect(asked).toEqual(['module', 'commonjs']);
  });
});
