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
});
