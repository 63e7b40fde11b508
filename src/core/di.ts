/**
 * Dependency-injection helpers (inversify). Tokens are typed, so `container.get(TOKEN)` needs no cast.
 *
 * Override a binding in a run's container with `container.rebind(TOKEN).to(MyClass)`, or load your own
 * `ContainerModule` after the defaults. Every injectable class declares `@injectable()` and an explicit
 * `@inject(TOKEN)` on every constructor parameter (no decorator metadata is emitted).
 */
import { ContainerModule, type ServiceIdentifier } from 'inversify';
import { Simulation, type SimulationOptions } from './simulation.js';

/** A typed DI token. Same name ⇒ same token (`Symbol.for`), so tokens survive duplicate module loads. */
export function token<T>(name: string): ServiceIdentifier<T> {
  return Symbol.for(`scitsim:${name}`);
}

/** The run's simulation (one per container). */
export const SIMULATION: ServiceIdentifier<Simulation> = token<Simulation>('core.Simulation');

/** The options the simulation was built from. */
export const SIMULATION_OPTIONS: ServiceIdentifier<SimulationOptions> =
  token<SimulationOptions>('core.SimulationOptions');

/** Binds the kernel: one `Simulation` per container, built from `options`. */
export function coreModule(options: SimulationOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(SIMULATION_OPTIONS).toConstantValue(options);
    bind(SIMULATION)
      .toDynamicValue((context) => new Simulation(context.get(SIMULATION_OPTIONS)))
      .inSingletonScope();
  });
}
