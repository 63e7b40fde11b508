/**
 * The `scitsim` command as installed (bin/scitsim.mjs in a child process): its exit codes. Every
 * subcommand's options and messages are tested in this process (test/support/in-process-cli.ts);
 * `scale`'s relaunch with its Node flags is spawned in processes.test.ts.
 */
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/in-process-cli.js';

const exec = promisify(execFile);
const scitsim = (...args: string[]) =>
  exec('node', ['bin/scitsim.mjs', ...args], { env: { ...process.env, CI: 'true' } });

describe('scitsim (the command)', () => {
  // In this process: what scale prints is the command's, not the process's (a spawned scale is two
  // processes, the launcher and its relaunch; processes.test.ts spawns one and checks its output and exit).
  it('scale says how many cloudlets never ran (their VMs did not fit)', async () => {
    const { code, out: stdout } = await cli('scale', '--hosts', '1', '--vms', '100', '--cloudlets', '100');
    expect(code).toBe(0);
    // One host of 8 PEs x 10000 MIPS takes 40 VMs of 2 x 1000 MIPS; the other 60 VMs and their cloudlets fail.
    expect(stdout).toMatch(/finished: +40\n/);
    expect(stdout).toMatch(/did not run: +60 \(their VMs could not be created\)/);
  });

  // One process exit is enough here: every exit code is the command's process.exitCode, which the
  // in-process tests check for usage errors (commander), configuration errors and failed checks.
  it('exits 2 on a configuration error, the message alone on stderr, nothing written', async () => {
    const out = join(tmpdir(), 'scitsim-never-written');
    await expect(scitsim('paper', '--layout', 'figure-8', '--out', out)).rejects.toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'Invalid configuration: --layout: unknown paper layout; valid values are: table-1, figure-7 (got "figure-8")\n',
    });
    await expect(access(out)).rejects.toThrow();
  });
});
