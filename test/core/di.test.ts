import { Container, ContainerModule, inject, injectable } from 'inversify';
import { describe, expect, it } from 'vitest';
import { coreModule, Entity, SIMULATION, Simulation, token } from '../../src/core/index.js';

/** A toy policy interface, to show the override mechanism the cloud layers use. */
interface ServiceTimePolicy {
  serviceSeconds(job: number): number;
}
const SERVICE_TIME = token<ServiceTimePolicy>('test.ServiceTimePolicy');

@injectable()
class ConstantServiceTime implements ServiceTimePolicy {
  serviceSeconds(): number {
    return 2;
  }
}

@injectable()
class RandomServiceTime implements ServiceTimePolicy {
  constructor(@inject(SIMULATION) private readonly sim: Simulation) {}
  serviceSeconds(): number {
    return this.sim.random('service').exponential(2);
  }
}

const SERVER = token<Server>('test.Server');

@injectable()
class Server extends Entity<{ type: 'job'; id: number }> {
  readonly finished: number[] = [];
  constructor(
    @inject(SIMULATION) sim: Simulation,
    @inject(SERVICE_TIME) private readonly policy: ServiceTimePolicy,
  ) {
    super(sim, 'server');
  }
  override onStart(): void {
    for (let id = 0; id < 3; id++) this.sendSelf(0, { type: 'job', id });
  }
  handle(msg: { type: 'job'; id: number }): void {
    this.sim.schedule(this.policy.serviceSeconds(msg.id), () => this.finished.push(this.sim.now));
  }
}

const defaults = new ContainerModule(({ bind }) => {
  bind(SERVICE_TIME).to(ConstantServiceTime).inSingletonScope();
  bind(SERVER).to(Server).inSingletonScope();
});

function runWith(container: Container): number[] {
  const server = container.get(SERVER);
  container.get(SIMULATION).run();
  return server.finished;
}

describe('DI composition', () => {
  it('builds a run from modules with typed tokens', () => {
    const container = new Container();
    container.load(coreModule({ seed: 1 }), defaults);
    expect(runWith(container)).toEqual([2, 2, 2]);
  });

  it('rebind(TOKEN).to(OtherPolicy) changes the behaviour of the run', () => {
    const container = new Container();
    container.load(coreModule({ seed: 1 }), defaults);
    container.rebind(SERVICE_TIME).to(RandomServiceTime).inSingletonScope();
    const finished = runWith(container);
    expect(finished).toHaveLength(3);
    expect(finished).not.toEqual([2, 2, 2]);
    // …and stays deterministic for the same seed.
    const again = new Container();
    again.load(coreModule({ seed: 1 }), defaults);
    again.rebind(SERVICE_TIME).to(RandomServiceTime).inSingletonScope();
    expect(runWith(again)).toEqual(finished);
  });

  it('each container owns its own simulation', () => {
    const a = new Container();
    const b = new Container();
    a.load(coreModule({ seed: 1 }));
    b.load(coreModule({ seed: 1 }));
    expect(a.get(SIMULATION)).not.toBe(b.get(SIMULATION));
    expect(a.get(SIMULATION)).toBe(a.get(SIMULATION));
  });
});
