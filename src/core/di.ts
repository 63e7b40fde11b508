/**
 * Dependency-injection helpers (inversify): typed tokens, so `container.get(TOKEN)` needs no cast.
 * Every injectable class has `@injectable()` and an explicit `@inject(TOKEN)` on every constructor
 * parameter (no decorator metadata is emitted). Override with `container.rebind(TOKEN).to(MyClass)`.
 */
import { ContainerModule, type ServiceIdentifier } from 'inversify';
import { Simulation, type SimulationOptions } from './simulation.js';

/** A typed DI token. Same name ⇒ same token (`Symbol.for`), so tokens survive duplicate module loads. */
export function token<T>(name: string): ServiceIdentifier<T> {
  return Symbol.for(`scitsim:${name}`);
}

/** The run's simulation (one per container). */
export const SIMULATION: ServiceIdentifier<Simulation> = token('core.Simulation');

/** The options the simulation was built from. */
export const SIMULATION_OPTIONS: ServiceIdentifier<SimulationOptions> = token('core.SimulationOptions');

/** Binds the kernel: one `Simulation` per container, built from `options`. */
export function coreModule(options: SimulationOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(SIMULATION_OPTIONS).toConstantValue(options);
    bind(SIMULATION)
      .toDynamicValue((context) => new Simulation(context.get(SIMULATION_OPTIONS)))
      .inSingletonScope();
  });
}
