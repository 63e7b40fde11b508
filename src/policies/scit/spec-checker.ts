/**
 * The SCIT spec checker: a reusable fast-check suite that any rotation strategy can be run through.
 *
 * For generated configurations (see {@link scitCaseArbitrary}) it runs the full system — central and
 * tolerance controllers on the kernel — and checks after every event:
 * - `conservation`: each VM is in exactly one valid state; Active VMs per service stay r_s (a switch is
 *   one-for-one; a waiting VM stays Active); every VM is accounted for;
 * - `table`: the incrementally kept distribution table equals a recount from the VMs;
 * - `redundancy`: L_s ≥ T_s at every instant, for every service (when the strategy claims it);
 * - `minimum`: Active VMs of s never fall below m_s;
 * - `liveness`: in configurations the strategy states to be live, no VM waits longer than N·(G + C)
 *   (N = VM count; the FIFO bound (k + 1)·(G + C) of the strategies that claim liveness);
 * - `starvation-detection`: a configuration with no offline VM at all (nothing can ever rotate) is
 *   reported by the controller (as starvation once a VM waits beyond N·(G + C), or as a deadlock once no
 *   timer is left) and the run ends — never hung on.
 *
 * Each property is its own `fc.check`, so a failure is shrunk to a small counterexample of that
 * property, reported with fast-check's `{ seed, path }` for replay.
 */
import fc from 'fast-check';
import { Simulation } from '../../core/simulation.js';
import type { StarvationReport } from '../../entities/scit/central-controller.js';
import { type ResolvedScitConfig, resolveScitConfig } from '../../entities/scit/config.js';
import type { RotationStrategy } from '../../entities/scit/rotation-strategy.js';
import { buildScitSystem, type ScitSystem } from '../../entities/scit/scit-system.js';
import { type ScitCase, scitCaseArbitrary } from './spec-arbitrary.js';

/** What a strategy claims, i.e. what the checker holds it to. */
export interface RotationClaims {
  /** L_s ≥ T_s at every instant, given an initial layout that meets the targets. Default true. */
  preservesRedundancy?: boolean;
  /** Configurations in which the strategy states that no VM waits forever. Omitted: no liveness claim. */
  liveWhen?: (config: ResolvedScitConfig) => boolean;
}

export type SpecProperty =
  | 'conservation'
  | 'table'
  | 'redundancy'
  | 'minimum'
  | 'liveness'
  | 'starvation-detection';

export interface SpecCheckOptions {
  claims?: RotationClaims;
  /** Generated cases per property (default 100). */
  numRuns?: number;
  /** fast-check seed (default: fast-check picks one; it is printed in every report). */
  seed?: number;
  /** Switches per run (default 60). */
  cycles?: number;
  /** Only these properties (default all that apply). */
  properties?: readonly SpecProperty[];
}

/** Outcome of one property. */
export interface PropertyOutcome {
  property: SpecProperty;
  ok: boolean;
  /** Cases run (including skipped/filtered ones). */
  numRuns: number;
  /** fast-check seed and shrink path: pass them back as `{ seed, path }` to replay. */
  seed: number;
  path?: string;
  /** The (shrunk) failing case and what was violated. */
  counterexample?: ScitCase;
  violation?: string;
  /** fast-check's full report (includes seed and path). */
  report?: string;
}

export interface SpecCheckReport {
  strategy: string;
  ok: boolean;
  outcomes: PropertyOutcome[];
}

/** Liveness condition of `ConventionalRotation`: at least one VM is offline. */
export function hasOfflineVm(config: ResolvedScitConfig): boolean {
  return config.layout.some((host) => host.some((slot) => slot.state !== 'active'));
}

/** Liveness condition of `ReserveAwareRotation`: every host starts with an offline VM. */
export function everyHostHasOfflineVm(config: ResolvedScitConfig): boolean {
  return config.layout.every((host) => host.some((slot) => slot.state !== 'active'));
}

type Violations = Partial<Record<SpecProperty, string>>;

interface CaseRun {
  violations: Violations;
  starvation?: StarvationReport;
  maxWaitSeconds: number;
  boundSeconds: number;
}

/** Runs one case with `strategy`, checking every invariant after every event. */
export function runCheckedCase(
  scitCase: ScitCase,
  strategy: RotationStrategy,
  cycles: number,
  preservesRedundancy: boolean,
): CaseRun {
  const config = resolveScitConfig(scitCase.config);
  const vmCount = config.layout.reduce((n, host) => n + host.length, 0);
  const bound = vmCount * (config.graceSeconds + config.cleansingSeconds);
  const sim = new Simulation({ seed: scitCase.seed });
  const system = buildScitSystem(sim, config, strategy, {
    maxCycles: cycles,
    starvationThresholdSeconds: bound + 1e-6,
  });
  const violations: Violations = {};
  let maxWait = 0;
  let starvation: StarvationReport | undefined;
  system.controller.starved.subscribe((report) => {
    starvation = report;
  });
  system.controller.switched.subscribe((record) => {
    maxWait = Math.max(maxWait, record.extraExposureSeconds);
  });
  sim.hooks.eventProcessed.subscribe(() => checkInvariants(system, violations, preservesRedundancy));
  const horizon = 2 * bound + 4 * (config.exposureSeconds + config.graceSeconds + config.cleansingSeconds);
  sim.run({ until: horizon });
  for (const waiting of system.controller.waitingVms()) maxWait = Math.max(maxWait, waiting.waitedSeconds);
  return { violations, starvation, maxWaitSeconds: maxWait, boundSeconds: bound };
}

function note(violations: Violations, property: SpecProperty, message: string): void {
  if (violations[property] === undefined) violations[property] = message;
}

function checkInvariants(system: ScitSystem, violations: Violations, checkRedundancy: boolean): void {
  const { config, vms } = system;
  const table = system.tolerance.table;
  const hosts = config.hostCount;
  const services = config.services.length;
  const active = new Int32Array(services * hosts);
  const cleansing = new Int32Array(hosts);
  const spares = new Int32Array(hosts);
  for (const vm of vms) {
    const online = vm.state === 'active' || vm.state === 'grace';
    if (online !== (vm.service >= 0 && vm.service < services))
      note(violations, 'conservation', `VM ${vm.id} is ${vm.state} with service ${vm.service}`);
    if (vm.state === 'active') active[vm.service * hosts + vm.hostId]++;
    else if (vm.state === 'cleansing') cleansing[vm.hostId]++;
    else if (vm.state === 'spare') spares[vm.hostId]++;
  }
  let spareTotal = 0;
  for (let h = 0; h < hosts; h++) {
    spareTotal += spares[h];
    if (table.cleansingCount(h) !== cleansing[h] || table.spareCount(h) !== spares[h])
      note(
        violations,
        'table',
        `host ${h}: table says ${table.cleansingCount(h)} cleansing / ${table.spareCount(h)} spares, ` +
          `recount ${cleansing[h]} / ${spares[h]} at t=${system.controller.sim.now}`,
      );
  }
  if (table.totalSpares !== spareTotal)
    note(violations, 'table', `spare pool holds ${table.totalSpares}, recount ${spareTotal}`);
  const hostsWithSpares = spares.reduce((n, count) => n + (count > 0 ? 1 : 0), 0);
  if (table.hostsWithSpares !== hostsWithSpares)
    note(
      violations,
      'table',
      `spare-host index holds ${table.hostsWithSpares} hosts, recount ${hostsWithSpares}`,
    );
  for (let s = 0; s < services; s++) {
    const service = config.services[s];
    let total = 0;
    let level = 0;
    for (let h = 0; h < hosts; h++) {
      const n = active[s * hosts + h];
      total += n;
      if (n > 0) level++;
      if (table.activeCount(s, h) !== n)
        note(
          violations,
          'table',
          `service ${service.name} on host ${h}: table ${table.activeCount(s, h)}, recount ${n}`,
        );
    }
    if (table.level(s) !== level)
      note(violations, 'table', `service ${service.name}: table level ${table.level(s)}, recount ${level}`);
    if (total !== service.required)
      note(
        violations,
        'conservation',
        `service ${service.name}: ${total} Active VMs, required ${service.required}`,
      );
    if (total < service.minimum)
      note(
        violations,
        'minimum',
        `service ${service.name}: ${total} Active VMs < minimum ${service.minimum}`,
      );
    if (checkRedundancy && level < service.target)
      note(
        violations,
        'redundancy',
        `service ${service.name}: level ${level} < target ${service.target} at t=${system.controller.sim.now}s ` +
          `(cycle ${system.controller.cycle})`,
      );
  }
}

/**
 * Runs `makeStrategy()` (a fresh strategy per case) through every property and returns a report;
 * it never throws for a failing property (use {@link assertRotationInvariants} for that).
 */
export function checkRotationInvariants(
  makeStrategy: () => RotationStrategy,
  options: SpecCheckOptions = {},
): SpecCheckReport {
  const claims = options.claims ?? {};
  const preservesRedundancy = claims.preservesRedundancy ?? true;
  const cycles = options.cycles ?? 60;
  const numRuns = options.numRuns ?? 100;
  const wanted = new Set<SpecProperty>(
    options.properties ?? [
      'conservation',
      'table',
      'redundancy',
      'minimum',
      'liveness',
      'starvation-detection',
    ],
  );
  if (!preservesRedundancy) wanted.delete('redundancy');
  const liveWhen = claims.liveWhen;
  if (liveWhen === undefined) wanted.delete('liveness');
  const outcomes: PropertyOutcome[] = [];

  /** `evaluate` returns undefined when the case satisfies the property, else the violation. */
  const check = (
    property: SpecProperty,
    arbitrary: fc.Arbitrary<ScitCase>,
    evaluateUnsafe: (c: ScitCase) => string | undefined,
  ) => {
    // A strategy that throws (e.g. names a VM that is not a spare) fails the property with its message.
    const evaluate = (c: ScitCase): string | undefined => {
      try {
        return evaluateUnsafe(c);
      } catch (error) {
        return `threw: ${error instanceof Error ? error.message : String(error)}`;
      }
    };
    const details = fc.check(
      fc.property(arbitrary, (c) => evaluate(c) === undefined),
      { numRuns, ...(options.seed === undefined ? {} : { seed: options.seed }) },
    );
    const counterexample = details.failed ? details.counterexample?.[0] : undefined;
    outcomes.push({
      property,
      ok: !details.failed,
      numRuns: details.numRuns,
      seed: details.seed,
      path: details.counterexamplePath ?? undefined,
      counterexample,
      violation: counterexample ? evaluate(counterexample) : undefined,
      report: details.failed ? fc.defaultReportMessage(details) : undefined,
    });
  };
  const invariant = (property: SpecProperty) => (c: ScitCase) =>
    runCheckedCase(c, makeStrategy(), cycles, preservesRedundancy).violations[property];

  for (const property of ['conservation', 'table', 'redundancy', 'minimum'] as const)
    if (wanted.has(property)) check(property, scitCaseArbitrary(), invariant(property));
  if (liveWhen !== undefined && wanted.has('liveness')) {
    check('liveness', scitCaseArbitrary(), (c) => {
      if (!liveWhen(resolveScitConfig(c.config))) return undefined;
      const run = runCheckedCase(c, makeStrategy(), cycles * 4, preservesRedundancy);
      if (run.starvation) return run.starvation.message;
      if (run.maxWaitSeconds > run.boundSeconds + 1e-6)
        return `a VM waited ${run.maxWaitSeconds}s > bound ${run.boundSeconds}s`;
      return undefined;
    });
  }
  if (wanted.has('starvation-detection')) {
    check('starvation-detection', scitCaseArbitrary({ noOfflineVm: true }), (c) => {
      const run = runCheckedCase(c, makeStrategy(), cycles, preservesRedundancy);
      if (run.starvation !== undefined) return undefined;
      return 'a configuration with no offline VM ran to its horizon without a starvation report';
    });
  }
  return { strategy: makeStrategy().name, ok: outcomes.every((o) => o.ok), outcomes };
}

/** Like {@link checkRotationInvariants}, but throws with every failing property's report (seed, path, case). */
export function assertRotationInvariants(
  makeStrategy: () => RotationStrategy,
  options: SpecCheckOptions = {},
): void {
  const report = checkRotationInvariants(makeStrategy, options);
  if (report.ok) return;
  const failures = report.outcomes
    .filter((o) => !o.ok)
    .map((o) => `${o.property}: ${o.violation}\n${o.report ?? ''}`)
    .join('\n\n');
  throw new Error(`rotation strategy "${report.strategy}" breaks its spec:\n${failures}`);
}
