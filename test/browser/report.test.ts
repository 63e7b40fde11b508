/**
 * report.html in a real browser (`npm run test:browser`; `.ci/run` installs Debian's chromium when it is
 * missing): for run, paper, security and sweep, the page loads from the disk in headless chromium with
 * no console or JavaScript error, draws the expected number of charts (vega's <svg class="marks"> in
 * each chart's container) and shows the expected tables; a screenshot of each is kept under out/ (a CI
 * artifact). The commands run in this process, small.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/in-process-cli.js';
import { useTempDirs } from '../support/temp-dirs.js';

const exec = promisify(execFile);
const tempDir = useTempDirs('scitsim-browser-');
const SCREENSHOTS = resolve('out');
const CHROMIUM = process.env.CHROMIUM ?? 'chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--hide-scrollbars',
  '--virtual-time-budget=8000',
];

/** A small scit scenario: the paper's system, few seeds (a sweep when `sweep` is given). */
function scenario(sweep?: Record<string, number[]>): string {
  return JSON.stringify({
    kind: 'scit',
    name: 'a small system for the browser test',
    hosts: 3,
    vmsPerHost: 4,
    services: [
      { name: 'Web', required: 6 },
      { name: 'DNS', required: 2 },
    ],
    exposureSeconds: 180,
    cleansingSeconds: 60,
    strategies: ['conventional', 'redundancy-preserving'],
    attack: { model: 'vm-escape', meanIntervalSeconds: 300, escapeSeconds: 30, recoverySeconds: 60 },
    seeds: 4,
    cycles: 10,
    ...(sweep === undefined ? {} : { sweep }),
  });
}

/** The page after its charts render, and what chromium logged (console messages go to stderr). */
async function load(report: string, screenshot: string) {
  const url = pathToFileURL(report).href;
  const dom = await exec(CHROMIUM, [...FLAGS, '--enable-logging=stderr', '--v=0', '--dump-dom', url], {
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  await mkdir(SCREENSHOTS, { recursive: true });
  await exec(
    CHROMIUM,
    [...FLAGS, '--window-size=1280,2000', `--screenshot=${join(SCREENSHOTS, screenshot)}`, url],
    {
      timeout: 120_000,
    },
  );
  return { html: dom.stdout, log: dom.stderr };
}

/** Console messages at error level, and uncaught exceptions, from chromium's log. */
function consoleErrors(log: string): string[] {
  return log
    .split('\n')
    .filter((line) => /CONSOLE|Uncaught|console/i.test(line) && /error|uncaught/i.test(line));
}

const cases: {
  command: string;
  args: (dir: string) => Promise<string[]>;
  charts: number;
  tables: number;
}[] = [
  {
    command: 'run',
    args: async (dir) => {
      await writeFile(join(dir, 'small.json'), scenario());
      return ['run', join(dir, 'small.json'), '--out', join(dir, 'out')];
    },
    charts: 2,
    tables: 3,
  },
  {
    command: 'run-cloudsim',
    args: async (dir) => ['run', 'examples/cloudsim/example6.scenario.json', '--out', join(dir, 'out')],
    charts: 0,
    tables: 1,
  },
  {
    command: 'paper',
    args: async (dir) => ['paper', '--seeds', '4', '--request-seeds', '2', '--out', join(dir, 'out')],
    charts: 2,
    tables: 4,
  },
  {
    command: 'security',
    args: async (dir) => [
      'security',
      ...['--seeds', '10', '--preset-seeds', '10', '--schedules', '1'],
      ...['--exposures', '90,180', '--intervals', '150,300', '--out', join(dir, 'out')],
    ],
    charts: 3,
    tables: 3,
  },
  {
    command: 'sweep',
    args: async (dir) => {
      await writeFile(
        join(dir, 'small.sweep.json'),
        scenario({ exposureSeconds: [120, 180], 'attack.meanIntervalSeconds': [300, 600] }),
      );
      return ['sweep', join(dir, 'small.sweep.json'), '--workers', '1', '--out', join(dir, 'out')];
    },
    charts: 1,
    tables: 1,
  },
];

describe('report.html in headless chromium', () => {
  it.each(cases)('of scitsim $command: no error, $charts charts drawn, the tables shown', async (c) => {
    const dir = await tempDir();
    const { code, err } = await cli(...(await c.args(dir)));
    // Only warnings (example 6's broker asks for more VMs than its hosts can hold).
    expect(err.split('\n').filter((line) => line !== '' && !line.startsWith('Warning: '))).toEqual([]);
    expect(code).toBe(0);
    const { html, log } = await load(join(dir, 'out', 'report.html'), `report-${c.command}.png`);
    expect(consoleErrors(log)).toEqual([]);
    expect(html).toContain('data-render-done="true"');
    expect(html).toContain('data-errors="[]"');
    expect(html).toContain(`data-charts-rendered="${c.charts}"`);
    // Each chart's container holds the SVG vega drew.
    const drawn = html.match(/<div class="chart-view"[^>]*>\s*<svg[^>]*class="marks"/g) ?? [];
    expect(drawn).toHaveLength(c.charts);
    expect((html.match(/<table>/g) ?? []).length).toBeGreaterThanOrEqual(c.tables);
  });
});
