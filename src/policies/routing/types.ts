/**
 * The request-routing seam: which Active VM of a service receives a client request. Bound to
 * {@link REQUEST_ROUTING}; swap it with `container.rebind(REQUEST_ROUTING).to(MyRouting)`.
 */
import type { ServiceIdentifier } from 'inversify';
import { token } from '../../core/di.js';
import type { RandomStream } from '../../core/random.js';

/** Chooses the VM that receives one request. A decision, returned as a value: the caller applies it. */
export interface RequestRouting {
  /** Short name used in outputs. */
  readonly name: string;
  /**
   * The VM (one of `candidates`, the service's Active VMs in increasing id order) that receives the
   * request, or -1 to drop it. `load(vm)` is the number of unfinished requests `vm` holds now.
   */
  route(candidates: readonly number[], load: (vm: number) => number, random: RandomStream): number;
}

/** DI token of the request routing (default: least loaded). One instance per run (transient). */
export const REQUEST_ROUTING: ServiceIdentifier<RequestRouting> =
  token<RequestRouting>('routing.RequestRouting');
