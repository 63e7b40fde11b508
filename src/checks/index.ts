/**
 * `scitsim/checks`: checks of researchers' policies — the rotation-strategy spec checker (in this
 * process, or on a strategy module in a watched worker) and the VM allocation-policy contract.
 *
 * @packageDocumentation
 * @module scitsim/checks
 */

// The VM allocation-policy contract.
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

// A strategy module checked in a worker thread, with a watchdog on its decisions.
export {
  checkStrategyModule,
  DEFAULT_CHECK_DECISION_TIMEOUT_SECONDS,
  DEFAULT_LOAD_TIMEOUT_SECONDS,
  type ModuleCheckOptions,
  type StrategySource,
} from './host/check-host.js';

// The rotation-strategy spec checker: the cases it draws (random SCIT systems and the fixed ones every
// check runs), its properties, claims, options, coverage and report.
export type { HistogramBin } from './rotation/coverage.js';
export {
  fixedScitCases,
  type ScitCase,
  type ScitCaseShape,
  SPEC_CASE_LIMITS,
  scitCaseArbitrary,
} from './rotation/spec-arbitrary.js';
export {
  assertRotationInvariants,
  BUILTIN_CLAIMS,
  type CheckHeartbeat,
  checkRotationInvariants,
  type DecisionRecord,
  type LiveCondition,
  type NamedClaims,
  type PropertyOutcome,
  type RotationClaims,
  SPEC_CHECK_LIMITS,
  SPEC_PROPERTIES,
  type SpecCheckOptions,
  type SpecCheckReport,
  type SpecCoverage,
  type SpecProperty,
  type StrategyUnderCheck,
} from './rotation/spec-checker.js';
export { formatSpecReport, type SpecInvocation } from './rotation/spec-report.js';
