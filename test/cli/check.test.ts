import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { SpecCheckReport } from '../../src/checks/rotation/spec-checker.js';
import { checkCommand } from '../../src/cli/check.js';
import { runCli } from '../../src/cli/exit-codes.js';
import { cli } from '../support/in-process-cli.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('scitsim-check-');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** The counterexample scenario printed after "Counterexample of …:" (up to the "Violation:" line). */
function printedCase(stdout: string): unknown {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Counterexample of'));
  const end = lines.findIndex((line, i) => i > start && line.startsWith('Violation:'));
  return JSON.parse(lines.slice(start + 1, end).join('\n'));
}

/** Runs `scitsim check …` in this process (its cases run on the check's worker, as from the command). */
async function check(...args: string[]): Promise<Outcome> {
  const { code, out, err } = await cli('check', ...args);
  return { code, stdout: out, stderr: err };
}

describe('scitsim check', () => {
  // In this process, as every case here: bin/scitsim.mjs's path for the commands that are not watched
  // (tsx, cli/entry.ts) and a process's exit code are spawned in processes.test.ts (`schema`, `scale`'s
  // relaunched process) and scitsim.test.ts, and the exit code is the command's process.exitCode, read
  // here. The .ts strategy compiles where it does from the command line, in the check's worker thread
  // (bin/check-worker.mjs registers tsx). What a process would show by ending, that nothing the check
  // started keeps running, is asserted on its two worker threads (the check's, and the fresh one that
  // replays the counterexample alone).
  it('fails a conventional strategy claimed to preserve redundancy, on the paper’s system, exit 1; its workers end', async () => {
    const ended: Promise<number>[] = [];
    const started = (worker: Worker) => ended.push(new Promise((done) => worker.once('exit', done)));
    process.on('worker', started);
    let outcome: Outcome;
    try {
      outcome = await check('src/policies/scit/conventional-rotation.ts', '--runs', '30', '--seed', '7');
    } finally {
      process.off('worker', started);
    }
    const { code, stdout } = outcome;
    expect(code).toBe(1);
    expect(ended).toHaveLength(2);
    await Promise.all(ended); // a worker that never ended would keep a `scitsim check` process running
    expect(stdout).toMatch(/FAIL redundancy +1 cases {2}seed 7/);
    expect(stdout).toMatch(/replay: \{"seed":7,"path":"0"\}/);
    expect(stdout).toMatch(/ok {3}conservation +30 cases/);
    expect(stdout).toContain('Counterexample of redundancy (the fixed case "paper")');
    expect(stdout).toMatch(
      /#\d+ +t= *\d+\.\d\ds {2}VM \d+ \((Web|DNS), host \d\) -> spare \d+ \(host \d\) +levels: Web \d, DNS \d {3}\[risky\]/,
    );
    expect(stdout).toContain(
      'Replay: scitsim check src/policies/scit/conventional-rotation.ts --runs 30 --seed 7 --path 0',
    );
    const scenario = printedCase(stdout);
    expect(scenario).toMatchObject({ kind: 'scit', hosts: 3, vmsPerHost: 4, seed: 1, seeds: 1 });
    expect(stdout).toContain('as a scenario file: save it and `scitsim run FILE` runs the failing case');
    // Saved, it runs: its single run is the case's, and the service is at the violation's level then.
    const dir = await tempDir();
    await writeFile(join(dir, 'counterexample.json'), JSON.stringify(scenario));
    const run = await cli('run', join(dir, 'counterexample.json'), '--out', join(dir, 'out'));
    expect(run.code).toBe(0);
    const [, service, level, time] =
      /^Violation: service (\w+): level (\d+) < target \d+ at t=([\d.]+)s/m.exec(stdout) ?? [];
    const [header, ...rows] = (await readFile(join(dir, 'out/conventional.levels.csv'), 'utf8'))
      .trim()
      .split('\n');
    const column = header.split(',').indexOf(`${service}_level`);
    const row = rows.map((line) => line.split(',')).find((cells) => Number(cells[1]) === Number(time));
    expect(row?.[column]).toBe(level);
  });

  it('passes the same strategy once it no longer claims redundancy', async () => {
    const { code, stdout } = await check(
      'src/policies/scit/conventional-rotation.ts',
      '--runs',
      '10',
      '--no-preserves-redundancy',
      '--progress',
      '--live-when',
      'any-offline',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/All properties hold/);
    expect(stdout).not.toMatch(/(ok|FAIL) +redundancy/);
    expect(stdout).toMatch(/not claimed: redundancy/);
    expect(stdout).toMatch(/ok {3}progress +10 cases/);
    expect(stdout).toMatch(/ok {3}liveness +10 cases/);
  });

  it('reports a choose that never returns, with the decision and the case, and exits 1', async () => {
    const fixture = 'test/policies/scit/fixtures/looping-strategy.ts';
    const { code, stdout } = await check(
      fixture,
      '--export',
      'LoopsAfterAnHour',
      '--decision-timeout',
      '0.5',
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /FAIL decision-timeout .*\n.*rotation strategy "loops-after-an-hour" did not return within 0\.5 s when asked to replace VM \d+ \((Web|DNS), host \d\) at t=\d+(\.\d+)?s \(decision #\d+ of the fixed case "paper", while checking valid-decision\)/,
    );
    expect(printedCase(stdout)).toMatchObject({
      name: 'counterexample of decision-timeout (the fixed case "paper")',
    });
    expect(stdout).toMatch(
      /^Re-run: scitsim check \S+ --export LoopsAfterAnHour --decision-timeout 0.5 --seed -?\d+$/m,
    );
  });

  it('checks a built-in by name against its documented claims, and --json prints the report', async () => {
    const { code, stdout } = await check('reserve-aware', '--runs', '12', '--seed', '-2147483648', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as SpecCheckReport;
    expect(report).toMatchObject({
      strategy: 'reserve-aware',
      ok: true,
      seed: -2147483648,
      claims: { preservesRedundancy: true, progress: false, liveWhen: 'every-host-offline' },
    });
    expect(report.outcomes.map((o) => o.property)).toContain('liveness');
    expect(report.coverage?.cases).toBe(12);
  });

  it('rejects a bad --seed with a message and exit code 2, before any work', async () => {
    const { code, stderr, stdout } = await check('conventional', '--seed', '2147483648');
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /--seed must be a 32-bit signed integer, from -2147483648 to 2147483647 \(got "2147483648"\)/,
    );
    expect(stdout).toBe('');
  });

  it('exits 2 with one line for a module without a strategy class', async () => {
    const none = await check('src/core/signal.ts');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Invalid configuration: file: exports no class with a choose\(\) method/);
  });
});

/** Runs the check command in this process up to its first error (nothing here gets as far as a worker). */
async function checkInProcess(
  ...args: string[]
): Promise<{ code: number | string | undefined; stderr: string }> {
  const errors: string[] = [];
  const command = checkCommand().configureOutput({
    writeErr: (text) => errors.push(text),
    writeOut: () => {},
  });
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await runCli(() => command.parseAsync(args, { from: 'user' }));
    return { code: process.exitCode, stderr: errors.join('') };
  } finally {
    process.exitCode = before;
  }
}

describe('scitsim check (usage errors, in process)', () => {
  it.each([
    [['conventional', '--seed', '7.5'], /--seed must be a 32-bit signed integer/],
    [['conventional', '--seed', '-2147483649'], /--seed must be a 32-bit signed integer/],
    [['conventional', '--runs', '1e12'], /--runs must be a whole number from 1 to 50000 .* \(got "1e12"\)/],
    [['conventional', '--runs', '0'], /--runs must be a whole number from 1 to 50000/],
    [['conventional', '--long', '--runs', '6000'], /--runs with --long must be at most 5000/],
    [['conventional', '--path', '1:2'], /--path needs the --seed it was printed with/],
    [['conventional', '--seed', '1', '--path', 'x'], /--path must be numbers separated by colons/],
    [['conventional', '--decision-timeout', '0'], /--decision-timeout must be a number of seconds > 0/],
    [
      ['conventional', '--decision-timeout', '4000'],
      /--decision-timeout must be a number of seconds > 0 and ≤ 3600/,
    ],
    [['conventional', '--live-when', 'always'], /Allowed choices are any-offline, every-host-offline/],
    [['conventional', '--bogus'], /unknown option '--bogus'/],
    [[], /missing required argument 'strategy'/],
  ])('rejects %j with a message and exit code 2', async (args, message) => {
    const { code, stderr } = await checkInProcess(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
  it('exits 0 for --help', async () => {
    const { code } = await checkInProcess('--help');
    expect(code).toBe(0);
  });
});
