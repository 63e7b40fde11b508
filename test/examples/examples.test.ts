/**
 * Every example prints its expected output. Each runs in this process (test/support/in-process-example.ts:
 * its `main` reads the arguments of its expected file from `process.argv`, as from the command line),
 * a third of them from this file (example-suite.ts); one runs as a researcher runs it, `npx tsx
 * script`, to keep that path honest.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runExample } from '../support/in-process-example.js';
import { exampleTests, PARTS } from './example-suite.js';
import { exampleScripts, expectation, normalize, ROOT } from './expected-output.js';

const exec = promisify(execFile);

describe('examples/', () => {
  it('finds the examples, each with an expected output, and a test file for each part', async () => {
    const scripts = await exampleScripts();
    expect(scripts.length).toBeGreaterThanOrEqual(15);
    for (const script of scripts) await expect(expectation(script)).resolves.toBeDefined();
    // Parts 2… are the files beside this one: without one, a third of the examples would not run.
    for (let part = 2; part <= PARTS; part++)
      expect(await readFile(join(ROOT, `test/examples/examples-${part}.test.ts`), 'utf8')).toContain(
        `await exampleTests(${part - 1});`,
      );
  });

  it('runs as a researcher runs it: `npx tsx examples/cloudsim/example1.ts` in a child process', async () => {
    const script = 'examples/cloudsim/example1.ts';
    const { expected } = await expectation(script);
    const { stdout } = await exec('npx', ['tsx', script], { cwd: ROOT, env: { ...process.env, CI: 'true' } });
    expect(normalize(stdout)).toBe(normalize(expected));
  });

  it('every example answers --help (its header comment and its options, exit 0) and refuses an unknown option in one line (exit 2)', async () => {
    for (const script of await exampleScripts()) {
      const name = script.split('/').pop() as string;
      const help = await runExample(ROOT, script, ['--help']);
      expect(help.code, script).toBe(0);
      expect(help.stderr, script).toBe('');
      expect(help.stdout, script).toContain(`npx tsx ${script}`); // the usage line of its header
      expect(help.stdout, script).toMatch(/\nOptions:/);
      const bad = await runExample(ROOT, script, ['--bogus']);
      expect(bad, script).toEqual({
        code: 2,
        stdout: '',
        stderr: expect.stringMatching(
          new RegExp(`^${name.replace('.', '\\.')}: Unknown option '--bogus'; [^\n]+ \\(see --help\\)\n$`),
        ),
      });
    }
    const missing = await runExample(ROOT, 'examples/scit/ps-validation.ts', ['--rho']);
    expect(missing.stderr).toBe(
      "ps-validation.ts: Option '--rho <value>' argument missing; options: --rho, --lengths, --requests, --vms, --vm-mips, --mean-length, --seed, --engine, --json (see --help)\n",
    );
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

await exampleTests(0);
