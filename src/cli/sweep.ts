/** `scitsim sweep FILE` and `scitsim merge OUT DIR…`: parameter sweeps on every core, and their shards. */
import { Command } from '@commander-js/extra-typings';
import { sweepWorkersLimit } from '../sweep/limits.js';
import { DECISION_TIMEOUT_OPTION, wholeNumber } from './args.js';

/** The `sweep` command. */
export function sweepCommand() {
  return new Command('sweep')
    .description('Run a scenario’s sweep grid: every cell × strategy × seed, on worker threads')
    .argument('<file>', 'a scit scenario with "sweep": {"<json path>": [values…]}')
    .requiredOption(
      '--out <dir>',
      'output directory: runs.csv, summary.csv, <metric>.svg, cells/, sweep.json',
    )
    .option(
      '--workers <n>',
      'worker threads (default: the core count; at most 4 per core)',
      wholeNumber('--workers', 1, sweepWorkersLimit()),
    )
    .option(
      '--shard <i/n>',
      'run only shard i of n (also from SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX)',
    )
    .option('--resume', 'keep the complete cells already in --out and run the others')
    .option('--metric <name>', 'metric of the figure (default: the first service’s degradedCycleShare)')
    .option(
      DECISION_TIMEOUT_OPTION.flags,
      DECISION_TIMEOUT_OPTION.description,
      DECISION_TIMEOUT_OPTION.parse,
      DECISION_TIMEOUT_OPTION.default,
    )
    .action(async (file, opts) => {
      // The sweep's modules (the worker pool, the scenarios) load only when it runs.
      const { runSweepCommand } = await import('./sweep-action.js');
      await runSweepCommand(file, opts);
    });
}

export type SweepOptions = ReturnType<ReturnType<typeof sweepCommand>['opts']>;

/** The `merge` command. */
export function mergeCommand() {
  return new Command('merge')
    .description('Combine the shard directories of one sweep into the files of an unsharded run')
    .argument('<out>', 'output directory')
    .argument('<dirs...>', 'the shards’ directories')
    .option('--metric <name>', 'metric of the figure (default: the one the shards were run with)')
    .action(async (out, dirs, opts) => {
      const { runMergeCommand } = await import('./sweep-action.js');
      await runMergeCommand(out, dirs, opts);
    });
}

export type MergeOptions = ReturnType<ReturnType<typeof mergeCommand>['opts']>;
