import { CommanderError } from '@commander-js/extra-typings';
import { ConfigError } from '../core/errors.js';

/**
 * Runs a command-line action; a configuration error becomes one clear line on stderr and exit code 2
 * (nothing else is written). A `CommanderError` thrown by a command that overrides commander's exit
 * (`scitsim check`: usage errors exit 2) sets its exit code; commander has printed its message already.
 * Any other error propagates with its stack: that is a bug to report.
 */
export async function runCli(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error: unknown) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof ConfigError) {
      console.error(`Invalid configuration: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}
