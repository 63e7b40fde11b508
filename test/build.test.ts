/**
 * The build (scripts/build.mjs) bundles dist/ from a few entry modules; every other module's code may
 * move into a shared chunk. These checks keep that safe as the sources change: every module loaded by
 * path (package.json's exports, bin/, `packageModuleUrl(…)`, the start-up bench) is an entry, and no
 * source finds a file relative to its own location (which a chunk does not keep) except through
 * src/core/package-files.ts. The packed package's tests (`npm run test:package`) run the built commands.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED, ENTRY_MODULES } from '../scripts/build.mjs';

async function sources(dir: string, extension: RegExp): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile() && extension.test(entry.name)) {
      const path = join(entry.parentPath, entry.name);
      files.set(path, await readFile(path, 'utf8'));
    }
  return files;
}

describe('the build’s entry modules', () => {
  it('include every module loaded by path: the exports, bin/, packageModuleUrl and the start-up bench', async () => {
    const loaded = new Map<string, string>();
    const manifest = JSON.parse(await readFile('package.json', 'utf8')) as {
      exports: Record<string, string | { import: string }>;
    };
    for (const [subpath, target] of Object.entries(manifest.exports))
      if (typeof target !== 'string')
        loaded.set(target.import.replace(/^\.\/dist\/|\.js$/g, ''), `exports ${subpath}`);
    for (const [path, text] of await sources('src', /\.ts$/))
      for (const [, module] of text.matchAll(/packageModuleUrl\('([^']+)'\)/g))
        loaded.set(module ?? '', path);
    for (const [path, text] of await sources('bin', /\.mjs$/)) {
      for (const [, module] of text.matchAll(/moduleUrl\('([^']+)'\)/g)) loaded.set(module ?? '', path);
      for (const [, module] of text.matchAll(/'dist\/([\w/-]+)\.js'/g)) loaded.set(module ?? '', path);
    }
    const bench = await readFile('bench/first-event.cjs', 'utf8');
    for (const [, module] of bench.matchAll(/SCITSIM_BENCH_DIST\}\/([\w/-]+)\.js/g))
      loaded.set(module ?? '', 'bench/first-event.cjs');
    // The scan found each kind of reference (so that a changed spelling cannot make it vacuous).
    expect([...loaded.values()]).toEqual(
      expect.arrayContaining([
        'exports .',
        'src/checks/host/check-host.ts',
        'bin/scitsim.mjs',
        'bin/sweep-worker.mjs',
        'bench/first-event.cjs',
      ]),
    );
    for (const [module, where] of loaded)
      expect(ENTRY_MODULES, `${module} (loaded by ${where})`).toContain(module);
    for (const module of ENTRY_MODULES)
      await expect(readFile(`src/${module}.ts`, 'utf8')).resolves.toBeTruthy();
  });

  it('leave no source finding a file relative to its own location, except through package-files.ts', async () => {
    const offenders: string[] = [];
    for (const [path, text] of await sources('src', /\.ts$/)) {
      if (path === join('src', 'core', 'package-files.ts')) continue;
      for (const line of text.split('\n'))
        if (
          /new URL\([^)]*import\.meta\.url|import\.meta\.url\.endsWith/.test(line) &&
          !/^\s*(\*|\/\/)/.test(line)
        )
          offenders.push(`${path}: ${line.trim()}`);
    }
    expect(offenders).toEqual([]);
  });

  it('inline only dependencies the package declares, pinned to one version', async () => {
    const { dependencies } = JSON.parse(await readFile('package.json', 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const name of BUNDLED.filter((name) => !name.endsWith('/'))) {
      expect(dependencies, name).toHaveProperty(name);
      expect(dependencies[name], name).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });
});
