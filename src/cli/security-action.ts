/** The action of `scitsim security [SCENARIO]` (./security.ts), loaded when the command runs. */
import {
  SECURITY_STUDY_MARKER,
  type SecurityStudyResult,
  securityStudyJson,
  securityStudyReport,
  writeSecurityStudy,
} from '../experiments/scit/security-study.js';
import { DecisionTimeoutError } from '../parallel/watchdog.js';
import type { TimeDistribution } from '../policies/attacks/options.js';
import { checkOutputDir } from '../report/files.js';
import { runSecurityStudyOf, type StudySource } from '../scenario/study.js';
import { progressBar } from './progress.js';
import type { SecurityOptions } from './security.js';

/** Runs the security study of `scenarioFile` (default: the paper's system) with the parsed options. */
export async function runSecurity(scenarioFile: string | undefined, opts: SecurityOptions): Promise<void> {
  const source: StudySource = {
    ...(scenarioFile === undefined ? {} : { scenarioFile }),
    ...(opts.strategies === undefined
      ? {}
      : { strategies: opts.strategies.split(',').map((name) => name.trim()) }),
    ...(opts.strategyFile === undefined ? {} : { strategyFile: opts.strategyFile }),
    ...(opts.export === undefined ? {} : { export: opts.export }),
  };
  await checkOutputDir(opts.out, '--out', [SECURITY_STUDY_MARKER]);
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
  let result: SecurityStudyResult;
  try {
    // The scenario's settings, the flags over them; the seeds on worker threads that build the same
    // policies from the same source (the same result for any number of threads).
    result = await runSecurityStudyOf(source, {
      ...(opts.workers === undefined ? {} : { workers: opts.workers }),
      decisionTimeoutSeconds: opts.decisionTimeout,
      clockMillis: () => Date.now(),
      attack,
      ...(opts.seeds === undefined ? {} : { seeds: opts.seeds }),
      ...(opts.presetSeeds === undefined ? {} : { presetSeeds: opts.presetSeeds }),
      ...(opts.schedules === undefined ? {} : { schedules: opts.schedules }),
      ...(opts.exposures === undefined ? {} : { exposures: opts.exposures }),
      ...(opts.intervals === undefined ? {} : { intervals: opts.intervals }),
      security: opts.untilEveryServiceFails === true ? { horizonBasis: 'every-service' as const } : {},
      onProgress: bar
        ? (done, total) => {
            if (!started) bar.start(total, 0);
            started = true;
            bar.update(done);
          }
        : undefined,
    });
  } catch (error) {
    if (!(error instanceof DecisionTimeoutError)) throw error;
    // A worker thread's strategy that hung: said like a hang in this thread (see supervise.ts).
    console.error(`scitsim: ${error.message}; stopped.`);
    process.exitCode = 1;
    return;
  } finally {
    bar?.stop();
  }
  const files = await writeSecurityStudy(result, opts.out);
  if (opts.json) {
    console.log(JSON.stringify(securityStudyJson(result)));
    return;
  }
  console.log(securityStudyReport(result, files));
}
