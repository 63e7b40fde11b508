/**
 * Bad input never crashes, hangs or vanishes (issue 10): each case runs the `scitsim` program in this
 * process and asserts the exit code (2: usage or configuration), that the message names the field and
 * the value, and that nothing was written. The library side of each case is asserted beside it.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConfigError,
  createRunContainer,
  paperScitConfig,
  resolveScitConfig,
  runPaperExperiment,
  runScale,
  runScit,
  summaryJson,
  VmEscapeAttack,
} from '../../src/index.js';
import { cli } from '../support/in-process-cli.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('scitsim-bad-');
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

function configError(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const paper = resolveScitConfig(paperScitConfig());

describe('bad input, refused up front (exit 2, field and value named, nothing written)', () => {
  it('sizes beyond their stated bound: paper --cycles 1e9, --seeds 1e12, scale with 1e12 hosts', async () => {
    const out = join(await tempDir(), 'out');
    const cycles = await cli('paper', '--cycles', '1e9', '--out', out);
    expect(cycles.code).toBe(2);
    expect(cycles.err).toContain('--cycles must be a whole number from 1 to 10000000 (got "1e9")');
    const seeds = await cli('paper', '--seeds', '1000000000000', '--out', out);
    expect(seeds.code).toBe(2);
    expect(seeds.err).toMatch(/--seeds must be at most 10000000: .* \(got 1000000000000\)/);
    const scale = await cli('scale', '--hosts', '1000000000000', '--vms', '4', '--cloudlets', '4');
    expect(scale.code).toBe(2);
    expect(scale.err).toMatch(/scale: needs about .* GiB of memory .* heap/);
    await expect(readdir(out)).rejects.toThrow();
    // The library agrees (one source of truth).
    await expect(runPaperExperiment({ cycles: 1e9, outDir: null })).rejects.toThrow(
      /cycles: must be ≤ 10000000/,
    );
    await expect(runPaperExperiment({ seeds: 1e12, outDir: null })).rejects.toThrow(
      /seeds: must be ≤ 10000000/,
    );
    expect(
      configError(() => runScale(createRunContainer(), { hosts: 1e12, vms: 1, cloudlets: 1 })).field,
    ).toBe('scale');
  });

  it('maxCycles NaN or −1, and seeds × cycles beyond what the summary can keep', async () => {
    const container = createRunContainer();
    expect(configError(() => runScit(container, paper, { seed: 1, maxCycles: Number.NaN })).message).toMatch(
      /maxCycles: must be an integer >= 1 \(got NaN\)/,
    );
    expect(configError(() => runScit(container, paper, { seed: 1, maxCycles: -1 })).message).toMatch(
      /maxCycles: must be an integer >= 1 \(got -1\)/,
    );
    await expect(runPaperExperiment({ seeds: 1000, cycles: 9_000_000, outDir: null })).rejects.toThrow(
      /seeds × cycles: must be ≤ 50000000/,
    );
  });

  it('numbers that are not plain decimals: --seeds 0x10, --seeds 0, --cycles 0', async () => {
    for (const [flag, value] of [
      ['--seeds', '0x10'],
      ['--seeds', '0'],
      ['--cycles', '0'],
    ]) {
      const run = await cli('paper', flag, value, '--out', join(await tempDir(), 'out'));
      expect(run.code).toBe(2);
      expect(run.err).toContain(`${flag} must be a whole number from 1 to`);
      expect(run.err).toContain(`(got "${value}")`);
    }
    const requestSeeds = await cli('paper', '--request-seeds', '1.5', '--out', join(await tempDir(), 'out'));
    expect(requestSeeds.code).toBe(2);
    expect(requestSeeds.err).toContain('--request-seeds must be a whole number from 0 to');
  });

  it('output paths: an existing file, an empty path, a directory of other files, an uncreatable path', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a-file'), 'not a directory');
    await mkdir(join(dir, 'theirs'));
    await writeFile(join(dir, 'theirs', 'notes.txt'), 'keep me');
    const cases: [string[], RegExp][] = [
      [['paper', '--out', join(dir, 'a-file')], /--out: exists and is a file, not a directory/],
      [['paper', '--out', ''], /--out: must name a directory \(got ""\)/],
      [['paper', '--out', join(dir, 'theirs')], /--out: exists and holds other files \(notes\.txt\)/],
      [['paper', '--out', '/proc/scitsim'], /--out: cannot be created: \/proc is not writable/],
      [
        ['scale', '--hosts', '1', '--vms', '1', '--cloudlets', '1', '--csv', dir],
        /--csv: is a directory, not a file/,
      ],
      [
        ['scale', '--hosts', '1', '--vms', '1', '--cloudlets', '1', '--csv', ''],
        /--csv: must name a file \(got ""\)/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await cli(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.err).toMatch(message);
    }
    expect((await readdir(dir)).sort()).toEqual(['a-file', 'theirs']);
    expect(await readdir(join(dir, 'theirs'))).toEqual(['notes.txt']);
    await expect(runPaperExperiment({ outDir: '' })).rejects.toThrow(/outDir: must name a directory/);
  });

  it('a strategy listed twice, an unknown one', async () => {
    const out = join(await tempDir(), 'out');
    const twice = await cli('paper', '--strategies', 'conventional,conventional', '--out', out);
    expect(twice.code).toBe(2);
    expect(twice.err).toContain(
      'strategies[1]: duplicate strategy (each may appear once) (got "conventional")',
    );
    const unknown = await cli('paper', '--strategies', 'bogus', '--out', out);
    expect(unknown.err).toMatch(
      /strategies\[0\]: unknown rotation strategy; valid values are: .* \(got "bogus"\)/,
    );
    await expect(readdir(out)).rejects.toThrow();
  });

  it('requests for a service that does not exist, rates of −1 or NaN, a queue capacity of −1', () => {
    const container = createRunContainer();
    const run = (requests: unknown) =>
      configError(() =>
        runScit(container, paper, {
          seed: 1,
          maxCycles: 5,
          requests: requests as never,
          requestHorizonSeconds: 10,
        }),
      ).message;
    const load = { ratePerSecond: 1, meanLengthMi: 10 };
    expect(run({ services: { FTP: load }, vmMips: 1000 })).toMatch(
      /requests\.services\.FTP: no such service; valid values are: Web, DNS \(got "FTP"\)/,
    );
    expect(run({ services: { Web: { ...load, ratePerSecond: -1 } }, vmMips: 1000 })).toMatch(
      /requests\.services\.Web\.ratePerSecond: must be a finite number > 0 \(got -1\)/,
    );
    expect(run({ services: { Web: { ...load, meanLengthMi: Number.NaN } }, vmMips: 1000 })).toMatch(
      /meanLengthMi: must be a finite number > 0 \(got NaN\)/,
    );
    expect(run({ services: { Web: load }, vmMips: 1000, queueCapacity: -1 })).toMatch(
      /requests\.queueCapacity: must be an integer >= 1 \(got -1\)/,
    );
  });

  it('times that would overflow the clock, and attack times of 0, −5 or NaN, name their field', () => {
    expect(
      configError(() => resolveScitConfig({ ...paperScitConfig(), exposureSeconds: 1e308 })).message,
    ).toMatch(/exposureSeconds: must be ≤ 1000000000 .* \(got 1e\+308\)/);
    const attack = new VmEscapeAttack();
    const options = { meanIntervalSeconds: 300, escapeSeconds: 30, hostCompromiseSeconds: 60 };
    for (const [key, value] of [
      ['meanIntervalSeconds', 0],
      ['meanIntervalSeconds', -5],
      ['escapeSeconds', Number.NaN],
    ] as const)
      expect(configError(() => attack.resolveOptions({ ...options, [key]: value }, 'attack')).field).toBe(
        `attack.${key}`,
      );
  });

  it('a host the layout gives fewer VMs than vmsPerHost is reported: in the configuration, the experiment’s warnings and summary.json', async () => {
    const config = resolveScitConfig({
      hosts: 2,
      vmsPerHost: 2,
      services: [{ name: 'A', required: 2 }],
      exposureSeconds: 10,
      cleansingSeconds: 5,
      layout: [['A'], ['A', 'spare']],
    });
    expect(config.warnings).toEqual([
      'layout[0] gives host 0 1 VM(s), fewer than vmsPerHost = 2: it is a smaller host',
    ]);
    // …and an experiment carries it into its warnings and summary.json, with services without requests.
    const result = await runPaperExperiment({
      config: {
        hosts: 2,
        vmsPerHost: 2,
        services: [{ name: 'A', required: 2 }],
        exposureSeconds: 10,
        cleansingSeconds: 5,
        layout: [['A'], ['A', 'spare']],
      },
      requests: { services: {}, vmMips: 1000 },
      seeds: 2,
      outDir: null,
      attack: null,
    });
    expect(result.warnings).toEqual([
      'layout[0] gives host 0 1 VM(s), fewer than vmsPerHost = 2: it is a smaller host',
      'service "A" has no request workload: it receives no client requests',
    ]);
    expect(summaryJson(result).warnings).toEqual(result.warnings);
  });

  it('CloudSim: a VM larger than every host is reported (stderr), and why', async () => {
    const dir = await tempDir();
    const file = join(dir, 'big-vm.json');
    await writeFile(
      file,
      JSON.stringify({
        kind: 'cloudsim',
        datacenters: [{ name: 'Datacenter_0', hosts: [{ pes: 1, mipsPerPe: 1000, ramMb: 2048 }] }],
        brokers: [
          {
            name: 'Broker',
            vms: [
              { mips: 100, ramMb: 512 },
              { mips: 100, ramMb: 8192 },
            ],
            cloudlets: [{ count: 2, lengthMi: 1000 }],
          },
        ],
      }),
    );
    const run = await cli('run', file);
    expect(run.code).toBe(0);
    expect(run.err).toContain('Warning: Broker: VM 1 could not be created (Datacenter_0: ram)');
  });
});
