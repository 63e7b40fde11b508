/** `scitsim sweep FILE` and `scitsim merge OUT DIR…`: parameter sweeps on every core, and their shards. */
import { availableParallelism } from 'node:os';
import { Command } from '@commander-js/extra-typings';
import { SIGNAL_EXIT_CODES } from '../parallel/signals.js';
import { DecisionTimeoutError } from '../parallel/watchdog.js';
import { checkOutputDir } from '../report/files.js';
import { runSweep, SweepInterrupted, sweepWorkersLimit } from '../sweep/engine.js';
import { mergeShards } from '../sweep/merge.js';
import { parseShard, planSweep, shardFromEnvironment } from '../sweep/plan.js';
import { DECISION_TIMEOUT_OPTION, wholeNumber } from './args.js';
import { progressBar } from './progress.js';

/** Signals that stop a sweep cleanly (complete cells kept, nothing claiming to be whole). */
const INTERRUPTS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

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
      await checkOutputDir(opts.out, '--out', ['sweep.json', 'cells']);
      const plan = await planSweep(file);
      const shard = opts.shard === undefined ? shardFromEnvironment(process.env) : parseShard(opts.shard);
      const workers = opts.workers ?? availableParallelism();
      const bar = process.stderr.isTTY
        ? await progressBar('sweep [{bar}] {value}/{total} runs, ETA {eta_formatted}')
        : undefined;
      const abort = new AbortController();
      // Every signal is taken (not once): a second Ctrl-C, or the same SIGINT from the terminal and from
      // the relaunching parent (bin/scitsim.mjs), must not kill the sweep while it tidies up. The first
      // signal says the exit code (128 + its number: SIGINT 130, SIGTERM 143, SIGHUP 129). SIGHUP is
      // also what the sweep's process gets when its launcher dies (bin/scitsim.mjs).
      let stoppedBy: NodeJS.Signals | undefined;
      const interrupt = (signal: NodeJS.Signals) => {
        stoppedBy ??= signal;
        abort.abort();
      };
      for (const signal of INTERRUPTS) process.on(signal, interrupt);
      try {
        const outcome = await runSweep(plan, {
          outDir: opts.out,
          workers,
          shard,
          resume: opts.resume === true,
          metric: opts.metric,
          decisionTimeoutSeconds: opts.decisionTimeout,
          signal: abort.signal,
          clockMillis: () => performance.now(),
          onProgress:
            bar === undefined
              ? undefined
              : (done, total) => (done === 0 ? bar.start(total, 0) : bar.update(done)),
        });
        bar?.stop();
        const what = shard === undefined ? `${plan.cells} cells` : `shard ${shard.index}/${shard.count}`;
        console.log(
          `sweep ${what}: ${outcome.ran} cells run (${outcome.runs} runs), ${outcome.kept} kept, ${workers} workers → ${opts.out}` +
            (outcome.finished
              ? ` (runs.csv, summary.csv, ${outcome.metric} figure)`
              : ' (merge the shards with scitsim merge)'),
        );
      } catch (error) {
        bar?.stop();
        if (error instanceof SweepInterrupted) {
          console.error(
            'Interrupted: complete cells are kept in the output directory; run again with --resume.',
          );
          process.exitCode = SIGNAL_EXIT_CODES[stoppedBy ?? 'SIGINT'] ?? 130;
          return;
        }
        if (error instanceof DecisionTimeoutError) {
          console.error(`Error: ${error.message}`);
          process.exitCode = 1;
          return;
        }
        throw error;
      } finally {
        for (const signal of INTERRUPTS) process.off(signal, interrupt);
      }
    });
}

/** The `merge` command. */
export function mergeCommand() {
  return new Command('merge')
    .description('Combine the shard directories of one sweep into the files of an unsharded run')
    .argument('<out>', 'output directory')
    .argument('<dirs...>', 'the shards’ directories')
    .option('--metric <name>', 'metric of the figure (default: the one the shards were run with)')
    .action(async (out, dirs, opts) => {
      await checkOutputDir(out, 'out', ['sweep.json']);
      const merged = await mergeShards(out, dirs, opts.metric);
      console.log(`merged ${dirs.length} shards (${merged.shape.cells} cells) → ${out}`);
    });
}
