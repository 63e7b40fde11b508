import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/core/random.js';
import { resolveScitConfig } from '../../../src/entities/scit/config.js';
import type { DistributionView } from '../../../src/entities/scit/distribution-table.js';
import { DistributionTable } from '../../../src/entities/scit/distribution-table.js';
import { paperScitConfig } from '../../../src/entities/scit/paper-system.js';
import {
  type RotationStrategy,
  type SpareDecision,
  StrategyError,
  type SwitchRequest,
} from '../../../src/entities/scit/rotation-strategy.js';
import { ToleranceController } from '../../../src/entities/scit/tolerance-controller.js';

/** The paper's layout with VM 3 (host 0) as the only live spare; `choose` is the strategy's. */
function controllerWith(choose: RotationStrategy['choose']): ToleranceController {
  const config = resolveScitConfig(paperScitConfig());
  const vmHosts = config.layout.flatMap((slots, host) => slots.map(() => host));
  const strategy: RotationStrategy = { name: 'fixed-answer', choose };
  const tolerance = new ToleranceController(config, vmHosts, strategy, new RandomStream('t', 1));
  tolerance.recordSpareReady(3, 0, false);
  return tolerance;
}

function controllerAnswering(answer: unknown): ToleranceController {
  return controllerWith(() => answer as SpareDecision);
}

const ask = (tolerance: ToleranceController) => tolerance.chooseReplacement(0, 0, 0, 0, 0);

describe('ToleranceController › chooseReplacement', () => {
  it('passes a switch to a live spare and a wait through, as copies of their fields only', () => {
    const answer = { kind: 'switch', spare: 3, note: 'mine' };
    const decision = ask(controllerAnswering(answer));
    expect(decision).toEqual({ kind: 'switch', spare: 3 });
    expect(decision).not.toBe(answer);
    expect(ask(controllerAnswering({ kind: 'wait', reason: 'x' }))).toEqual({ kind: 'wait', reason: 'x' });
  });
  it.each([
    [{ kind: 'switch', spare: '3' }, /spare must be a number/],
    [{ kind: 'switch', spare: 3.25 }, /spare must be an integer VM id \(got 3.25\)/],
    [{ kind: 'swap', spare: 3 }, /returned \{"kind":"swap","spare":3\}: expected/],
    [undefined, /returned undefined, not a decision/],
    [{ kind: 'wait' }, /a wait needs a reason/],
    [{ kind: 'switch', spare: 99 }, /there is no VM 99 \(ids are 0–\d+\)/],
    [{ kind: 'switch', spare: 4 }, /VM 4 is not a live spare/],
  ])('rejects %j with one line naming the strategy, what it returned and the request', (answer, message) => {
    let error: unknown;
    try {
      ask(controllerAnswering(answer));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StrategyError);
    const failure = error as StrategyError;
    expect(failure.failure).toBe('invalid');
    expect(failure.message).toMatch(message);
    expect(failure.message).toMatch(
      /^rotation strategy "fixed-answer": choose .* for VM 0 \(Web, host 0\) at t=0s$/,
    );
    expect(failure.message).not.toContain('\n');
  });

  it('hands the strategy a frozen view that is not the table and a new frozen request each time', () => {
    const seen: { request: SwitchRequest; view: DistributionView }[] = [];
    const tolerance = controllerWith((request, view) => {
      seen.push({ request, view });
      return { kind: 'wait', reason: 'look' };
    });
    ask(tolerance);
    ask(tolerance);
    const [first, second] = seen;
    expect(first.view).not.toBeInstanceOf(DistributionTable);
    expect(Object.isFrozen(first.view)).toBe(true);
    expect(Object.keys(first.view)).toEqual(['hostCount', 'serviceCount', 'vmCount']);
    expect(first.view.spareCount(0)).toBe(1);
    expect(first.view.isSpare(3)).toBe(true);
    expect(Object.isFrozen(first.request)).toBe(true);
    expect(first.request).not.toBe(second.request);
    expect({ ...first.request }).toEqual({ vm: 0, service: 0, host: 0, expiredAtSeconds: 0, nowSeconds: 0 });
  });

  it.each([
    [
      'writes a field of the view',
      (_r: SwitchRequest, view: DistributionView) => {
        (view as unknown as { poolSize: number }).poolSize = 0;
      },
    ],
    [
      'adds a field to the request',
      (request: SwitchRequest) => {
        (request as unknown as { attempts: number }).attempts = 1;
      },
    ],
    [
      'replaces a method of the view',
      (_r: SwitchRequest, view: DistributionView) => {
        (view as unknown as { level: () => number }).level = () => 9;
      },
    ],
  ])('a strategy that %s fails with one line, and the table is unchanged', (_what, write) => {
    const tolerance = controllerWith((request, view) => {
      write(request, view);
      return { kind: 'switch', spare: 3 };
    });
    let error: unknown;
    try {
      ask(tolerance);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StrategyError);
    expect((error as StrategyError).failure).toBe('read-only');
    expect((error as StrategyError).message).toMatch(
      /^rotation strategy "fixed-answer": choose tried to change a read-only object \(TypeError: .*\); the view and the request are read-only for VM 0/,
    );
    expect(tolerance.table.totalSpares).toBe(1);
    expect(tolerance.view.level(0)).toBe(tolerance.table.level(0));
  });

  it('Object.freeze of the view changes nothing (it is frozen already)', () => {
    const tolerance = controllerWith((_request, view) => {
      Object.freeze(view);
      return { kind: 'switch', spare: 3 };
    });
    expect(ask(tolerance)).toEqual({ kind: 'switch', spare: 3 });
  });

  it('a decision whose getter throws is the strategy failing, not a crash', () => {
    const tolerance = controllerWith(
      () =>
        ({
          kind: 'switch',
          get spare(): number {
            throw new RangeError('no spare today');
          },
        }) as SpareDecision,
    );
    expect(() => ask(tolerance)).toThrow(/choose threw RangeError: no spare today for VM 0/);
  });
});
