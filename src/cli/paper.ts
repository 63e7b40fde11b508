import { join } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import { figureNotes, singleRunTable, summaryTable } from '../experiments/scit/format.js';
import { runPaperExperiment, summaryJson } from '../experiments/scit/paper-experiment.js';
import { wholeNumber } from './args.js';

/** The paper's experiment as a command (`scitsim paper`, `examples/paper/table3.ts`). */
export function paperCommand(name = 'paper') {
  return new Command()
    .name(name)
    .description('Reproduce the SCIT paper experiment (Table 3, Figures 10/11)')
    .option('--seeds <n>', 'seeds of the summary', wholeNumber('--seeds'), 1000)
    .option('--cycles <n>', 'clock cycles per run', wholeNumber('--cycles'), 30)
    .option('--seed <n>', 'seed of the single run with figures', wholeNumber('--seed'), 1)
    .option('--out <dir>', 'output directory', 'out/paper')
    .option('--json', 'print the summary as one JSON object', false)
    .option(
      '--strategies <names>',
      'comma-separated rotation strategies (conventional, redundancy-preserving, reserve-aware)',
      'conventional,redundancy-preserving',
    )
    .action(async (opts) => {
      await runPaper(opts);
    });
}

type PaperOptions = ReturnType<ReturnType<typeof paperCommand>['opts']>;

async function runPaper(opts: PaperOptions): Promise<void> {
  const started = performance.now();
  const bar = process.stderr.isTTY ? await progressBar(opts.seeds) : undefined;
  const result = await runPaperExperiment({
    seeds: opts.seeds,
    cycles: opts.cycles,
    seed: opts.seed,
    outDir: opts.out,
    strategies: opts.strategies.split(',').map((name) => name.trim()),
    clockMillis: () => performance.now(),
    onProgress: bar ? (strategy, done) => bar.update(done, { strategy }) : undefined,
  });
  bar?.stop();
  if (opts.json) {
    console.log(JSON.stringify(summaryJson(result)));
    return;
  }
  const totalSeconds = (performance.now() - started) / 1000;
  console.log(`SCIT with service redundancy — the paper's system: 3 hosts × 4 VMs, 6 Web + 2 DNS online`);
  console.log(`(minimum 1 + 1), E = 180 s, C = 60 s, G = 0; targets: ${formatTargets(result.targets)}.\n`);
  for (const warning of result.starvationWarnings)
    console.log(`Warning (${warning.appliesTo} strategies): ${warning.message}\n`);
  console.log(`Single run, seed ${result.seed}, ${result.cycles} clock cycles, with client requests:\n`);
  console.log(singleRunTable(result));
  console.log(
    `\nSummary over ${result.seeds} seeds × ${result.cycles} cycles (requests off: they do not affect rotation):\n`,
  );
  console.log(summaryTable(result));
  if (result.attack !== undefined) {
    const a = result.attack;
    console.log(
      `\nVM escape (our addition): an attempt every ${a.meanIntervalSeconds} s on average against a random Active VM;` +
        `\nit takes ${a.escapeSeconds} s (defeated if the VM is rotated out first) and holds the host ${a.hostCompromiseSeconds} s.` +
        '\nA service is down while every host running it is compromised.',
    );
  }
  console.log(
    `\nFigures 10/11 (seed ${result.seed}): x = clock cycle, y = redundancy level, i.e. hosts with an`,
  );
  console.log('Active VM of the service; one line per service. In this run:');
  for (const line of figureNotes(result)) console.log(line);
  console.log('\nFiles written:');
  for (const entry of Object.values(result.single)) for (const file of entry.files) console.log(`  ${file}`);
  console.log(`  ${join(opts.out, 'summary.json')}  (the many-seed summary, as printed by --json)`);
  console.log('\nExact values of the summary (Markov chain, ~8 s): npx tsx examples/paper/exact.ts');
  console.log(
    `\nSummary computed in ${((result.summaryMillis ?? 0) / 1000).toFixed(2)} s; whole experiment ${totalSeconds.toFixed(2)} s.`,
  );
}

function formatTargets(targets: Record<string, number>): string {
  return Object.entries(targets)
    .map(([service, level]) => `${service} ≥ ${level} hosts`)
    .join(', ');
}

async function progressBar(total: number) {
  const { default: progress } = await import('cli-progress');
  const bar = new progress.SingleBar(
    { format: '{strategy} [{bar}] {value}/{total} seeds', hideCursor: true, clearOnComplete: true },
    progress.Presets.shades_classic,
  );
  bar.start(total, 0, { strategy: '' });
  return bar;
}
