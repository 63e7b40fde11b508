/**
 * Bad input, second round (issue 20, part A), in this process: inputs that are not regular files (a
 * FIFO would block the reader forever), a scenario nested 10^5 levels deep, a full disk, counts beyond
 * their bound, the sweep's exit code per signal, a strategy whose constructor throws under `check`, and
 * every piece of user code running under the watch. Each ends at once with one line and its exit code,
 * and leaves nothing half-written. (The process-level cases — kill -9 of the sweep's launcher, stdout
 * on /dev/full — are in processes.test.ts.)
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, describeValue } from '../../src/core/errors.js';
import { withWatch } from '../../src/core/watch.js';
import { HeartbeatReader, HeartbeatWriter, heartbeatBuffer } from '../../src/parallel/heartbeat.js';
import { guardStandardOutput } from '../../src/parallel/supervise.js';
import { OutputError, writeResultSet } from '../../src/report/files.js';
import { loadStrategyClass } from '../../src/runs/plugins.js';
import { planSweep, runSweep } from '../../src/sweep/index.js';
import { cli } from '../support/in-process-cli.js';
import { paperScenarioSystem } from '../support/paper-scenario.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('scitsim-bad-io-');
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

/** The one line of stderr (fails if there are more). */
function oneLine(err: string): string {
  const lines = err.trimEnd().split('\n');
  expect(lines, err).toHaveLength(1);
  return lines[0];
}

/** A small scit scenario of the paper's system. */
const SCENARIO = { ...paperScenarioSystem(), seeds: 2, cycles: 4, strategies: ['conventional'] };

async function fifo(dir: string, name = 'pipe'): Promise<string> {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
}

describe('inputs that are not regular files are refused before they are opened (exit 2)', () => {
  it('a FIFO as the scenario of run and sweep, as the strategy of check, paper and a scenario; a device; a directory', async () => {
    const dir = await tempDir();
    const pipe = await fifo(dir);
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    await writeFile(
      join(dir, 'uses-pipe.json'),
      JSON.stringify({ ...SCENARIO, strategies: [{ file: 'pipe' }], output: { dir: join(dir, 'out') } }),
    );
    const cases: [string[], RegExp][] = [
      [['run', pipe], /^Invalid configuration: scenario: is a named pipe \(FIFO\), not a regular file/],
      [['sweep', pipe, '--out', join(dir, 'out')], /^Invalid configuration: scenario: is a named pipe/],
      [['check', pipe], /^Invalid configuration: strategy: is a named pipe \(FIFO\), not a regular file/],
      [
        ['paper', '--strategy-file', pipe, '--out', join(dir, 'out')],
        /^Invalid configuration: file: is a named pipe/,
      ],
      [
        ['run', join(dir, 'uses-pipe.json')],
        /^Invalid configuration: strategies\[0\]\.file: is a named pipe/,
      ],
      [['run', '/dev/null'], /^Invalid configuration: scenario: is a character device, not a regular file/],
      [['run', dir], /^Invalid configuration: scenario: is a directory, not a regular file/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(oneLine(run.err)).toMatch(message);
      expect(run.err).toContain(args.includes('/dev/null') ? '"/dev/null"' : 'got "');
    }
    await expect(loadStrategyClass(pipe)).rejects.toBeInstanceOf(ConfigError);
    expect((await readdir(dir)).sort()).toEqual(['package.json', 'pipe', 'uses-pipe.json']);
  });

  it('a FIFO in a sweep’s output: as a cell on --resume (not complete: the cell is refused), as sweep.json to merge', async () => {
    const dir = await tempDir();
    const file = join(dir, 'sweep.json');
    await writeFile(file, JSON.stringify({ ...SCENARIO, sweep: { exposureSeconds: [120, 180] } }));
    const out = join(dir, 'out');
    await mkdir(join(out, 'cells'), { recursive: true });
    await fifo(join(out, 'cells'), '000001.csv');
    const resumed = runSweep(await planSweep(file), {
      outDir: out,
      workers: 0,
      resume: true,
      clockMillis: () => 0,
    });
    await expect(resumed).rejects.toThrow(
      `could not write ${join(out, 'cells', '000001.csv')}: it is a named pipe (FIFO), not a regular file`,
    );
    const shard = join(dir, 'shard');
    await mkdir(shard);
    await fifo(shard, 'sweep.json');
    const merge = await cli('merge', join(dir, 'merged'), shard);
    expect(merge.code).toBe(2);
    expect(oneLine(merge.err)).toMatch(/dirs: holds no complete sweep \(no sweep\.json\)/);
  });

  it('an output file that is a device or a FIFO (a rename would replace it): scale --csv', async () => {
    const pipe = await fifo(await tempDir());
    for (const csv of ['/dev/null', pipe]) {
      const run = await cli('scale', '--hosts', '1', '--vms', '1', '--cloudlets', '1', '--csv', csv);
      expect(run.code).toBe(2);
      expect(oneLine(run.err)).toMatch(
        /^Invalid configuration: --csv: is a (character device|named pipe \(FIFO\)), not a regular file/,
      );
    }
  });
});

describe('a scenario nested 10^5 levels deep', () => {
  const depth = 100_000;
  it('is refused in one line naming where (JSON: run and sweep; YAML: too deep to parse), exit 2', async () => {
    const dir = await tempDir();
    const json = join(dir, 'deep.json');
    await writeFile(json, `{"kind": "scit", "hosts": ${'['.repeat(depth)}${']'.repeat(depth)}}`);
    const yaml = join(dir, 'deep.yaml');
    await writeFile(yaml, `kind: scit\nhosts: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    const run = await cli('run', json);
    expect(run.code).toBe(2);
    expect(oneLine(run.err)).toBe(
      'Invalid configuration: scenario: nests deeper than 64 levels of arrays and objects, at ' +
        `hosts[0][0][0]…[0] (a real scenario needs about six) (got ${JSON.stringify(json)})`,
    );
    const sweep = await cli('sweep', json, '--out', join(dir, 'out'));
    expect(sweep.code).toBe(2);
    expect(oneLine(sweep.err)).toContain('nests deeper than 64 levels');
    const parsed = await cli('run', yaml);
    expect(parsed.code).toBe(2);
    expect(oneLine(parsed.err)).toMatch(/^Invalid configuration: scenario: is nested too deeply to parse/);
    expect(await readdir(dir)).toEqual(['deep.json', 'deep.yaml']);
  });

  it('the value describer of error messages does not recurse on what JSON cannot show', () => {
    let deep: unknown = [];
    for (let i = 0; i < depth; i++) deep = [deep];
    expect(describeValue(deep)).toBe('[object Array]');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe('[object Object]');
  });
});

/**
 * Makes `writeFile` of node:fs/promises (the ESM bindings the sources import, through
 * `syncBuiltinESMExports`) fail as a full disk does — the file is created, then the write fails with
 * ENOSPC — for paths under `dir`, after `allowed` successful writes there. Returns the restore function.
 */
function fullDisk(dir: string, allowed = 0): () => void {
  const fsp = createRequire(import.meta.url)('node:fs/promises') as typeof import('node:fs/promises');
  const original = fsp.writeFile;
  let writes = 0;
  fsp.writeFile = (async (...args: Parameters<typeof original>) => {
    const [path] = args;
    if (typeof path !== 'string' || !path.startsWith(dir) || writes++ < allowed) return original(...args);
    await original(path, '');
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      errno: -28,
      syscall: 'write',
    });
  }) as typeof original;
  syncBuiltinESMExports();
  return () => {
    fsp.writeFile = original;
    syncBuiltinESMExports();
  };
}

/** Every file under `dir`, relative, sorted. */
async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

describe('a full disk (ENOSPC): one line, exit 1, nothing half-written', () => {
  it('scale --csv: the temporary file is removed', async () => {
    const dir = await tempDir();
    const csv = join(dir, 'scale.csv');
    const restore = fullDisk(dir);
    try {
      const run = await cli('scale', '--hosts', '1', '--vms', '2', '--cloudlets', '4', '--csv', csv);
      expect(run.code).toBe(1);
      expect(oneLine(run.err)).toBe(`Error: could not write ${csv}: no space left on device`);
    } finally {
      restore();
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('a sweep’s --out: the cells written stay complete, no temporary file, no manifest or results', async () => {
    const dir = await tempDir();
    const file = join(dir, 'sweep.json');
    await writeFile(file, JSON.stringify({ ...SCENARIO, sweep: { exposureSeconds: [120, 180, 240] } }));
    const out = join(dir, 'out');
    const plan = await planSweep(file);
    // The disk fills after a couple of writes (the lock, a cell): which cell meets it does not matter.
    const restore = fullDisk(out, 2);
    let failure: unknown;
    try {
      failure = await runSweep(plan, { outDir: out, workers: 0, clockMillis: () => 0 }).catch((e) => e);
    } finally {
      restore();
    }
    expect(failure).toBeInstanceOf(OutputError);
    const [, failed] =
      /^could not write .*\/cells\/(\d{6})\.csv: no space left on device$/.exec((failure as Error).message) ??
      [];
    expect(failed).toBeDefined();
    // What stays: complete cells only; no temporary file, manifest or results.
    const files = await tree(out);
    const cells = files.filter((name) => name.startsWith(join('cells', '0')));
    expect(files).toEqual(['cells', ...cells]);
    for (const cell of cells) {
      expect(await readFile(join(out, cell), 'utf8')).toMatch(/# end sha256 [0-9a-f]{64}\n$/);
    }
  });

  it('a result set (paper, security, run): the earlier set stays as it was, no partial directory', async () => {
    const dir = await tempDir();
    const out = join(dir, 'out');
    await writeResultSet(out, [['summary.json', '{"earlier": true}\n']]);
    const restore = fullDisk(dir);
    try {
      await expect(
        writeResultSet(out, [
          ['summary.json', '{}\n'],
          ['a.svg', '<svg/>'],
        ]),
      ).rejects.toThrow(`could not write ${join(out, 'summary.json')}: no space left on device`);
    } finally {
      restore();
    }
    expect(await readdir(dir)).toEqual(['out']);
    expect(await readFile(join(out, 'summary.json'), 'utf8')).toBe('{"earlier": true}\n');
  });

  it('standard output: one line and exit 1; a reader that closed the pipe early is not an error', async () => {
    const { EventEmitter } = await import('node:events');
    const stream = () =>
      Object.assign(new EventEmitter(), {
        written: '',
        write(text: string) {
          this.written += text;
        },
      });
    const [stdout, stderr] = [stream(), stream()];
    process.exitCode = undefined;
    const guard = guardStandardOutput('scitsim', stdout, stderr);
    stdout.emit('error', Object.assign(new Error('EPIPE'), { code: 'EPIPE' }));
    expect(guard.failed()).toBe(false);
    expect(process.exitCode).toBeUndefined();
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    stdout.emit('error', full);
    stdout.emit('error', full);
    expect(guard.failed()).toBe(true);
    expect(stderr.written).toBe('scitsim: could not write to standard output: no space left on device\n');
    expect(process.exitCode).toBe(1);
    stderr.emit('error', full); // a failing stderr is not thrown either
  });
});

describe('counts are bounded up front, with the reason (exit 2)', () => {
  it('sweep --workers 1000000 (it ran out of heap), --shard 0/1000000, 65 swept paths; security with 1001 exposures', async () => {
    const dir = await tempDir();
    const file = join(dir, 'sweep.json');
    await writeFile(file, JSON.stringify({ ...SCENARIO, sweep: { exposureSeconds: [120, 180] } }));
    const paths = join(dir, 'paths.json');
    const grid = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`services[0].x${i}`, [1]]));
    await writeFile(paths, JSON.stringify({ ...SCENARIO, sweep: grid }));
    const out = join(dir, 'out');
    const cores = availableParallelism();
    const workers = await cli('sweep', file, '--out', out, '--workers', '1000000');
    expect(workers.code).toBe(2);
    expect(oneLine(workers.err)).toContain(
      `--workers must be at most ${4 * cores}: more than 4 worker threads per core (this machine has ${cores}) ` +
        'add no speed, and each holds its own heap (got 1000000).',
    );
    const shard = await cli('sweep', file, '--out', out, '--shard', '0/1000000');
    expect(shard.code).toBe(2);
    expect(oneLine(shard.err)).toContain('--shard: must have n ≤ 100000 (a shard runs whole cells');
    const swept = await cli('sweep', paths, '--out', out);
    expect(swept.code).toBe(2);
    expect(swept.err).toContain('sweep: sweeps at most 64 paths (each swept path is a column');
    const exposures = Array.from({ length: 1001 }, (_, i) => i + 1).join(',');
    const security = await cli('security', '--exposures', exposures, '--out', out);
    expect(security.code).toBe(2);
    expect(oneLine(security.err)).toContain('exposures: takes at most 1000 values (each value is a point');
    await expect(
      runSweep(await planSweep(file), { outDir: out, workers: 1_000_000, clockMillis: () => 0 }),
    ).rejects.toThrow(/workers: must be a whole number from 0 to \d+/);
    expect((await readdir(dir)).sort()).toEqual(['paths.json', 'sweep.json']);
  });
});

describe('the sweep stopped by a signal exits 128 + its number', () => {
  it('SIGINT 130, SIGTERM 143, SIGHUP 129 (the signal arriving as the sweep starts), writing nothing', async () => {
    const dir = await tempDir();
    const file = join(dir, 'sweep.json');
    await writeFile(file, JSON.stringify({ ...SCENARIO, sweep: { exposureSeconds: [120, 180] } }));
    const on = process.on.bind(process);
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
      ['SIGHUP', 129],
    ] as const) {
      // The signal arrives as soon as the sweep listens for it.
      vi.spyOn(process, 'on').mockImplementation(((event: string, listener: (...args: unknown[]) => void) => {
        if (event === signal) listener(signal);
        else on(event, listener);
        return process;
      }) as typeof process.on);
      const run = await cli('sweep', file, '--out', join(dir, 'out'), '--workers', '1');
      vi.restoreAllMocks();
      expect(run.code, signal).toBe(code);
      expect(oneLine(run.err)).toBe(
        'Interrupted: complete cells are kept in the output directory; run again with --resume.',
      );
    }
    expect(await readdir(dir)).toEqual(['sweep.json']);
  });
});

describe('check with a strategy whose constructor throws', () => {
  it('exits 2 with one line naming the class and the cause, and prints no property as ok', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    const file = join(dir, 'throws.ts');
    await writeFile(
      file,
      [
        'export class Thrower {',
        "  readonly name = 'thrower';",
        "  constructor() { throw new Error('no weights given'); }",
        "  choose() { return { kind: 'wait', reason: 'never' } as const; }",
        '}',
      ].join('\n'),
    );
    const run = await cli('check', file, '--runs', '3');
    expect(run.code).toBe(2);
    expect(oneLine(run.err)).toBe(
      'Invalid configuration: strategy: cannot build it: no weights given (got "Thrower")',
    );
    expect(run.out).toBe('');
  });
});

describe('every piece of user code runs under the watch (what the watchdog sees)', () => {
  /** A strategy module that notes, at each point where its code runs, the phase the heartbeat shows. */
  const PROBE = [
    "import { chooseSpareWhere } from 'scitsim';",
    'const probe = globalThis as unknown as { phase: () => string; seen: Set<string> };',
    "const note = (where: string) => probe.seen.add(where + ':' + probe.phase());",
    "note('top');",
    'export class Probe {',
    "  readonly name = 'probe';",
    "  constructor() { note('constructor'); }",
    '  choose(_request: unknown, view: never, random: never) {',
    "    note('choose');",
    '    const spare = chooseSpareWhere(view, random, () => true);',
    "    if (spare < 0) return { get kind() { note('decision'); return 'wait' as const; }, reason: 'none' };",
    "    return { get kind() { note('decision'); return 'switch' as const; }, spare };",
    '  }',
    '}',
  ].join('\n');

  it('loading the module, constructing, choosing and reading the decision: run, paper; the sweep’s plan', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    // One copy per command: a module's top level runs once per process.
    for (const name of ['run', 'paper', 'sweep']) await writeFile(join(dir, `${name}.ts`), PROBE);
    await writeFile(
      join(dir, 'run.json'),
      JSON.stringify({
        ...SCENARIO,
        strategies: [{ file: 'run.ts' }],
        output: { dir: join(dir, 'run-out') },
      }),
    );
    await writeFile(
      join(dir, 'sweep.json'),
      JSON.stringify({ ...SCENARIO, strategies: [{ file: 'sweep.ts' }], sweep: { exposureSeconds: [120] } }),
    );
    const buffer = heartbeatBuffer();
    const reader = new HeartbeatReader(buffer);
    const probe = globalThis as unknown as { phase: () => string; seen: Set<string> };
    probe.phase = () => reader.pulse().phase;
    const watched = <T>(task: () => Promise<T>) => withWatch(new HeartbeatWriter(buffer), task);
    const everyPhase = ['top:load', 'constructor:constructor', 'choose:choose', 'decision:decision'];

    probe.seen = new Set();
    const run = await watched(() => cli('run', join(dir, 'run.json')));
    expect(run.code, run.err).toBe(0);
    expect([...probe.seen].sort()).toEqual([...everyPhase].sort());

    probe.seen = new Set();
    const paper = await watched(() =>
      cli(
        ...['paper', '--strategy-file', join(dir, 'paper.ts'), '--strategies', 'conventional'],
        ...['--seeds', '2', '--cycles', '4', '--request-seeds', '0', '--out', join(dir, 'paper-out')],
      ),
    );
    expect(paper.code, paper.err).toBe(0);
    expect([...probe.seen].sort()).toEqual([...everyPhase].sort());

    // The sweep's main thread loads each module and builds each strategy once (for its name).
    probe.seen = new Set();
    await watched(() => planSweep(join(dir, 'sweep.json')));
    expect([...probe.seen].sort()).toEqual(['constructor:constructor', 'top:load']);
  });
});
