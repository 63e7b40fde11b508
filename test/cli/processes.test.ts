/**
 * Cases about the process itself (issue 20), so spawned, all at once: `kill -9` of the sweep's
 * launcher (bin/scitsim.mjs relaunches the sweep as a child process, which must not run on as an
 * orphan nor leave output claiming to be complete), and standard output on /dev/full for a watched
 * command (`run --json`: the worker's output is written by the supervising thread) and an unwatched
 * one (`schema`), and `scale` relaunched with its Node flags. The sweep's exit codes per signal are in
 * bad-input-io.test.ts and sweep.test.ts.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paperScenarioSystem } from '../support/paper-scenario.js';
import { useTempDirs } from '../support/temp-dirs.js';

const BIN = join(process.cwd(), 'bin/scitsim.mjs');
const tempDir = useTempDirs('scitsim-processes-');

/** `scitsim args` with stdout on `stdout` (a file descriptor, or a pipe); resolves on exit. */
function scitsim(args: string[], stdout: number | 'pipe' = 'pipe') {
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', stdout, 'pipe'],
    env: { ...process.env, CI: 'true' },
  });
  let err = '';
  child.stderr?.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; err: string }>((done) =>
    child.on('close', (code) => done({ code, err })),
  );
  return { child, exited };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Whether process `pid` is running (a zombie no one reaped yet has ended: state Z in /proc). */
async function alive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat !== '' && !/^\d+ \(.*\) Z /.test(stat);
}

/** The pids of `pid`'s children (Linux: /proc/PID/task/*\/children). */
async function childrenOf(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return text.trim() === '' ? [] : text.trim().split(/\s+/).map(Number);
}

/** kill -9 of the launcher once the first cell is written: its child stops, leaving only whole cells. */
async function killLauncher(dir: string): Promise<void> {
  const file = join(dir, 'sweep.json');
  await writeFile(
    file,
    JSON.stringify({
      ...paperScenarioSystem(),
      // Many small cells: the first is written soon, all of them take far longer.
      seeds: 10,
      cycles: 10,
      sweep: { exposureSeconds: Array.from({ length: 300 }, (_, i) => 60 + i) },
    }),
  );
  const out = join(dir, 'out');
  const { child: launcher } = scitsim(['sweep', file, '--out', out, '--workers', '1']);
  // 'exit', not 'close': the sweep's process holds the launcher's stderr pipe while it runs.
  const exited = new Promise((done) => launcher.once('exit', done));
  let sweep: number | undefined;
  // Up to 60 s: a loaded machine starts Node slowly.
  for (let i = 0; i < 600; i++) {
    sweep ??= (await childrenOf(launcher.pid as number))[0];
    const cells = await readdir(join(out, 'cells')).catch(() => [] as string[]);
    if (sweep !== undefined && cells.some((name) => /^\d{6}\.csv$/.test(name))) break;
    await sleep(100);
  }
  expect(sweep, 'the sweep’s process').toBeDefined();
  launcher.kill('SIGKILL');
  await exited;
  for (let i = 0; i < 300 && (await alive(sweep as number)); i++) await sleep(100);
  const orphan = await alive(sweep as number);
  if (orphan) process.kill(sweep as number, 'SIGKILL');
  expect(orphan, 'the sweep still runs after its launcher was killed').toBe(false);
  // Complete cells only; nothing claiming the sweep is whole or that it holds a shard.
  const cells = await readdir(join(out, 'cells'));
  expect(cells.length).toBeGreaterThan(0);
  for (const name of cells) {
    expect(name).toMatch(/^\d{6}\.csv$/);
    expect(await readFile(join(out, 'cells', name), 'utf8')).toMatch(/# end sha256 [0-9a-f]{64}\n$/);
  }
  expect((await readdir(out)).sort()).toEqual(['cells']);
}

/** A command with stdout on /dev/full: exit 1 and one line saying so (besides the run's warnings). */
async function fullStdout(args: string[]): Promise<void> {
  const full = openSync('/dev/full', 'w');
  const { exited } = scitsim(args, full);
  closeSync(full);
  const { code, err } = await exited;
  const lines = err
    .trimEnd()
    .split('\n')
    .filter((line) => !line.startsWith('Warning: '));
  expect(lines, err).toEqual(['scitsim: could not write to standard output: no space left on device']);
  expect(code).toBe(1);
}

/**
 * `scitsim scale` is relaunched with the flags of bin/sweep-process.mjs: its output and exit code pass
 * through the launcher, and the relaunched process ends (its IPC channel to the launcher must not keep
 * it alive). Exit codes other than 0 pass through the same launcher code as the sweep's (sweep tests).
 */
async function scaleRelaunched() {
  const ok = scitsim(['scale', '--hosts', '2', '--vms', '4', '--cloudlets', '10']);
  let out = '';
  ok.child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  const exit = await ok.exited;
  expect(exit.code, exit.err).toBe(0);
  expect(out).toMatch(/finish-time sum: +\d/);
}

describe('the process itself', () => {
  it('kill -9 of the sweep’s launcher stops the sweep; stdout on /dev/full is one line and exit 1; scale relaunched', async () => {
    const dir = await tempDir();
    // A small CloudSim scenario: run --json prints its cloudlets.
    await writeFile(
      join(dir, 'run.json'),
      JSON.stringify({
        kind: 'cloudsim',
        datacenters: [{ name: 'Datacenter_0', hosts: [{ pes: 1, mipsPerPe: 1000, ramMb: 2048 }] }],
        brokers: [
          { name: 'Broker', vms: [{ mips: 100, ramMb: 512 }], cloudlets: [{ count: 2, lengthMi: 1000 }] },
        ],
      }),
    );
    await Promise.all([
      killLauncher(dir),
      fullStdout(['run', join(dir, 'run.json'), '--json']),
      fullStdout(['schema']),
      scaleRelaunched(),
    ]);
  }, 120_000);
});
