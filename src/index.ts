/**
 * scitsim's public API — everything an experiment script needs: the kernel, the CloudSim entities and
 * policies, the SCIT system, its rotation strategies, attack models and spec checker, and the experiment
 * layer (the composition root, runs, seed sweeps, the paper's defaults, summaries, writers, tables).
 *
 * @example
 * ```ts
 * import { createRunContainer, paperScitConfig, resolveScitConfig, summarizeSeeds } from 'scitsim';
 * const container = createRunContainer({ rotation: 'conventional' });
 * const summary = summarizeSeeds(container, resolveScitConfig(paperScitConfig()), { seeds: 100, cycles: 30 });
 * ```
 */
export { Container, inject, injectable } from 'inversify';
export * from './analysis/index.js';
export * from './checks/index.js';
export * from './core/index.js';
export * from './entities/index.js';
export * from './entities/scit/index.js';
export * from './experiments/index.js';
export * from './parallel/index.js';
export * from './policies/allocation/index.js';
export * from './policies/attacks/index.js';
export * from './policies/cloudsim-module.js';
export * from './policies/registry.js';
export * from './policies/routing/index.js';
export * from './policies/scheduling/index.js';
export * from './policies/scit/index.js';
export * from './report/index.js';
export * from './runs/index.js';
export * from './scenario/index.js';
export * from './sweep/index.js';
