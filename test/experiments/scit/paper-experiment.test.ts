import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { runPaperExperiment } from '../../../src/experiments/scit/paper-experiment.js';
import { useTempDirs } from '../../support/temp-dirs.js';

const tempDir = useTempDirs('scit-paper-');

describe('runPaperExperiment', () => {
  describe('having 200 seeds of 30 cycles', () => {
    it('shows the paper’s shape: conventional drops DNS to 1 and Web to 2, redundancy-preserving never drops', async () => {
      const result = await runPaperExperiment({ seeds: 200, outDir: null });
      const conventional = result.summary.conventional;
      const preserving = result.summary['redundancy-preserving'];
      expect(conventional.minLevel).toEqual({ Web: 2, DNS: 1 });
      expect(conventional.degradedCycleShare.DNS).toBeGreaterThan(0);
      expect(conventional.degradedRunShare).toBeGreaterThan(0.5);
      expect(preserving.degradedCycleShare).toEqual({ Web: 0, DNS: 0 });
      expect(preserving.degradedRunShare).toBe(0);
      expect(preserving.minLevel).toEqual({ Web: 3, DNS: 2 });
      // Waiting is the price: some switches wait, conventional never does here (a spare is always ready).
      expect(preserving.extraExposureSeconds.max).toBeGreaterThan(0);
      expect(conventional.extraExposureSeconds.max).toBe(0);
      expect(preserving.starvedRuns).toBe(0);
    });
    it('under VM-escape attacks: single escapes take DNS down only with the conventional strategy', async () => {
      const result = await runPaperExperiment({ seeds: 200, outDir: null });
      const conventional = result.summary.conventional.attack;
      const preserving = result.summary['redundancy-preserving'].attack;
      expect(conventional?.singleEscapeOutages.DNS).toBeGreaterThan(0);
      expect(preserving?.singleEscapeOutages).toEqual({ Web: 0, DNS: 0 });
      expect(preserving?.downShare.DNS).toBeLessThan(conventional?.downShare.DNS ?? 0);
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

  describe('when writing files', () => {
    it('writes CSV, JSON and SVG per strategy and the same bytes for the same seed', async () => {
      const first = await tempDir();
      const second = await tempDir();
      await runPaperExperiment({ seeds: 20, outDir: first });
      await runPaperExperiment({ seeds: 20, outDir: second });
      const files = (await readdir(first)).sort();
      expect(files).toEqual([
        'conventional.levels.csv',
        'conventional.levels.json',
        'conventional.levels.svg',
        'redundancy-preserving.levels.csv',
        'redundancy-preserving.levels.json',
        'redundancy-preserving.levels.svg',
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
      expect(svg).toContain('Clock cycle');
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
