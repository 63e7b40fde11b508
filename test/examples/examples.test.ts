/**
 * Every example prints its expected output. Each runs in this process (test/support/in-process-example.ts:
 * its `main` reads the arguments of its expected file from `process.argv`, as from the command line);
 * one runs as a researcher runs it, `npx tsx script`, to keep that path honest.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runExample } from '../support/in-process-example.js';
import { actualOutput, exampleScripts, expectation, normalize, ROOT } from './expected-output.js';

const exec = promisify(execFile);
const scripts = await exampleScripts();

describe('examples/ (each script run with the arguments of its .expected.txt, output diffed against it)', () => {
  it('finds the examples, each with an expected output', async () => {
    expect(scripts.length).toBeGreaterThanOrEqual(15);
    for (const script of scripts) await expect(expectation(script)).resolves.toBeDefined();
  });

  describe.each(scripts)('%s', (script) => {
    it('prints its expected output', async () => {
      const { args, expected } = await expectation(script);
      expect(await actualOutput(script, args, { inProcess: true })).toBe(normalize(expected));
    });
  });

  it('runs as a researcher runs it: `npx tsx examples/cloudsim/example1.ts` in a child process', async () => {
    const script = 'examples/cloudsim/example1.ts';
    const { expected } = await expectation(script);
    const { stdout } = await exec('npx', ['tsx', script], { cwd: ROOT, env: { ...process.env, CI: 'true' } });
    expect(normalize(stdout)).toBe(normalize(expected));
  });

  it('a bad option is one line on stderr and exit code 2, as for the scitsim command', async () => {
    const run = await runExample(ROOT, 'examples/cloudsim/scale.ts', ['--hosts', 'ten']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/^Invalid configuration: --hosts.*must be a whole number.*\n$/),
    });
  });
});
