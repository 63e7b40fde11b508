/** The experiment layer: the composition root, runs and sweeps, summaries, writers and tables. */
export * from './cloudsim/java-random.js';
export * from './cloudsim/scale.js';
export * from './cloudsim/table.js';
export * from './container.js';
export * from './io.js';
export * from './plugins.js';
export * from './scit/format.js';
export * from './scit/markov.js';
export * from './scit/output.js';
export * from './scit/paper-experiment.js';
export * from './scit/placement.js';
export * from './scit/requests.js';
export * from './scit/run.js';
export * from './scit/stats.js';
export * from './scit/sweep.js';
export * from './script.js';
export * from './scenario/index.js';
