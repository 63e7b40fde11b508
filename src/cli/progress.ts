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
