/** Rotation strategies for SCIT, their DI module and the spec checker. */
export * from './conventional-rotation.js';
export * from './module.js';
export * from './outage-aware-rotation.js';
export * from './redundancy-preserving-rotation.js';
export * from './reserve-aware-rotation.js';
export * from './spare-choice.js';
export {
  type CaseRun,
  type CaseRunSettings,
  type CaseStats,
  runCase,
  type Violation,
} from './spec/case-run.js';
export * from './spec-arbitrary.js';
export * from './spec-checker.js';
export * from './spec-report.js';
export * from './starvation.js';
