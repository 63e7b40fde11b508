import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { paperReport } from '../../../src/experiments/scit/format.js';
import {
  runPaperExperiment,
  strategyContainers,
  summaryJson,
} from '../../../src/experiments/scit/paper-experiment.js';
import { ConventionalRotation } from '../../../src/policies/scit/conventional-rotation.js';
import { createRunContainer } from '../../../src/runs/container.js';
import { useTempDirs } from '../../support/temp-dirs.js';

const tempDir = useTempDirs('scit-paper-');

describe('runPaperExperiment', () => {
  describe('having 200 seeds of 30 cycles', () => {
    // One experiment for both tests (the summary does not depend on the security runs' seeds).
    let run: ReturnType<typeof runPaperExperiment> | undefined;
    const experiment = () => {
      run ??= runPaperExperiment({ seeds: 200, requestSeeds: 0, outDir: null, security: { seeds: 100 } });
      return run;
    };
    it('shows the paper’s shape: conventional drops DNS to 1 and Web to 2, redundancy-preserving never drops', async () => {
      const result = await experiment();
      const conventional = result.summary.conventional;
      const preserving = result.summary['redundancy-preserving'];
      expect(conventional.minLevel).toEqual({ Web: 2, DNS: 1 });
      expect(conventional.degradedCycleShare.DNS).toBeGreaterThan(0);
      expect(conventional.degradedRunShare).toBeGreaterThan(0.5);
      expect(preserving.degradedCycleShare).toEqual({ Web: 0, DNS: 0 });
      expect(preserving.degradedRunShare).toBe(0);
      expect(preserving.minLevel).toEqual({ Web: 3, DNS: 2 });
      // Waiting is the price: some switches wait, conventional never does here (a spare is always ready).
      expect(preserving.delay.maxSeconds).toBeGreaterThan(0);
      expect(preserving.delay.probability).toBeGreaterThan(0);
      expect(preserving.maxExposureWindowSeconds).toBe(180 + preserving.delay.maxSeconds);
      expect(conventional.delay).toMatchObject({ probability: 0, maxSeconds: 0 });
      expect(conventional.delay.meanGivenDelaySeconds).toBeNaN();
      expect(preserving.starvedRuns).toBe(0);
    });
    it('under VM-escape attacks: the paper’s strategy lasts longer before a security failure', async () => {
      const result = await experiment();
      const conventional = result.security?.summary.conventional.security;
      const preserving = result.security?.summary['redundancy-preserving'].security;
      expect(result.security?.settings).toMatchObject({ seeds: 100, stopWhen: 'every-service-failed' });
      // Every run is followed until both services failed once (the horizon is far): nothing censored here.
      expect(conventional?.mttsf.services.DNS.censored).toBe(0);
      expect(conventional?.mttsf.system.ci95[1]).toBeLessThan(preserving?.mttsf.system.ci95[0] ?? 0);
      expect(conventional?.availability.services.DNS.ci95[1]).toBeLessThan(
        preserving?.availability.services.DNS.ci95[0] ?? 0,
      );
      // With DNS always on two hosts, one escape cannot take it down: far fewer outages per escape.
      expect(preserving?.outagesPerEscape.system.mean).toBeLessThan(
        (conventional?.outagesPerEscape.system.mean ?? 0) / 2,
      );
    });
  });

  describe('having one seed with requests', () => {
    it('sends exactly the same requests to both strategies and accounts for every one', async () => {
      const result = await runPaperExperiment({ seeds: 1, outDir: null });
      for (const service of ['Web', 'DNS']) {
        const a = result.single.conventional.requests[service];
        const b = result.single['redundancy-preserving'].requests[service];
        expect(a.generated).toBe(b.generated);
        expect(a.generated).toBeGreaterThan(1000);
        for (const r of [a, b]) expect(r.served + r.dropped + r.inFlight).toBe(r.generated);
      }
    });
  });

  describe('having a request summary (rotation on)', () => {
    it('reports per strategy and service response mean and p99, drops at cleansing and throughput', async () => {
      const result = await runPaperExperiment({ seeds: 50, requestSeeds: 3, outDir: null });
      expect(result.requestSeeds).toBe(3);
      const rates = { Web: 20, DNS: 50 };
      for (const strategy of ['conventional', 'redundancy-preserving']) {
        for (const [service, rate] of Object.entries(rates)) {
          const s = result.requestSummary?.[strategy]?.[service];
          if (s === undefined) throw new Error(`no request summary for ${strategy} ${service}`);
          expect(s.runs).toBe(3);
          expect(s.served + s.dropped + s.inFlight).toBe(s.generated);
          expect(s.dropped).toBe(s.rejected + s.droppedByCleansing + s.droppedByCompromise);
          expect(s.throughputPerSecond).toBeGreaterThan(0.95 * rate);
          expect(s.throughputPerSecond).toBeLessThan(1.05 * rate);
          expect(s.responseTimeSeconds.p99).toBeGreaterThan(s.responseTimeSeconds.mean);
          expect(s.responseTimeSeconds.max).toBeGreaterThanOrEqual(s.responseTimeSeconds.p99);
        }
        // G = 0: a VM that expires drops what it holds.
        expect(result.requestSummary?.[strategy].Web.droppedByCleansing).toBeGreaterThan(0);
        expect((summaryJson(result).strategies as Record<string, unknown>)[strategy]).toMatchObject({
          requests: result.requestSummary?.[strategy],
        });
      }
      const report = paperReport(result, { outDir: 'out' });
      expect(report).toContain('Client requests over seeds 1…3 × 30 cycles, rotation on');
      expect(report).toMatch(/DNS response mean \/ p99 +[\d.]+ \/ [\d.]+ ms/);
      expect(report).toMatch(/Web dropped at cleansing per run +[\d.]+/);
      expect(report).toMatch(/Web throughput \(req\/s\) +19\.\d\d/);
    });
    it('over one seed equals that seed’s single run (mean, p99 and max of the same response times)', async () => {
      const result = await runPaperExperiment({ seeds: 1, seed: 4, firstSeed: 4, outDir: null });
      for (const strategy of ['conventional', 'redundancy-preserving'])
        for (const service of ['Web', 'DNS']) {
          const pooled = result.requestSummary?.[strategy][service];
          const single = result.single[strategy].requests[service];
          expect(pooled?.served).toBe(single.served);
          expect(pooled?.droppedByCleansing).toBe(single.droppedByCleansing);
          expect(pooled?.throughputPerSecond).toBe(single.throughputPerSecond);
          expect(pooled?.responseTimeSeconds.p99).toBe(single.responseTimeSeconds.p99);
          expect(pooled?.responseTimeSeconds.max).toBe(single.responseTimeSeconds.max);
          expect(pooled?.responseTimeSeconds.mean).toBeCloseTo(single.responseTimeSeconds.mean, 12);
        }
    });
    it('runs min(seeds, 20) seeds by default; 0 turns it off; a negative count is refused', async () => {
      expect((await runPaperExperiment({ seeds: 2, outDir: null })).requestSeeds).toBe(2);
      const off = await runPaperExperiment({ seeds: 2, requestSeeds: 0, outDir: null });
      expect(off.requestSummary).toBeUndefined();
      expect(paperReport(off, { outDir: 'out' })).not.toContain('Client requests over');
      expect((summaryJson(off).strategies as Record<string, unknown>).conventional).not.toHaveProperty(
        'requests',
      );
      await expect(runPaperExperiment({ requestSeeds: -1, outDir: null })).rejects.toThrow(
        /requestSeeds: .*\(got -1\)/,
      );
    });
  });

  it('words a system without requests plainly: one warning line, no "with client requests", "≥ 1 host"', async () => {
    const result = await runPaperExperiment({
      config: {
        hosts: 3,
        vmsPerHost: 2,
        services: [
          { name: 'A', required: 2, target: 2 },
          { name: 'B', required: 1, target: 1 },
        ],
        exposureSeconds: 20,
        cleansingSeconds: 5,
      },
      requests: { services: {}, vmMips: 1000 },
      seeds: 2,
      outDir: null,
      attack: null,
    });
    expect(result.warnings).toEqual(['no service has a request workload: no client requests are simulated']);
    const report = paperReport(result, { outDir: 'out' });
    expect(report).toContain('targets: A ≥ 2 hosts, B ≥ 1 host.');
    expect(report).toMatch(
      /\n\nWarning: no service has a request workload[^\n]*\n\nSingle run, seed 1, 30 clock cycles:\n/,
    );
  });

  it('reports progress through every phase, each with its own number of seeds', async () => {
    const last = new Map<string, [number, number]>();
    await runPaperExperiment({
      seeds: 3,
      requestSeeds: 2,
      outDir: null,
      onProgress: (strategy, done, total) => last.set(strategy, [done, total]),
    });
    expect(Object.fromEntries(last)).toEqual({
      conventional: [3, 3],
      'redundancy-preserving': [3, 3],
      'conventional, under attack': [3, 3],
      'redundancy-preserving, under attack': [3, 3],
      'conventional, with requests': [2, 2],
      'redundancy-preserving, with requests': [2, 2],
    });
  });

  describe('when writing files', () => {
    it('writes CSV, JSON and SVG per strategy and the same bytes for the same seed', async () => {
      const first = await tempDir();
      const second = await tempDir();
      await runPaperExperiment({ seeds: 20, requestSeeds: 2, outDir: first });
      await runPaperExperiment({ seeds: 20, requestSeeds: 2, outDir: second });
      const files = (await readdir(first)).sort();
      expect(files).toEqual([
        'conventional.levels.csv',
        'conventional.levels.json',
        'conventional.levels.svg',
        'redundancy-preserving.levels.csv',
        'redundancy-preserving.levels.json',
        'redundancy-preserving.levels.svg',
        'report.html',
        'summary.json',
      ]);
      for (const file of files)
        expect(await readFile(join(second, file), 'utf8')).toBe(await readFile(join(first, file), 'utf8'));
      const csv = (await readFile(join(first, 'redundancy-preserving.levels.csv'), 'utf8'))
        .trim()
        .split('\n');
      expect(csv[0]).toBe('cycle,time_s,Web_level,DNS_level');
      expect(csv).toHaveLength(32);
      expect(csv.slice(1).every((line) => line.endsWith(',3,2'))).toBe(true);
      const svg = await readFile(join(first, 'conventional.levels.svg'), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('clock cycle');
    });
  });

  describe('having bad options', () => {
    it('rejects them before running, naming the field and value', async () => {
      await expect(runPaperExperiment({ cycles: 0, outDir: null })).rejects.toThrow(ConfigError);
      await expect(runPaperExperiment({ seeds: -1, outDir: null })).rejects.toThrow(/seeds: .*\(got -1\)/);
      await expect(
        runPaperExperiment({ outDir: null, config: { ...paperLike(), exposureSeconds: -5 } }),
      ).rejects.toThrow(/exposureSeconds: must be > 0 \(got -5\)/);
    });
  });
});

function paperLike() {
  return {
    hosts: 3,
    vmsPerHost: 4,
    services: [
      { name: 'Web', required: 6 },
      { name: 'DNS', required: 2 },
    ],
    exposureSeconds: 180,
    cleansingSeconds: 60,
  };
}

describe('strategy names', () => {
  /** A class named `name` that is otherwise the conventional strategy. */
  const named = (name: string) =>
    class extends ConventionalRotation {
      override readonly name = name as 'conventional';
    };

  it.each(['sub/dir', 'a\\b', '..', 'two words', ''])(
    'refuses %j before any run (ConfigError: exit 2)',
    (name) => {
      expect(() => strategyContainers(createRunContainer(), [named(name)])).toThrow(ConfigError);
    },
  );

  it('accepts letters, digits, ".", "_" and "-", each name once', () => {
    const built = strategyContainers(createRunContainer(), [named('My_strategy-2.1'), 'conventional']);
    expect(built.map((s) => s.name)).toEqual(['My_strategy-2.1', 'conventional']);
    expect(() => strategyContainers(createRunContainer(), [named('conventional'), 'conventional'])).toThrow(
      /duplicate strategy/,
    );
  });
});
