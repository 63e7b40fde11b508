/** Analysis: statistics (intervals, survival), the exact rotation chain, and the security CTMCs. */
export * from './ctmc/rotating-chain.js';
export * from './ctmc/static-ctmc.js';
export * from './exact-chain.js';
export * from './stats/interval.js';
export * from './stats/spread.js';
export * from './stats/survival.js';
