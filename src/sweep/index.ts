/**
 * `scitsim/sweep`: parameter sweeps — grids over scenario paths, planned from a sweep file, run on
 * worker threads, sharded across machines and merged.
 *
 * @packageDocumentation
 * @module scitsim/sweep
 */

// Running a sweep.
export { DecisionTimeoutError } from '../parallel/watchdog.js';
export {
  runSweep,
  SweepInterrupted,
  type SweepOutcome,
  type SweepRunOptions,
} from './engine.js';

// Grids: the parameters of a sweep and the scenario document of one cell.
export {
  cellDocument,
  type GridParameter,
  gridParameters,
  type PathSegment,
  parsePath,
  type SweepGrid,
  setPath,
} from './grid.js';

// Merging the shards' results, and a sweep directory's manifest.
export { type MergeOptions, mergeShards } from './merge.js';
export { readManifest, type SweepManifest } from './output.js';

// Planning: a sweep file becomes a plan of cells; a shard is one machine's share.
export {
  parseShard,
  planSweep,
  type Shard,
  type SweepPlan,
  type SweepShape,
  shardFromEnvironment,
} from './plan.js';
