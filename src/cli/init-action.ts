/**
 * The action of `scitsim init` (./init.ts). The study's files are the package's `templates/study/`
 * (typechecked and linted with the sources) plus `examples/slurm/sweep.sbatch`, and a package.json
 * written here with the study's dependencies.
 *
 * Where the study installs scitsim from (`installSource`), unless `--from` says: the same source this
 * scitsim was installed from. A package installed into `<project>/node_modules/scitsim` takes the
 * `resolved` entry of that project's lockfile (`file:` paths made absolute: e.g. the tarball `npm pack`
 * made); anything else (a clone, a folder installed as a link) is `file:` + this package's real path.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  stat,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../core/errors.js';
import { packageRootUrl } from '../core/package-files.js';
import type { InitOptions } from './init.js';

/** This package's root, its real path. */
export function packageRoot(): string {
  return realpathSync(fileURLToPath(packageRootUrl()));
}

/** The files of a study, in the order `init` lists them. */
export const STUDY_FILES = [
  'package.json',
  'tsconfig.json',
  'scenario.json',
  'strategy.ts',
  'allocation.ts',
  'check-allocation.ts',
  'study.ts',
  'sweep.sbatch',
  'README.md',
] as const;

/**
 * The npm install spec of the source the package at `root` was installed from (see the module's
 * comment): the lockfile's `resolved` when `root` is `<project>/node_modules/scitsim`, else `file:root`.
 */
export function installSource(root: string): string {
  const modules = dirname(root);
  if (basename(modules) === 'node_modules') {
    const project = dirname(modules);
    for (const lockfile of [join(modules, '.package-lock.json'), join(project, 'package-lock.json')]) {
      let resolved: unknown;
      try {
        const lock = JSON.parse(readFileSync(lockfile, 'utf8')) as {
          packages?: Record<string, { resolved?: unknown }>;
        };
        resolved = lock.packages?.[`node_modules/${basename(root)}`]?.resolved;
      } catch {
        continue; // no such lockfile, or not one npm wrote
      }
      if (typeof resolved !== 'string') continue;
      return resolved.startsWith('file:')
        ? `file:${resolve(project, resolved.slice('file:'.length))}`
        : resolved;
    }
  }
  return `file:${root}`;
}

/** A package name from the folder's name (npm's rules: lower case, URL-safe). */
function packageName(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '');
  return name === '' ? 'scitsim-study' : name;
}

/** The study's package.json: an ES module project with scitsim (from `from`) and tsx. */
export function studyPackageJson(dir: string, from: string, tsxVersion: string): string {
  const manifest = {
    name: packageName(dir),
    version: '0.1.0',
    private: true,
    description: 'A scitsim study (made by scitsim init)',
    type: 'module',
    scripts: {
      test: 'scitsim check strategy.ts && tsx check-allocation.ts',
      start: 'tsx study.ts',
    },
    dependencies: { scitsim: from, tsx: tsxVersion },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Fails with a ConfigError unless `dir` is absent or an empty folder. */
async function checkTarget(dir: string): Promise<void> {
  let entries: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new ConfigError('DIR', dir, 'is a file, not a folder');
    entries = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (entries.length > 0)
    throw new ConfigError(
      'DIR',
      dir,
      `is not empty (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, e.g. ${JSON.stringify(entries.sort()[0])}); init writes only into a new or empty folder`,
    );
}

/**
 * Writes a study folder at `dir` (absent or empty): every file in a sibling scratch folder first, then
 * one rename, so that a failure leaves nothing half-written.
 */
export async function initStudy(dir: string, opts: InitOptions = {}): Promise<void> {
  const target = resolve(dir);
  await checkTarget(target);
  const root = packageRoot();
  const from = opts.from ?? installSource(root);
  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
  };
  const templates = join(root, 'templates/study');
  await mkdir(dirname(target), { recursive: true });
  const scratch = await mkdtemp(join(dirname(target), `.${basename(target)}.init-`));
  try {
    await writeFile(
      join(scratch, 'package.json'),
      studyPackageJson(target, from, manifest.dependencies.tsx ?? 'latest'),
    );
    for (const file of STUDY_FILES.filter(
      (name) => !['package.json', 'sweep.sbatch', 'README.md'].includes(name),
    ))
      await copyFile(join(templates, file), join(scratch, file));
    await copyFile(join(root, 'examples/slurm/sweep.sbatch'), join(scratch, 'sweep.sbatch'));
    const readme = (await readFile(join(templates, 'README.md'), 'utf8'))
      .replaceAll('{{name}}', basename(target))
      .replaceAll('{{scitsim}}', from)
      .replaceAll('{{version}}', manifest.version);
    await writeFile(join(scratch, 'README.md'), readme);
    if (existsSync(target)) await rmdir(target); // empty: checked above
    await rename(scratch, target);
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
  console.log(`Created the study ${dir} (scitsim from ${from}):`);
  if (opts.from === undefined && from === `file:${root}` && existsSync(join(root, 'src')))
    console.error(
      `Note: this scitsim is a clone, which the study will link: build it first (npm run build in ${root}), or make a tarball there (npm pack) and run init --from <the .tgz>.`,
    );
  for (const file of STUDY_FILES) console.log(`  ${join(dir, file)}`);
  console.log(
    `\nNext:\n  cd ${dir}\n  npm install\n  npm test\n  npm start\n(see ${join(dir, 'README.md')})`,
  );
}
