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

/** The modules of each watched command's action (what the command imports when it runs). */
const ACTIONS: Readonly<Record<string, () => Promise<unknown>>> = {
  run: () => import('./run-action.js'),
  paper: () => import('./paper-action.js'),
  security: () => import('./security-action.js'),
  sweep: () => import('./sweep-action.js'),
};

/**
 * Loads the action's modules of `scitsim args` while the supervisor starts (bin/scitsim.mjs names this
 * export as the watched task's `prepareExportName`): the command then finds them loaded, or loading.
 */
export async function prepareScitsimCommand(args: readonly string[]): Promise<void> {
  await ACTIONS[args[0] ?? '']?.();
}
