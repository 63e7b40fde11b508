import { describe, expect, it } from 'vitest';
import { example1 } from '../../../examples/cloudsim/example1.js';
import { cloudletRows, formatCloudletTable, formatTwoDecimals } from '../../../src/report/cloudlet-table.js';
import { createRunContainer } from '../../../src/runs/container.js';
import { runExample } from '../../support/in-process-example.js';

describe('formatTwoDecimals (Java DecimalFormat "###.##")', () => {
  it('drops trailing zeros and rounds to two decimals', () => {
    expect(formatTwoDecimals(400)).toBe('400');
    expect(formatTwoDecimals(0.1)).toBe('0.1');
    expect(formatTwoDecimals(3.0180000000000002)).toBe('3.02');
    expect(formatTwoDecimals(400.01)).toBe('400.01');
  });

  it('rounds exact ties to even (HALF_EVEN), unlike toFixed', () => {
    // 0.125 and 0.375 are exact in binary: ties. DecimalFormat gives 0.12 and 0.38.
    expect(formatTwoDecimals(0.125)).toBe('0.12');
    expect(formatTwoDecimals(0.375)).toBe('0.38');
  });
});

describe('cloudlet table', () => {
  it("uses CloudSim's header and column order", () => {
    const text = formatCloudletTable(cloudletRows(example1(createRunContainer())));
    expect(text).toContain(
      'Cloudlet ID    STATUS    Data center ID    VM ID    Time    Start Time    Finish Time',
    );
    expect(text).toContain('    0        SUCCESS        2            0        400        0.01        400.01');
  });

  it('example1.ts --json prints one JSON array of rows', async () => {
    const run = await runExample(process.cwd(), 'examples/cloudsim/example1.ts', ['--json']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0])).toEqual([
      'broker',
      'cloudletId',
      'status',
      'datacenterId',
      'vmId',
      'cpuTime',
      'start',
      'finish',
    ]);
    expect(rows[0].finish).toBe(0.01 + 400);
  });
});
