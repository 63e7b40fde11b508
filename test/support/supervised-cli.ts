import { vi } from 'vitest';
import { superviseCommand } from '../../src/parallel/supervise.js';

/**
 * Runs `scitsim args` as bin/scitsim.mjs does for the commands that run user code, but from this
 * thread: the same supervisor ({@link superviseCommand}) runs the command on a watched worker thread
 * and prints the hang's line. Paths in `args` are absolute (a worker cannot change directory).
 */
export async function supervised(
  ...args: string[]
): Promise<{ code: number | null; out: string; err: string }> {
  let out = '';
  let err = '';
  const capture = (into: 'out' | 'err') =>
    ((chunk: unknown) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      if (into === 'out') out += text;
      else err += text;
      return true;
    }) as typeof process.stdout.write;
  vi.spyOn(process.stdout, 'write').mockImplementation(capture('out'));
  vi.spyOn(process.stderr, 'write').mockImplementation(capture('err'));
  try {
    const code = await superviseCommand({
      name: 'scitsim',
      moduleUrl: new URL('../../src/cli/watched-entry.ts', import.meta.url).href,
      exportName: 'scitsimCommand',
      args,
      tty: { stdout: false, stderr: false },
    });
    return { code, out, err };
  } finally {
    vi.restoreAllMocks();
  }
}
