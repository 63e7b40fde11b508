/** Request routing: which Active VM of a service receives a client request. */
export * from './least-loaded.js';
export * from './module.js';
export * from './random-routing.js';
export * from './round-robin.js';
