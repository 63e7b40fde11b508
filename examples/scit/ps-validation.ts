/**
 * The request model against queueing theory: rotation off, one service on k VMs of m MIPS, Poisson
 * arrivals, random routing and the time-shared cloudlet scheduler make each VM an M/G/1
 * processor-sharing queue, whose mean response time is (L/m)/(1 − ρ), ρ = λL/(k·m).
 *
 *   npx tsx examples/scit/ps-validation.ts --rho 0.8 [--lengths exponential|fixed] [--requests 100000]
 *       [--vms 4] [--vm-mips 1000] [--mean-length 5000] [--seed 1] [--engine cloudlets|fast] [--json]
 *
 * By default the requests run as cloudlets through the broker, the datacenter and the VMs' schedulers
 * (`--engine fast`: the fast path, same results, about twice as fast). Service times of seconds (5000
 * MI at 1000 MIPS) keep CloudSim's 0.01 s event gap negligible. The default 100,000 requests take a
 * few seconds; `npm run test:queueing` checks ρ = 0.3, 0.6, 0.8 with both length distributions.
 * `--json` prints one JSON object (the seed included: the same seed gives the same numbers).
 */
import {
  alignedTable,
  ConfigError,
  processorSharingCheck,
  type RequestLengths,
  runScript,
  type ScriptValues,
} from 'scitsim';

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed))
    throw new ConfigError(`--${name}`, value, 'must be a number');
  return parsed;
}

/** The command-line options (`--help` lists them). */
const OPTIONS = {
  rho: { type: 'string' },
  lengths: { type: 'string', default: 'exponential' },
  requests: { type: 'string' },
  vms: { type: 'string' },
  'vm-mips': { type: 'string' },
  'mean-length': { type: 'string' },
  seed: { type: 'string' },
  engine: { type: 'string', default: 'cloudlets' },
  json: { type: 'boolean', default: false },
} as const;

function main(values: ScriptValues<typeof OPTIONS>): void {
  const rho = number('rho', values.rho);
  if (rho === undefined)
    throw new ConfigError('--rho', undefined, 'is required (a utilization, 0 < rho < 1)');
  if (values.lengths !== 'exponential' && values.lengths !== 'fixed')
    throw new ConfigError('--lengths', values.lengths, 'valid values are: exponential, fixed');
  if (values.engine !== 'cloudlets' && values.engine !== 'fast')
    throw new ConfigError('--engine', values.engine, 'valid values are: cloudlets, fast');
  const check = processorSharingCheck({
    rho,
    lengths: values.lengths as RequestLengths,
    requests: number('requests', values.requests),
    vms: number('vms', values.vms),
    vmMips: number('vm-mips', values['vm-mips']),
    meanLengthMi: number('mean-length', values['mean-length']),
    seed: number('seed', values.seed),
    engine: values.engine,
  });
  if (values.json) {
    console.log(JSON.stringify(check));
    return;
  }
  const seconds = (value: number) => `${value.toFixed(3)} s`;
  const [low, high] = check.meanResponseCi95Seconds;
  console.log(
    `M/G/1 processor sharing per VM: ${check.vms} VMs of ${check.vmMips} MIPS, ${check.lengths} lengths of mean ` +
      `${check.meanLengthMi} MI,\n${check.arrivalsPerSecond.toPrecision(4)} arrivals/s (random routing), rotation off, ` +
      `requests run as ${check.engine === 'fast' ? 'the fast path' : 'cloudlets'}, seed ${check.seed}.\n`,
  );
  console.log(
    alignedTable([
      ['', 'value'],
      ['utilization ρ (offered by the lengths drawn)', `${rho} (${check.offeredRho.toFixed(4)})`],
      ['requests measured (after the warm-up)', String(check.requests)],
      ['mean response, simulated', seconds(check.meanResponseSeconds)],
      ['95% confidence interval (batch means)', `${seconds(low)} … ${seconds(high)}`],
      ['mean response, theory (L/m)/(1 − ρ)', seconds(check.theoryResponseSeconds)],
      ['error', `${check.errorPercent >= 0 ? '+' : ''}${check.errorPercent.toFixed(2)}%`],
    ]),
  );
}

await runScript(import.meta.url, main, OPTIONS);
