/** The action of `scitsim check` (./check.ts), loaded when a check runs. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import {
  checkStrategyModule,
  type ModuleCheckOptions,
  randomSeed,
  type StrategySource,
} from '../checks/host/check-host.js';
import { BUILTIN_CLAIMS, type NamedClaims, SPEC_CHECK_LIMITS } from '../checks/rotation/spec-checker.js';
import { formatSpecReport, type SpecInvocation } from '../checks/rotation/spec-report.js';
import { ROTATION_STRATEGIES, type RotationStrategyName } from '../policies/scit/module.js';
import { checkInputFile } from '../runs/input-files.js';
import { type CheckOptions, DEFAULT_RUNS } from './check.js';
import { progressBar } from './progress.js';

/** Runs `scitsim check strategy` with its parsed options; `command` reports usage errors. */
export async function runCheck(
  strategy: string,
  opts: CheckOptions,
  command: Command<[string], CheckOptions>,
): Promise<void> {
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
  else console.log(formatSpecReport(report, invocation(strategy, builtin, opts)));
  if (!report.ok) process.exitCode = 1;
}

/** The replay command line: the strategy, --export, and every option that changes what is checked. */
function invocation(strategy: string, builtin: boolean, opts: CheckOptions): SpecInvocation {
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
  const ref = builtin
    ? strategy
    : { file: resolve(strategy), ...(opts.export === undefined ? {} : { export: opts.export }) };
  return { command: command.join(' '), flags, strategy: ref };
}
