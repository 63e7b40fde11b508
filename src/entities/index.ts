/** CloudSim-style entities: hosts, VMs, cloudlets and the policy interfaces they call. */

export { CloudEntity } from './cloud-entity.js';
export { CloudEventBus } from './cloud-event-bus.js';
export {
  CloudInformationService,
  type InformationServiceMessage,
  type RegisteredResource,
  ShutdownEntity,
} from './cloud-information-service.js';
export {
  CloudSimulation,
  type CloudSimulationOptions,
  DEFAULT_MIN_TIME_BETWEEN_EVENTS,
} from './cloud-simulation.js';
export {
  Cloudlet,
  type CloudletOptions,
  type CloudletPrices,
  type CloudletStatus,
  CloudletTimes,
  FINAL_CLOUDLET_STATUSES,
  type UtilizationModel,
  UtilizationModelFull,
} from './cloudlet.js';
export {
  CLOUDLET_SCHEDULER_FACTORY,
  type CloudletScheduler,
  type CloudletSchedulerFactory,
  PROCESSING_BATCH_FACTORY,
  type ProcessingBatch,
  type ProcessingBatchFactory,
} from './cloudlet-scheduler.js';
export {
  type CloudletReturnEvent,
  Datacenter,
  type DatacenterCharacteristics,
  type DatacenterMessage,
  type DatacenterOptions,
  type DatacenterReply,
  EXAMPLE_CHARACTERISTICS,
  type VmFailureEvent,
  type VmFailureReason,
  type VmPlacementEvent,
} from './datacenter.js';
export { type BrokerMessage, DatacenterBroker, type VmFailure } from './datacenter-broker.js';
export { Host, type HostOptions, type UnfitReason } from './host.js';
export { makePes, Pe } from './pe.js';
export { SimpleProvisioner } from './provisioner.js';
export { Vm, type VmOptions } from './vm.js';
export {
  placeVm,
  releaseVm,
  VM_ALLOCATION_POLICY,
  type VmAllocationPolicy,
} from './vm-allocation-policy.js';
export { VM_SCHEDULER_FACTORY, type VmScheduler, type VmSchedulerFactory } from './vm-scheduler.js';
