import type { StrategyProgress } from '../experiments/scit/paper-experiment.js';

/**
 * The commands' progress bar on stderr (callers show it on a terminal only). cli-progress is loaded
 * only when a bar is wanted, so runs without a terminal do not pay for it.
 */
export async function progressBar(format: string) {
  const { default: progress } = await import('cli-progress');
  return new progress.SingleBar(
    { format, hideCursor: true, clearOnComplete: true },
    progress.Presets.shades_classic,
  );
}

/**
 * Progress of a paper-style experiment (`scitsim paper`, `scitsim run` on a scit scenario): one bar,
 * on a terminal only, through every phase and strategy (each phase has its own number of seeds).
 * Call `stop` when the experiment ends, however it ends.
 */
export async function experimentProgress(): Promise<{
  onProgress?: StrategyProgress;
  stop: () => void;
}> {
  if (!process.stderr.isTTY) return { stop: () => {} };
  const bar = await progressBar('{strategy} [{bar}] {value}/{total} seeds');
  bar.start(1, 0, { strategy: '' });
  return {
    onProgress: (strategy, done, total) => {
      if (bar.getTotal() !== total) bar.setTotal(total);
      bar.update(done, { strategy });
    },
    stop: () => bar.stop(),
  };
}
