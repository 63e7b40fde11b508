/**
 * `scitsim` on a watched worker thread (bin/scitsim.mjs supervises the commands that run user code
 * with `superviseCommand`): runs the command and returns its exit code.
 */
import { scitsim } from './main.js';

/** Runs `scitsim args` in this (worker) thread; resolves with the exit code. */
export async function scitsimCommand(args: readonly string[]): Promise<number> {
  await scitsim(args);
  return Number(process.exitCode ?? 0);
}
