import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const scitsim = (...args: string[]) =>
  exec('node', ['bin/scitsim.mjs', ...args], { env: { ...process.env, CI: 'true' } });

describe('scitsim (the command)', () => {
  it('cloudsim 1 --json prints the rows of CloudSimExample1', async () => {
    const { stdout } = await scitsim('cloudsim', '1', '--json');
    const rows = JSON.parse(stdout) as { cloudletId: number; status: string; cpuTime: number }[];
    expect(rows).toHaveLength(1);
    // 400000 MI on a 1000 MIPS VM: 400 s of CPU.
    expect(rows[0]).toMatchObject({ cloudletId: 0, status: 'SUCCESS' });
    expect(rows[0].cpuTime).toBeCloseTo(400, 9);
  });

  it('rejects an unknown example with the valid values and exit code 1', async () => {
    await expect(scitsim('cloudsim', '9')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('valid values are: 1, 2, 3, 4, 5, 6, 7, 8'),
    });
  });
});
