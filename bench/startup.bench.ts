/**
 * Start-up (issue 21): wall time of `scitsim --help`, `--version`, `strategies` and `schema` from the
 * package as installed (its compiled dist/ and bin/, no src/: built here into a temporary directory,
 * with this clone's node_modules), against `node -e 0` in the same rounds; and the time from spawning
 * `scitsim run examples/paper/paper.scenario.json` to its first simulated event (bench/first-event.cjs
 * reports the kernel's first dispatch from the command's worker thread). Medians of alternating rounds,
 * so that the machine's load falls on every command alike.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './run.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./first-event.cjs', import.meta.url));
const wallMs = () => performance.timeOrigin + performance.now();

/** An installed-like copy of the package: dist/ built from these sources as `npm pack` builds it, bin/, no src/. */
async function installedPackage(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'scitsim-startup-'));
  const build = spawnSync(
    process.execPath,
    [join(ROOT, 'scripts/build.mjs'), '--out-dir', join(dir, 'dist')],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (build.status !== 0) throw new Error('startup bench: the build failed');
  for (const entry of ['bin', 'package.json', 'tsconfig.runtime.json', 'schema'])
    await cp(join(ROOT, entry), join(dir, entry), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function seconds(args: string[], cwd: string): number {
  const start = wallMs();
  const child = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  if (child.status !== 0) throw new Error(`startup bench: node ${args.join(' ')} exited ${child.status}`);
  return (wallMs() - start) / 1000;
}

/**
 * Seconds from spawning `scitsim run` on the paper's scenario to its first event, and the CPU seconds
 * the process used by then; then stops it.
 */
function firstEventSeconds(pkg: string, out: string): Promise<{ wall: number; cpu: number }> {
  const scenario = join(ROOT, 'examples/paper/paper.scenario.json');
  return new Promise((resolve, reject) => {
    const start = wallMs();
    const child = spawn(
      process.execPath,
      ['--require', PRELOAD, join(pkg, 'bin/scitsim.mjs'), 'run', scenario, '--out', out, '--json'],
      {
        cwd: pkg,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, SCITSIM_BENCH_DIST: join(pkg, 'dist') },
      },
    );
    let text = '';
    let at: { wall: number; cpu: number } | undefined;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      const found = /first-event (\d+(?:\.\d+)?) (\d+)/.exec(text);
      if (found !== null && at === undefined) {
        at = { wall: (Number(found[1]) - start) / 1000, cpu: Number(found[2]) / 1e6 };
        child.kill('SIGTERM');
      }
    });
    child.on('exit', () =>
      at === undefined ? reject(new Error(`startup bench: no first event (${text.trim()})`)) : resolve(at),
    );
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export async function run({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  const pkg = await installedPackage();
  try {
    const bin = join(pkg, 'bin/scitsim.mjs');
    const commands: [string, string[]][] = [
      ['node -e 0', ['-e', '0']],
      ['scitsim --help', [bin, '--help']],
      ['scitsim --version', [bin, '--version']],
      ['scitsim strategies', [bin, 'strategies']],
      ['scitsim schema', [bin, 'schema']],
    ];
    const rounds = quick ? 3 : 9;
    const times = commands.map(() => [] as number[]);
    const firstEvent: number[] = [];
    const firstEventCpu: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const [i, [, args]] of commands.entries()) times[i].push(seconds(args, pkg));
      const first = await firstEventSeconds(pkg, join(pkg, `out-${round}`));
      firstEvent.push(first.wall);
      firstEventCpu.push(first.cpu);
    }
    const node = median(times[0]);
    const results: BenchResult[] = commands.map(([name], i) => ({
      name: `${name}, wall (median of ${rounds})`,
      value: median(times[i]),
      unit: 's',
      overNodeSeconds: median(times[i]) - node,
    }));
    for (const [i, [name]] of commands.entries())
      if (i > 0) results.push({ name: `${name} − node -e 0`, value: median(times[i]) - node, unit: 's' });
    results.push({
      name: `scitsim run (paper scenario): spawn to first event (median of ${rounds})`,
      value: median(firstEvent),
      unit: 's',
    });
    results.push({
      name: `scitsim run (paper scenario): CPU to first event, all threads (median of ${rounds})`,
      value: median(firstEventCpu),
      unit: 's',
    });
    return results;
  } finally {
    await rm(pkg, { recursive: true, force: true });
  }
}
