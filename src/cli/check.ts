/**
 * `scitsim check <strategy>`: runs the rotation-strategy spec checker on a researcher's own strategy
 * class (a module path) or a built-in (by name), bound in place of the default with
 * `container.rebind(ROTATION_STRATEGY)`, in a worker thread with a watchdog (`checkStrategyModule`).
 *
 * Exit codes: 0 every property holds; 1 a property fails (including a `choose` that does not return
 * within `--decision-timeout`); 2 a usage, configuration or load error (one line on stderr): a path
 * that is not a regular file, a module that does not load, a constructor that throws.
 */
import { existsSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import {
  checkStrategyModule,
  DEFAULT_CHECK_DECISION_TIMEOUT_SECONDS,
  type ModuleCheckOptions,
  randomSeed,
  type StrategySource,
} from '../checks/host/check-host.js';
import {
  BUILTIN_CLAIMS,
  LIVE_CONDITIONS,
  type LiveCondition,
  type NamedClaims,
  SPEC_CHECK_LIMITS,
} from '../checks/rotation/spec-checker.js';
import { formatSpecReport, type SpecInvocation } from '../checks/rotation/spec-report.js';
import { MAX_DECISION_TIMEOUT_SECONDS } from '../parallel/run-watched.js';
import { ROTATION_STRATEGIES, type RotationStrategyName } from '../policies/scit/module.js';
import { checkInputFile } from '../runs/input-files.js';
import { progressBar } from './progress.js';

export { formatSpecReport } from '../checks/rotation/spec-report.js';

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
const DEFAULT_RUNS = 100;

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
      `a .ts or .js module exporting a RotationStrategy class (@injectable), or a built-in: ${Object.keys(ROTATION_STRATEGIES).join(', ')}`,
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
      ).choices(Object.keys(LIVE_CONDITIONS) as LiveCondition[]),
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
      const builtin = strategy in ROTATION_STRATEGIES && !existsSync(strategy);
      if (opts.long && opts.runs > SPEC_CHECK_LIMITS.maxLongRuns)
        command.error(
          `error: --runs with --long must be at most ${SPEC_CHECK_LIMITS.maxLongRuns} ` +
            `(a long case simulates up to ${SPEC_CHECK_LIMITS.longDecisionsPerCase} decisions) (got ${opts.runs})`,
        );
      if (opts.path !== undefined && opts.seed === undefined)
        command.error('error: --path needs the --seed it was printed with');
      // A named pipe or a device would block the worker's import forever: refused before it starts.
      if (!builtin) await checkInputFile(strategy, 'strategy');
      const source: StrategySource = builtin
        ? { builtin: strategy }
        : { file: strategy, ...(opts.export === undefined ? {} : { exportName: opts.export }) };
      const base: NamedClaims = builtin
        ? BUILTIN_CLAIMS[strategy as RotationStrategyName]
        : { preservesRedundancy: true };
      const liveWhen = opts.liveWhen ?? base.liveWhen;
      const claims: ModuleCheckOptions['claims'] = {
        preservesRedundancy: opts.preservesRedundancy ?? base.preservesRedundancy ?? true,
        progress: opts.progress ?? base.progress ?? false,
        ...(liveWhen === undefined ? {} : { liveWhen }),
      };
      const seed = opts.seed ?? randomSeed();
      const bar =
        process.stderr.isTTY && opts.path === undefined
          ? await progressBar('check {stage} [{bar}] {value}/{total} cases')
          : undefined;
      bar?.start(opts.runs, 0, { stage: 'valid-decision' });
      const report = await checkStrategyModule(source, {
        numRuns: opts.runs,
        seed,
        ...(opts.path === undefined ? {} : { path: opts.path }),
        long: opts.long === true,
        claims,
        ...(opts.decisionTimeout === undefined ? {} : { decisionTimeoutSeconds: opts.decisionTimeout }),
        onProgress: bar
          ? (stage, done, total) => {
              if (total === 0) return; // nothing checked yet
              bar.setTotal(total);
              bar.update(done, { stage });
            }
          : undefined,
      });
      bar?.stop();
      if (opts.json) console.log(JSON.stringify(report));
      else console.log(formatSpecReport(report, invocation(strategy, opts)));
      if (!report.ok) process.exitCode = 1;
    });
}

type CheckOptions = ReturnType<ReturnType<typeof checkCommand>['opts']>;

/** The replay command line: the strategy, --export, and every option that changes what is checked. */
function invocation(strategy: string, opts: CheckOptions): SpecInvocation {
  const command = [
    'scitsim check',
    strategy,
    ...(opts.export === undefined ? [] : ['--export', opts.export]),
  ];
  const flags: string[] = [];
  if (opts.long) flags.push('--long');
  // A path names a case among the check's cases: the replay needs the same number of them.
  if (opts.runs !== DEFAULT_RUNS) flags.push('--runs', String(opts.runs));
  if (opts.preservesRedundancy !== undefined)
    flags.push(opts.preservesRedundancy ? '--preserves-redundancy' : '--no-preserves-redundancy');
  if (opts.progress !== undefined) flags.push(opts.progress ? '--progress' : '--no-progress');
  if (opts.liveWhen !== undefined) flags.push('--live-when', opts.liveWhen);
  if (opts.decisionTimeout !== undefined) flags.push('--decision-timeout', String(opts.decisionTimeout));
  return { command: command.join(' '), flags };
}
