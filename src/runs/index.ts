/** One run: the composition root, user plugin classes, limits, and a SCIT run with its requests and monitors. */
export * from './container.js';
export * from './metrics.js';
export * from './placement.js';
export * from './plugins.js';
export * from './requests.js';
export * from './run-limits.js';
export * from './scit-run.js';
export * from './security-monitor.js';
