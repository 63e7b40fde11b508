/** The action of `scitsim security` (./security.ts), loaded when the command runs. */
import type { Newable } from 'inversify';
import type { RotationStrategy } from '../entities/scit/rotation-strategy.js';
import {
  runSecurityStudy,
  SECURITY_STUDY_MARKER,
  securityStudyJson,
  securityStudyReport,
  writeSecurityStudy,
} from '../experiments/scit/security-study.js';
import type { TimeDistribution } from '../policies/attacks/options.js';
import { checkOutputDir } from '../report/files.js';
import { loadStrategyClass } from '../runs/plugins.js';
import { progressBar } from './progress.js';
import type { SecurityOptions } from './security.js';

/** Runs the security study with the parsed options of `scitsim security`. */
export async function runSecurity(opts: SecurityOptions): Promise<void> {
  await checkOutputDir(opts.out, '--out', [SECURITY_STUDY_MARKER]);
  const strategies: (string | Newable<RotationStrategy>)[] = opts.strategies
    .split(',')
    .map((name) => name.trim());
  if (opts.strategyFile !== undefined)
    strategies.push(await loadStrategyClass(opts.strategyFile, opts.export));
  const attack = {
    ...(opts.attackInterval === undefined ? {} : { meanIntervalSeconds: opts.attackInterval }),
    ...(opts.escape === undefined ? {} : { escapeSeconds: opts.escape }),
    ...(opts.escapeDistribution === undefined
      ? {}
      : { escapeDistribution: opts.escapeDistribution as TimeDistribution }),
    ...(opts.recovery === undefined ? {} : { recoverySeconds: opts.recovery }),
    ...(opts.recoveryDistribution === undefined
      ? {}
      : { recoveryDistribution: opts.recoveryDistribution as TimeDistribution }),
  };
  const bar = process.stderr.isTTY
    ? await progressBar('security [{bar}] {value}/{total} runs, ETA {eta_formatted}')
    : undefined;
  let started = false;
  const result = (() => {
    try {
      return runSecurityStudy({
        strategies,
        attack,
        seeds: opts.seeds,
        presetSeeds: opts.presetSeeds,
        schedules: opts.schedules,
        exposures: opts.exposures,
        intervals: opts.intervals,
        onProgress: bar
          ? (done, total) => {
              if (!started) bar.start(total, 0);
              started = true;
              bar.update(done);
            }
          : undefined,
      });
    } finally {
      bar?.stop();
    }
  })();
  const files = await writeSecurityStudy(result, opts.out);
  if (opts.json) {
    console.log(JSON.stringify(securityStudyJson(result)));
    return;
  }
  console.log(securityStudyReport(result, files));
}
