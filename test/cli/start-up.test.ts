/**
 * What keeps the command's start-up short (issue 21): its option definitions read light modules of
 * names and bounds instead of the modules that hold the classes; these must agree with the library.
 * The start-up times themselves are measured by `npm run bench -- --filter startup`.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIVE_CONDITIONS } from '../../src/checks/rotation/spec-checker.js';
import { LIVE_CONDITION_NAMES } from '../../src/checks/rotation/spec-limits.js';
import { ROTATION_STRATEGIES } from '../../src/policies/scit/module.js';
import { ROTATION_STRATEGY_NAMES } from '../../src/policies/scit/strategy-names.js';
import { cli } from '../support/in-process-cli.js';

/**
 * The packages and source files that loading `entry` imports before any code runs: its static
 * `import … from` and `export … from` declarations, followed through the sources (`import type` and
 * `export type` are erased by the compiler; `import()` loads on demand, so neither is followed).
 */
async function staticImports(entry: string): Promise<{ packages: Set<string>; files: Set<string> }> {
  const packages = new Set<string>();
  const files = new Set<string>();
  const pending = [resolve(entry)];
  const declaration = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    for (const [, specifier] of (await readFile(file, 'utf8')).matchAll(declaration)) {
      if (specifier === undefined || specifier.startsWith('node:')) continue;
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier).replace(/\.js$/, '.ts'));
      else packages.add(specifier);
    }
  }
  return { packages, files };
}

describe('the command’s start-up', () => {
  it('loads no heavy package before it knows the command: --help, --version, strategies and schema load commander alone', async () => {
    const { packages, files } = await staticImports('src/cli/entry.ts');
    expect([...packages].sort()).toEqual(['@commander-js/extra-typings']);
    // The walk did follow the sources (the commands' option modules), so an empty result is not vacuous.
    expect(files.size).toBeGreaterThan(20);
  });

  it('names the built-in strategies and liveness conditions as the library holds them, in order', async () => {
    expect(ROTATION_STRATEGY_NAMES).toEqual(Object.keys(ROTATION_STRATEGIES));
    expect(LIVE_CONDITION_NAMES).toEqual(Object.keys(LIVE_CONDITIONS));
    const { code, out } = await cli('strategies');
    expect(code).toBe(0);
    expect(out).toBe(`${Object.keys(ROTATION_STRATEGIES).join('\n')}\n`);
  });

  it('prints the version of package.json with --version, exit 0', async () => {
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    expect(await cli('--version')).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });

  it('prints schema/scenario.schema.json with schema (from the sources, built from zod)', async () => {
    const { code, out } = await cli('schema');
    expect(code).toBe(0);
    expect(out).toBe(await readFile('schema/scenario.schema.json', 'utf8'));
  });
});
