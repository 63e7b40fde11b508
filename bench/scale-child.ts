/**
 * One run of CloudSim's scale scenario in a process of its own, for bench/cloudsim-scale.bench.ts: its
 * peak RSS is the process's own (`process.resourceUsage().maxRSS`), not that of earlier sizes.
 * Usage: `node --import tsx bench/scale-child.ts H V C`; prints one JSON line.
 */
import { runScale } from '../src/experiments/cloudsim/scale-scenario.js';
import { createRunContainer } from '../src/runs/container.js';

const [hosts, vms, cloudlets] = process.argv.slice(2, 5).map(Number);
const started = performance.now();
const result = runScale(createRunContainer(), { hosts, vms, cloudlets });
const wallSeconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    wallSeconds,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    finishTimeSum: Number(result.finishTimeSum.toFixed(3)),
    events: result.events,
  }),
);
