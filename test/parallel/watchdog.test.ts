import { describe, expect, it } from 'vitest';
import { watched, watchedAsync, withWatch } from '../../src/core/watch.js';
import { resolveScitConfig } from '../../src/entities/scit/config.js';
import { paperScitConfig } from '../../src/entities/scit/paper-system.js';
import type { SwitchRequest } from '../../src/entities/scit/rotation-strategy.js';
import {
  type HangReport,
  HeartbeatReader,
  HeartbeatWriter,
  hangMessage,
  heartbeatBuffer,
  Watchdog,
} from '../../src/parallel/index.js';
import { decisionTimeoutArgument } from '../../src/parallel/supervise.js';
import { createRunContainer } from '../../src/runs/container.js';
import { runScit } from '../../src/runs/scit-run.js';

const request: SwitchRequest = { vm: 4, service: 1, host: 2, expiredAtSeconds: 300, nowSeconds: 360 };

/** A heartbeat, a watchdog on a clock the test moves, and the reports it made. */
function rig(budgetSeconds = 2) {
  const buffer = heartbeatBuffer();
  const writer = new HeartbeatWriter(buffer);
  const reader = new HeartbeatReader(buffer);
  let now = 0;
  const watchdog = new Watchdog({ budgetSeconds, clockMillis: () => now });
  const reports: HangReport[] = [];
  watchdog.watch(reader, (report) => reports.push(report));
  const elapse = (seconds: number) => {
    now += seconds * 1000;
    watchdog.check();
  };
  return { writer, reader, reports, elapse };
}

describe('heartbeat and watchdog', () => {
  it('reports a decision that stays in choose past the budget, naming the strategy, request and seed', () => {
    const { writer, reports, elapse } = rig();
    writer.context('cell 3');
    writer.run(7, [{ name: 'Web' }, { name: 'DNS' }]);
    writer.named('mine');
    writer.decisions.enter(request);
    elapse(0);
    elapse(1.5);
    expect(reports).toEqual([]);
    elapse(1);
    expect(reports).toHaveLength(1);
    expect(hangMessage(reports[0])).toBe(
      'rotation strategy "mine" did not return within 2 s when asked to replace VM 4 (DNS, host 2) ' +
        'at t=360s (expired at t=300s) (cell 3, seed 7)',
    );
    elapse(10);
    expect(reports).toHaveLength(1);
  });

  it('does not report decisions that keep coming, nor time spent outside user code', () => {
    const { writer, reports, elapse } = rig();
    writer.run(1, [{ name: 'Web' }]);
    for (let i = 0; i < 5; i++) {
      writer.decisions.enter(request);
      elapse(1.5);
      writer.decisions.leave(request, { kind: 'wait', reason: 'x' });
    }
    elapse(100);
    expect(reports).toEqual([]);
  });

  it('says when reading the returned decision hangs, and keeps one window for choose and the read', () => {
    const { writer, reports, elapse } = rig();
    writer.decisions.enter(request);
    elapse(0);
    elapse(1.5);
    writer.decisions.returned();
    elapse(1);
    expect(reports.map((r) => r.phase)).toEqual(['decision']);
    expect(hangMessage(reports[0], { strategy: 'plan-name' })).toMatch(
      /^rotation strategy "plan-name": reading the decision its choose returned \(kind, spare, reason\) did not finish within 2 s, when asked to replace VM 4 \(service 1, host 2\)/,
    );
  });

  it('reports a load and a constructor by their subject; a nested generic construction keeps the name', () => {
    const load = rig();
    withWatch(load.writer, () => {
      load.writer.enter('load', '/tmp/strategy.ts');
      load.elapse(0);
      load.elapse(3);
    });
    expect(hangMessage(load.reports[0])).toBe('loading /tmp/strategy.ts did not finish within 2 s');

    const build = rig();
    watched('constructor', 'Stuck', () =>
      withWatch(build.writer, () =>
        watched('constructor', 'Stuck', () =>
          watched('constructor', 'the rotation strategy', () => {
            build.elapse(0);
            build.elapse(3);
          }),
        ),
      ),
    );
    expect(build.reports[0].phase).toBe('constructor');
    expect(hangMessage(build.reports[0])).toBe(
      'rotation strategy "Stuck": its constructor did not return within 2 s',
    );
    // Back to idle once every window is left.
    build.elapse(100);
    expect(build.reports).toHaveLength(1);
  });

  it('is told by the library: runScit names its seed, services and strategy; loads are watched', async () => {
    const { writer, reader } = rig();
    const container = createRunContainer({ rotation: 'conventional' });
    const phases: string[] = [];
    const config = resolveScitConfig(paperScitConfig());
    withWatch(writer, () => runScit(container, config, { seed: 11, maxCycles: 2 }));
    const state = reader.read();
    expect(state).toMatchObject({ phase: 'idle', seed: 11, strategy: 'conventional' });
    expect(state.decisions).toBeGreaterThan(0);
    expect(state.request.serviceName).toBe(config.services[state.request.service].name);
    await withWatch(writer, () =>
      watchedAsync('load', '/x.ts', async () => {
        phases.push(reader.read().phase, reader.read().subject);
      }),
    );
    expect(phases).toEqual(['load', '/x.ts']);
  });
});

describe('the supervisor', () => {
  it('takes its budget from --decision-timeout, leaving bad values to the command’s parser', () => {
    expect(decisionTimeoutArgument(['paper', '--decision-timeout', '3'])).toBe(3);
    expect(decisionTimeoutArgument(['run', 'a.json', '--decision-timeout=7'])).toBe(7);
    expect(decisionTimeoutArgument(['paper', '--decision-timeout', '0'])).toBeUndefined();
    expect(decisionTimeoutArgument(['paper', '--decision-timeout', '1e3'])).toBeUndefined();
    expect(decisionTimeoutArgument(['paper', '--', '--decision-timeout', '3'])).toBeUndefined();
    expect(decisionTimeoutArgument(['paper'])).toBeUndefined();
  });
});
