/** The simulation kernel. Knows nothing about clouds. */
export { coreModule, SIMULATION, SIMULATION_OPTIONS, token } from './di.js';
export { Entity } from './entity.js';
export {
  assertNever,
  ConfigError,
  describeValue,
  SimulationError,
  type SimulationErrorKind,
} from './errors.js';
export type {
  ClockAdvance,
  RunSummary,
  SimEvent,
  SimulationHooks,
  SimulationState,
  StopReason,
  TimerAction,
} from './events.js';
export { DelayLane } from './lanes.js';
export { MinHeap } from './min-heap.js';
export { hashToState, RandomStream } from './random.js';
export { Signal, type Subscribable, subscribeUntil } from './signal.js';
export { Simulation, type SimulationOptions } from './simulation.js';
