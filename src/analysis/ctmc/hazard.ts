/**
 * Failure rates of a frozen layout under independent host compromises — the building block of the
 * rotating-system model and of the default horizons.
 *
 * Assumptions: successful escapes hit host h as a Poisson process of rate e_h = n_h · r (n_h Active
 * VMs on h, r escapes per Active VM per second), and a compromise lasts R on average, extended to the
 * later end by a new escape. Then "h is compromised" is the busy state of an M/G/∞ queue, so (for any
 * distribution of R) P(h compromised) = p_h = 1 − exp(−e_h R), and h becomes compromised at the rate
 * e_h · (1 − p_h); hosts are independent. A service s is down when every host of S_s (hosts with an
 * Active VM of s) is compromised, so it goes down at the rate
 *   λ_s = Σ_{h ∈ S_s} e_h (1 − p_h) Π_{h' ∈ S_s, h' ≠ h} p_h',
 * and the system (some service down) at Σ_h e_h (1 − p_h) · [P(U | h compromised) − P(U | h not)],
 * U = "some service down", over the other hosts' states (enumerated up to 20 hosts; above that, the
 * union bound Σ_s λ_s). 1/λ is the quasi-stationary mean time to failure of the layout.
 */

/** The part of a layout that matters: Active VMs of service s on host h, `active[s][h]`. */
export type ActiveLayout = readonly (readonly number[])[];

/**
 * Failure rates (per second) of a layout: of the system (the union bound Σ_s λ_s above 20 hosts) and
 * of each service.
 */
export interface LayoutRates {
  system: number;
  services: number[];
}

const ENUMERATED_HOSTS = 20;

/** Per host: P(compromised) and the rate of becoming compromised (see the module comment). */
function hostCompromise(layout: ActiveLayout, escapesPerActiveVmSecond: number, recoverySeconds: number) {
  const hosts = layout[0]?.length ?? 0;
  const compromised: number[] = [];
  const entering: number[] = [];
  for (let h = 0; h < hosts; h++) {
    let vms = 0;
    for (const row of layout) vms += row[h];
    const rate = vms * escapesPerActiveVmSecond;
    const p = -Math.expm1(-rate * recoverySeconds);
    compromised.push(p);
    entering.push(rate * (1 - p));
  }
  return { compromised, entering };
}

/** Hosts with an Active VM of each service, as index lists. */
function serviceHosts(layout: ActiveLayout): number[][] {
  return layout.map((row) => row.flatMap((count, h) => (count > 0 ? [h] : [])));
}

/** Failure rates of `layout` (see the module comment). */
export function layoutFailureRates(
  layout: ActiveLayout,
  escapesPerActiveVmSecond: number,
  recoverySeconds: number,
): LayoutRates {
  const { compromised: p, entering } = hostCompromise(layout, escapesPerActiveVmSecond, recoverySeconds);
  const sets = serviceHosts(layout);
  const services = sets.map((hosts) => {
    let rate = 0;
    for (const h of hosts) {
      let others = 1;
      for (const g of hosts) if (g !== h) others *= p[g];
      rate += entering[h] * others;
    }
    return rate;
  });
  const hostCount = p.length;
  if (hostCount > ENUMERATED_HOSTS) return { system: services.reduce((a, b) => a + b, 0), services };
  const masks = sets.map((hosts) => hosts.reduce((mask, h) => mask | (1 << h), 0));
  const down = (set: number) => masks.some((mask) => mask !== 0 && (set & mask) === mask);
  // Only hosts that run some service matter; the others are left out of the enumeration.
  const relevant = [...new Set(sets.flat())].sort((a, b) => a - b);
  let system = 0;
  for (const h of relevant) {
    const others = relevant.filter((g) => g !== h);
    let gain = 0;
    for (let subset = 0; subset < 1 << others.length; subset++) {
      let probability = 1;
      let set = 0;
      others.forEach((g, i) => {
        if (subset & (1 << i)) {
          probability *= p[g];
          set |= 1 << g;
        } else probability *= 1 - p[g];
      });
      if (down(set | (1 << h)) && !down(set)) gain += probability;
    }
    system += entering[h] * gain;
  }
  return { system, services };
}

/** The Active VMs per service and host of a configuration's initial layout. */
export function initialActiveLayout(config: {
  hostCount: number;
  services: readonly unknown[];
  layout: readonly (readonly { state: string; service?: number }[])[];
}): number[][] {
  const active = config.services.map(() => new Array<number>(config.hostCount).fill(0));
  config.layout.forEach((slots, h) => {
    for (const slot of slots)
      if (slot.state === 'active' && slot.service !== undefined) active[slot.service][h]++;
  });
  return active;
}
