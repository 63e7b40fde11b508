/** DI bindings of the request routings (the routing layer's one place that names them). */
import { ContainerModule, type Newable } from 'inversify';
import { REQUEST_ROUTING, type RequestRouting } from '../../entities/scit/request-routing.js';
import { type NameOrClass, resolveClass } from '../registry.js';
import { LeastLoadedRouting } from './least-loaded.js';
import { RandomRouting } from './random-routing.js';
import { RoundRobinRouting } from './round-robin.js';

/** Built-in routings by name. */
export const REQUEST_ROUTINGS = {
  'least-loaded': LeastLoadedRouting,
  random: RandomRouting,
  'round-robin': RoundRobinRouting,
} as const satisfies Record<string, Newable<RequestRouting>>;

/** The routing class for a built-in name or a class. */
export function requestRoutingClass(
  routing: NameOrClass<RequestRouting>,
  field = 'routing',
): Newable<RequestRouting> {
  return resolveClass<RequestRouting>(REQUEST_ROUTINGS, routing, field, 'request routing');
}

/** Binds {@link REQUEST_ROUTING} to `routing` (default least loaded), a new instance per `get`. */
export function routingModule(routing: NameOrClass<RequestRouting> = 'least-loaded'): ContainerModule {
  const implementation = requestRoutingClass(routing);
  return new ContainerModule(({ bind }) => {
    bind(REQUEST_ROUTING).to(implementation).inTransientScope();
  });
}
