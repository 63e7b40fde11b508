/**
 * The paper's experiment (`scitsim paper`, a `scit` scenario run by `scitsim run`) as `report.html`:
 * the tables it prints, the redundancy timeline of each strategy's single run as an interactive chart,
 * the configuration in force, and links to every file written beside it.
 */
import type { ChartSpec } from '../../report/charts.js';
import type { ReportPage } from '../../report/html-page.js';
import { paperReportParts } from './format.js';
import type { PaperExperimentResult } from './paper-experiment.js';

/** What each file of a paper result set holds, by its name's ending. */
function aboutFile(name: string): string {
  if (name.endsWith('.levels.csv')) return 'the single run’s redundancy level per clock cycle (CSV)';
  if (name.endsWith('.levels.json'))
    return 'the same timeline as JSON, with the targets and the run’s requests';
  if (name.endsWith('.levels.svg')) return 'the timeline’s figure (SVG)';
  if (name === 'summary.json') return 'the many-seed summary, as printed by --json';
  return '';
}

/**
 * The page of `result`: `figures` are (strategy, chart spec, SVG file name) of the single runs,
 * `settings` the `settings` object of `summary.json`, `files` every file written (relative names).
 */
export function paperReportPage(
  result: PaperExperimentResult,
  figures: readonly { strategy: string; spec: ChartSpec; file: string }[],
  settings: unknown,
  files: readonly string[],
): ReportPage {
  return {
    title: `SCIT with service redundancy — ${result.systemName}`,
    about:
      'The experiment of the paper’s Table 3 and Figures 10/11 on this system: the tables as printed, ' +
      'each strategy’s single run as a figure, the configuration in force and the files written.',
    sections: [
      {
        heading: `Figures 10/11: redundancy levels of the single run (seed ${result.seed})`,
        blocks: figures.map(({ spec, file }) => ({ kind: 'chart' as const, spec, file })),
      },
      {
        heading: 'Results',
        blocks: [{ kind: 'printed', parts: paperReportParts(result, { outDir: '', listFiles: false }) }],
      },
      {
        heading: 'Configuration',
        blocks: [{ kind: 'json', value: { system: result.systemName, config: result.config, settings } }],
      },
      {
        heading: 'Files written',
        blocks: [{ kind: 'files', files: files.map((name) => ({ name, about: aboutFile(name) })) }],
      },
    ],
  };
}
