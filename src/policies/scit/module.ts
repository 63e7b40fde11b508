/**
 * DI bindings of the rotation strategies. The composition root (`createRunContainer`) loads `scitModule(name)`; a researcher
 * swaps the strategy with `container.rebind(ROTATION_STRATEGY).to(MyStrategy)`.
 */
import { ContainerModule, type Newable } from 'inversify';
import { ConfigError } from '../../core/errors.js';
import { ROTATION_STRATEGY, type RotationStrategy } from '../../entities/scit/rotation-strategy.js';
import { ConventionalRotation } from './conventional-rotation.js';
import { RedundancyPreservingRotation } from './redundancy-preserving-rotation.js';
import { ReserveAwareRotation } from './reserve-aware-rotation.js';

/** Built-in strategies by name. */
export const ROTATION_STRATEGIES = {
  conventional: ConventionalRotation,
  'redundancy-preserving': RedundancyPreservingRotation,
  'reserve-aware': ReserveAwareRotation,
} as const satisfies Record<string, Newable<RotationStrategy>>;

export type RotationStrategyName = keyof typeof ROTATION_STRATEGIES;

/** The strategy class called `name`; an unknown name fails with the list of valid ones. */
export function rotationStrategyClass(name: string, field = 'strategy'): Newable<RotationStrategy> {
  const found = (ROTATION_STRATEGIES as Record<string, Newable<RotationStrategy>>)[name];
  if (found === undefined)
    throw new ConfigError(
      field,
      name,
      `unknown rotation strategy; valid values are: ${Object.keys(ROTATION_STRATEGIES).join(', ')}`,
    );
  return found;
}

/** Binds {@link ROTATION_STRATEGY} to the named strategy (a new instance per `get`). */
export function scitModule(strategy: string = 'redundancy-preserving'): ContainerModule {
  const implementation = rotationStrategyClass(strategy);
  return new ContainerModule(({ bind }) => {
    bind(ROTATION_STRATEGY).to(implementation).inTransientScope();
  });
}
