/**
 * The SCIT side of a VM: its state and current service. It only *receives* one-way commands; it holds no
 * reference to any controller and cannot send anything back. An illegal command (e.g. `activate` on a VM
 * that is not a live spare) is a bug in the controller and throws.
 */
import type { Simulation } from '../../core/simulation.js';
import type { InitialSlot, ScitCommand, ScitState, ScitVmPort } from './types.js';

/** A VM under SCIT control. `vm` is the underlying cloud VM object when the system is built on hosts. */
export class ScitVm<V = unknown> implements ScitVmPort {
  private currentState: ScitState;
  private currentService: number;

  constructor(
    readonly id: number,
    readonly hostId: number,
    initial: InitialSlot,
    private readonly sim: Simulation,
    readonly vm?: V,
  ) {
    this.currentState = initial.state;
    this.currentService = initial.state === 'active' ? initial.service : -1;
  }

  get state(): ScitState {
    return this.currentState;
  }

  /** Service index while Active or Grace; -1 while offline. */
  get service(): number {
    return this.currentService;
  }

  receive(command: ScitCommand): void {
    const from = this.currentState;
    switch (command.type) {
      case 'activate':
        this.expect(from, 'spare', command.type);
        this.currentState = 'active';
        this.currentService = command.service;
        break;
      case 'enterGrace':
        this.expect(from, 'active', command.type);
        this.currentState = 'grace';
        break;
      case 'startCleansing':
        this.expect(from, 'grace', command.type);
        this.currentState = 'cleansing';
        this.currentService = -1;
        break;
      case 'becomeSpare':
        this.expect(from, 'cleansing', command.type);
        this.currentState = 'spare';
        break;
    }
    this.sim.notifyStateChange('scit-vm', this.id, from, this.currentState);
  }

  private expect(actual: ScitState, wanted: ScitState, command: string): void {
    if (actual !== wanted)
      throw new Error(
        `SCIT VM ${this.id}: command "${command}" needs state "${wanted}" but it is "${actual}"`,
      );
  }
}
