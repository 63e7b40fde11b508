/** Checks of researchers' policies: the rotation-strategy spec checker, its worker host, the allocation contract. */

export {
  type AllocationCheckOptions,
  type AllocationCheckReport,
  type AllocationHostSpec,
  type AllocationPolicyFactory,
  type AllocationProperty,
  type AllocationPropertyOutcome,
  type AllocationScenario,
  type AllocationStep,
  allocationScenarioArbitrary,
  checkAllocationPolicy,
  formatAllocationReport,
} from './allocation-contract.js';
export {
  checkStrategyModule,
  type ModuleCheckOptions,
  type StrategySource,
} from './host/check-host.js';
export {
  type CaseRun,
  type CaseRunSettings,
  type CaseStats,
  runCase,
  type Violation,
} from './rotation/case-run.js';
export * from './rotation/spec-arbitrary.js';
export * from './rotation/spec-checker.js';
export * from './rotation/spec-report.js';
