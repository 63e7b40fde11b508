/**
 * The README is true: its code blocks under "Write your own experiment" and "Add a policy" run as a
 * researcher would run them (`tsx`, imports from 'scitsim' only), in a temporary directory.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

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

/** Runs `code` as `script.ts` in a fresh directory, as `npx tsx script.ts` would with this package. */
async function runTypeScript(code: string): Promise<{ stdout: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'scitsim-readme-'));
  dirs.push(dir);
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
  await writeFile(join(dir, 'script.ts'), code);
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

  it('"Add a policy" runs: both classes are bound by the rebinds it shows', async () => {
    const [block] = await codeBlocks('Add a policy');
    const { stdout } = await runTypeScript(
      `${block}\nconsole.log(container.get(ROTATION_STRATEGY).name, container.get(VM_ALLOCATION_POLICY).constructor.name);\n`,
    );
    expect(stdout.trim()).toBe('elsewhere-first LeastLoadedAllocation');
  });
});
