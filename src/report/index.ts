/** Reporting: result files written whole, timelines (CSV, JSON, SVG), the cloudlet table. */
export * from './cloudlet-table.js';
export * from './files.js';
export * from './timeline.js';
