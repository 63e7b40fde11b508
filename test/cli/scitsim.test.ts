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

  it('check: a conventional strategy claimed to preserve redundancy fails with a replayable counterexample', async () => {
    const failure = await scitsim(
      'check',
      'src/policies/scit/conventional-rotation.ts',
      '--runs',
      '30',
      '--seed',
      '7',
    ).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toMatch(/FAIL redundancy/);
    expect(failure?.stdout).toMatch(/replay: \{"seed":7,"path":"0"\}/);
    expect(failure?.stdout).toMatch(/ok {3}conservation/);
    expect(failure?.stdout).toContain('Counterexample of redundancy (the fixed case "paper")');
    expect(failure?.stdout).toContain(
      'Replay: scitsim check src/policies/scit/conventional-rotation.ts --seed 7 --path 0',
    );
  });

  it('check: the same strategy passes once it no longer claims redundancy', async () => {
    const { stdout } = await scitsim(
      'check',
      'src/policies/scit/conventional-rotation.ts',
      '--runs',
      '20',
      '--no-preserves-redundancy',
    );
    expect(stdout).toMatch(/All properties hold/);
    expect(stdout).not.toMatch(/(ok|FAIL) +redundancy/);
    expect(stdout).toMatch(/not claimed: redundancy/);
  });

  it('check: a file without a strategy class is a clear configuration error', async () => {
    await expect(scitsim('check', 'src/core/signal.ts')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Invalid configuration: file: exports no class with a choose\(\) method/),
    });
  });
});
