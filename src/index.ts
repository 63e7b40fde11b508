/**
 * scitsim's public API: what an experiment script needs — the kernel, the CloudSim entities and their
 * policies, the SCIT system and its configuration, rotation strategies and attack models with the
 * contracts they implement, the composition root and one run, the paper's experiment, presets and
 * summaries, the security study, and scenario files. Every name is listed here on purpose; anything not
 * listed is internal and may change.
 *
 * The rest of the package is in entries of their own:
 * - `scitsim/analysis`: statistics (intervals, survival), the exact rotation chain, the security CTMCs;
 * - `scitsim/report`: result files, timelines and figures, the cloudlet table;
 * - `scitsim/sweep`: parameter sweeps (grids, plans, shards, merging);
 * - `scitsim/checks`: the rotation-strategy spec checker and the allocation-policy contract.
 *
 * @example
 * ```ts
 * import { createRunContainer, paperScitConfig, resolveScitConfig, summarizeSeeds } from 'scitsim';
 * const container = createRunContainer({ rotation: 'conventional' });
 * const summary = summarizeSeeds(container, resolveScitConfig(paperScitConfig()), { seeds: 100, cycles: 30 });
 * ```
 *
 * @packageDocumentation
 * @module scitsim
 */

// The exports are grouped by concept, not sorted by path: keep Biome from reordering them.
// biome-ignore-all assist/source/organizeImports: grouped by concept, each group under its comment

// Dependency injection: the container and decorators a policy class is written with (from inversify),
// and the kernel's tokens.
export { Container, inject, injectable } from 'inversify';
export { coreModule, SIMULATION, SIMULATION_OPTIONS, token } from './core/di.js';

// The kernel: the simulation, entities and their events, seeded random streams, signals, errors, and
// the scope of one run in a container.
export { Entity } from './core/entity.js';
export {
  assertNever,
  ConfigError,
  SimulationError,
  type SimulationErrorKind,
} from './core/errors.js';
export type {
  AnyEntity,
  ClockAdvance,
  EventRecord,
  RunSummary,
  SimEvent,
  SimulationHooks,
  SimulationState,
  StopReason,
  TimerAction,
} from './core/events.js';
export { RandomStream } from './core/random.js';
export { RunScope } from './core/run-scope.js';
export { Signal, type Subscribable } from './core/signal.js';
export { DelayLane, Simulation, type SimulationOptions } from './core/simulation.js';

// CloudSim entities: datacenters, hosts, VMs, cloudlets, brokers, and the policy contracts they call.
export {
  type BrokerMessage,
  CLOUDLET_SCHEDULER_FACTORY,
  CloudEntity,
  CloudEventBus,
  CloudInformationService,
  Cloudlet,
  CloudletTimes,
  type CloudletOptions,
  type CloudletPrices,
  type CloudletReturnEvent,
  type CloudletScheduler,
  type CloudletSchedulerFactory,
  type CloudletStatus,
  CloudSimulation,
  type CloudSimulationOptions,
  Datacenter,
  DatacenterBroker,
  type DatacenterCharacteristics,
  type DatacenterMessage,
  type DatacenterOptions,
  type DatacenterReply,
  DEFAULT_MIN_TIME_BETWEEN_EVENTS,
  EXAMPLE_CHARACTERISTICS,
  FINAL_CLOUDLET_STATUSES,
  Host,
  type HostOptions,
  type InformationServiceMessage,
  makePes,
  Pe,
  PROCESSING_BATCH_FACTORY,
  type ProcessingBatch,
  type ProcessingBatchFactory,
  placeVm,
  type RegisteredResource,
  releaseVm,
  ShutdownEntity,
  SimpleProvisioner,
  type UnfitReason,
  type UtilizationModel,
  UtilizationModelFull,
  VM_ALLOCATION_POLICY,
  VM_SCHEDULER_FACTORY,
  Vm,
  type VmAllocationPolicy,
  type VmFailure,
  type VmFailureEvent,
  type VmFailureReason,
  type VmOptions,
  type VmPlacementEvent,
  type VmScheduler,
  type VmSchedulerFactory,
} from './entities/index.js';

// CloudSim policies: VM allocation, VM and cloudlet schedulers, and the module that binds them by name.
export {
  VmAllocationPolicyBestFit,
  VmAllocationPolicyFirstFit,
  VmAllocationPolicyRandom,
  VmAllocationPolicyRoundRobin,
  VmAllocationPolicyServiceAware,
  VmAllocationPolicySimple,
  VmAllocationPolicySimpleIndexed,
  VmAllocationPolicyWorstFit,
} from './policies/allocation/index.js';
export {
  ALLOCATION_POLICIES,
  allocationPolicyClass,
  CLOUDLET_SCHEDULERS,
  type CloudletSchedulerChoice,
  cloudletSchedulerFactory,
  cloudSimPoliciesModule,
  VM_SCHEDULERS,
} from './policies/cloudsim-module.js';
export type { NameOrClass } from './policies/registry.js';
export {
  CloudletSchedulerSpaceShared,
  CloudletSchedulerTimeShared,
  CloudletSchedulerTimeSharedFast,
  VmSchedulerSpaceShared,
  VmSchedulerTimeShared,
} from './policies/scheduling/index.js';

// The SCIT system and its configuration: services, layouts, the paper's system, limits, the controllers.
export {
  CentralController,
  type CentralControllerOptions,
  type ControllerStop,
  type ControllerTimer,
  type StarvationReport,
  type SwitchRecord,
} from './entities/scit/central-controller.js';
export {
  type FreshScitCloud,
  freshScitCloud,
  PlannedPlacement,
  placeScitCloud,
  type ScitCloud,
  type ScitHardware,
  scitCloudOnLayout,
} from './entities/scit/cloud-placement.js';
export {
  type FirstExpiryOrder,
  longestExposureSeconds,
  onlineVmCount,
  type ResolvedScitConfig,
  resolveScitConfig,
  type ScitConfig,
  type ScitHostConfig,
  type ScitServiceConfig,
} from './entities/scit/config.js';
export { type Limit, SCIT_LIMITS } from './entities/scit/config-limits.js';
export { DistributionTable, type DistributionView } from './entities/scit/distribution-table.js';
export type { SimClock, TimeView } from './entities/scit/vm-times.js';
export { PAPER_LAYOUTS, type PaperLayoutName, paperScitConfig } from './entities/scit/paper-system.js';
export {
  type InitialSlot,
  type ResolvedService,
  SCIT_STATES,
  type ScitCommand,
  type ScitState,
  type ScitVmPort,
} from './entities/scit/scit-state.js';
export {
  buildScitSystem,
  type ScitSystem,
  type ScitSystemOptions,
  type ScitSystemView,
} from './entities/scit/scit-system.js';
export { ScitFleet, type ScitTransition, ScitVm } from './entities/scit/scit-vm.js';
export { seconds, ToleranceController, type ToleranceOptions } from './entities/scit/tolerance-controller.js';

// Client requests to SCIT services: the workload, its routing, and what each request became.
export type {
  CutOffCause,
  RequestEngine,
  RequestModel,
  RequestReport,
} from './entities/scit/request-dispatch.js';
export { REQUEST_ROUTING, type RequestRouting } from './entities/scit/request-routing.js';
export {
  ArrivalProcess,
  type RequestEngineChoice,
  type RequestLengths,
  type RequestOutcome,
  type RequestRecord,
  type RequestWorkload,
  type ServiceLoad,
  type ServiceRequestStats,
} from './entities/scit/request-workload.js';
export type { Spread } from './analysis/stats/spread.js';
export {
  RESPONSE_TIME_RELATIVE_ERROR,
  ResponseTimes,
  RUN_EXACT_RESPONSE_TIMES,
} from './entities/scit/response-times.js';
export { LeastLoadedRouting } from './policies/routing/least-loaded.js';
export { REQUEST_ROUTINGS, requestRoutingClass, routingModule } from './policies/routing/module.js';
export { RandomRouting } from './policies/routing/random-routing.js';
export { RoundRobinRouting } from './policies/routing/round-robin.js';

// Rotation strategies: the contract a strategy implements, the built-in strategies, helpers to write one.
export {
  type DecisionObserver,
  ROTATION_STRATEGY,
  type RotationStrategy,
  type RotationView,
  type SpareDecision,
  StrategyError,
  type StrategyFailure,
  type SwitchRequest,
  type UniformSpareRule,
  waitDecision,
} from './entities/scit/rotation-strategy.js';
export { ConventionalRotation } from './policies/scit/conventional-rotation.js';
export {
  ROTATION_STRATEGIES,
  type RotationStrategyName,
  rotationStrategyClass,
  scitModule,
} from './policies/scit/module.js';
export { LookAheadRotation } from './policies/scit/look-ahead-rotation.js';
export { OutageAwareRotation } from './policies/scit/outage-aware-rotation.js';
export { RedundancyPreservingRotation } from './policies/scit/redundancy-preserving-rotation.js';
export { ReserveAwareRotation } from './policies/scit/reserve-aware-rotation.js';
export {
  chooseSpareWhere,
  keepsTarget,
  type LevelView,
  levelAfterSwitch,
} from './policies/scit/spare-choice.js';
export { findCertainStarvation, type StarvationFinding } from './policies/scit/starvation.js';

// Attack models: the contract an attack model implements, the built-in models, and their options.
export {
  ATTACK_MODEL,
  type AttackContext,
  type AttackModel,
  type AttackRates,
  type AttackReport,
  type AttackSession,
  type HostCompromiseChange,
} from './policies/attacks/attack-model.js';
export {
  EXPOSURE_AGING_DEFAULTS,
  ExposureAgingAttack,
  type ExposureAgingOptions,
  ExposureAgingSession,
} from './policies/attacks/exposure-aging.js';
export { type AttackCounts, HostCompromises } from './policies/attacks/host-compromises.js';
export { ATTACK_MODELS, attackModelClass, attackModule } from './policies/attacks/module.js';
export { TIME_DISTRIBUTIONS, type TimeDistribution } from './policies/attacks/options.js';
export {
  escapeSuccessProbability,
  VM_ESCAPE_DEFAULTS,
  VmEscapeAttack,
  type VmEscapeOptions,
  type VmEscapeParameters,
  VmEscapeSession,
} from './policies/attacks/vm-escape.js';

// Running a script's own code under the watchdog (a worker thread; a load, constructor or decision that
// never returns is reported in one line), as the commands run user code.
export {
  DecisionTimeoutError,
  type HangReport,
  type RunWatchedOptions,
  runWatched,
} from './parallel/index.js';

// The composition root and one run: a container of policies, plugin classes from files, placing the
// SCIT VMs, running one seed with its requests and security monitor, and the limits runs enforce.
export { createRunContainer, type RunContainerOptions, withRotation } from './runs/container.js';
export { placeScit, type ScitPlacement, type ScitVmHardware } from './runs/placement.js';
export {
  loadPluginClass,
  loadStrategyClass,
  type PluginKind,
  ROTATION_STRATEGY_KIND,
} from './runs/plugins.js';
export { LIMITS, SEED_LIMIT } from './runs/run-limits.js';
export {
  runScit,
  type ScitRunOptions,
  type ScitRunResult,
  type SecurityRunOptions,
  type TimelineRow,
} from './runs/scit-run.js';
export {
  SECURITY_STOPS,
  type SecurityRunReport,
  type SecurityStop,
  type ServiceSecurityReport,
} from './runs/security-monitor.js';

// Experiments: the paper's experiment and presets, summaries over seeds, the security study, the
// processor-sharing check, the CloudSim scale scenario, and the tables and reports they print.
export { JavaRandom } from './experiments/cloudsim/java-random.js';
export {
  runScale,
  type ScaleConfig,
  type ScaleResult,
  scaleCsv,
} from './experiments/cloudsim/scale-scenario.js';
export {
  alignedTable,
  formatMeanTime,
  type PaperReportOptions,
  paperReport,
  rotationRows,
  securityRows,
  summaryTable,
  wrap,
} from './experiments/scit/format.js';
export {
  type NamedStrategy,
  PAPER_ATTACK,
  PAPER_REQUEST_SEEDS,
  PAPER_REQUESTS,
  PAPER_SECURITY_SEEDS,
  PAPER_SET_MARKER,
  PAPER_STRATEGIES,
  type PaperExperimentOptions,
  type PaperExperimentResult,
  prepareSecurity,
  type RequestSummary,
  type RequestSummaryOptions,
  requestSummaries,
  runPaperExperiment,
  type SecuritySummaryOptions,
  type SeedSummaryOptions,
  type SingleRun,
  type SingleRunOptions,
  type StrategyProgress,
  securitySummaries,
  seedSummaries,
  singleRuns,
  strategyContainers,
  summaryJson,
  unloadedServiceWarnings,
  writePaperOutputs,
} from './experiments/scit/paper-experiment.js';
export {
  type ProcessorSharingCheck,
  type ProcessorSharingCheckOptions,
  processorSharingCheck,
} from './experiments/scit/ps-check.js';
export {
  type RequestSeedOptions,
  type ServiceRequestSeedSummary,
  summarizeRequestSeeds,
} from './experiments/scit/request-summary.js';
// The output contract: JSON results (paper, run, security, sweep.json) and their published schema.
export {
  experimentResultSchema,
  RESULT_SCHEMA_VERSION,
  resultSchema,
  resultsJsonSchema,
  securityStudyResultSchema,
  sweepManifestSchema,
} from './experiments/scit/result-schema.js';
export type {
  HorizonBasis,
  SecuritySettings,
  SecuritySettingsInput,
} from './experiments/scit/security-settings.js';
export {
  runSecurityStudy,
  SECURITY_STUDY_MARKER,
  type SecurityStudyOptions,
  type SecurityStudyResult,
  type SecurityStudySettings,
  STUDY_EXPOSURES,
  STUDY_INTERVALS,
  STUDY_PRESET_SEEDS,
  STUDY_SCHEDULES,
  STUDY_SEEDS,
  type StudyPoint,
  securityStudyCsv,
  securityStudyJson,
  securityStudyReport,
  writeSecurityStudy,
} from './experiments/scit/security-study.js';
export type { DelaySummary, SecuritySummary } from './experiments/scit/security-summary.js';
export {
  runSecurityStudyOnWorkers,
  StudyInterrupted,
  type StudyPoolOptions,
} from './experiments/scit/study-pool.js';
export {
  type StrategySummary,
  type SummarizeSeedsOptions,
  summarizeSeeds,
} from './experiments/scit/seed-summary.js';
export { runScript, type ScriptOptions, type ScriptValues } from './experiments/script.js';

// Scenario files: reading and validating one, its types and JSON Schema (the format itself is tracked in
// schema/scenario.schema.json, `npm run schema`), and running either kind.
export { runCloudsimScenario } from './scenario/cloudsim.js';
export { type Issue, ScenarioError } from './scenario/issues.js';
export { type LoadedScenario, loadScenario, validateScenario } from './scenario/load.js';
export {
  type CloudsimScenario,
  type PluginRef,
  type Scenario,
  type ScitScenario,
  scenarioJsonSchema,
} from './scenario/schema.js';
export { scitExperimentOptions } from './scenario/scit.js';
export {
  runSecurityStudyOf,
  STUDY_WORKER_FILE,
  type StudyOfSourceOptions,
  type StudySource,
  studyOptionsOf,
} from './scenario/study.js';
