import { ConfigError } from '../core/errors.js';

/**
 * Runs a command-line action; a configuration error becomes one clear line on stderr and exit code 2
 * (nothing else is written). Any other error propagates with its stack: that is a bug to report.
 */
export async function runCli(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      console.error(`Invalid configuration: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}
