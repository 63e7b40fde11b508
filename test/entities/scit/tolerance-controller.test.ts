import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/core/random.js';
import { resolveScitConfig } from '../../../src/entities/scit/config.js';
import { paperScitConfig } from '../../../src/entities/scit/paper-system.js';
import type { RotationStrategy, SpareDecision } from '../../../src/entities/scit/rotation-strategy.js';
import { ToleranceController } from '../../../src/entities/scit/tolerance-controller.js';

/** The paper's layout with VM 3 (host 0) as the only live spare; `answer` is what the strategy returns. */
function controllerAnswering(answer: unknown): ToleranceController {
  const config = resolveScitConfig(paperScitConfig());
  const vmHosts = config.layout.flatMap((slots, host) => slots.map(() => host));
  const strategy: RotationStrategy = { name: 'fixed-answer', choose: () => answer as SpareDecision };
  const tolerance = new ToleranceController(config, vmHosts, strategy, new RandomStream('t', 1));
  tolerance.recordSpareReady(3, 0, false);
  return tolerance;
}

const request = { vm: 0, service: 0, host: 0, expiredAtSeconds: 0, nowSeconds: 0 };

describe('ToleranceController › chooseReplacement', () => {
  it('passes a switch to a live spare and a wait through unchanged', () => {
    expect(controllerAnswering({ kind: 'switch', spare: 3 }).chooseReplacement(request)).toEqual({
      kind: 'switch',
      spare: 3,
    });
    expect(controllerAnswering({ kind: 'wait', reason: 'x' }).chooseReplacement(request)).toEqual({
      kind: 'wait',
      reason: 'x',
    });
  });
  it.each([
    [{ kind: 'switch', spare: '3' }, /returned \{"kind":"switch","spare":"3"\}: expected/],
    [{ kind: 'switch', spare: 3.25 }, /returned \{"kind":"switch","spare":3.25\}: expected/],
    [{ kind: 'swap', spare: 3 }, /returned \{"kind":"swap","spare":3\}: expected/],
    [undefined, /returned undefined: expected/],
    [{ kind: 'switch', spare: 4 }, /chose VM 4, which is not a live spare/],
  ])('rejects %j, naming the strategy and what it returned', (answer, message) => {
    expect(() => controllerAnswering(answer).chooseReplacement(request)).toThrow(message);
    expect(() => controllerAnswering(answer).chooseReplacement(request)).toThrow(
      /rotation strategy "fixed-answer"/,
    );
  });
});
