/** Checks of researchers' policies: the rotation-strategy spec checker and its worker host. */
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
