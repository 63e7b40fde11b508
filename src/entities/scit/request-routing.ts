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
   * request, or -1 to drop it. `load(vm)` is the number of unfinished requests `vm` holds now (sent to
   * it and not yet returned); `random` is the run's routing stream (`requests.routing.<name>`);
   * `service` is the request's service index (for routings that keep state per service).
   */
  route(
    candidates: readonly number[],
    load: (vm: number) => number,
    random: RandomStream,
    service: number,
  ): number;
}

/**
 * DI token of the request routing (default: least loaded; built-ins by name in `REQUEST_ROUTINGS`:
 * `least-loaded`, `random`, `round-robin`). One instance per run (transient).
 */
export const REQUEST_ROUTING: ServiceIdentifier<RequestRouting> =
  token<RequestRouting>('routing.RequestRouting');
