/**
 * The seed paper's experiment (Table 3, Figures 7–11): 3 hosts × 4 VMs, 6 Web + 2 DNS required,
 * minimum 1 + 1, E = 180 s, C = 60 s, G = 0, and the initial layout of Table 1 / Figure 7.
 */
import type { ScitConfig } from './config.js';

/** The paper's system. Default timing: see `ScitConfig` (first expiries staggered over E). */
export function paperScitConfig(): ScitConfig {
  return {
    hosts: 3,
    vmsPerHost: 4,
    services: [
      { name: 'Web', required: 6, minimum: 1 },
      { name: 'DNS', required: 2, minimum: 1 },
    ],
    exposureSeconds: 180,
    cleansingSeconds: 60,
    graceSeconds: 0,
    layout: [
      ['Web', 'Web', 'Web', 'spare'],
      ['Web', 'DNS', 'cleansing', 'cleansing'],
      ['Web', 'Web', 'DNS', 'cleansing'],
    ],
  };
}
