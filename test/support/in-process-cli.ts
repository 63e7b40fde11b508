/**
 * Runs `scitsim args` in this process (no child process: fast, and coverage sees it) and returns its
 * exit code and everything it printed on stdout and stderr.
 */
import { vi } from 'vitest';
import { scitsim } from '../../src/cli/main.js';

export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const capture = (into: 'out' | 'err') => (chunk: unknown) => {
    const text = typeof chunk === 'string' ? chunk : String(chunk);
    if (into === 'out') out += text;
    else err += text;
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture('out') as typeof process.stdout.write);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture('err') as typeof process.stderr.write);
  vi.spyOn(console, 'log').mockImplementation((...items) => capture('out')(`${items.join(' ')}\n`));
  vi.spyOn(console, 'error').mockImplementation((...items) => capture('err')(`${items.join(' ')}\n`));
  process.exitCode = undefined;
  try {
    await scitsim(args);
    return { code: Number(process.exitCode ?? 0), out, err };
  } finally {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  }
}
