/** The actions of `scitsim sweep` and `scitsim merge` (./sweep.ts), loaded when one runs. */
import { availableParallelism } from 'node:os';
import { counted } from '../core/text.js';
import { SIGNAL_EXIT_CODES } from '../parallel/signals.js';
import { DecisionTimeoutError } from '../parallel/watchdog.js';
import { checkOutputDir } from '../report/files.js';
import { runSweep, SweepInterrupted } from '../sweep/engine.js';
import { LOCK_FILE } from '../sweep/lock.js';
import { mergeShards } from '../sweep/merge.js';
import { parseShard, planSweep, shardFromEnvironment } from '../sweep/plan.js';
import { progressBar } from './progress.js';
import type { MergeOptions, SweepOptions } from './sweep.js';

/** Signals that stop a sweep cleanly (complete cells kept, nothing claiming to be whole). */
const INTERRUPTS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** A warning of the library (a stale lock taken over, a cell file run again): one line on stderr. */
const warn = (message: string) => console.error(`Warning: ${message}`);

/** Runs the sweep of the scenario file `file` with the parsed options of `scitsim sweep`. */
export async function runSweepCommand(file: string, opts: SweepOptions): Promise<void> {
  await checkOutputDir(opts.out, '--out', ['sweep.json', 'cells', LOCK_FILE]);
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
      onWarning: warn,
      clockMillis: () => performance.now(),
      onProgress:
        bar === undefined
          ? undefined
          : (done, total) => (done === 0 ? bar.start(total, 0) : bar.update(done)),
    });
    bar?.stop();
    const what = shard === undefined ? `${plan.cells} cells` : `shard ${shard.index}/${shard.count}`;
    console.log(
      `sweep ${what}: ${counted(outcome.ran, 'cell')} run (${counted(outcome.runs, 'run')}), ${outcome.kept} kept, ${counted(workers, 'worker')} → ${opts.out}` +
        (outcome.finished
          ? ` (runs.csv, summary.csv, ${outcome.metric} figure, report.html)`
          : ' (merge the shards with scitsim merge)'),
    );
  } catch (error) {
    bar?.stop();
    if (error instanceof SweepInterrupted) {
      console.error('Interrupted: complete cells are kept in the output directory; run again with --resume.');
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
}

/** Merges the shard directories `dirs` into `out` (`scitsim merge`). */
export async function runMergeCommand(out: string, dirs: string[], opts: MergeOptions): Promise<void> {
  await checkOutputDir(out, 'out', ['sweep.json', LOCK_FILE]);
  const merged = await mergeShards(out, dirs, { metric: opts.metric, onWarning: warn });
  console.log(`merged ${dirs.length} shards (${merged.shape.cells} cells) → ${out}`);
}
