/**
 * An uneven SCIT system: the paper's services (6 Web + 2 DNS online) on three hosts of 3, 5 and 4 VM
 * slots (`hosts: [{vms: 3}, {vms: 5}, {vms: 4}]`) instead of 3 × 4, and DNS rotated faster than Web
 * (`services[1].exposureSeconds: 90`; Web keeps the system's E = 180 s). Grace and cleansing stay per
 * system. The default allocation deals the Active VMs round-robin over the hosts with free slots.
 *
 *   npx tsx examples/scit/uneven-hosts.ts
 *
 * Per system and strategy: the exact chain's share of cycles with DNS below target and of runs with
 * any drop (conventional), and the delays of the paper's strategy, 20 cycles.
 */
import {
  alignedTable,
  createRunContainer,
  paperScitConfig,
  resolveScitConfig,
  runScript,
  type ScitConfig,
} from 'scitsim';
import { exactSummary } from 'scitsim/analysis';

const CYCLES = 20;
// The paper's system without its written layout (the allocation deals it), and its hosts given both ways.
const { layout: _layout, hosts: _hosts, vmsPerHost: _vmsPerHost, ...paper } = paperScitConfig();
const uneven = [{ vms: 3 }, { vms: 5 }, { vms: 4 }];

const SYSTEMS: [string, ScitConfig][] = [
  ['3 × 4 slots, E = 180 s', { ...paper, hosts: 3, vmsPerHost: 4 }],
  ['3, 5, 4 slots, E = 180 s', { ...paper, hosts: uneven }],
  [
    '3, 5, 4 slots, DNS E = 90 s',
    { ...paper, hosts: uneven, services: [paper.services[0], { ...paper.services[1], exposureSeconds: 90 }] },
  ],
];

const percent = (x: number) => `${(100 * x).toFixed(2)}%`;

async function main(): Promise<void> {
  const conventional = createRunContainer({ rotation: 'conventional' });
  const preserving = createRunContainer({ rotation: 'redundancy-preserving' });
  const rows: string[][] = [
    [
      'system',
      'initial layout',
      'conv.: DNS cycles below',
      'conv.: runs with a drop',
      'r-p: switches delayed',
    ],
  ];
  for (const [label, given] of SYSTEMS) {
    const config = resolveScitConfig(given);
    const layout = config.layout
      .map((host) =>
        host.map((slot) => (slot.state === 'active' ? config.services[slot.service].name[0] : '·')).join(''),
      )
      .join(' | ');
    const c = exactSummary(conventional, config, CYCLES);
    const p = exactSummary(preserving, config, CYCLES);
    rows.push([
      label,
      layout,
      percent(c.degradedCycleShare.DNS),
      percent(c.degradedRunShare),
      percent(p.delay.probability),
    ]);
  }
  console.log(
    `The paper's services on even and uneven hosts; exact chain, ${CYCLES} cycles (W: Web, D: DNS, ·: spare):\n`,
  );
  console.log(alignedTable(rows));
}

await runScript(import.meta.url, main);
