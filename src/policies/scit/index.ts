/** Rotation strategies for SCIT and their DI module (the spec checker is in `src/checks`). */
export * from './conventional-rotation.js';
export * from './look-ahead-rotation.js';
export * from './module.js';
export * from './outage-aware-rotation.js';
export * from './redundancy-preserving-rotation.js';
export * from './reserve-aware-rotation.js';
export * from './spare-choice.js';
export * from './starvation.js';
