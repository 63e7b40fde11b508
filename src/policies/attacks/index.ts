/** Attack plugins: they use only kernel timers, seeded streams and read-only views. */
export * from './module.js';
export * from './types.js';
export * from './vm-escape.js';
