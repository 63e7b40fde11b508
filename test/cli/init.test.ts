/**
 * `scitsim init DIR`, in-process: the study folder it writes (the generated package.json, the templates
 * copied as they are) and what it refuses. The study's `npm install && npm test && npm start` from the
 * packed package is test/package/npm-pack.test.ts (npm run test:package).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSource, packageRoot, STUDY_FILES } from '../../src/cli/init-action.js';
import { validateScenario } from '../../src/scenario/load.js';
import { cli } from '../support/in-process-cli.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'scitsim-init-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('scitsim init', () => {
  it('writes a study folder: its package.json, the templates, sweep.sbatch and the README', async () => {
    const dir = join(work, 'My Study');
    const { code, out, err } = await cli('init', dir, '--from', 'file:/somewhere/scitsim-0.1.0.tgz');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([...STUDY_FILES].sort());
    // Nothing left beside it (the scratch folder was renamed).
    expect(await readdir(work)).toEqual(['My Study']);
    for (const file of STUDY_FILES) expect(out).toContain(join(dir, file));
    expect(out).toContain('npm install');

    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const own = JSON.parse(await readFile(join(packageRoot(), 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: 'my-study',
      type: 'module',
      scripts: { test: 'scitsim check strategy.ts && tsx check-allocation.ts', start: 'tsx study.ts' },
      dependencies: { scitsim: 'file:/somewhere/scitsim-0.1.0.tgz', tsx: own.dependencies.tsx },
    });
    const templates = join(packageRoot(), 'templates/study');
    for (const file of ['tsconfig.json', 'strategy.ts', 'allocation.ts', 'check-allocation.ts', 'study.ts'])
      expect(await readFile(join(dir, file), 'utf8')).toBe(await readFile(join(templates, file), 'utf8'));
    expect(await readFile(join(dir, 'sweep.sbatch'), 'utf8')).toBe(
      await readFile(join(packageRoot(), 'examples/slurm/sweep.sbatch'), 'utf8'),
    );
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('file:/somewhere/scitsim-0.1.0.tgz');
    expect(readme).not.toMatch(/\{\{/);

    const scenario = JSON.parse(await readFile(join(dir, 'scenario.json'), 'utf8'));
    expect(scenario.$schema).toBe('./node_modules/scitsim/schema/scenario.schema.json');
    expect(existsSync(join(packageRoot(), 'schema/scenario.schema.json'))).toBe(true);
    // A valid scenario naming the study's own classes.
    expect(validateScenario(scenario, 'scenario.json')).toMatchObject({
      kind: 'scit',
      allocation: { file: 'allocation.ts' },
      strategies: ['redundancy-preserving', { file: 'strategy.ts' }],
    });
  });

  it('writes into an empty folder', async () => {
    const dir = join(work, 'empty');
    await mkdir(dir);
    expect((await cli('init', dir, '--from', 'file:/x.tgz')).code).toBe(0);
    expect((await readdir(dir)).length).toBe(STUDY_FILES.length);
  });

  it('refuses a folder that is not empty, naming it, and writes nothing', async () => {
    const dir = join(work, 'taken');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine\n');
    const before = await readdir(work);
    const { code, out, err } = await cli('init', dir);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain(JSON.stringify(dir));
    expect(err).toContain('"notes.txt"');
    expect(await readdir(dir)).toEqual(['notes.txt']);
    expect(await readdir(work)).toEqual(before);
  });

  it('from a clone without --from, links the clone and says to build it', async () => {
    const dir = join(work, 'linked');
    const { code, err } = await cli('init', dir);
    expect(code).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')).dependencies.scitsim).toBe(
      `file:${packageRoot()}`,
    );
    expect(err).toContain('npm run build');
  });

  it('refuses a file', async () => {
    const file = join(work, 'a-file');
    await writeFile(file, '');
    const { code, err } = await cli('init', file);
    expect(code).toBe(2);
    expect(err).toContain('is a file');
  });
});

describe('installSource (where the study installs scitsim from)', () => {
  it("is the project lockfile's resolved tarball, made absolute, for an installed package", async () => {
    const project = join(work, 'project');
    const root = join(project, 'node_modules/scitsim');
    await mkdir(root, { recursive: true });
    expect(installSource(root)).toBe(`file:${root}`);
    await writeFile(
      join(project, 'node_modules/.package-lock.json'),
      JSON.stringify({ packages: { 'node_modules/scitsim': { resolved: 'file:../scitsim-0.1.0.tgz' } } }),
    );
    expect(installSource(root)).toBe(`file:${join(work, 'scitsim-0.1.0.tgz')}`);
    await writeFile(
      join(project, 'node_modules/.package-lock.json'),
      JSON.stringify({
        packages: { 'node_modules/scitsim': { resolved: 'git+https://example.org/s.git#abc' } },
      }),
    );
    expect(installSource(root)).toBe('git+https://example.org/s.git#abc');
  });

  it('is the real path of the package otherwise (a clone)', () => {
    expect(installSource(packageRoot())).toBe(`file:${packageRoot()}`);
  });
});
