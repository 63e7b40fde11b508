/**
 * scitsim's public API: the kernel, the CloudSim entities and policies, the SCIT system, its rotation
 * strategies and spec checker, and the composition root.
 */

export { formatSpecReport } from './cli/spec-report.js';
export {
  checkStrategyModule,
  type ModuleCheckOptions,
  type StrategySource,
} from './cli/spec-worker-host.js';
export * from './core/index.js';
export * from './entities/index.js';
export * from './entities/scit/index.js';
export * from './experiments/container.js';
export * from './policies/allocation/index.js';
export * from './policies/attacks/index.js';
export { cloudSimPoliciesModule } from './policies/cloudsim-module.js';
export * from './policies/scheduling/index.js';
export * from './policies/scit/index.js';
