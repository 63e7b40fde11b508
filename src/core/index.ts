/** The simulation kernel. Knows nothing about clouds. */
export { coreModule, SIMULATION, SIMULATION_OPTIONS, token } from './di.js';
export { Entity } from './entity.js';
export { ConfigError, describeValue, SimulationError, type SimulationErrorKind } from './errors.js';
export { MinHeap } from './min-heap.js';
export { hashToState, RandomStream } from './random.js';
export { Signal } from './signal.js';
export {
  type ClockAdvance,
  DelayLane,
  type RunSummary,
  type SimEvent,
  Simulation,
  type SimulationHooks,
  type SimulationOptions,
  type SimulationState,
  type StateChange,
  type StopReason,
} from './simulation.js';
