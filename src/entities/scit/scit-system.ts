/**
 * Assembles one SCIT system in a simulation: the SCIT VMs from the validated layout, the tolerance
 * controller (with the given strategy) and the central controller entity; and the read-only view of
 * it that plugins (attack models, request generators) are given.
 */
import { type Subscribable, subscribeOnly } from '../../core/signal.js';
import type { Simulation } from '../../core/simulation.js';
import {
  CentralController,
  type CentralControllerOptions,
  type StarvationReport,
  type SwitchRecord,
} from './central-controller.js';
import type { ResolvedScitConfig } from './config.js';
import type { DecisionObserver, RotationStrategy, RotationView } from './rotation-strategy.js';
import type { InitialSlot, ScitState } from './scit-state.js';
import { ScitFleet, type ScitTransition, ScitVm } from './scit-vm.js';
import { ToleranceController } from './tolerance-controller.js';
import { VmRecords } from './vm-records.js';
import { VmTimes } from './vm-times.js';

/** Name of the random stream handed to the rotation strategy. */
export const ROTATION_STREAM = 'scit.rotation';

/** Options of {@link buildScitSystem}: the central controller's, and who is told about decisions. */
export interface ScitSystemOptions extends CentralControllerOptions {
  /** Told about every decision of the strategy (the spec checker, a watchdog). */
  observer?: DecisionObserver;
}

/** The parts of an assembled SCIT system. */
export interface ScitSystem<V = unknown> {
  readonly config: ResolvedScitConfig;
  /** The VMs' states (what `vms` are views of). */
  readonly fleet: ScitFleet;
  readonly vms: readonly ScitVm<V>[];
  readonly tolerance: ToleranceController;
  readonly controller: CentralController;
  /** The same system through types that cannot change it: what plugins are given. */
  readonly view: ScitSystemView;
}

/**
 * A SCIT system as a plugin sees it (SimGrid style: plugins observe, the controllers act). Nothing
 * reachable through these types changes the system: VM state, service and host are read by id, the
 * distribution table is its read-only view, and the controller's and fleet's signals can only be
 * subscribed to (`view.switched.subscribe(listener, sim.hooks.finished)` is released when the run
 * finishes).
 */
export interface ScitSystemView {
  readonly config: ResolvedScitConfig;
  /** VMs, with ids 0 … vmCount − 1 in layout order. */
  readonly vmCount: number;
  state(vm: number): ScitState;
  /** Service of `vm` while Active or Grace; −1 while offline. */
  service(vm: number): number;
  hostOf(vm: number): number;
  readonly table: RotationView;
  /** Switches so far (the paper's clock cycle). */
  readonly cycle: number;
  readonly switched: Subscribable<SwitchRecord>;
  readonly waitStarted: Subscribable<{
    readonly vm: number;
    readonly timeSeconds: number;
    readonly reason: string;
  }>;
  readonly cleansingStarted: Subscribable<{ readonly vm: number; readonly timeSeconds: number }>;
  readonly starved: Subscribable<StarvationReport>;
  readonly stateChanged: Subscribable<ScitTransition>;
}

/**
 * The view of one system. Its parts sit in private (`#`) fields, so they cannot be reached through it
 * even at run time; a class, not an object literal with a getter, keeps V8 on its fast paths (an
 * accessor in a per-run object literal made the 2000-run paper summary twice as slow).
 */
class ReadOnlyScitSystem implements ScitSystemView {
  readonly vmCount: number;
  readonly table: RotationView;
  readonly switched: Subscribable<SwitchRecord>;
  readonly waitStarted: ScitSystemView['waitStarted'];
  readonly cleansingStarted: ScitSystemView['cleansingStarted'];
  readonly starved: Subscribable<StarvationReport>;
  readonly stateChanged: Subscribable<ScitTransition>;
  readonly #fleet: ScitFleet;
  readonly #controller: CentralController;

  constructor(
    readonly config: ResolvedScitConfig,
    fleet: ScitFleet,
    tolerance: ToleranceController,
    controller: CentralController,
  ) {
    this.vmCount = fleet.size;
    this.table = tolerance.view;
    this.switched = subscribeOnly(controller.switched);
    this.waitStarted = subscribeOnly(controller.waitStarted);
    this.cleansingStarted = subscribeOnly(controller.cleansingStarted);
    this.starved = subscribeOnly(controller.starved);
    this.stateChanged = subscribeOnly(fleet.stateChanged);
    this.#fleet = fleet;
    this.#controller = controller;
    Object.freeze(this);
  }

  state(vm: number): ScitState {
    return this.#fleet.state(vm);
  }

  service(vm: number): number {
    return this.#fleet.service(vm);
  }

  hostOf(vm: number): number {
    return this.#fleet.hostOf(vm);
  }

  get cycle(): number {
    return this.#controller.cycle;
  }
}

/**
 * Builds the system. VM ids follow the layout order (host by host, slot by slot). `cloudVms`, when
 * given, attaches the underlying cloud VM object of each SCIT VM (same order).
 */
export function buildScitSystem<V = unknown>(
  sim: Simulation,
  config: ResolvedScitConfig,
  strategy: RotationStrategy,
  options: ScitSystemOptions = {},
  cloudVms?: readonly V[],
): ScitSystem<V> {
  // Arrays of exactly the VM count (pushing onto [] would grow them by 16 slots at a time).
  const layout = config.layout;
  let vmCount = 0;
  for (const host of layout) vmCount += host.length;
  const hostIds = new Array<number>(vmCount);
  const slots = new Array<InitialSlot>(vmCount);
  let vm = 0;
  for (let hostId = 0; hostId < layout.length; hostId++)
    for (const slot of layout[hostId]) {
      hostIds[vm] = hostId;
      slots[vm++] = slot;
    }
  const records = new VmRecords(hostIds);
  const fleet = new ScitFleet(sim, records, slots);
  const { observer, ...controllerOptions } = options;
  const tolerance = new ToleranceController(config, hostIds, strategy, sim.random(ROTATION_STREAM), {
    records,
    times: new VmTimes(hostIds.length, config.hostCount, sim),
    observer,
    describeVm: (vm) => {
      const service = fleet.service(vm);
      const of = service >= 0 ? ` of ${config.services[service].name}` : '';
      return `${fleet.state(vm)}${of} on host ${fleet.hostOf(vm)}`;
    },
  });
  const controller = new CentralController(sim, config, fleet, tolerance, controllerOptions);
  return new AssembledScitSystem<V>(config, fleet, hostIds, tolerance, controller, cloudVms);
}

/**
 * A {@link ScitSystem}. Its `vms` are made when first read: a run of the experiments and sweeps never
 * reads them (it reads the fleet), and twelve objects per run are ~1% of what a sweep run allocates.
 */
class AssembledScitSystem<V> implements ScitSystem<V> {
  readonly view: ScitSystemView;
  #vms: readonly ScitVm<V>[] | undefined;

  constructor(
    readonly config: ResolvedScitConfig,
    readonly fleet: ScitFleet,
    private readonly hostIds: readonly number[],
    readonly tolerance: ToleranceController,
    readonly controller: CentralController,
    private readonly cloudVms: readonly V[] | undefined,
  ) {
    this.view = new ReadOnlyScitSystem(config, fleet, tolerance, controller);
  }

  get vms(): readonly ScitVm<V>[] {
    this.#vms ??= this.hostIds.map(
      (hostId, id) => new ScitVm<V>(id, hostId, this.fleet, this.cloudVms?.[id]),
    );
    return this.#vms;
  }
}
