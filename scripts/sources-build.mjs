// In a clone, the worker threads of sweeps, security studies, checks and watched runs run a build of
// the sources rather than the sources themselves: a thread that runs the TypeScript through tsx pays
// ~1.2 s of CPU to start (tsx's hooks thread, and the modules that cross to it), one that runs
// the bundle ~0.2 s. The build is the installed package's (scripts/build.mjs: the same entry modules,
// chunks and inlined dependencies), bundled from the .ts files directly, and laid out as an installed
// package (dist/, bin/, package.json, and a tsconfig.runtime.json that maps 'scitsim' to that dist/),
// so that a worker runs exactly as it does in an installed package: a researcher's strategy file that
// imports 'scitsim' there gets the very modules the worker runs. A researcher's file that imports the
// sources by path (../src/…) is refused there with a message saying to import 'scitsim': it would get
// a second copy of the library, whose classes and watchdog the worker does not see
// (bin/typescript-as-esm.mjs). A source file named to a command (`scitsim check src/…/mine.ts`) loads.
//
// The build is cached under node_modules/.cache/scitsim/, keyed by a digest of everything it is made
// from (src/, bin/, the build scripts, package.json and package-lock.json, the clone's path): an
// edited source makes a new one, so a worker never runs stale code. Threads that find no build make it
// in a scratch folder and rename it into place (the first rename wins; the others discard theirs), so
// concurrent starts are safe. Only a clone loads this file (an installed package has no src/ and runs its dist/).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleOptions, externalsOf, filesUnder } from './build.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'scitsim');
/** What the build is made from: its digest names the build. */
const INPUTS = ['src', 'bin', 'scripts/build.mjs', 'scripts/sources-build.mjs', 'package.json', 'package-lock.json', 'tsconfig.runtime.json'];
/** Folders an installed package ships and some commands read (`scitsim init`, `scitsim schema`). */
const DATA = ['schema', 'templates'];
/**
 * Builds unused for this long (a build's folder is touched whenever a thread starts from it) are
 * removed when a new one is made. A command still running from an old build loads some of its chunks
 * late (figures, the report), so a build must outlive the runs started from it: a day after the last
 * thread started.
 */
const STALE_MS = 24 * 60 * 60 * 1000;

/**
 * A digest of the build's inputs: their paths and contents, and where the clone is (a build names its
 * clone's src/ and links to its folders, so a copied or moved clone makes its own). Read synchronously:
 * it runs at every worker thread's start, where nothing else waits, and ~230 asynchronous reads cost
 * ~55 ms of CPU against ~10 ms.
 */
export async function sourcesDigest() {
  const hash = createHash('sha256').update(`${ROOT}\0`);
  for (const input of INPUTS) {
    const path = join(ROOT, input);
    if (!existsSync(path)) continue;
    const files = statSync(path).isDirectory() ? filesUnder(path).sort() : [path];
    for (const file of files) hash.update(`${relative(ROOT, file)}\0`).update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 20);
}

/** Writes the build into `dir` (empty): dist/ bundled from src/, bin/, package.json, the tsconfig. */
async function buildInto(dir) {
  const { build } = await import('esbuild');
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  const tsconfig = join(ROOT, 'tsconfig.runtime.json');
  await build({
    ...bundleOptions({ base: join(ROOT, 'src'), extension: '.ts', outDir: join(dir, 'dist'), external: externalsOf(pkg) }),
    // The decorators as tsx compiles them for the sources.
    tsconfig,
  });
  await mkdir(join(dir, 'bin'));
  for (const file of await readdir(join(ROOT, 'bin')))
    if (file.endsWith('.mjs')) await copyFile(join(ROOT, 'bin', file), join(dir, 'bin', file));
  await copyFile(join(ROOT, 'package.json'), join(dir, 'package.json'));
  // 'scitsim' and its subpaths map to this dist/, as an installed package's exports map them.
  const config = JSON.parse(await readFile(tsconfig, 'utf8'));
  config.compilerOptions.paths = Object.fromEntries(
    Object.entries(config.compilerOptions.paths).map(([name, [target]]) => [
      name,
      [target.replace(/^\.\/src\/(.*)\.ts$/, './dist/$1.js')],
    ]),
  );
  await writeFile(join(dir, 'tsconfig.runtime.json'), `${JSON.stringify(config, null, 2)}\n`);
  for (const folder of DATA) await symlink(join(ROOT, folder), join(dir, folder), 'dir');
  // Where the sources are, for the module hooks to refuse them by path (bin/register-tsx.mjs).
  await writeFile(join(dir, 'sources-root.json'), `${JSON.stringify({ sources: pathToFileURL(join(ROOT, 'src/')).href })}\n`);
}

/** Removes the builds and scratch folders other than `keep` that were last used over a day ago. */
async function prune(keep) {
  for (const name of await readdir(CACHE)) {
    if (name === keep) continue;
    const path = join(CACHE, name);
    const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Number.POSITIVE_INFINITY }));
    // allow-wallclock: the age of files on disk, not the model's time
    if (Date.now() - mtimeMs > STALE_MS) await rm(path, { recursive: true, force: true });
  }
}

/**
 * The root (as a URL ending in '/') of the current build of the sources, laid out as an installed
 * package; made first if there is none.
 */
export async function builtSources() {
  const key = await sourcesDigest();
  const dir = join(CACHE, key);
  if (!existsSync(dir)) {
    await mkdir(CACHE, { recursive: true });
    const scratch = await mkdtemp(join(CACHE, 'tmp-'));
    try {
      await buildInto(scratch);
      await rename(scratch, dir).catch((error) => {
        // Another thread or process made the same build first.
        if (!existsSync(dir)) throw error;
      });
      await prune(key).catch(() => {});
    } catch (error) {
      throw new Error(
        `scitsim: could not build the sources for a worker thread in ${CACHE}: ${error instanceof Error ? error.message : error}`,
      );
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  } else {
    // In use: not stale (see STALE_MS).
    const now = new Date(); // allow-wallclock: the age of files on disk, not the model's time
    await utimes(dir, now, now).catch(() => {});
  }
  return pathToFileURL(`${dir}/`);
}

/**
 * The built twin of `url` when it names an entry module of the sources (`…/src/sweep/worker.ts` →
 * `<build>/dist/sweep/worker.js`); any other URL (a researcher's file) as it is.
 */
export function builtTwin(url, build) {
  const sources = pathToFileURL(join(ROOT, 'src/')).href;
  if (!url.startsWith(sources) || !url.endsWith('.ts')) return url;
  const twin = new URL(`dist/${url.slice(sources.length, -'.ts'.length)}.js`, build);
  return existsSync(fileURLToPath(twin)) ? twin.href : url;
}
