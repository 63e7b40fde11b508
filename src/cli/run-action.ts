/** The action of `scitsim run` (./run.ts), loaded when the command runs. */
import { paperReport } from '../experiments/scit/format.js';
import { PAPER_SET_MARKER, runPaperExperiment, summaryJson } from '../experiments/scit/paper-experiment.js';
import {
  CLOUDLETS_CSV,
  cloudletCsv,
  cloudletReportPage,
  cloudletRows,
  printCloudletResults,
} from '../report/cloudlet-table.js';
import { checkOutputDir, writeResultSet } from '../report/files.js';
import { REPORT_HTML, reportHtml } from '../report/html-page.js';
import { runCloudsimScenario } from '../scenario/cloudsim.js';
import { loadScenario, scenarioPath } from '../scenario/load.js';
import { scitExperimentOptions } from '../scenario/scit.js';
import { experimentProgress } from './progress.js';
import type { RunOptions } from './run.js';

/** Runs the scenario file `file` with the parsed options of `scitsim run`. */
export async function runScenarioFile(file: string, opts: RunOptions): Promise<void> {
  const started = performance.now();
  const loaded = await loadScenario(file);
  const { scenario } = loaded;
  if (scenario.kind === 'cloudsim') {
    // The cloudlet table also goes to files when a directory is given (--out, or output.dir beside the file).
    const dir =
      opts.out ??
      (scenario.output.dir === undefined ? undefined : scenarioPath(loaded.file, scenario.output.dir));
    const field = opts.out === undefined ? 'output.dir' : '--out';
    if (dir !== undefined) await checkOutputDir(dir, field, [CLOUDLETS_CSV]);
    const brokers = await runCloudsimScenario({ ...loaded, scenario });
    printCloudletResults(brokers, opts.json === true || scenario.output.json);
    if (dir !== undefined) {
      const rows = cloudletRows(brokers);
      const files = [
        { name: CLOUDLETS_CSV, about: 'one row per cloudlet, times in seconds at full precision' },
        { name: 'cloudlets.json', about: 'the same rows as JSON' },
      ];
      const page = cloudletReportPage(scenario.name ?? loaded.file, scenario, rows, brokers, files);
      await writeResultSet(dir, [
        [CLOUDLETS_CSV, cloudletCsv(rows)],
        ['cloudlets.json', `${JSON.stringify(rows, null, 2)}\n`],
        [REPORT_HTML, await reportHtml(page)],
      ]);
    }
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
