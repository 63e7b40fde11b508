/**
 * The allocation-policy contract suite: a reusable fast-check suite that any `VmAllocationPolicy` —
 * a built-in one or a researcher's own — can be run through (the allocation counterpart of the
 * rotation checker, `checkRotationInvariants`).
 *
 * It generates small datacenters (1–6 hosts of 1–4 PEs, time- or space-shared, with their RAM,
 * bandwidth and storage) and sequences of VM requests and releases, asks the policy for a host at
 * every request, places the VM there (`host.createVm`, as a datacenter does) and checks:
 * - `suitable`: a returned host is one of the hosts given and can take the VM now
 *   (`host.isSuitableForVm`);
 * - `complete`: `undefined` is returned only when no host can take the VM. This holds for every
 *   built-in policy — VmAllocationPolicySimple never picks a host without free MIPS, but every VM
 *   asks for MIPS > 0, so such a host is never suitable — but a policy may decline on purpose (e.g.
 *   keep a reserve): pass `complete: false` and the property is not checked;
 * - `no-side-effects`: asking changes nothing: the VM is not placed and no host's free MIPS, RAM,
 *   bandwidth, storage or VM list changes (a policy returns a decision; the caller applies it);
 * - `no-overcommit`: after every step, on every host, the VMs placed there fit its capacity (PEs,
 *   MIPS, RAM, bandwidth, storage, recounted from the VMs), and its free amounts are exactly the
 *   capacity minus that recount (nothing allocated behind the host's back);
 * - `deterministic`: the same scenario with a policy built from the same seed makes the same choices.
 *
 * Each property is its own `fc.check`, so a failure shrinks to a small counterexample of that
 * property and is reported with fast-check's `{ seed, path }` to replay it.
 */
import fc from 'fast-check';
import { Simulation } from '../core/simulation.js';
import { Host } from '../entities/host.js';
import { makePes } from '../entities/pe.js';
import { Vm } from '../entities/vm.js';
import { releaseVm, type VmAllocationPolicy } from '../entities/vm-allocation-policy.js';
import { VmSchedulerSpaceShared } from '../policies/scheduling/vm-scheduler-space-shared.js';
import { VmSchedulerTimeShared } from '../policies/scheduling/vm-scheduler-time-shared.js';

/** Builds a fresh policy for one scenario run, from a simulation seeded by the scenario (for random draws). */
export type AllocationPolicyFactory = (sim: Simulation) => VmAllocationPolicy;

export type AllocationProperty =
  | 'suitable'
  | 'complete'
  | 'no-side-effects'
  | 'no-overcommit'
  | 'deterministic';

const ALL_PROPERTIES: readonly AllocationProperty[] = [
  'suitable',
  'complete',
  'no-side-effects',
  'no-overcommit',
  'deterministic',
];

export interface AllocationCheckOptions {
  /** Scenarios per property (default 100). */
  numRuns?: number;
  /** fast-check seed (default: fast-check picks one; it is in every outcome). */
  seed?: number;
  /** With `seed`, replays one failing case (`path` from a report). */
  path?: string;
  /** Whether the policy places a VM whenever some host can take it (default true). */
  complete?: boolean;
  /** Only these properties (default all that apply). */
  properties?: readonly AllocationProperty[];
}

/** A host of a generated scenario. */
export interface AllocationHostSpec {
  readonly pes: number;
  readonly mipsPerPe: number;
  readonly ramMb: number;
  readonly bwMbps: number;
  readonly storageMb: number;
  readonly spaceShared: boolean;
}

/** One step of a generated scenario: request a VM, or release the `pick`-th placed VM (modulo). */
export type AllocationStep =
  | {
      readonly kind: 'request';
      readonly mips: number;
      readonly pes: number;
      readonly ramMb: number;
      readonly bwMbps: number;
      readonly sizeMb: number;
    }
  | { readonly kind: 'release'; readonly pick: number };

export interface AllocationScenario {
  readonly hosts: readonly AllocationHostSpec[];
  readonly steps: readonly AllocationStep[];
  /** Seed of the simulation handed to the policy factory. */
  readonly seed: number;
}

export interface AllocationPropertyOutcome {
  property: AllocationProperty;
  ok: boolean;
  numRuns: number;
  /** fast-check seed and shrink path: pass them back as `{ seed, path }` to replay. */
  seed: number;
  path?: string;
  counterexample?: AllocationScenario;
  violation?: string;
  /** fast-check's report of a failure (includes seed and path). */
  report?: string;
}

export interface AllocationCheckReport {
  policy: string;
  ok: boolean;
  outcomes: AllocationPropertyOutcome[];
}

const hostSpec: fc.Arbitrary<AllocationHostSpec> = fc.record({
  pes: fc.integer({ min: 1, max: 4 }),
  mipsPerPe: fc.constantFrom(500, 1000, 2000),
  ramMb: fc.constantFrom(1024, 2048, 4096),
  bwMbps: fc.constantFrom(1000, 2000),
  storageMb: fc.constantFrom(20_000, 50_000),
  spaceShared: fc.boolean(),
});

const step: fc.Arbitrary<AllocationStep> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('request' as const),
      mips: fc.constantFrom(250, 500, 1000, 2000),
      pes: fc.integer({ min: 1, max: 3 }),
      ramMb: fc.constantFrom(256, 512, 1024, 2048),
      bwMbps: fc.constantFrom(100, 500, 1000),
      sizeMb: fc.constantFrom(5000, 10_000, 20_000),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const), pick: fc.nat(20) }) },
);

/** Scenarios the suite generates (exported so a researcher can reuse or narrow them). */
export const allocationScenarioArbitrary: fc.Arbitrary<AllocationScenario> = fc.record({
  hosts: fc.array(hostSpec, { minLength: 1, maxLength: 6 }),
  steps: fc.array(step, { minLength: 1, maxLength: 30 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

function buildHosts(specs: readonly AllocationHostSpec[]): Host[] {
  return specs.map(
    (spec, id) =>
      new Host({
        id,
        pes: makePes(spec.pes, spec.mipsPerPe),
        ramMb: spec.ramMb,
        bwMbps: spec.bwMbps,
        storageMb: spec.storageMb,
        vmScheduler: spec.spaceShared
          ? (pes) => new VmSchedulerSpaceShared(pes)
          : (pes) => new VmSchedulerTimeShared(pes),
      }),
  );
}

/** What a host has free, and how many VMs it holds. */
function footprint(host: Host): string {
  return `${host.availableMips}/${host.availableRamMb}/${host.availableBwMbps}/${host.availableStorageMb}/${host.vms.length}`;
}

/** An over-commitment of `host`, recounted from its VMs, or `undefined`. */
function overcommitment(host: Host, spec: AllocationHostSpec): string | undefined {
  let mips = 0;
  let ram = 0;
  let bw = 0;
  let storage = 0;
  let pes = 0;
  for (const vm of host.vms) {
    mips += vm.totalMips;
    ram += vm.ramMb;
    bw += vm.bwMbps;
    storage += vm.sizeMb;
    pes += vm.pes;
    if (vm.pes > spec.pes) return `host ${host.id} holds VM ${vm.id} with ${vm.pes} PEs but has ${spec.pes}`;
  }
  const checks: [string, number, number, number][] = [
    ['MIPS', mips, host.totalMips, host.availableMips],
    ['RAM', ram, host.ramMb, host.availableRamMb],
    ['bandwidth', bw, host.bwMbps, host.availableBwMbps],
    ['storage', storage, host.storageMb, host.availableStorageMb],
  ];
  for (const [what, used, capacity, free] of checks) {
    if (used > capacity) return `host ${host.id}: its VMs use ${used} ${what} of ${capacity}`;
    if (free !== capacity - used)
      return `host ${host.id}: ${free} ${what} free, but ${capacity} − ${used} used by its VMs = ${capacity - used}`;
  }
  if (spec.spaceShared && pes > spec.pes)
    return `host ${host.id} (space-shared) gives ${pes} PEs to its VMs but has ${spec.pes}`;
  return undefined;
}

/** Runs a scenario; returns the first violation of `property` and the choices (host index, −1 for none). */
function replay(
  scenario: AllocationScenario,
  makePolicy: AllocationPolicyFactory,
  property: AllocationProperty,
): { violation?: string; choices: number[] } {
  const hosts = buildHosts(scenario.hosts);
  const policy = makePolicy(new Simulation({ seed: scenario.seed }));
  const placed: Vm[] = [];
  const choices: number[] = [];
  for (let i = 0; i < scenario.steps.length; i++) {
    const s = scenario.steps[i];
    if (s.kind === 'release') {
      if (placed.length > 0) releaseVm(policy, placed.splice(s.pick % placed.length, 1)[0]);
      continue;
    }
    const vm = new Vm({
      id: i,
      mips: s.mips,
      pes: s.pes,
      ramMb: s.ramMb,
      bwMbps: s.bwMbps,
      sizeMb: s.sizeMb,
    });
    const before = hosts.map(footprint);
    const chosen = policy.allocateHostForVm(vm, hosts);
    const at = `step ${i} (VM ${i}: ${s.pes} PE × ${s.mips} MIPS, ${s.ramMb} MB)`;
    if (property === 'no-side-effects') {
      if (vm.host !== undefined) return { violation: `${at}: the policy placed the VM itself`, choices };
      const changed = hosts.findIndex((host, h) => footprint(host) !== before[h]);
      if (changed >= 0) return { violation: `${at}: asking changed host ${changed}`, choices };
    }
    const index = chosen === undefined ? -1 : hosts.indexOf(chosen);
    choices.push(index);
    if (property === 'suitable' && chosen !== undefined) {
      if (index < 0) return { violation: `${at}: returned a host that is not in the list`, choices };
      if (!chosen.isSuitableForVm(vm))
        return { violation: `${at}: returned host ${index}, which lacks ${chosen.unfitReason(vm)}`, choices };
    }
    if (property === 'complete' && chosen === undefined) {
      const fits = hosts.findIndex((host) => host.isSuitableForVm(vm));
      if (fits >= 0)
        return { violation: `${at}: returned no host, but host ${fits} can take the VM`, choices };
    }
    if (chosen?.createVm(vm) === true) placed.push(vm);
    if (property === 'no-overcommit') {
      for (let h = 0; h < hosts.length; h++) {
        const problem = overcommitment(hosts[h], scenario.hosts[h]);
        if (problem !== undefined) return { violation: `after ${at}: ${problem}`, choices };
      }
    }
  }
  return { choices };
}

/** The violation of `property` in `scenario`, if any. */
function violationOf(
  scenario: AllocationScenario,
  makePolicy: AllocationPolicyFactory,
  property: AllocationProperty,
): string | undefined {
  if (property !== 'deterministic') return replay(scenario, makePolicy, property).violation;
  const first = replay(scenario, makePolicy, property).choices;
  const second = replay(scenario, makePolicy, property).choices;
  const differ = first.findIndex((choice, i) => choice !== second[i]);
  return differ < 0 && first.length === second.length
    ? undefined
    : `request ${differ} of the same scenario, policy built from seed ${scenario.seed}: host ${first[differ]}, then host ${second[differ]}`;
}

/** Runs the contract suite on the policies `makePolicy` builds. */
export function checkAllocationPolicy(
  makePolicy: AllocationPolicyFactory,
  options: AllocationCheckOptions = {},
): AllocationCheckReport {
  const claimed = options.complete ?? true;
  const properties = (options.properties ?? ALL_PROPERTIES).filter((p) => p !== 'complete' || claimed);
  const outcomes = properties.map((property): AllocationPropertyOutcome => {
    const result = fc.check(
      fc.property(
        allocationScenarioArbitrary,
        (scenario) => violationOf(scenario, makePolicy, property) === undefined,
      ),
      {
        numRuns: options.numRuns ?? 100,
        seed: options.seed,
        path: options.path,
        endOnFailure: options.path !== undefined,
      },
    );
    const outcome: AllocationPropertyOutcome = {
      property,
      ok: !result.failed,
      numRuns: result.numRuns,
      seed: result.seed,
    };
    if (result.failed && result.counterexample !== null) {
      const [scenario] = result.counterexample;
      outcome.path = result.counterexamplePath ?? undefined;
      outcome.counterexample = scenario;
      outcome.violation = violationOf(scenario, makePolicy, property);
      outcome.report = fc.defaultReportMessage(result);
    }
    return outcome;
  });
  const name = makePolicy(new Simulation()).constructor.name;
  return { policy: name, ok: outcomes.every((o) => o.ok), outcomes };
}

/** One line per property: ok or the violation, with the seed (and path) to replay it. */
export function formatAllocationReport(report: AllocationCheckReport): string {
  const lines = report.outcomes.map((o) => {
    const replay = o.path === undefined ? `seed ${o.seed}` : `{ seed: ${o.seed}, path: "${o.path}" }`;
    return o.ok
      ? `  ok    ${o.property} (${o.numRuns} scenarios, ${replay})`
      : `  FAIL  ${o.property}: ${o.violation} — replay with ${replay}`;
  });
  return [
    `${report.policy}: ${report.ok ? 'passes' : 'fails'} the allocation-policy contract`,
    ...lines,
  ].join('\n');
}
