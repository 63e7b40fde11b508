/**
 * Names are written safely into every result file (issue 20): a service or strategy name with a comma,
 * a quote, a line break, a backslash stays one CSV field (one quoting function for every writer),
 * escaped text in the SVG figures, a string in the JSON; a strategy name that would leave its folder as
 * a file name (`sub/dir`, `..`) or cannot be written at all is refused up front, nothing written.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  ConventionalRotation,
  PAPER_REQUESTS,
  paperScitConfig,
  runPaperExperiment,
  type SecurityStudyResult,
  type StudyPoint,
  securityStudyCsv,
} from '../../../src/index.js';
import { csvField, csvRecords, splitCsv } from '../../../src/report/csv.js';
import { timelineCsv, writeResultSet } from '../../../src/report/index.js';
import { strategyClass } from '../../support/strategy-class.js';
import { useTempDirs } from '../../support/temp-dirs.js';

const tempDir = useTempDirs('scitsim-names-');

/** A comma, a quote, a line break, a backslash before a quote, a line separator. */
const SERVICE = 'W,e"b\nx\\"y\u2028z';
const STRATEGY = 'mine, "quoted"\nsecond line';

const conventional = new ConventionalRotation();
const named = (name: string) => strategyClass(name, (...args) => conventional.choose(...args));

/** The paper's system with its Web service renamed. */
function renamedConfig() {
  const config = paperScitConfig();
  const rename = (s: string) => (s === 'Web' ? SERVICE : s);
  return {
    ...config,
    services: config.services.map((s) => ({ ...s, name: rename(s.name) })),
    layout: config.layout?.map((host) => host.map(rename)),
  };
}

describe('names in result files', () => {
  it('one quoting function: a field with a comma, quote or line break is quoted, and reads back', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(SERVICE)).toBe('"W,e""b\nx\\""y\u2028z"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField(0.1)).toBe('0.1');
    expect(csvField(null)).toBe('null');
    const text = `${timelineCsv([{ cycle: 0, timeSeconds: 0, levels: [3, 2] }] as never, [SERVICE, 'DNS'])}`;
    expect(text).toBe('cycle,time_s,"W,e""b\nx\\""y\u2028z_level",DNS_level\n0,0,3,2\n');
    expect(csvRecords(text).map(splitCsv)).toEqual([
      ['cycle', 'time_s', `${SERVICE}_level`, 'DNS_level'],
      ['0', '0', '3', '2'],
    ]);
  });

  it('the paper’s files: <strategy>.levels.csv quoted, its figure escaped, summary.json a JSON string', async () => {
    // Strategy names are letters, digits, '.', '_' and '-' (they name files); service names are any text.
    const FILE_NAME = 'mine.v2_x-y';
    const outDir = join(await tempDir(), 'out');
    await runPaperExperiment({
      config: renamedConfig(),
      strategies: ['conventional', named(FILE_NAME)],
      seeds: 2,
      cycles: 4,
      requests: { ...PAPER_REQUESTS, services: {} },
      requestSeeds: 0,
      attack: null,
      outDir,
    });
    const csv = await readFile(join(outDir, `${FILE_NAME}.levels.csv`), 'utf8');
    const rows = csvRecords(csv).map(splitCsv);
    expect(rows[0]).toEqual(['cycle', 'time_s', `${SERVICE}_level`, 'DNS_level']);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.every((row) => row.length === 4)).toBe(true);
    const svg = await readFile(join(outDir, `${FILE_NAME}.levels.svg`), 'utf8');
    expect(svg).toContain('W,e&quot;b');
    expect(svg).not.toMatch(/<[^>]*W,e"/);
    const summary = JSON.parse(await readFile(join(outDir, 'summary.json'), 'utf8'));
    expect(Object.keys(summary.strategies)).toContain(FILE_NAME);
    const json = JSON.parse(await readFile(join(outDir, `${FILE_NAME}.levels.json`), 'utf8'));
    expect(Object.keys(json.timeline[0].levels)).toEqual([SERVICE, 'DNS']);
  });

  it('the security study’s CSV quotes a strategy name', () => {
    const estimate = { mean: 1, ci95: [0, 2] as [number, number], count: 2 };
    const point = {
      sweep: 'exposure',
      exposureSeconds: 180,
      effectiveExposureSeconds: 180,
      meanIntervalSeconds: 300,
      strategy: STRATEGY,
      mttsf: { ...estimate, runs: 2, failures: 2, censored: 0 },
      availability: estimate,
      delayProbability: 0,
      analyticMttsf: 1,
      analyticStandardError: 0,
      deviation: 0,
      analyticInCi: true,
    } as unknown as StudyPoint;
    const records = csvRecords(securityStudyCsv({ points: [point] } as SecurityStudyResult)).map(splitCsv);
    expect(records).toHaveLength(2);
    expect(records[1]).toHaveLength(records[0].length);
    expect(records[1][records[0].indexOf('strategy')]).toBe(STRATEGY);
  });

  it('refuses a strategy name that would leave its folder or cannot be written, naming it, nothing written', async () => {
    const outDir = join(await tempDir(), 'out');
    for (const [name, reason] of [
      ['sub/dir', 'holds a path separator'],
      ['back\\slash', 'holds a path separator'],
      ['..', 'is "." or ".."'],
      ['nul\0byte', 'holds the control character \\u0000'],
      ['half\ud800', 'holds a lone surrogate \\ud800'],
      ['__proto__', 'is a name every JavaScript object already has'],
    ]) {
      const error = await runPaperExperiment({
        strategies: [named(name)],
        seeds: 1,
        cycles: 1,
        outDir,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).field).toBe('strategies[0].name');
      expect((error as ConfigError).message).toContain(reason);
    }
    await expect(readdir(outDir)).rejects.toThrow();
    await expect(writeResultSet(outDir, [['../escaped.csv', 'x']])).rejects.toThrow(
      /file name: must name a file inside/,
    );
    await expect(readdir(outDir)).rejects.toThrow();
  });

  it('refuses a service name that no result file can hold or that every object has (API and scenario files)', async () => {
    const config = paperScitConfig();
    for (const [name, reason] of [
      ['a\u0007b', /services\[0\]\.name: holds the control character \\u0007 at index 1/],
      ['constructor', /services\[0\]\.name: is a name every JavaScript object already has/],
    ] as const) {
      const bad = {
        ...config,
        services: [{ ...config.services[0], name }, config.services[1]],
        layout: undefined,
      };
      await expect(runPaperExperiment({ config: bad, seeds: 1, outDir: null })).rejects.toThrow(reason);
    }
  });
});
