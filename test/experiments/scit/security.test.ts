import { injectable } from 'inversify';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { resolveScitConfig, type ScitConfig } from '../../../src/entities/scit/config.js';
import { paperScitConfig } from '../../../src/entities/scit/paper-system.js';
import { summarizeSeeds } from '../../../src/experiments/scit/seed-summary.js';
import {
  ATTACK_MODEL,
  type AttackContext,
  type AttackModel,
} from '../../../src/policies/attacks/attack-model.js';
import { HostCompromises } from '../../../src/policies/attacks/host-compromises.js';
import { createRunContainer } from '../../../src/runs/container.js';
import { runMetricNames, runMetricValues } from '../../../src/runs/metrics.js';
import { runScit } from '../../../src/runs/scit-run.js';

/** A researcher's model in one class: compromise given hosts at given times (no randomness). */
interface ScriptedOptions {
  readonly compromises: readonly { host: number; atSeconds: number; forSeconds: number }[];
}

@injectable()
class ScriptedAttack implements AttackModel<ScriptedOptions> {
  readonly name = 'scripted';
  resolveOptions(options: unknown): ScriptedOptions {
    return options as ScriptedOptions;
  }
  describe(): string {
    return 'scripted compromises';
  }
  start(context: AttackContext<ScriptedOptions>) {
    const session = new HostCompromises(context.sim, context.system.config.hostCount);
    for (const c of context.options.compromises)
      context.sim.scheduleAt(c.atSeconds, () => session.compromise(c.host, c.forSeconds));
    return session;
  }
}

/** The paper's layout frozen (E beyond every horizon): DNS on hosts 1 and 2, Web on all three. */
const frozen: ScitConfig = { ...paperScitConfig(), exposureSeconds: 1e8 };
const config = resolveScitConfig(frozen);

function scriptedContainer() {
  const container = createRunContainer();
  container.rebind(ATTACK_MODEL).to(ScriptedAttack);
  return container;
}

describe('the security monitor, with a test-local attack model bound by rebind', () => {
  const attack: ScriptedOptions = {
    compromises: [
      { host: 1, atSeconds: 100, forSeconds: 60 }, // [100, 160)
      { host: 2, atSeconds: 130, forSeconds: 60 }, // [130, 190): DNS down [130, 160)
      { host: 0, atSeconds: 150, forSeconds: 5 }, // [150, 155): all three hosts — Web down too
    ],
  };

  it('finds the first security failure, down times and outages, and runs through runScit', () => {
    const result = runScit(scriptedContainer(), config, { seed: 1, horizonSeconds: 1000, attack });
    const security = result.security;
    expect(security?.firstFailureSeconds).toBe(130);
    expect(security?.services.map((s) => s.firstFailureSeconds)).toEqual([150, 130]);
    expect(security?.services.map((s) => s.downSeconds)).toEqual([5, 30]);
    expect(security?.services.map((s) => s.outages)).toEqual([1, 1]);
    // Minimum guarantee 1: below it exactly while down.
    expect(security?.services.map((s) => s.belowMinimumSeconds)).toEqual([5, 30]);
    expect(security?.systemDownSeconds).toBe(30);
    expect(security?.systemOutages).toBe(1);
    expect(security?.escapes).toBe(3);
    expect(result.attack?.escapes).toBe(3);
  });

  it('writes its metrics into the sweep row (names and values line up)', () => {
    const result = runScit(scriptedContainer(), config, { seed: 1, horizonSeconds: 1000, attack });
    const names = runMetricNames(config, true);
    const values = runMetricValues(result, config.exposureSeconds);
    expect(values).toHaveLength(names.length);
    const row = Object.fromEntries(names.map((name, i) => [name, values[i]]));
    expect(row).toMatchObject({
      timeToFailureSeconds: 130,
      failureCensored: 0,
      'DNS.timeToFailureSeconds': 130,
      'DNS.availability': 1 - 30 / 1000,
      'Web.failureCensored': 0,
      attackEscapes: 3,
      outages: 1,
    });
  });

  it('counts only the window for availability and outages, and censors a run without failure', () => {
    const result = runScit(scriptedContainer(), config, {
      seed: 1,
      horizonSeconds: 1000,
      attack: { compromises: attack.compromises.slice(0, 1) },
      security: { windowSeconds: 120 },
    });
    const names = runMetricNames(config, true);
    const row = Object.fromEntries(names.map((name, i) => [name, runMetricValues(result, 1e8)[i]]));
    expect(result.security?.firstFailureSeconds).toBeUndefined();
    expect(row.failureCensored).toBe(1);
    expect(row.timeToFailureSeconds).toBe(1000);
    expect(result.security?.windowSeconds).toBe(120);
  });

  it('measures the minimum guarantee: Active VMs on healthy hosts below m_s', () => {
    const guaranteed = resolveScitConfig({
      ...frozen,
      services: [
        { name: 'Web', required: 6, minimum: 4 },
        { name: 'DNS', required: 2, minimum: 1 },
      ],
    });
    // Host 0 holds 3 of the 6 Web VMs: compromised, only 3 remain healthy (< 4), Web is not down.
    const result = runScit(scriptedContainer(), guaranteed, {
      seed: 1,
      horizonSeconds: 500,
      attack: { compromises: [{ host: 0, atSeconds: 10, forSeconds: 40 }] },
    });
    expect(result.security?.services[0]).toMatchObject({ belowMinimumSeconds: 40, downSeconds: 0 });
    expect(result.security?.firstFailureSeconds).toBeUndefined();
  });

  it('stops the run at the first failure once the window is over (stopWhen)', () => {
    const result = runScit(scriptedContainer(), config, {
      seed: 1,
      horizonSeconds: 1000,
      attack,
      security: { stopWhen: 'system-failure', windowSeconds: 50 },
    });
    expect(result.stopReason).toBe('security-failure');
    expect(result.endTimeSeconds).toBe(130);
    const every = runScit(scriptedContainer(), config, {
      seed: 1,
      horizonSeconds: 1000,
      attack,
      security: { stopWhen: 'every-service-failed' },
    });
    expect(every.endTimeSeconds).toBe(150);
  });

  it('summarizes over seeds: MTTSF with censored runs counted', () => {
    const summary = summarizeSeeds(scriptedContainer(), config, { seeds: 3, horizonSeconds: 140, attack });
    expect(summary.security?.mttsf.system).toMatchObject({ mean: 130, censored: 0, estimator: 'mean' });
    // Web fails at 150 > 140 in every run: all censored, the restricted mean is the horizon.
    expect(summary.security?.mttsf.services.Web).toMatchObject({ mean: 140, censored: 3, lowerBound: true });
  });

  it('refuses bad monitor options, naming the field and the value', () => {
    const run = (security: object) =>
      runScit(scriptedContainer(), config, { seed: 1, horizonSeconds: 10, attack, security });
    expect(() => run({ windowSeconds: 0 })).toThrow(ConfigError);
    expect(() => run({ windowSeconds: -1 })).toThrow(
      'security.windowSeconds: must be a number of seconds > 0 (got -1)',
    );
    expect(() => run({ stopWhen: 'soon' })).toThrow(
      'security.stopWhen: valid values are: never, system-failure, every-service-failed (got "soon")',
    );
    // One schema for the run's options: every problem at once.
    expect(() =>
      runScit(scriptedContainer(), config, {
        seed: 1,
        maxCycles: 0,
        horizonSeconds: Number.NaN,
        security: { windowSeconds: -1, stopWhen: 'soon' as never },
      }),
    ).toThrow(
      /4 problems in the run options:\n {2}maxCycles: must be an integer >= 1 \(got 0\)\n {2}horizonSeconds: .*\n {2}security\.windowSeconds: .*\n {2}security\.stopWhen: /,
    );
  });
});
