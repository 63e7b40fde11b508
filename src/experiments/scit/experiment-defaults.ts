/**
 * Defaults and file markers of the paper's experiment and the security study, in a module of their own:
 * the command's options name them without loading the experiments.
 */

/** Seeds of the request summary by default (at most the summary's seeds): ~1 s for the paper's system. */
export const PAPER_REQUEST_SEEDS = 20;

/** What marks a directory as holding an earlier paper result set (it may be replaced). */
export const PAPER_SET_MARKER = 'summary.json';

/** Exposure times of the default grid (seconds). */
export const STUDY_EXPOSURES = [30, 60, 120, 180, 300, 600] as const;
/** Mean attack intervals of the default grid (seconds). */
export const STUDY_INTERVALS = [60, 120, 300, 600] as const;
/** Default seeds per grid point and strategy of the security study. */
export const STUDY_SEEDS = 200;
/** Default seeds of the preset's full summary. */
export const STUDY_PRESET_SEEDS = 400;
/** Default rotation schedules of the analytic values. */
export const STUDY_SCHEDULES = 10;

/** The file that marks a directory as holding a security study (for `checkOutputDir`). */
export const SECURITY_STUDY_MARKER = 'security.csv';
