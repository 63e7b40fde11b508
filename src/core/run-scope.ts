/**
 * A run's scope in a container: a child container whose `SIMULATION` is the current run's kernel, so a
 * policy that injects `SIMULATION` gets the simulation of the run it serves. Every SCIT run (scripts,
 * experiments, sweeps and the spec checker's cases alike) builds its policies through one.
 */
import { Container, type ServiceIdentifier } from 'inversify';
import { SIMULATION } from './di.js';
import { Simulation, type SimulationOptions } from './simulation.js';

/**
 * The scope of a sequence of runs: a child container of the experiment's container in which
 * `SIMULATION` is the current run's simulation. Make one per experiment (or per strategy) and call
 * {@link begin} once per run; {@link get} resolves a policy for that run (transient bindings give a new
 * instance every time). Cheap per run: the child is made once.
 */
export class RunScope {
  readonly container: Container;
  private current: Simulation | undefined;
  /** See {@link derive}. */
  private readonly derivedValues = new WeakMap<object, { readonly kind: unknown; readonly value: unknown }>();

  constructor(parent: Container) {
    this.container = new Container({ parent });
    this.container.bind(SIMULATION).toDynamicValue(() => {
      if (this.current === undefined) throw new Error('RunScope: no run has begun (call begin() first)');
      return this.current;
    });
  }

  /** `scope` itself, or a new scope over `container`. */
  static of(source: Container | RunScope): RunScope {
    return source instanceof RunScope ? source : new RunScope(source);
  }

  /** Starts a run: a new simulation with `options` (its seed), which `SIMULATION` resolves to until the next call. */
  begin(options: SimulationOptions): Simulation {
    this.current = new Simulation(options);
    return this.current;
  }

  /**
   * `make()` once per scope for the input `key` (by identity) and `kind` (the class that derives it):
   * what every run of the scope derives alike from an input they share, such as an attack model's
   * options resolved from the scenario's parameters (a zod parse per run was ~3% of what a sweep run
   * allocated, and V8 kept its results in the old generation). The value is frozen: runs share it. A
   * `key` that is not an object is not remembered.
   */
  derive<T>(key: unknown, kind: unknown, make: () => T): T {
    if (typeof key !== 'object' || key === null) return make();
    const known = this.derivedValues.get(key);
    if (known !== undefined && known.kind === kind) return known.value as T;
    const value = make();
    if (typeof value === 'object' && value !== null) Object.freeze(value);
    this.derivedValues.set(key, { kind, value });
    return value;
  }

  /** The binding of `token` for the current run. */
  get<T>(token: ServiceIdentifier<T>): T {
    return this.container.get(token);
  }
}
