/** Attack plugins: they use only kernel timers, seeded streams and read-only views. */
export * from './vm-escape.js';
