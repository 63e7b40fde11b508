/**
 * The seed paper's experiment (Table 3, Figures 10/11): conventional vs redundancy-preserving SCIT on
 * the paper's system, assembled step by step from the scitsim API.
 *
 *   npm start                                   # = npx tsx examples/paper/table3.ts
 *   npx tsx examples/paper/table3.ts --out DIR  # write the files elsewhere (default out/paper)
 *
 * `scitsim paper` runs the same experiment with options (seeds, cycles, strategies, your own class).
 */
import {
  ATTACK_MODEL,
  createRunContainer,
  findCertainStarvation,
  PAPER_ATTACK,
  PAPER_REQUEST_SEEDS,
  PAPER_REQUESTS,
  PAPER_SET_MARKER,
  type PaperExperimentResult,
  paperReport,
  paperScitConfig,
  placeScit,
  prepareSecurity,
  requestSummaries,
  runScript,
  type ScriptValues,
  securitySummaries,
  seedSummaries,
  singleRuns,
  strategyContainers,
  unloadedServiceWarnings,
  writePaperOutputs,
} from 'scitsim';
import { checkOutputDir } from 'scitsim/report';

/** The command-line options (`--help` lists them). */
const OPTIONS = { out: { type: 'string', default: 'out/paper' } } as const;

async function main(values: ScriptValues<typeof OPTIONS>): Promise<void> {
  const started = performance.now();
  const outDir = values.out;
  await checkOutputDir(outDir, '--out', [PAPER_SET_MARKER]); // before any run: nothing half-done later
  const seed = 1; // the single run with figures
  const seeds = 1000; // the summary: seeds 1…1000
  const cycles = 30; // clock cycles per run, as in Figures 10/11

  // 1. The composition root: every policy of every run below comes from this container.
  const container = createRunContainer();

  // 2. The paper's system (Table 3; initial layout of Table 1 / Fig. 7), its VMs placed on hosts.
  const cloud = placeScit(container, paperScitConfig(), { vmMips: PAPER_REQUESTS.vmMips });
  const config = cloud.config;

  // 3. The attack model (VM escape, our addition) with the preset's parameters, the security runs'
  //    settings (horizon, window: their defaults derive from the attack and the system), and the
  //    two strategies: a child container each, differing only in ROTATION_STRATEGY.
  const attack = container.get(ATTACK_MODEL).resolveOptions(PAPER_ATTACK, 'attack');
  const security = prepareSecurity(container, config, attack, { seeds: 200 }, seeds);
  const strategies = strategyContainers(container, ['conventional', 'redundancy-preserving']);

  // 4. One seed with client requests and (our addition) VM-escape attacks: the timeline of Figs. 10/11.
  const online = config.services.reduce((sum, service) => sum + service.required, 0);
  const requestHorizonSeconds = (cycles * config.exposureSeconds) / online; // arrivals end here
  const single = singleRuns(strategies, config, {
    seed,
    cycles,
    requests: PAPER_REQUESTS,
    requestHorizonSeconds,
    cloudVms: cloud.vms,
    attack,
  });

  // 5. Many seeds (requests and attacks off: they never influence rotation): the summary table.
  const summaryStarted = performance.now();
  const summary = seedSummaries(strategies, config, { seeds, cycles, cloudVms: cloud.vms });
  // 6. Many seeds under attack, each run until every service has been down once (or the horizon):
  //    MTTSF, availability, outages per escape.
  const securitySummary = securitySummaries(strategies, config, {
    attack,
    settings: security.settings,
    cloudVms: cloud.vms,
  });
  const summaryMillis = performance.now() - summaryStarted;

  // 7. The first seeds of the summary again, with client requests (rotation on): response times,
  //    requests dropped at cleansing and throughput per strategy and service.
  const requestSeeds = PAPER_REQUEST_SEEDS;
  const requestSummary = requestSummaries(strategies, config, {
    seeds: requestSeeds,
    cycles,
    requests: PAPER_REQUESTS,
    requestHorizonSeconds,
    cloudVms: cloud.vms,
    attack,
  });

  // 8. The result, its files (CSV, JSON, SVG like Figs. 10/11) and the report.
  const names = config.services.map((service) => service.name);
  const result: PaperExperimentResult = {
    systemName: "the paper's system",
    config,
    services: names,
    targets: Object.fromEntries(config.services.map((service) => [service.name, service.target])),
    hostCount: config.hostCount,
    seed,
    cycles,
    seeds,
    single,
    summary,
    security: { settings: security.settings, summary: securitySummary },
    summaryMillis,
    requestSeeds,
    requestFirstSeed: 1,
    requestSummary,
    requestHorizonSeconds,
    attack,
    attackDescription: security.description,
    starvationWarnings: findCertainStarvation(config),
    warnings: [...config.warnings, ...unloadedServiceWarnings(names, PAPER_REQUESTS)],
    placement: cloud.placement,
  };
  await writePaperOutputs(result, outDir);
  console.log(paperReport(result, { outDir, totalSeconds: (performance.now() - started) / 1000 }));
}

await runScript(import.meta.url, main, OPTIONS);
