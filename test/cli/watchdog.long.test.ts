/**
 * Nothing that runs user code hangs silently: a strategy whose module top level, constructor, choose
 * or decision (a `spare` getter) never returns stops `scitsim run`, `paper`, `security` and `sweep`
 * with one line on stderr and exit code 1, and leaves no output. The supervisor that bin/scitsim.mjs
 * runs in the process's main thread runs here in this thread (the command on its watched worker, as
 * from the command line); this case spawns the real command (bin, the sweep's relaunch, its supervisor).
 */
import { spawn } from 'node:child_process';
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DECISION,
  expectStopped,
  scenario,
  strategiesDir,
  supervised,
  WITHIN,
} from '../support/hanging-strategies.js';
import { useTempDirs } from '../support/temp-dirs.js';

const BIN = join(process.cwd(), 'bin/scitsim.mjs');
const tempDir = useTempDirs('scitsim-watchdog-cli-');

/** Spawns `scitsim args` in `cwd` (bin/scitsim.mjs: the supervisor in the process's main thread). */
function spawned(cwd: string, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, [BIN, ...args, '--decision-timeout', '1'], {
      cwd,
      env: { ...process.env, CI: 'true' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('error', failed);
    child.on('close', (code) => done({ code, out, err }));
  });
}

describe('the watchdog of the commands (long)', () => {
  it('stops sweep on a spare getter (in a worker; spawned: bin, its relaunch and supervisor) and on a module that never loads (while planning)', async () => {
    const dir = await strategiesDir(tempDir);
    const sweep = { sweep: { exposureSeconds: [120, 180] } };
    await writeFile(join(dir, 'spare.json'), JSON.stringify(scenario('spare.ts', sweep)));
    await writeFile(join(dir, 'top.json'), JSON.stringify(scenario('top.ts', sweep)));
    const [spare, top] = await Promise.all([
      spawned(dir, 'sweep', 'spare.json', '--out', 'out-spare', '--workers', '1'),
      supervised('sweep', join(dir, 'top.json'), '--out', join(dir, 'out-top'), '--workers', '1'),
    ]);
    expect(spare.err).toMatch(
      new RegExp(
        `^Error: rotation strategy "getter": reading the decision its choose returned \\(kind, spare, reason\\) ` +
          `did not finish ${WITHIN}, ${DECISION} \\(cell 0, seed 1\\); the sweep stopped$`,
        'm',
      ),
    );
    expect(spare.err.trimEnd().split('\n')).toHaveLength(1);
    expect(spare.code).toBe(1);
    await expect(access(join(dir, 'out-spare', 'runs.csv'))).rejects.toThrow();
    await expectStopped(
      top,
      new RegExp(`^scitsim: loading ${join(dir, 'top.ts')} did not finish within 1 s; stopped\\.$`, 'm'),
      join(dir, 'out-top'),
    );
  }, 60_000);

  it('stops run on a constructor and on a module top level that never return', async () => {
    const dir = await strategiesDir(tempDir);
    for (const name of ['constructor', 'top'])
      await writeFile(
        join(dir, `${name}.json`),
        JSON.stringify(scenario(`${name}.ts`, { output: { dir: join(dir, `out-${name}`) } })),
      );
    const built = await supervised('run', join(dir, 'constructor.json'));
    const top = await supervised('run', join(dir, 'top.json'));
    await expectStopped(
      built,
      /^scitsim: rotation strategy "Stuck": its constructor did not return within 1 s; stopped\.$/m,
      join(dir, 'out-constructor'),
    );
    await expectStopped(
      top,
      new RegExp(`^scitsim: loading ${join(dir, 'top.ts')} did not finish within 1 s; stopped\\.$`, 'm'),
      join(dir, 'out-top'),
    );
  }, 60_000);
});
