/**
 * One run of CloudSim's scale scenario in a process of its own, for bench/cloudsim-scale.bench.ts: its
 * peak RSS is the process's own, not that of earlier sizes. On Linux it is read from `VmHWM` in
 * /proc/self/status: `resourceUsage().maxRSS` keeps the high-water mark across fork and exec, so a
 * child spawned by the bench (after its own 10^6 run) reported at least the parent's RSS at the spawn
 * (the 10^4 and 10^5 children read the same ~220 MiB). Elsewhere it falls back to `maxRSS`.
 * Usage: `node --import tsx bench/scale-child.ts H V C`; prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { runScale } from '../src/experiments/cloudsim/scale-scenario.js';
import { createRunContainer } from '../src/runs/container.js';

const [hosts, vms, cloudlets] = process.argv.slice(2, 5).map(Number);
const started = performance.now();
const result = runScale(createRunContainer(), { hosts, vms, cloudlets });
const wallSeconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    wallSeconds,
    maxRssBytes: peakRssBytes(),
    finishTimeSum: Number(result.finishTimeSum.toFixed(3)),
    events: result.events,
  }),
);

/** Peak resident memory of this process image (see the file comment), in bytes. */
function peakRssBytes(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match !== null) return Number(match[1]) * 1024;
  } catch {
    // not Linux: no /proc
  }
  return process.resourceUsage().maxRSS * 1024;
}
