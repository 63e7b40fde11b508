/**
 * A clone's worker threads run a cached build of the sources (scripts/sources-build.mjs), laid out as
 * an installed package. These checks: a researcher's file that imports 'scitsim' in such a thread gets
 * the very modules the thread runs, wherever the file lives; one that imports the sources by path is
 * refused; an edited source, or a copy of the clone elsewhere, makes a new build; builders racing for
 * the same build agree; builds unused for a day are removed.
 */
import { cp, mkdir, readdir, readFile, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { builtSources, builtTwin, sourcesDigest } from '../scripts/sources-build.mjs';
import { useTempDirs } from './support/temp-dirs.js';

const tempDir = useTempDirs('scitsim-sources-build-');
const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Runs `code` (an ES module's text) on a worker thread; resolves with the message it posts. */
async function onWorker(dir: string, code: string): Promise<unknown> {
  const file = join(dir, 'probe.mjs');
  await writeFile(file, code);
  const worker = new Worker(file);
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

describe('the build of the sources for worker threads', () => {
  it("gives a researcher's file outside the clone, importing 'scitsim' in such a thread, the thread's own modules", async () => {
    const build = await builtSources();
    const dir = await tempDir();
    // No package.json here: the file is TypeScript loaded as an ES module, wherever it lives.
    await writeFile(
      join(dir, 'strategy.ts'),
      "import { RedundancyPreservingRotation } from 'scitsim';\nimport { meanTimeToEvent } from 'scitsim/analysis';\nexport const seen: unknown[] = [RedundancyPreservingRotation, meanTimeToEvent];\n",
    );
    const twin = builtTwin(pathToFileURL(join(ROOT, 'src/index.ts')).href, build);
    expect(twin).toBe(new URL('dist/index.js', build).href);
    const message = await onWorker(
      dir,
      `import { parentPort } from 'node:worker_threads';
       const root = await import(${JSON.stringify(twin)});
       const analysis = await import(${JSON.stringify(new URL('dist/analysis/index.js', build).href)});
       // What the built package does before it imports a researcher's TypeScript (src/core/typescript.ts).
       await import(${JSON.stringify(new URL('bin/register-tsx.mjs', build).href)});
       const { seen } = await import(${JSON.stringify(pathToFileURL(join(dir, 'strategy.ts')).href)});
       parentPort.postMessage([seen[0] === root.RedundancyPreservingRotation, seen[1] === analysis.meanTimeToEvent]);`,
    );
    expect(message).toEqual([true, true]);
  });

  it("refuses, there, a researcher's file that imports the sources by path, saying to import 'scitsim'", async () => {
    const build = await builtSources();
    const dir = await tempDir();
    const errors = pathToFileURL(join(ROOT, 'src/core/errors.ts')).href;
    await writeFile(
      join(dir, 'by-path.ts'),
      `import { ConfigError } from ${JSON.stringify(errors)};\nexport const seen = ConfigError;\n`,
    );
    const message = await onWorker(
      dir,
      `import { parentPort } from 'node:worker_threads';
       await import(${JSON.stringify(new URL('bin/register-tsx.mjs', build).href)});
       const error = await import(${JSON.stringify(pathToFileURL(join(dir, 'by-path.ts')).href)}).then(() => undefined, (e) => e.message);
       parentPort.postMessage(error);`,
    );
    expect(message).toContain(`by-path.ts imports the scitsim sources by path (${errors}): import 'scitsim'`);
  });

  it('makes a new build when a source changes; racing builders agree; builds unused for a day go', async () => {
    // A copy of the clone's inputs, with its own node_modules/ (links to the packages) and so its own cache.
    const clone = await tempDir();
    for (const input of ['src', 'bin', 'scripts', 'schema', 'templates'])
      await cp(join(ROOT, input), join(clone, input), { recursive: true });
    for (const file of ['package.json', 'package-lock.json', 'tsconfig.runtime.json'])
      await cp(join(ROOT, file), join(clone, file));
    await mkdir(join(clone, 'node_modules'));
    for (const name of await readdir(join(ROOT, 'node_modules')))
      if (name !== '.cache')
        await symlink(join(ROOT, 'node_modules', name), join(clone, 'node_modules', name));
    const cache = join(clone, 'node_modules/.cache/scitsim');
    const copy = (await import(pathToFileURL(join(clone, 'scripts/sources-build.mjs')).href)) as {
      builtSources(): Promise<URL>;
      sourcesDigest(): Promise<string>;
    };

    // The same files elsewhere make their own build: a build names its clone's src/.
    expect(await copy.sourcesDigest()).not.toBe(await sourcesDigest());
    const [first, second] = await Promise.all([copy.builtSources(), copy.builtSources()]);
    expect(second.href).toBe(first.href);
    expect(await readdir(cache)).toEqual([await copy.sourcesDigest()]);
    const config = JSON.parse(await readFile(new URL('tsconfig.runtime.json', first), 'utf8')) as {
      compilerOptions: { paths: Record<string, string[]> };
    };
    expect(config.compilerOptions.paths['scitsim/analysis']).toEqual(['./dist/analysis/index.js']);

    const source = join(clone, 'src/core/random.ts');
    await writeFile(source, `${await readFile(source, 'utf8')}\n// an edit\n`);
    const edited = await copy.builtSources();
    expect(edited.href).not.toBe(first.href);
    expect(await readFile(new URL('dist/index.js', edited), 'utf8')).toBeTruthy();
    expect((await readdir(cache)).sort()).toHaveLength(2);

    // The first build last used a day and a minute ago: the next new build removes it and keeps the
    // current one; a build's use (a thread starting from it) makes it young again.
    const old = fileURLToPath(first);
    const aDayAgo = new Date(Date.now() - (24 * 60 + 1) * 60 * 1000); // allow-wallclock: file ages on disk
    await utimes(fileURLToPath(edited), aDayAgo, aDayAgo);
    await utimes(old, aDayAgo, aDayAgo);
    const editedAgain = await readFile(source, 'utf8');
    await writeFile(source, editedAgain.replace('\n// an edit\n', ''));
    expect((await copy.builtSources()).href).toBe(first.href);
    await writeFile(source, editedAgain);
    await writeFile(source, `${await readFile(source, 'utf8')}\n// another edit\n`);
    const latest = await copy.builtSources();
    expect((await readdir(cache)).sort()).toEqual(
      [fileURLToPath(first), fileURLToPath(latest)].map((dir) => dir.split('/').at(-2)).sort(),
    );
  });
});
