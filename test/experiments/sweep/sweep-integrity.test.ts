/**
 * A sweep's output directory is trusted only as far as it can be checked (issue 20): a sweep holds a
 * lock on `--out` (a second one is refused naming the holder; a dead holder's lock is taken over, saying
 * so), every cell file carries a SHA-256 of its content that `--resume` and `merge` check, and `merge`
 * never writes into one of its shards. All in this process, the sweeps in this thread (workers: 0).
 */
import { cp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRecords, splitCsv } from '../../../src/report/csv.js';
import { mergeShards, planSweep, readManifest, runSweep, type Shard } from '../../../src/sweep/index.js';
import { LOCK_FILE, lockDir } from '../../../src/sweep/lock.js';
import { cli } from '../../support/in-process-cli.js';
import { paperScenarioSystem } from '../../support/paper-scenario.js';
import { useTempDirs } from '../../support/temp-dirs.js';

const tempDir = useTempDirs('scitsim-integrity-');

/** 3 cells × 2 strategies × 4 seeds of 8 cycles on the paper's system. */
const SWEEP = { ...paperScenarioSystem(), seeds: 4, cycles: 8, sweep: { exposureSeconds: [120, 180, 300] } };

async function scenarioFile(content: unknown = SWEEP): Promise<string> {
  const file = join(await tempDir(), 'sweep.json');
  await writeFile(file, JSON.stringify(content));
  return file;
}

async function sweepHere(
  file: string,
  outDir: string,
  options: { shard?: Shard; resume?: boolean } = {},
): Promise<{ warnings: string[]; ran: number; kept: number }> {
  const warnings: string[] = [];
  const outcome = await runSweep(await planSweep(file), {
    outDir,
    workers: 0,
    clockMillis: () => 0,
    onWarning: (message) => warnings.push(message),
    ...options,
  });
  return { warnings, ran: outcome.ran, kept: outcome.kept };
}

/** One sweep run whole and as shards 0/2 and 1/2, made once; tests change copies of them. */
let made: Promise<{ file: string; whole: string; s0: string; s1: string }> | undefined;
function sweeps() {
  made ??= (async () => {
    const file = await scenarioFile();
    const [whole, s0, s1] = [await tempDir(), await tempDir(), await tempDir()];
    await sweepHere(file, whole);
    await sweepHere(file, s0, { shard: { index: 0, count: 2 } });
    await sweepHere(file, s1, { shard: { index: 1, count: 2 } });
    return { file, whole, s0, s1 };
  })();
  return made;
}

/** A copy of the sweep directory `dir`. */
async function copyOf(dir: string): Promise<string> {
  const copy = join(await tempDir(), 'copy');
  await cp(dir, copy, { recursive: true });
  return copy;
}

/** The result files of a sweep directory (not its cells). */
async function results(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).filter((name) => name !== 'cells').sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')])),
  );
}

/** Changes one digit of the first run row of a cell file: what a stray edit or a flipped bit does. */
async function changeOneDigit(file: string): Promise<void> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const row = lines[1];
  const at = row.search(/\d(?=[^,]*$)/); // a digit of the last field
  lines[1] = `${row.slice(0, at)}${(Number(row[at]) + 1) % 10}${row.slice(at + 1)}`;
  expect(lines[1]).not.toBe(row);
  await writeFile(file, lines.join('\n'));
}

/** A pid no process has (beyond Linux's largest pid_max, 2^22). */
const DEAD_PID = 2 ** 30;

describe('the lock on a sweep’s --out', () => {
  it('refuses a second sweep into the same directory, naming the holder (exit 2), and writes nothing', async () => {
    const file = await scenarioFile();
    const out = await tempDir();
    const lock = await lockDir(out, '--out', 'sweep');
    try {
      const { code, err } = await cli('sweep', file, '--out', out, '--workers', '1');
      expect(code).toBe(2);
      expect(err).toMatch(
        new RegExp(
          `--out: is in use by pid ${process.pid} on host ${hostname()} \\(a sweep since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\): wait for it to finish or use another directory`,
        ),
      );
      expect(await readdir(out)).toEqual([LOCK_FILE]);
    } finally {
      await lock.release();
    }
    expect(await readdir(out)).toEqual([]);
  });

  it('takes over a stale lock (its process is gone), saying so, and releases it when done', async () => {
    const file = await scenarioFile({ ...SWEEP, sweep: { exposureSeconds: [120] } });
    const out = await tempDir();
    const stale = { pid: DEAD_PID, host: hostname(), started: '2026-01-01T00:00:00.000Z', what: 'sweep' };
    await writeFile(join(out, LOCK_FILE), JSON.stringify(stale));
    // Shard 1/2 of a one-cell sweep has no cell to run: the command's whole path, no worker started.
    const { code, err } = await cli('sweep', file, '--out', out, '--shard', '1/2');
    expect(code).toBe(0);
    expect(err).toContain(
      `Warning: ${join(out, LOCK_FILE)} was left by pid ${DEAD_PID} on host ${hostname()} (a sweep since 2026-01-01T00:00:00.000Z), which no longer runs`,
    );
    expect((await readdir(out)).sort()).toEqual(['sweep.json']);
  });

  it('refuses a lock held on another host (it cannot be checked from here), saying which file to remove', async () => {
    const out = await tempDir();
    const other = { pid: 1, host: `not-${hostname()}`, started: '2026-01-01T00:00:00.000Z', what: 'merge' };
    await writeFile(join(out, LOCK_FILE), JSON.stringify(other));
    await expect(lockDir(out, '--out', 'sweep')).rejects.toThrow(
      `is in use by pid 1 on host not-${hostname()} (a merge since 2026-01-01T00:00:00.000Z): wait for it to finish or use another directory (if that process is gone, remove ${join(out, LOCK_FILE)})`,
    );
  });
});

describe('cell files carry their content hash', () => {
  it('--resume runs again a cell whose file changed (one digit), with a warning, and gives the same bytes', async () => {
    const { file, whole } = await sweeps();
    const out = await copyOf(whole);
    const cell = join(out, 'cells', '000001.csv');
    expect(await readFile(cell, 'utf8')).toMatch(/\n# end sha256 [0-9a-f]{64}\n$/);
    await changeOneDigit(cell);
    const resumed = await sweepHere(file, out, { resume: true });
    expect(resumed).toEqual({
      ran: 1,
      kept: 2,
      warnings: [
        `${cell} does not match its content hash: it was changed after it was written; running cell 1 again`,
      ],
    });
    expect(await readFile(cell, 'utf8')).toBe(await readFile(join(whole, 'cells', '000001.csv'), 'utf8'));
    expect(await results(out)).toEqual(await results(whole));
  });

  it('--resume runs again a cell file of the older format (no hash), saying so', async () => {
    const { file, s0 } = await sweeps();
    const out = await copyOf(s0);
    const cell = join(out, 'cells', '000002.csv');
    await writeFile(cell, (await readFile(cell, 'utf8')).replace(/# end sha256 [0-9a-f]+\n$/, '# end\n'));
    const resumed = await sweepHere(file, out, { shard: { index: 0, count: 2 }, resume: true });
    expect(resumed).toEqual({
      ran: 1,
      kept: 1,
      warnings: [`${cell} has no content hash: an older scitsim wrote it; running cell 2 again`],
    });
  });

  it('merge refuses a shard whose cell file changed, naming the file, and writes nothing', async () => {
    const { s0, s1 } = await sweeps();
    const changed = await copyOf(s1);
    const out = join(await tempDir(), 'merged');
    const cell = join(changed, 'cells', '000001.csv');
    await changeOneDigit(cell);
    const { code, err } = await cli('merge', out, s0, changed);
    expect(code).toBe(2);
    expect(err).toContain(
      `cells: does not match its content hash: it was changed after it was written: run the sweep (or its shard) that wrote it again with --resume (got "${cell}")`,
    );
    await expect(readdir(out)).rejects.toThrow();
  });
});

describe('merge OUT DIR…', () => {
  it('refuses an OUT that is one of its shards (however spelled) or another sweep’s shard, leaving it a shard', async () => {
    const { s0, s1 } = await sweeps();
    const before = await results(s1);
    // The same directory, spelled otherwise or through a symbolic link.
    const alias = join(await tempDir(), 'alias');
    await symlink(s1, alias);
    for (const out of [s1, `${s1}/./`, alias]) {
      const { code, err } = await cli('merge', out, s0, s1);
      expect(code).toBe(2);
      expect(err).toContain(`out: is also dirs[1] (${s1}), one of the shards to merge: give a new directory`);
    }
    const other = await copyOf(s1);
    await expect(mergeShards(other, [s0, s1])).rejects.toThrow(
      /out: holds a sweep’s own results \(cells\/\)/,
    );
    expect(await results(s1)).toEqual(before);
    expect((await readManifest(s1))?.shard).toEqual({ index: 1, count: 2 });
  });

  it('refuses a shard a sweep is writing now', async () => {
    const { s0, s1 } = await sweeps();
    const lock = await lockDir(s1, '--out', 'sweep');
    try {
      await expect(mergeShards(join(await tempDir(), 'm'), [s0, s1])).rejects.toThrow(
        `dirs[1]: is being written by pid ${process.pid} on host ${hostname()} (a sweep since`,
      );
    } finally {
      await lock.release();
    }
  });
});

describe('names with a comma, a quote and a line break', () => {
  it('stay one field in runs.csv, summary.csv and the cell files, and merge gives the unsharded bytes', async () => {
    // Also a backslash before a quote and a line separator: what breaks an expression vega builds from a title.
    const name = 'W,e"b\nx\\"y\u2028z';
    const system = paperScenarioSystem();
    const weird = JSON.parse(JSON.stringify(system).replaceAll('"Web"', JSON.stringify(name)));
    const file = await scenarioFile({ ...SWEEP, ...weird, sweep: { exposureSeconds: [120, 180] } });
    const [whole, s0, s1, merged] = [await tempDir(), await tempDir(), await tempDir(), await tempDir()];
    await sweepHere(file, whole);
    await sweepHere(file, s0, { shard: { index: 0, count: 2 } });
    await sweepHere(file, s1, { shard: { index: 1, count: 2 } });
    await mergeShards(merged, [s0, s1]);
    const files = await results(whole);
    expect(await results(merged)).toEqual(files);
    const summary = csvRecords(files['summary.csv']).map(splitCsv);
    expect(summary).toHaveLength(1 + 2 * 2);
    expect(summary[0]).toContain(`${name}.degradedCycleShare.mean`);
    expect(summary.every((row) => row.length === summary[0].length)).toBe(true);
    const runs = csvRecords(files['runs.csv']).map(splitCsv);
    expect(runs).toHaveLength(1 + 2 * 2 * 4);
    expect(runs.every((row) => row.length === runs[0].length)).toBe(true);
    // The figure's file name is made safe; its text is escaped.
    const figure = files['W_e_b_x_y_z.degradedCycleShare.svg'];
    expect(figure).toContain('W,e&quot;b');
    expect(figure).not.toMatch(/<[^>]*W,e"/); // no raw quote inside a tag
  });
});
