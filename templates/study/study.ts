/**
 * The study: the paper's system (scenario.json) placed by your allocation policy, run with the paper's
 * strategy and yours, then under the paper's attacks; one table of the results. The scenario file names
 * both classes ({"file": …}), so `npx scitsim run scenario.json` runs the same study.
 *
 *   npx tsx study.ts        (npm start)
 */
import { fileURLToPath } from 'node:url';
import {
  alignedTable,
  loadScenario,
  rotationRows,
  runPaperExperiment,
  scitExperimentOptions,
  securityRows,
} from 'scitsim';

const loaded = await loadScenario(fileURLToPath(new URL('./scenario.json', import.meta.url)));
const { scenario } = loaded;
if (scenario.kind !== 'scit') throw new Error('scenario.json must be a "scit" scenario');
// `null`: write no files (give a directory instead, e.g. 'out/study', to keep the CSV and SVG files).
const options = await scitExperimentOptions({ ...loaded, scenario }, null);
const result = await runPaperExperiment(options);
for (const warning of result.warnings) console.error(`Warning: ${warning}`);

const strategies = Object.keys(result.summary);
const blank = strategies.map(() => '');
const rows = [
  ['', ...strategies],
  [`rotation, ${result.seeds} seeds × ${result.cycles} cycles`, ...blank],
  ...rotationRows(result.summary, strategies, result.services, result.targets),
];
if (result.security !== undefined)
  rows.push(
    [`under attack, ${result.security.settings.seeds} seeds`, ...blank],
    ...securityRows(result.security.summary, result.services),
  );
console.log(`${result.systemName} [95% confidence intervals over seeds]\n`);
console.log(alignedTable(rows));
