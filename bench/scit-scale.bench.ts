/**
 * SCIT at data-center scale: H hosts × 10 VMs, 20 services (70 % of VMs online, dealt round-robin so
 * each service sits on as many distinct hosts as it has VMs — every target is tight), E = 180 s,
 * C = 60 s, redundancy-preserving rotation. Sizes 1k, 10k and 100k VMs; 24 h simulated (quick: 1 h).
 * Reports wall time, switches, switches/s and peak RSS; the switches-per-wall-second figure staying
 * roughly flat across sizes shows that a switch decision does not scan all VMs.
 *
 * Rotation only: the SCIT VMs are not backed by cloud Vm/Host objects here (placement never changes
 * during SCIT rotation, so they would only add memory).
 */
import type { RandomStream } from '../src/core/random.js';
import { resolveScitConfig } from '../src/entities/scit/config.js';
import type { DistributionView } from '../src/entities/scit/distribution-table.js';
import type {
  RotationStrategy,
  SpareDecision,
  SwitchRequest,
} from '../src/entities/scit/rotation-strategy.js';
import { runScit } from '../src/experiments/scit/run.js';
import { RedundancyPreservingRotation } from '../src/policies/scit/redundancy-preserving-rotation.js';
import type { BenchResult } from './run.js';

const VMS_PER_HOST = 10;
const SERVICES = 20;

/** Wraps a strategy to time its decisions (wall clock; bench code only). */
class TimedStrategy implements RotationStrategy {
  readonly name: string;
  decisions = 0;
  millis = 0;
  constructor(private readonly inner: RotationStrategy) {
    this.name = inner.name;
  }
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    const started = performance.now();
    const decision = this.inner.choose(request, view, random);
    this.millis += performance.now() - started;
    this.decisions++;
    return decision;
  }
}

function scaleConfig(hosts: number) {
  const perService = (hosts * VMS_PER_HOST * 0.7) / SERVICES;
  return resolveScitConfig({
    hosts,
    vmsPerHost: VMS_PER_HOST,
    services: Array.from({ length: SERVICES }, (_, s) => ({ name: `svc${s}`, required: perService })),
    exposureSeconds: 180,
    cleansingSeconds: 60,
  });
}

export async function run(opts: { quick: boolean }): Promise<BenchResult[]> {
  const horizonSeconds = opts.quick ? 3600 : 24 * 3600;
  const results: BenchResult[] = [];
  for (const hosts of [100, 1000, 10_000]) {
    const vms = hosts * VMS_PER_HOST;
    const config = scaleConfig(hosts);
    const started = performance.now();
    const strategy = new TimedStrategy(new RedundancyPreservingRotation());
    const result = runScit(config, strategy, {
      seed: 1,
      horizonSeconds,
      keepExtraExposures: false,
    });
    const seconds = (performance.now() - started) / 1000;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const label = `${vms / 1000}k VMs, ${horizonSeconds / 3600} h`;
    const degraded = result.degradedCycles.reduce((a, b) => a + b, 0);
    results.push(
      { name: `${label}: wall time`, value: seconds, unit: 's' },
      { name: `${label}: switches`, value: result.cycles, unit: 'switches' },
      { name: `${label}: switches per wall second`, value: result.cycles / seconds, unit: 'switches/s' },
      {
        name: `${label}: time per switch decision`,
        value: (1000 * strategy.millis) / strategy.decisions,
        unit: 'µs',
      },
      { name: `${label}: peak RSS (process)`, value: Math.round(peakRssMb), unit: 'MB' },
      { name: `${label}: cycles below target`, value: degraded, unit: 'cycles' },
      {
        name: `${label}: switches that waited`,
        value: result.extraExposure.waited,
        unit: 'switches',
      },
    );
  }
  return results;
}
