/** VM allocation policies (which host gets a VM). */
export { VmAllocationPolicySimple } from './vm-allocation-policy-simple.js';
