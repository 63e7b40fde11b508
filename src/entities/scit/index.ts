/** SCIT entities: VM states, the distribution table, the tolerance and central controllers. */
export * from './central-controller.js';
export * from './cloud-placement.js';
export * from './config.js';
export * from './distribution-table.js';
export * from './limits.js';
export * from './paper-system.js';
export * from './request-broker.js';
export * from './request-dispatch.js';
export * from './request-fast-path.js';
export * from './request-workload.js';
export * from './rotation-strategy.js';
export * from './scit-system.js';
export * from './scit-vm.js';
export * from './tolerance-controller.js';
export * from './types.js';
export * from './vm-records.js';
