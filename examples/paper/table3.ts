/**
 * The seed paper's experiment (Table 3, Figures 10/11): conventional vs redundancy-preserving SCIT.
 *
 *   npx tsx examples/paper/table3.ts [--seeds 1000] [--cycles 30] [--seed 1] [--out out/paper] [--json]
 *
 * One seed (with client requests): per strategy, the Web/DNS redundancy level per clock cycle as CSV,
 * JSON and an SVG figure. Many seeds (requests off): a summary table per strategy, or one JSON object.
 * Same as `scitsim paper`; the experiment itself is `runPaperExperiment` in src/experiments/scit.
 */
import { runCli } from '../../src/cli/errors.js';
import { paperCommand } from '../../src/cli/paper.js';

await runCli(() => paperCommand('table3').parseAsync());
