/**
 * The README is true: its code blocks under "Write your own experiment" and "Add a policy" run, from
 * a temporary directory with imports from 'scitsim' only: the first as a researcher would run it
 * (`tsx`, in a child process: it writes files relative to its working directory), the second in this
 * process (test/support/in-process-example.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runExample } from './support/in-process-example.js';

const exec = promisify(execFile);
const ROOT = process.cwd();
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** The ```ts blocks of the README section headed `heading`. */
async function codeBlocks(heading: string): Promise<string[]> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "${heading}"`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
}

/** Writes `code` as `script.ts` in a fresh directory of an ES-module project; returns the directory. */
async function scriptDir(code: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'scitsim-readme-'));
  dirs.push(dir);
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
  await writeFile(join(dir, 'script.ts'), code);
  return dir;
}

/** Runs `code` as `script.ts` in a fresh directory, as `npx tsx script.ts` would with this package. */
async function runTypeScript(code: string): Promise<{ stdout: string; dir: string }> {
  const dir = await scriptDir(code);
  const tsx = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
  const { stdout } = await exec(
    process.execPath,
    [tsx, '--tsconfig', join(ROOT, 'tsconfig.runtime.json'), 'script.ts'],
    { cwd: dir, env: { ...process.env, CI: 'true' } },
  );
  return { stdout, dir };
}

describe('README.md', () => {
  it('"Write your own experiment" runs: a table of both strategies and one figure each', async () => {
    const [block] = await codeBlocks('Write your own experiment');
    const { stdout, dir } = await runTypeScript(block);
    expect(stdout).toMatch(/conventional\s+\d+\.\d%\s+\d+\.\d%/);
    expect(stdout).toMatch(/redundancy-preserving\s+0\.0%\s+0\.0%/);
    expect((await readdir(join(dir, 'out/my-study'))).sort()).toEqual([
      'conventional.svg',
      'redundancy-preserving.svg',
    ]);
  });

  it('"Add a policy" runs (in this process): both classes are bound by the rebinds it shows', async () => {
    const [block] = await codeBlocks('Add a policy');
    const dir = await scriptDir(
      `${block}\nconsole.log(container.get(ROTATION_STRATEGY).name, container.get(VM_ALLOCATION_POLICY).constructor.name);\n`,
    );
    // What `--tsconfig tsconfig.runtime.json` gives tsx (decorators): the package's compiler options.
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: join(ROOT, 'tsconfig.runtime.json') }),
    );
    const run = await runExample(dir, 'script.ts', []);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.trim()).toBe('elsewhere-first LeastLoadedAllocation');
  });
});
