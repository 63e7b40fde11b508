/** Attack plugins: they use only kernel timers, seeded streams and read-only views. */

export * from './attack-model.js';
export * from './exposure-aging.js';
export * from './host-compromises.js';
export * from './module.js';
export * from './options.js';
export * from './vm-escape.js';
