/**
 * Nothing that runs user code hangs silently: a strategy whose module top level, constructor, choose
 * or decision (a `spare` getter) never returns stops `scitsim run`, `paper`, `security` and `sweep`
 * with one line on stderr and exit code 1, and leaves no output. The supervisor that bin/scitsim.mjs
 * runs in the process's main thread runs here in this thread (the command on its watched worker, as
 * from the command line); one case spawns the real command.
 */
import { spawn } from 'node:child_process';
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paperScenarioSystem } from '../support/paper-scenario.js';
import { supervised as supervisedCommand } from '../support/supervised-cli.js';
import { useTempDirs } from '../support/temp-dirs.js';

const BIN = join(process.cwd(), 'bin/scitsim.mjs');
const tempDir = useTempDirs('scitsim-watchdog-cli-');

/** Strategies that never return, by where. */
const STRATEGIES: Record<string, string> = {
  'choose.ts': 'export class Forever { readonly name = "forever"; choose(): never { for (;;) {} } }',
  'constructor.ts': [
    'export class Stuck {',
    '  readonly name = "stuck";',
    '  constructor() { for (;;) {} }',
    '  choose() { return { kind: "wait", reason: "never" } as const; }',
    '}',
  ].join('\n'),
  'top.ts': [
    'for (;;) {}',
    'export class Top { readonly name = "top"; choose() { return { kind: "wait", reason: "x" } as const; } }',
  ].join('\n'),
  'spare.ts': [
    'export class Getter {',
    '  readonly name = "getter";',
    '  choose() { return { kind: "switch", get spare(): number { for (;;) {} } }; }',
    '}',
  ].join('\n'),
};

/** A small scit scenario comparing the built-in `conventional` with `file`. */
function scenario(file: string, extra: Record<string, unknown> = {}) {
  return {
    ...paperScenarioSystem(),
    seeds: 3,
    cycles: 20,
    strategies: ['conventional', { file }],
    ...extra,
  };
}

async function strategiesDir(): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const [name, text] of Object.entries(STRATEGIES)) await writeFile(join(dir, name), text);
  return dir;
}

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

/** Exit 1, nothing on stdout, exactly one line on stderr matching `line`, and no `outDir`. */
async function expectStopped(
  result: { code: number | null; out: string; err: string },
  line: RegExp,
  outDir: string,
) {
  expect(result.err).toMatch(line);
  expect(result.err.trimEnd().split('\n')).toHaveLength(1);
  expect(result.code).toBe(1);
  expect(result.out).toBe('');
  await expect(access(outDir)).rejects.toThrow();
}

/** `scitsim args --decision-timeout 1` under its supervisor, in this process (absolute paths). */
const supervised = (...args: string[]) => supervisedCommand(...args, '--decision-timeout', '1');

const WITHIN = 'within 1 s';
const DECISION = String.raw`when asked to replace VM \d+ \((?:Web|DNS), host \d\) at t=[\d.]+s`;

describe('the watchdog of the commands', () => {
  it('stops paper (choose) and security (a spare getter), naming the strategy, the decision and the seed', async () => {
    const dir = await strategiesDir();
    const paper = await supervised(
      ...['paper', '--seeds', '5', '--out', join(dir, 'paper')],
      ...['--strategy-file', join(dir, 'choose.ts')],
    );
    const security = await supervised(
      'security',
      ...['--seeds', '2', '--preset-seeds', '2', '--schedules', '0', '--exposures', '60'],
      ...['--intervals', '600', '--out', join(dir, 'security'), '--strategy-file', join(dir, 'spare.ts')],
    );
    await expectStopped(
      paper,
      new RegExp(
        `^scitsim: rotation strategy "forever" did not return ${WITHIN} ${DECISION} \\(seed 1\\); stopped\\.$`,
        'm',
      ),
      join(dir, 'paper'),
    );
    await expectStopped(
      security,
      new RegExp(
        `^scitsim: rotation strategy "getter": reading the decision its choose returned \\(kind, spare, reason\\) ` +
          `did not finish ${WITHIN}, ${DECISION} \\((?:point \\d+, |preset, )?seed \\d+\\); stopped\\.$`,
        'm',
      ),
      join(dir, 'security'),
    );
  }, 60_000);

  it('stops run on a constructor and on a module top level that never return', async () => {
    const dir = await strategiesDir();
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

  it('stops sweep on a spare getter (in a worker; spawned: bin, its relaunch and supervisor) and on a module that never loads (while planning)', async () => {
    const dir = await strategiesDir();
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
});
