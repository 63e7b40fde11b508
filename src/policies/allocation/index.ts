/** VM allocation policies (which host gets a VM). Each returns its choice; the caller places the VM. */
export { VmAllocationPolicyBestFit } from './vm-allocation-policy-best-fit.js';
export { VmAllocationPolicyFirstFit } from './vm-allocation-policy-first-fit.js';
export { RANDOM_ALLOCATION_STREAM, VmAllocationPolicyRandom } from './vm-allocation-policy-random.js';
export { VmAllocationPolicyRoundRobin } from './vm-allocation-policy-round-robin.js';
export { VmAllocationPolicyServiceAware } from './vm-allocation-policy-service-aware.js';
export { VmAllocationPolicySimple } from './vm-allocation-policy-simple.js';
export { VmAllocationPolicySimpleIndexed } from './vm-allocation-policy-simple-indexed.js';
export { VmAllocationPolicyWorstFit } from './vm-allocation-policy-worst-fit.js';
