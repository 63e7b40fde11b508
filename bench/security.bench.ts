/**
 * Security under attack (issue 11, requirement 7): the MTTSF of the paper preset (vm-escape, A = 300 s,
 * D = 30 s, R = 60 s) for both strategies over 1000 seeds — each run until the system's first security
 * failure — target ≤ 10 s; and the cost per simulated hour. Also the full preset summary (runs until
 * every service has failed, availability window), what `scitsim security` and `npm start` compute.
 * And the own-system study of issue 19: a 5-host system (4 VMs per host; Web 5, DNS 2, Mail 3, SSH 2;
 * E 150 s, C 45 s, G 15 s), 4 strategies × 300 seeds × 9 grid points (5 exposures and 5 attack
 * intervals sharing the preset's point) plus the preset's summary, with the study's defaults, from a
 * scenario file on 2 worker threads as `scitsim security` runs it, and in one thread (target ≤ 60 s on
 * 2 cores; it took 2,035 s before the preset's runs stopped at a stated horizon).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveScitConfig } from '../src/entities/scit/config.js';
import { paperScitConfig } from '../src/entities/scit/paper-system.js';
import { PAPER_ATTACK, PAPER_STRATEGIES } from '../src/experiments/scit/paper-experiment.js';
import { resolveSecuritySettings } from '../src/experiments/scit/security-settings.js';
import { securityStudyJson } from '../src/experiments/scit/security-study.js';
import { summarizeSeeds } from '../src/experiments/scit/seed-summary.js';
import { VmEscapeAttack } from '../src/policies/attacks/vm-escape.js';
import { createRunContainer, withRotation } from '../src/runs/container.js';
import { runSecurityStudyOf } from '../src/scenario/study.js';
import type { BenchResult } from './run.js';

export async function run(opts: { quick: boolean }): Promise<BenchResult[]> {
  const seeds = opts.quick ? 200 : 1000;
  const config = resolveScitConfig(paperScitConfig());
  const base = createRunContainer();
  const strategies = PAPER_STRATEGIES.map((name) => withRotation(base, name));
  const settings = resolveSecuritySettings({}, new VmEscapeAttack(), PAPER_ATTACK, config, seeds);
  const measure = (stopWhen: 'system-failure' | 'every-service-failed', window: boolean) => {
    const started = performance.now();
    let simulatedSeconds = 0;
    const mttsf: number[] = [];
    for (const container of strategies) {
      const summary = summarizeSeeds(container, config, {
        seeds,
        horizonSeconds: settings.horizonSeconds,
        attack: PAPER_ATTACK,
        security: window ? { windowSeconds: settings.windowSeconds, stopWhen } : { stopWhen },
      });
      const security = summary.security;
      if (security === undefined) throw new Error('no security summary');
      simulatedSeconds += security.meanRunSeconds * security.runs;
      mttsf.push(security.mttsf.system.mean);
    }
    return { seconds: (performance.now() - started) / 1000, simulatedHours: simulatedSeconds / 3600, mttsf };
  };
  measure('system-failure', false); // warm-up (JIT)
  const system = measure('system-failure', false);
  const full = measure('every-service-failed', true);
  const microseconds = (m: { seconds: number; simulatedHours: number }) =>
    (1e6 * m.seconds) / m.simulatedHours;
  // The study as `scitsim security own.json` runs it: a scenario file, its seeds on worker threads
  // (2, this machine's cores), and in this one thread for the ratio; the results must be the same.
  const studySeeds = opts.quick ? 30 : 300;
  const dir = await mkdtemp(join(tmpdir(), 'scitsim-bench-study-'));
  const scenarioFile = join(dir, 'own.json');
  await writeFile(
    scenarioFile,
    JSON.stringify({
      kind: 'scit',
      hosts: 5,
      vmsPerHost: 4,
      services: [
        { name: 'Web', required: 5 },
        { name: 'DNS', required: 2 },
        { name: 'Mail', required: 3 },
        { name: 'SSH', required: 2 },
      ],
      exposureSeconds: 150,
      cleansingSeconds: 45,
      graceSeconds: 15,
      strategies: ['conventional', 'redundancy-preserving', 'reserve-aware', 'outage-aware'],
      security: {
        seeds: studySeeds,
        presetSeeds: studySeeds,
        exposures: [75, 100, 150, 200, 300],
        attackIntervals: [100, 200, 300, 450, 600],
      },
    }),
  );
  const source = { scenarioFile };
  const workersStarted = performance.now();
  const onWorkers = await runSecurityStudyOf(source, { workers: 2, clockMillis: () => performance.now() });
  const workersSeconds = (performance.now() - workersStarted) / 1000;
  const studyStarted = performance.now();
  const study = await runSecurityStudyOf(source, { workers: 1, clockMillis: () => performance.now() });
  const studySeconds = (performance.now() - studyStarted) / 1000;
  await rm(dir, { recursive: true, force: true });
  if (JSON.stringify(securityStudyJson(study)) !== JSON.stringify(securityStudyJson(onWorkers)))
    throw new Error('the study on 2 workers differs from the study in one thread');
  return [
    {
      name: `own-system study (scitsim security own.json), 4 strategies × ${studySeeds} seeds × 9 points + preset, 2 worker threads (target ≤ 60 s)`,
      value: workersSeconds,
      unit: 's',
    },
    { name: '  the same in one thread', value: studySeconds, unit: 's' },
    { name: '  one thread / 2 workers (same results)', value: studySeconds / workersSeconds, unit: '×' },
    {
      name: '  distinct (E, A) points',
      value: new Set(study.points.map((p) => `${p.exposureSeconds}/${p.meanIntervalSeconds}`)).size,
      unit: '',
    },
    {
      name: `MTTSF of the preset, ${seeds} seeds × 2 strategies (target ≤ 10 s)`,
      value: system.seconds,
      unit: 's',
    },
    { name: '  cost per simulated hour', value: microseconds(system), unit: 'µs/h' },
    { name: '  simulated time', value: system.simulatedHours, unit: 'h' },
    { name: '  MTTSF conventional / redundancy-preserving', value: system.mttsf[0], unit: 's' },
    { name: '  (redundancy-preserving)', value: system.mttsf[1], unit: 's' },
    {
      name: `full preset summary (every service fails, window W), ${seeds} seeds × 2`,
      value: full.seconds,
      unit: 's',
    },
    { name: '  cost per simulated hour', value: microseconds(full), unit: 'µs/h' },
    { name: '  simulated time', value: full.simulatedHours, unit: 'h' },
  ];
}
