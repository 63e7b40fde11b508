/**
 * A strategy's failed decision and how messages name a decision's request, in a module of their own:
 * the command's error handling and the watchdog's supervisor use them without loading the rotation
 * machinery (inversify).
 */
import type { SwitchRequest } from './rotation-strategy.js';

/** How a strategy failed a decision. */
export type StrategyFailure =
  /** `choose` (or reading its decision) threw. */
  | 'threw'
  /** `choose` tried to change the view, the request or another frozen object. */
  | 'read-only'
  /** The decision is not a valid one (not a decision, or not a live spare). */
  | 'invalid';

/**
 * A strategy's failed decision: it cannot be applied, so the run stops. The message is one line naming
 * the strategy, what went wrong and the request (VM, service, host, time).
 */
export class StrategyError extends Error {
  override name = 'StrategyError';

  constructor(
    readonly strategy: string,
    readonly failure: StrategyFailure,
    /** What went wrong, without the strategy and the request (e.g. `returned null, not a decision`). */
    readonly detail: string,
    /** The request, described (`for VM 4 (Web, host 2) at t=360s`). */
    readonly where: string,
    readonly request: SwitchRequest,
    /** The exception, when `choose` threw. */
    override readonly cause?: unknown,
  ) {
    super(`rotation strategy "${strategy}": choose ${detail} ${where}`);
  }
}

/**
 * "VM 4 (Web, host 2) at t=360s (expired at t=300s)": a decision's request as every message names it
 * (the controller's failures, the checker's, the watchdog's hangs); the expiry only when the VM waited.
 */
export function describeDecisionRequest(
  request: Pick<SwitchRequest, 'vm' | 'service' | 'host' | 'nowSeconds' | 'expiredAtSeconds'>,
  serviceName = `service ${request.service}`,
): string {
  const late =
    request.nowSeconds > request.expiredAtSeconds
      ? ` (expired at t=${seconds(request.expiredAtSeconds)}s)`
      : '';
  return `VM ${request.vm} (${serviceName}, host ${request.host}) at t=${seconds(request.nowSeconds)}s${late}`;
}

/** A time in seconds as printed in messages: at most three decimals, no float noise. */
export function seconds(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
}
