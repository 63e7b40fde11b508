/**
 * What the checker passes is what runs (issue 17): strategies of the kinds that once behaved differently
 * in `scitsim check` and in a production run are checked and run here, and each is reported the same
 * way by both — a failed decision as the same one line, a correct strategy as correct.
 */
import type { Newable } from 'inversify';
import { describe, expect, it } from 'vitest';
import { checkStrategyModule } from '../../src/checks/host/check-host.js';
import { checkRotationInvariants } from '../../src/checks/rotation/spec-checker.js';
import { ConfigError } from '../../src/core/errors.js';
import { resolveScitConfig, type ScitConfig } from '../../src/entities/scit/config.js';
import { paperScitConfig } from '../../src/entities/scit/paper-system.js';
import { type RotationStrategy, StrategyError } from '../../src/entities/scit/rotation-strategy.js';
import { RedundancyPreservingRotation } from '../../src/policies/scit/redundancy-preserving-rotation.js';
import { createRunContainer } from '../../src/runs/container.js';
import { runScit, type ScitRunResult } from '../../src/runs/scit-run.js';
import {
  BranchesOnTable,
  CountsAttempts,
  FreezesView,
  LateConventional,
  LowersTargets,
  TieBreak,
} from './fixtures/user-strategies.js';

const FIXTURES = 'test/checks/fixtures/user-strategies.ts';
const PAPER = paperScitConfig();

/** The issue's own system: 5 hosts of 4 VMs; Web 5, DNS 2, Mail 3, SSH 2 online; E 150 s, C 45 s, G 15 s. */
const FIVE_HOSTS: ScitConfig = {
  hosts: 5,
  vmsPerHost: 4,
  services: [
    { name: 'Web', required: 5, minimum: 1 },
    { name: 'DNS', required: 2, minimum: 1 },
    { name: 'Mail', required: 3, minimum: 1 },
    { name: 'SSH', required: 2, minimum: 1 },
  ],
  exposureSeconds: 150,
  cleansingSeconds: 45,
  graceSeconds: 15,
};

function run(strategy: Newable<RotationStrategy>, config: ScitConfig, seed: number): ScitRunResult {
  const container = createRunContainer({ rotation: strategy });
  return runScit(container, resolveScitConfig(config), { seed, maxCycles: 600 });
}

function runError(strategy: Newable<RotationStrategy>, config: ScitConfig): StrategyError {
  try {
    run(strategy, config, 1);
  } catch (error) {
    if (error instanceof StrategyError) return error;
    throw error;
  }
  throw new Error('the run did not fail');
}

/**
 * The paper strategy's runs the look-alike strategies are compared with, each computed once for the
 * file (both it.each cases compare against the same runs; a run is deterministic in its seed).
 */
const references = new Map<ScitConfig, ScitRunResult>();
function reference(config: ScitConfig): ScitRunResult {
  let result = references.get(config);
  if (result === undefined) {
    result = run(RedundancyPreservingRotation, config, 4);
    references.set(config, result);
  }
  return result;
}

const check = (strategy: Newable<RotationStrategy>) =>
  checkRotationInvariants(strategy, { numRuns: 40, seed: 11, shrink: false });

describe('what the checker passes is what runs', () => {
  it.each([
    [LowersTargets, /Cannot reach targets: the table's state is not part of the read-only view/],
    [CountsAttempts, /Cannot add property attempts, object is not extensible/],
  ])(
    '%o writes the view or the request: purity in the check, the same one line in a run',
    (strategy, what) => {
      const report = check(strategy);
      const purity = report.outcomes.find((o) => o.property === 'purity');
      expect(purity?.ok).toBe(false);
      expect(purity?.violation).toMatch(what);
      expect(report.outcomes.find((o) => o.property === 'valid-decision')?.ok).toBe(true);
      const failure = runError(strategy, FIVE_HOSTS);
      expect(failure.failure).toBe('read-only');
      expect(failure.message).toMatch(what);
      expect(failure.message).toMatch(
        /^rotation strategy "[a-z-]+": choose tried to change a read-only object/,
      );
      expect(failure.message).not.toContain('\n');
    },
  );

  it('a strategy that reads the run clock is checked on a running clock (and caught)', () => {
    const redundancy = check(LateConventional).outcomes.find((o) => o.property === 'redundancy');
    expect(redundancy?.ok).toBe(false);
    expect(redundancy?.violation).toMatch(/level 1 < target 2 at t=(3[6-9]\d\d|[4-9]\d{3}|\d{5,})/);
    const degraded = run(LateConventional, FIVE_HOSTS, 1).degradedCycles.some((n) => n > 0);
    expect(degraded).toBe(true);
  });

  it.each([
    [FreezesView, 'freezes the view and the request'],
    [BranchesOnTable, 'branches on view instanceof DistributionTable'],
  ])('%o (%s) passes the check and runs exactly as the paper strategy', (strategy, _what) => {
    expect(check(strategy).ok).toBe(true);
    for (const config of [FIVE_HOSTS, PAPER]) {
      const mine = run(strategy, config, 4);
      expect({ ...mine, strategy: '' }).toEqual({ ...reference(config), strategy: '' });
    }
  });

  it('a strategy deterministic in production (named stream, sorted copy, extra field) is no false alarm', () => {
    const report = check(TieBreak);
    expect(report.ok, JSON.stringify(report.outcomes.filter((o) => !o.ok))).toBe(true);
    expect(report.warnings).toEqual([]);
    // Two runs of one seed are equal (determinism); the first is also the one another seed must differ from.
    const nine = run(TieBreak, FIVE_HOSTS, 9);
    expect(nine).toEqual(run(TieBreak, FIVE_HOSTS, 9));
    expect(nine).not.toEqual(run(TieBreak, FIVE_HOSTS, 10));
  });

  it('refuses a path that names no case of the check (exit 2 on the command line)', () => {
    expect(() => checkRotationInvariants(TieBreak, { seed: 1, path: '99999:0' })).toThrow(ConfigError);
    expect(() => checkRotationInvariants(TieBreak, { seed: 1, path: '99999:0' })).toThrow(
      /path: names case 99999, but a check of 100 cases/,
    );
    expect(() => checkRotationInvariants(TieBreak, { seed: 1, path: '8:99999' })).toThrow(
      /path: does not name a case of seed 1/,
    );
  });
});

describe('checkStrategyModule: replays in a fresh process, one watchdog over load, constructor, choose and reading the decision', () => {
  it.concurrent('a decision whose spare getter never returns is reported with the request', async () => {
    const report = await checkStrategyModule(
      { file: FIXTURES, exportName: 'SpareGetterHangs' },
      { numRuns: 3, seed: 1, decisionTimeoutSeconds: 0.5 },
    );
    expect(report.outcomes[0]).toMatchObject({ property: 'decision-timeout', ok: false });
    expect(report.outcomes[0].violation).toMatch(
      /^rotation strategy "spare-getter-hangs": reading the decision its choose returned \(kind, spare, reason\) did not finish within 0\.5 s, when asked to replace VM \d+ \((Web|DNS), host \d+\) at t=\d+.*\(decision #\d+ of the fixed case "paper", while checking valid-decision\)$/,
    );
  });

  it.concurrent('a module whose top level never finishes is reported as loading it', async () => {
    const report = await checkStrategyModule(
      { file: 'test/checks/fixtures/loops-on-load.ts' },
      { numRuns: 3, seed: 1, decisionTimeoutSeconds: 0.5, loadTimeoutSeconds: 1 },
    );
    expect(report.ok).toBe(false);
    expect(report.outcomes[0].violation).toMatch(
      /^loading \S*test\/checks\/fixtures\/loops-on-load\.ts did not finish within 1 s$/,
    );
  });
});
