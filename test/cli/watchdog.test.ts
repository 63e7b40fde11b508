/**
 * Nothing that runs user code hangs silently: a strategy whose module top level, constructor, choose
 * or decision (a `spare` getter) never returns stops `scitsim run`, `paper`, `security` and `sweep`
 * with one line on stderr and exit code 1, and leaves no output. These spawn the real command (the
 * watchdog lives in its main thread); two at a time, to keep the file fast.
 */
import { spawn } from 'node:child_process';
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paperScenarioSystem } from '../support/paper-scenario.js';
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

function scitsim(cwd: string, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
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

const WITHIN = 'within 1 s';
const DECISION = String.raw`when asked to replace VM \d+ \((?:Web|DNS), host \d\) at t=[\d.]+s`;

describe('the watchdog of the commands', () => {
  it('stops paper (choose) and security (a spare getter), naming the strategy, the decision and the seed', async () => {
    const dir = await strategiesDir();
    const [paper, security] = await Promise.all([
      scitsim(dir, 'paper', '--seeds', '5', '--out', 'paper', '--strategy-file', 'choose.ts'),
      scitsim(
        dir,
        'security',
        ...['--seeds', '2', '--preset-seeds', '2', '--schedules', '1', '--exposures', '60'],
        ...['--intervals', '600', '--out', 'security', '--strategy-file', 'spare.ts'],
      ),
    ]);
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
          `did not finish ${WITHIN}, ${DECISION} \\(seed \\d+\\); stopped\\.$`,
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
        JSON.stringify(scenario(`${name}.ts`, { output: { dir: `out-${name}` } })),
      );
    const [built, top] = await Promise.all([
      scitsim(dir, 'run', 'constructor.json'),
      scitsim(dir, 'run', 'top.json'),
    ]);
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

  it('stops sweep on a spare getter (in a worker) and on a module that never loads (while planning)', async () => {
    const dir = await strategiesDir();
    const sweep = { sweep: { exposureSeconds: [120, 180] } };
    await writeFile(join(dir, 'spare.json'), JSON.stringify(scenario('spare.ts', sweep)));
    await writeFile(join(dir, 'top.json'), JSON.stringify(scenario('top.ts', sweep)));
    const [spare, top] = await Promise.all([
      scitsim(dir, 'sweep', 'spare.json', '--out', 'out-spare', '--workers', '1'),
      scitsim(dir, 'sweep', 'top.json', '--out', 'out-top', '--workers', '1'),
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
