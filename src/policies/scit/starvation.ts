/**
 * Static starvation analysis: configurations in which some expired VM is *certain* to wait forever,
 * found before a run (the run itself also detects starvation at runtime and stops; see
 * `CentralController`).
 *
 * - `no-offline-vm` (any strategy): every VM is online, so no spare can ever exist; the first expired
 *   VM waits forever.
 * - `pinned-host` (strategies that keep every level ≥ target: redundancy-preserving, reserve-aware):
 *   a host with no offline VM whose Active VMs all belong to services with T_s = H (spread over every
 *   host). Such a VM may only be replaced on its own host (no host lacks its service, and the level may
 *   not drop), its host never gets a spare (its VMs can never leave), so it waits forever.
 */
import type { ResolvedScitConfig } from '../../entities/scit/config.js';

export interface StarvationFinding {
  kind: 'no-offline-vm' | 'pinned-host';
  /** Which strategies it concerns. */
  appliesTo: 'all' | 'target-preserving';
  host?: number;
  message: string;
}

/** Certain starvation in `config`, if any (empty when none is certain — not a proof of liveness). */
export function findCertainStarvation(config: ResolvedScitConfig): StarvationFinding[] {
  const slots = config.layout.flat();
  if (slots.every((slot) => slot.state === 'active'))
    return [
      {
        kind: 'no-offline-vm',
        appliesTo: 'all',
        message: `every one of the ${slots.length} VMs is online: no spare can ever exist, expired VMs wait forever`,
      },
    ];
  const findings: StarvationFinding[] = [];
  config.layout.forEach((host, h) => {
    const pinned = host.every(
      (slot) => slot.state === 'active' && config.services[slot.service].target === config.hostCount,
    );
    if (pinned && host.length > 0) {
      const names = [
        ...new Set(host.map((slot) => (slot.state === 'active' ? config.services[slot.service].name : ''))),
      ];
      findings.push({
        kind: 'pinned-host',
        appliesTo: 'target-preserving',
        host: h,
        message:
          `host ${h} has no offline VM and only runs ${names.join(', ')} (target = all ${config.hostCount} hosts): ` +
          'its VMs can never be replaced without lowering a level',
      });
    }
  });
  return findings;
}
