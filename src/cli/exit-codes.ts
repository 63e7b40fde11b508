import { type Command, CommanderError } from '@commander-js/extra-typings';
import { ConfigError, systemErrorCode, systemErrorReason } from '../core/errors.js';
import { StrategyError } from '../entities/scit/strategy-error.js';
import { OutputError } from '../report/files.js';

/** Makes `command` and all its subcommands exit 2 on a usage error (0 on help or version). */
export function usageErrorsExit2(command: Command<unknown[], Record<string, unknown>>): void {
  command.exitOverride((error) => {
    throw new CommanderError(error.exitCode === 0 ? 0 : 2, error.code, error.message);
  });
  for (const sub of command.commands) usageErrorsExit2(sub as Command<unknown[], Record<string, unknown>>);
}

/**
 * Runs a command-line action; a configuration error becomes one clear line on stderr and exit code 2
 * (nothing else is written), a strategy's failed decision one line and exit code 1, and so does a result
 * that could not be written (a full disk: `Error: could not write PATH: no space left on device`) or
 * another refusal of the operating system. A `CommanderError` (see {@link usageErrorsExit2}) sets its
 * exit code; commander has printed its message already.
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
    if (error instanceof OutputError) {
      // A result could not be written (a full disk …): nothing half-written was left; exit 1.
      console.error(`Error: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    const code = systemErrorCode(error);
    if (code !== undefined && typeof (error as { syscall?: unknown }).syscall === 'string') {
      // The operating system refused something (not a bug of ours): one line, exit 1.
      const { syscall, path } = error as { syscall: string; path?: unknown };
      const where = typeof path === 'string' ? ` ${path}` : '';
      console.error(`Error: ${syscall}${where} failed: ${systemErrorReason(error)}`);
      process.exitCode = 1;
      return;
    }
    if (error instanceof StrategyError) {
      // The user's strategy failed a decision (the run cannot go on): its one line, exit 1.
      console.error(`Stopped: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
