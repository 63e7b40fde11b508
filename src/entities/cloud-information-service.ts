/**
 * The cloud information service (CloudSim's CIS, entity 1): datacenters register with it when the
 * simulation starts; brokers read the list to discover datacenters.
 */
import { assertNever, type SimEvent } from '../core/index.js';
import { CloudEntity } from './cloud-entity.js';
import type { CloudEventBus } from './cloud-event-bus.js';

/** Something that can register with the information service. */
export interface RegisteredResource {
  readonly id: number;
  readonly name: string;
}

/** Messages the information service understands. */
export type InformationServiceMessage = { type: 'register-resource'; resource: RegisteredResource };

/** Keeps the list of datacenters, in registration order. */
export class CloudInformationService extends CloudEntity<InformationServiceMessage> {
  private readonly resources: RegisteredResource[] = [];

  constructor(bus: CloudEventBus, name = 'CloudInformationService') {
    super(bus, name);
  }

  /** Registered resources (datacenters), in registration order. */
  get registered(): readonly RegisteredResource[] {
    return this.resources;
  }

  override handle(message: InformationServiceMessage, _event: SimEvent<InformationServiceMessage>): void {
    switch (message.type) {
      case 'register-resource':
        if (!this.resources.includes(message.resource)) this.resources.push(message.resource);
        break;
      default:
        assertNever(message.type);
    }
  }
}

/** CloudSim's shutdown entity (entity 0). Kept so that entity ids match CloudSim's; it does nothing. */
export class ShutdownEntity extends CloudEntity<never> {
  constructor(bus: CloudEventBus, name = 'CloudSimShutdown') {
    super(bus, name);
  }

  override handle(): void {}
}
