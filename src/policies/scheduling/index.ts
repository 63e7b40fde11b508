/** VM schedulers (how a host shares PEs) and cloudlet schedulers (how a VM runs cloudlets). */

export { CloudletProgressGroups } from './cloudlet-progress-groups.js';
export { CloudletSchedulerSpaceShared } from './cloudlet-scheduler-space-shared.js';
export { CloudletSchedulerTimeShared } from './cloudlet-scheduler-time-shared.js';
export { CloudletSchedulerTimeSharedFast } from './cloudlet-scheduler-time-shared-fast.js';
export { VmSchedulerSpaceShared } from './vm-scheduler-space-shared.js';
export { VmSchedulerTimeShared } from './vm-scheduler-time-shared.js';
