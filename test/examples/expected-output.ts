/**
 * Examples are tests: every script in examples/ has a `<script>.expected.txt` beside it whose first line
 * is the command (`$ npx tsx examples/… args`, `$OUT` standing for a fresh temporary directory) and
 * whose other lines are what it prints. Timing lines are left out of the comparison.
 *
 *   npx tsx test/examples/expected-output.ts --update   # rewrites every expected file from a run
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runExample } from '../support/in-process-example.js';

const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Lines that report wall-clock time differ from run to run. */
const TIMING = /computed in \d|wall time/i;

/** Every example script (relative to the repo root), sorted. */
export async function exampleScripts(): Promise<string[]> {
  const entries = await readdir(join(ROOT, 'examples'), { recursive: true });
  return entries
    .filter((entry) => entry.endsWith('.ts') && !entry.endsWith('.d.ts'))
    .map((entry) => join('examples', entry))
    .sort();
}

/** The expected file of `script` and the arguments of its first line. */
export async function expectation(script: string): Promise<{ args: string[]; expected: string }> {
  const text = await readFile(join(ROOT, script.replace(/\.ts$/, '.expected.txt')), 'utf8');
  const [command, ...lines] = text.split('\n');
  const prefix = `$ npx tsx ${script}`;
  if (!command.startsWith(prefix)) throw new Error(`${script}: expected file must start with "${prefix}"`);
  const args = command.slice(prefix.length).trim();
  return { args: args === '' ? [] : args.split(/\s+/), expected: lines.join('\n') };
}

/**
 * Runs `script` with `args` ($OUT: a fresh temporary directory) and returns its output, normalized:
 * in a child process (`node --import tsx`, what `npx tsx` runs) or, `inProcess`, in this one (see
 * test/support/in-process-example.ts; it must then exit 0, as a spawned one must).
 */
export async function actualOutput(
  script: string,
  args: readonly string[],
  { inProcess = false } = {},
): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'scitsim-example-'));
  const argv = args.map((arg) => arg.replaceAll('$OUT', out));
  try {
    let stdout: string;
    if (inProcess) {
      const result = await runExample(ROOT, script, argv);
      if (result.code !== 0) throw new Error(`${script} exited ${result.code}:\n${result.stderr}`);
      stdout = result.stdout;
    } else {
      ({ stdout } = await run(process.execPath, ['--import', 'tsx', script, ...argv], {
        cwd: ROOT,
        env: { ...process.env, CI: 'true' },
        maxBuffer: 1 << 24,
      }));
    }
    return normalize(stdout.replaceAll(out, '$OUT'));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** Drops timing lines. */
export function normalize(text: string): string {
  return text
    .split('\n')
    .filter((line) => !TIMING.test(line))
    .join('\n');
}

async function update(): Promise<void> {
  for (const script of await exampleScripts()) {
    const file = join(ROOT, script.replace(/\.ts$/, '.expected.txt'));
    const { args } = await expectation(script).catch(() => ({ args: [] as string[] }));
    const output = await actualOutput(script, args);
    await writeFile(
      file,
      [`$ npx tsx ${script}${args.length > 0 ? ` ${args.join(' ')}` : ''}`, output].join('\n'),
    );
    console.log(`updated ${relative(ROOT, file)}`);
  }
}

if (process.argv.includes('--update')) await update();
