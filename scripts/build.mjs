#!/usr/bin/env node
// Builds the package's dist/ (npm run build; npm pack runs it first).
//
// 1. tsc compiles src/ into a staging directory (.tmp/build-*): the JavaScript and the declarations (.d.ts), which are
//    copied to dist/ as they are, one per source file.
// 2. esbuild bundles the compiled JavaScript from a few entry modules (ENTRY_MODULES) into dist/, with
//    their shared code in chunks (dist/chunks/), and with the packages that every command loads before
//    its first simulated event (BUNDLED) inlined. A command then loads ~50 files instead of ~460 ES
//    modules: Node 20's ES module loader costs ~0.5 ms a file, which was most of `scitsim run`'s
//    0.6 s to its first event and 0.3 s of `scitsim --help` (issue 21). Every entry shares the same
//    chunks, so a module of this package is evaluated once per thread whichever entry reaches it: a
//    researcher's strategy that imports `scitsim` gets the very tokens and classes the command uses.
//
// Hand-written rather than a bundler's CLI line because the entry list, the externals and the staging
// are checked here (and the entry list by test/package/build-entries.test.ts against what loads modules
// by path).
//
// Usage: node scripts/build.mjs [--out-dir DIR]   (default: dist/ beside this script's package.json)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * The modules that keep their own path in dist/ (relative to src/, no extension): the package's exports
 * and every module that is loaded by path at run time rather than imported (bin/*.mjs,
 * `packageModuleUrl(…)` in src/, bench/first-event.cjs).
 */
export const ENTRY_MODULES = [
  // package.json "exports"
  'index',
  'analysis/index',
  'checks/index',
  'report/index',
  'sweep/index',
  // bin/scitsim.mjs
  'cli/entry',
  'cli/watched-entry',
  'parallel/watched-task',
  'parallel/supervise',
  // bin/sweep-worker.mjs, bin/study-worker.mjs
  'sweep/worker',
  'scenario/study',
  // src/checks/host/check-host.ts
  'checks/host/check-worker',
  // bench/first-event.cjs (patches the kernel's dispatch to time the first event)
  'core/simulation',
];

/**
 * Inlined: the dependencies a simulation loads before its first event (inversify and its parts, zod,
 * and reflect-metadata, which inversify needs). Their versions are pinned in package.json, which still
 * lists them for the declarations' types and for researchers who import them; the two copies of
 * inversify agree, as its decorators keep their metadata in the global `Reflect` registry. Every other
 * dependency stays external: it loads only when a command needs it (figures, statistics, property
 * tests, TypeScript files) or is CommonJS, which Node loads quickly (commander and its typings, which
 * must stay external: their ES module wrapper `require`s commander).
 */
export const BUNDLED = ['inversify', '@inversifyjs/', 'zod', 'reflect-metadata'];

/** The dependencies left out of the bundle: every one of package.json's `pkg` not in BUNDLED. */
export function externalsOf(pkg) {
  return Object.keys(pkg.dependencies).filter(
    (name) => !BUNDLED.some((prefix) => name === prefix || name.startsWith(prefix)),
  );
}

/**
 * The bundler's options: the entry modules under `base` (compiled `.js`, or the `.ts` sources for a
 * clone's worker threads: scripts/sources-build.mjs), bundled into `outDir` with shared chunks.
 */
export function bundleOptions({ base, extension, outDir, external }) {
  return {
    entryPoints: ENTRY_MODULES.map((module) => join(base, `${module}${extension}`)),
    outdir: outDir,
    outbase: base,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    external,
    legalComments: 'eof',
    logLevel: 'warning',
  };
}

/** The files under `dir`, at any depth. */
export function filesUnder(dir) {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--out-dir');
  const outDir = at >= 0 ? args[at + 1] : join(ROOT, 'dist');
  if (outDir === undefined) throw new Error('build: --out-dir needs a directory');
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  const external = externalsOf(pkg);
  // Inside the package, so that the bundler finds the dependencies in its node_modules/.
  await mkdir(join(ROOT, '.tmp'), { recursive: true });
  const staging = await mkdtemp(join(ROOT, '.tmp', 'build-'));
  try {
    const tsc = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', staging],
      { stdio: 'inherit' },
    );
    if (tsc.status !== 0) throw new Error('build: tsc failed');
    await rm(outDir, { recursive: true, force: true });
    for (const file of filesUnder(staging))
      if (file.endsWith('.d.ts')) await cp(file, join(outDir, relative(staging, file)));
    // Loaded here, not with this module: scripts/sources-build.mjs imports this module's lists at every
    // start of a clone's worker thread, and builds only when the sources changed.
    const { build } = await import('esbuild');
    await build(bundleOptions({ base: staging, extension: '.js', outDir, external }));
    const written = filesUnder(outDir).filter((file) => file.endsWith('.js'));
    console.log(`build: ${relative(ROOT, outDir) || outDir}: ${written.length} modules (${ENTRY_MODULES.length} entries)`);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
