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

/**
 * A researcher's strategy file as text: an inversify class whose constructor takes the simulation by a
 * parameter decorator (what needs the package's tsconfig to compile), named `injected`.
 */
export const INJECTED_STRATEGY_SOURCE = [
  "import { type DistributionView, inject, injectable, SIMULATION, type Simulation, waitDecision } from 'scitsim';",
  '@injectable()',
  'export class Injected {',
  "  readonly name = 'injected';",
  '  constructor(@inject(SIMULATION) private readonly sim: Simulation) {}',
  '  choose(_request: unknown, view: DistributionView) {',
  "    if (!(this.sim.now >= 0)) throw new Error('no clock');",
  "    return view.totalSpares === 0 ? waitDecision('none') : { kind: 'switch' as const, spare: view.spareAt(0) };",
  '  }',
  '}',
].join('\n');
