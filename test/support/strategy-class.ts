import type { Newable } from 'inversify';
import type { RotationStrategy } from '../../src/entities/scit/rotation-strategy.js';

/** A strategy class (what the checker and runs build, one instance per run) from a name and a `choose`. */
export function strategyClass(name: string, choose: RotationStrategy['choose']): Newable<RotationStrategy> {
  return class implements RotationStrategy {
    readonly name = name;
    choose(...args: Parameters<RotationStrategy['choose']>) {
      return choose(...args);
    }
  };
}
