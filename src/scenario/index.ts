/** Scenario files: the schema, loading and validation, and running either kind. */
export * from './cloudsim.js';
export * from './issues.js';
export * from './load.js';
export * from './schema.js';
export * from './scit.js';
