/**
 * `scitsim check <strategy>`: runs the rotation-strategy spec checker on a researcher's own strategy
 * class (a module path) or a built-in (by name), bound in place of the default with
 * `container.rebind(ROTATION_STRATEGY)`, in a worker thread with a watchdog (`checkStrategyModule`).
 *
 * Exit codes: 0 every property holds; 1 a property fails (including a `choose` that does not return
 * within `--decision-timeout`); 2 a usage, configuration or load error (one line on stderr): a path
 * that is not a regular file, a module that does not load, a constructor that throws.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { DEFAULT_CHECK_DECISION_TIMEOUT_SECONDS } from '../checks/host/check-defaults.js';
import { LIVE_CONDITION_NAMES, SPEC_CHECK_LIMITS } from '../checks/rotation/spec-limits.js';
import { MAX_DECISION_TIMEOUT_SECONDS } from '../parallel/decision-timeout.js';
import { ROTATION_STRATEGY_NAMES } from '../policies/scit/strategy-names.js';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** `--seed`: any 32-bit signed integer, as fast-check prints it. */
export function int32Seed(text: string): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || value < INT32_MIN || value > INT32_MAX)
    throw new InvalidArgumentError(
      `--seed must be a 32-bit signed integer, from ${INT32_MIN} to ${INT32_MAX} (got ${JSON.stringify(text)}).`,
    );
  return value;
}

/** Cases per property unless `--runs` says otherwise. */
export const DEFAULT_RUNS = 100;

/** `--path`: a fast-check path as printed, numbers separated by colons. */
function replayPath(text: string): string {
  if (!/^\d+(:\d+)*$/.test(text))
    throw new InvalidArgumentError(
      `--path must be numbers separated by colons, as printed (got ${JSON.stringify(text)}).`,
    );
  return text;
}

/** A whole number in [min, max]; the message names the flag, the bound and why it is there. */
function boundedWhole(flag: string, min: number, max: number, why: string) {
  return (text: string): number => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isSafeInteger(value) || value < min || value > max)
      throw new InvalidArgumentError(
        `${flag} must be a whole number from ${min} to ${max} (${why}) (got ${JSON.stringify(text)}).`,
      );
    return value;
  };
}

function decisionTimeout(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > MAX_DECISION_TIMEOUT_SECONDS)
    throw new InvalidArgumentError(
      `--decision-timeout must be a number of seconds > 0 and ≤ ${MAX_DECISION_TIMEOUT_SECONDS} (got ${JSON.stringify(text)}).`,
    );
  return value;
}

const RUNS_WHY =
  `each case simulates up to ${SPEC_CHECK_LIMITS.decisionsPerCase} decisions; ` +
  `${SPEC_CHECK_LIMITS.maxRuns} cases take about half an hour on a 2-core machine`;

/** The `check` command. */
export function checkCommand() {
  return new Command('check')
    .description(
      "Run the rotation-strategy spec checker (fast-check) on your own strategy's module, or on a built-in by name",
    )
    .argument(
      '<strategy>',
      `a .ts or .js module exporting a RotationStrategy class (@injectable), or a built-in: ${ROTATION_STRATEGY_NAMES.join(', ')}`,
    )
    .option('--export <name>', 'which exported class to check (default: the only one)')
    .option(
      '--runs <n>',
      `cases per property, the fixed cases first (at most ${SPEC_CHECK_LIMITS.maxRuns}; ${SPEC_CHECK_LIMITS.maxLongRuns} with --long)`,
      boundedWhole('--runs', 1, SPEC_CHECK_LIMITS.maxRuns, RUNS_WHY),
      DEFAULT_RUNS,
    )
    .option(
      '--seed <n>',
      'fast-check seed, a 32-bit signed integer (default: a random one, printed)',
      int32Seed,
    )
    .option(
      '--path <path>',
      'with --seed: replay exactly the case at this path (printed with a failure)',
      replayPath,
    )
    .option('--long', 'cases of one to seven simulated days each (slower)')
    .option(
      '--preserves-redundancy',
      'claim: every service stays at or above its target level (default for modules)',
    )
    .option('--no-preserves-redundancy', 'do not claim redundancy (e.g. a conventional-like strategy)')
    .option('--progress', 'claim: never waits while a qualifying spare exists')
    .option('--no-progress', 'do not claim progress')
    .addOption(
      new Option(
        '--live-when <condition>',
        'claim liveness (no VM waits forever, no service starves) in these configurations',
      ).choices(LIVE_CONDITION_NAMES),
    )
    .option(
      '--decision-timeout <seconds>',
      `report a choose (or constructor) that runs longer than this (default ${DEFAULT_CHECK_DECISION_TIMEOUT_SECONDS})`,
      decisionTimeout,
    )
    .option('--json', 'print the whole report as one JSON object')
    .exitOverride((error) => {
      // Usage errors exit 2 (commander's default is 1); help and version exit 0. Commander printed the message.
      throw new CommanderError(error.exitCode === 0 ? 0 : 2, error.code, error.message);
    })
    .action(async (strategy, opts, command) => {
      // The checker (fast-check, its worker host) loads only when a check runs.
      const { runCheck } = await import('./check-action.js');
      await runCheck(strategy, opts, command);
    });
}

export type CheckOptions = ReturnType<ReturnType<typeof checkCommand>['opts']>;
