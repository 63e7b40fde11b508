/**
 * `scitsim/report`: result files written whole, timelines (CSV, JSON, SVG figures), the cloudlet table.
 *
 * @packageDocumentation
 * @module scitsim/report
 */

// The cloudlet table CloudSim's examples print.
export {
  type CloudletRow,
  cloudletRows,
  formatCloudletTable,
  printCloudletResults,
} from './cloudlet-table.js';

// Result files: checked before a run, written whole (never half a file); a write that fails (a full
// disk) is an OutputError naming the file.
export {
  checkOutputDir,
  checkOutputFile,
  OutputError,
  writeFileAtomic,
  writeResultSet,
} from './files.js';

// A run's redundancy timeline as CSV, JSON and an SVG figure.
export { redundancyFigureSvg, timelineCsv, timelineJson } from './timeline.js';
