/** Helpers for experiment scripts (the files in `examples/`): a script that is also an importable module. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../core/errors.js';

/**
 * True when the module at `moduleUrl` (pass `import.meta.url`) is the script Node was started with, so
 * that a script can export its experiment for tests and other scripts and run it only when invoked.
 */
export function isMainModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && resolve(entry) === fileURLToPath(moduleUrl);
}

/**
 * Runs `main` when the module at `moduleUrl` is the script being run; a `ConfigError` becomes one line
 * on stderr and exit code 2, as for the `scitsim` command.
 */
export async function runScript(moduleUrl: string, main: () => unknown): Promise<void> {
  if (!isMainModule(moduleUrl)) return;
  try {
    await main();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Invalid configuration: ${error.message}`);
    process.exitCode = 2;
  }
}
