/** Bounds of a sweep that the command states before loading the sweep's modules. */
import { availableParallelism } from 'node:os';
import type { Limit } from '../entities/scit/config-limits.js';

/**
 * The most worker threads a sweep takes: 4 per core. Each worker holds its own JavaScript heap, so
 * threads beyond a few per core only add memory (a million ran the process out of heap).
 */
export function sweepWorkersLimit(cores = availableParallelism()): Limit {
  return {
    max: 4 * cores,
    why: `more than 4 worker threads per core (this machine has ${cores}) add no speed, and each holds its own heap`,
  };
}
