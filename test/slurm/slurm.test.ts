/**
 * The Slurm example on a real Slurm: `.ci/run` starts a one-machine cluster
 * (../shared/slurm/local-cluster.sh) and runs this with SLURM_CONF set (`npm run test:slurm`). A 4-task
 * array job runs examples/slurm/sweep.sbatch; the shards, merged, must be byte for byte the files of
 * the same sweep run here on one machine.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = process.cwd();
let work: string | undefined;
afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

async function files(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).filter((name) => name !== 'cells').sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')])),
  );
}

describe('examples/slurm/sweep.sbatch on a real Slurm', () => {
  it('4 array tasks, merged, give exactly the bytes of a local run', async () => {
    if (process.env.SLURM_CONF === undefined)
      throw new Error('SLURM_CONF is not set: start a cluster first (.ci/run does)');
    work = await mkdtemp(join(tmpdir(), 'scitsim-slurm-test-'));
    const scenario = join(work, 'sweep.json');
    const base = JSON.parse(await readFile(join(ROOT, 'examples/scit/exposure.sweep.json'), 'utf8'));
    await writeFile(scenario, JSON.stringify({ ...base, $schema: undefined, seeds: 60 }));
    const out = join(work, 'out');
    const { stdout } = await exec(
      'sbatch',
      [
        '--wait',
        '--array=0-3',
        `--output=${join(work, 'slurm-%A_%a.out')}`,
        'examples/slurm/sweep.sbatch',
        scenario,
        out,
      ],
      { cwd: ROOT, env: process.env },
    );
    expect(stdout).toMatch(/Submitted batch job \d+/);
    const shards = (await readdir(out)).filter((name) => name.startsWith('shard-')).sort();
    expect(shards).toEqual(['shard-0', 'shard-1', 'shard-2', 'shard-3']);
    await exec(process.execPath, [
      join(ROOT, 'bin/scitsim.mjs'),
      'merge',
      join(out, 'merged'),
      ...shards.map((s) => join(out, s)),
    ]);
    const local = join(work, 'local');
    await exec(process.execPath, [
      join(ROOT, 'bin/scitsim.mjs'),
      'sweep',
      scenario,
      '--out',
      local,
      '--workers',
      '2',
    ]);
    expect(await files(join(out, 'merged'))).toEqual(await files(local));
  });
});
