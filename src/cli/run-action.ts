/** The action of `scitsim run` (./run.ts), loaded when the command runs. */
import { paperReport } from '../experiments/scit/format.js';
import { PAPER_SET_MARKER, runPaperExperiment, summaryJson } from '../experiments/scit/paper-experiment.js';
import { printCloudletResults } from '../report/cloudlet-table.js';
import { checkOutputDir } from '../report/files.js';
import { runCloudsimScenario } from '../scenario/cloudsim.js';
import { loadScenario } from '../scenario/load.js';
import { scitExperimentOptions } from '../scenario/scit.js';
import { experimentProgress } from './progress.js';
import type { RunOptions } from './run.js';

/** Runs the scenario file `file` with the parsed options of `scitsim run`. */
export async function runScenarioFile(file: string, opts: RunOptions): Promise<void> {
  const started = performance.now();
  const loaded = await loadScenario(file);
  const { scenario } = loaded;
  if (scenario.kind === 'cloudsim') {
    const brokers = await runCloudsimScenario({ ...loaded, scenario });
    printCloudletResults(brokers, opts.json === true || scenario.output.json);
    return;
  }
  const options = await scitExperimentOptions({ ...loaded, scenario }, opts.out);
  if (typeof options.outDir === 'string')
    await checkOutputDir(options.outDir, opts.out === undefined ? 'output.dir' : '--out', [PAPER_SET_MARKER]);
  const progress = await experimentProgress();
  const result = await runPaperExperiment({
    ...options,
    clockMillis: () => performance.now(),
    onProgress: progress.onProgress,
  }).finally(progress.stop);
  if (opts.json) {
    for (const warning of result.warnings) console.error(`Warning: ${warning}`);
    console.log(JSON.stringify(summaryJson(result)));
    return;
  }
  const outDir = typeof options.outDir === 'string' ? options.outDir : '';
  console.log(paperReport(result, { outDir, totalSeconds: (performance.now() - started) / 1000 }));
}
