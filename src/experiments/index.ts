/** Experiments: the paper's experiment and presets, seed summaries, security studies, the CloudSim scale scenario. */
export * from './cloudsim/java-random.js';
export * from './cloudsim/scale-scenario.js';
export * from './scit/format.js';
export * from './scit/paper-experiment.js';
export * from './scit/ps-check.js';
export * from './scit/request-summary.js';
export * from './scit/security-study.js';
export * from './scit/security-summary.js';
export * from './scit/seed-summary.js';
export * from './script.js';
