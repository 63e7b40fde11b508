import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const scitsim = (...args: string[]) =>
  exec('node', ['bin/scitsim.mjs', ...args], { env: { ...process.env, CI: 'true' } });

describe('scitsim (the command)', () => {
  it('scale says how many cloudlets never ran (their VMs did not fit)', async () => {
    const { stdout } = await scitsim('scale', '--hosts', '1', '--vms', '100', '--cloudlets', '100');
    // One host of 8 PEs x 10000 MIPS takes 40 VMs of 2 x 1000 MIPS; the other 60 VMs and their cloudlets fail.
    expect(stdout).toMatch(/finished: +40\n/);
    expect(stdout).toMatch(/did not run: +60 \(their VMs could not be created\)/);
  });

  it('check: a conventional strategy claimed to preserve redundancy fails with a replayable counterexample', async () => {
    const failure = await scitsim(
      'check',
      'src/policies/scit/conventional-rotation.ts',
      '--runs',
      '200',
      '--seed',
      '7',
    ).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toMatch(/FAIL redundancy/);
    expect(failure?.stdout).toMatch(/replay: \{"seed":7,"path":"[0-9:]+"\}/);
    expect(failure?.stdout).toMatch(/ok {3}conservation/);
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
    expect(stdout).not.toMatch(/redundancy/);
  });

  it('check: a file without a strategy class is a clear configuration error', async () => {
    await expect(scitsim('check', 'src/core/signal.ts')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Invalid configuration: file: exports no class with a choose\(\) method/),
    });
  });
});
