/** The simulation kernel. Knows nothing about clouds. */
export { coreModule, SIMULATION, SIMULATION_OPTIONS, token } from './di.js';
export { Entity } from './entity.js';
export * from './errors.js';
export type * from './events.js';
export { MinHeap } from './min-heap.js';
export { hashToState, RandomStream } from './random.js';
export * from './signal.js';
export { DelayLane, Simulation, type SimulationOptions } from './simulation.js';
