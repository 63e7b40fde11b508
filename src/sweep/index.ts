/** Parameter sweeps: grids over scenario paths, run on worker threads, sharded and merged. */
export * from './engine.js';
export * from './grid.js';
export * from './merge.js';
export * from './output.js';
export * from './plan.js';
export type { SweepTask, SweepTaskResult } from './worker.js';
