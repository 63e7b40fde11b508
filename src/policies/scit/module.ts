/**
 * DI bindings of the rotation strategies (the SCIT layer's one place that names them). The composition
 * root (`createRunContainer`) loads `scitModule(strategy)`; a researcher swaps the strategy with
 * `container.rebind(ROTATION_STRATEGY).to(MyStrategy)` or passes the class wherever a name goes.
 */
import { ContainerModule, type Newable } from 'inversify';
import { ROTATION_STRATEGY, type RotationStrategy } from '../../entities/scit/rotation-strategy.js';
import { type NameOrClass, resolveClass } from '../registry.js';
import { ConventionalRotation } from './conventional-rotation.js';
import { LookAheadRotation } from './look-ahead-rotation.js';
import { OutageAwareRotation } from './outage-aware-rotation.js';
import { RedundancyPreservingRotation } from './redundancy-preserving-rotation.js';
import { ReserveAwareRotation } from './reserve-aware-rotation.js';
import type { ROTATION_STRATEGY_NAMES } from './strategy-names.js';

/** Built-in strategies by name (the names and their order: {@link ROTATION_STRATEGY_NAMES}). */
export const ROTATION_STRATEGIES = {
  conventional: ConventionalRotation,
  'redundancy-preserving': RedundancyPreservingRotation,
  'reserve-aware': ReserveAwareRotation,
  'outage-aware': OutageAwareRotation,
  'look-ahead': LookAheadRotation,
} as const satisfies Record<(typeof ROTATION_STRATEGY_NAMES)[number], Newable<RotationStrategy>>;

export type RotationStrategyName = keyof typeof ROTATION_STRATEGIES;

/** The strategy class for a built-in name or a class; an unknown name fails with the list of valid ones. */
export function rotationStrategyClass(
  strategy: NameOrClass<RotationStrategy>,
  field = 'strategy',
): Newable<RotationStrategy> {
  return resolveClass<RotationStrategy>(ROTATION_STRATEGIES, strategy, field, 'rotation strategy');
}

/** Binds {@link ROTATION_STRATEGY} to `strategy` (default the paper's), a new instance per `get`. */
export function scitModule(
  strategy: NameOrClass<RotationStrategy> = 'redundancy-preserving',
): ContainerModule {
  const implementation = rotationStrategyClass(strategy);
  return new ContainerModule(({ bind }) => {
    bind(ROTATION_STRATEGY).to(implementation).inTransientScope();
  });
}
