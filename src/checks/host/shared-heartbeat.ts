/**
 * The spec checker's heartbeat over a SharedArrayBuffer: the worker writes (a few stores per decision),
 * the main thread's watchdog reads. Layout: sixteen Int32 cells (what is running, a sequence number
 * bumped on every entry, the request's VM, service and host, the decision's index, progress), two
 * Float64 cells (the request's times), and the current case as UTF-8 JSON.
 */
import type { CodeWatch, WatchedPhase } from '../../core/watch.js';
import type { DecisionObserver, SwitchRequest } from '../../entities/scit/rotation-strategy.js';
import { type CheckHeartbeat, SPEC_PROPERTIES } from '../rotation/spec-checker.js';

const PHASE = 0;
const SEQUENCE = 1;
const VM = 2;
const SERVICE = 3;
const HOST = 4;
const DECISION = 5;
const CASES = 6;
const DONE = 7;
const TOTAL = 8;
const STAGE = 9;
const JSON_LENGTH = 10;
const INT_CELLS = 16;
const FLOAT_OFFSET = INT_CELLS * 4;
const NOW = 0;
const EXPIRED_AT = 1;
const JSON_OFFSET = FLOAT_OFFSET + 2 * 8;
const JSON_CAPACITY = 1 << 18;

/** What the worker is doing right now. */
export type HeartbeatPhase = 'idle' | 'choose' | 'constructor' | 'load';
const PHASES: readonly HeartbeatPhase[] = ['idle', 'choose', 'constructor', 'load'];

/** Stages of a check (the property being checked), as progress reports them. */
const STAGES: readonly string[] = SPEC_PROPERTIES;

/** A heartbeat's buffer (pass it to the worker in `workerData`). */
export function heartbeatBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(JSON_OFFSET + JSON_CAPACITY);
}

/**
 * The worker's side: the check's {@link CheckHeartbeat}, and the {@link CodeWatch} the check runs
 * under (module load, constructions, and every decision through {@link decisions}).
 */
export class HeartbeatWriter implements CheckHeartbeat, CodeWatch {
  private readonly ints: Int32Array;
  private readonly floats: Float64Array;
  private readonly bytes: Buffer;
  private decisionIndex = 0;
  readonly decisions: DecisionObserver;

  constructor(buffer: SharedArrayBuffer) {
    this.ints = new Int32Array(buffer, 0, INT_CELLS);
    this.floats = new Float64Array(buffer, FLOAT_OFFSET, 2);
    this.bytes = Buffer.from(buffer, JSON_OFFSET, JSON_CAPACITY);
    this.decisions = {
      enter: (request) => this.enterChoose(request),
      leave: () => this.leave(),
    };
  }

  caseStarted(caseJson: string): void {
    const written = this.bytes.write(caseJson, 0, 'utf8');
    Atomics.store(this.ints, JSON_LENGTH, written);
    Atomics.add(this.ints, CASES, 1);
    this.decisionIndex = 0;
  }

  private enterChoose(request: SwitchRequest): void {
    const ints = this.ints;
    ints[VM] = request.vm;
    ints[SERVICE] = request.service;
    ints[HOST] = request.host;
    ints[DECISION] = this.decisionIndex++;
    this.floats[NOW] = request.nowSeconds;
    this.floats[EXPIRED_AT] = request.expiredAtSeconds;
    Atomics.add(ints, SEQUENCE, 1);
    Atomics.store(ints, PHASE, 1);
  }

  enter(phase: WatchedPhase, _subject: string): void {
    Atomics.add(this.ints, SEQUENCE, 1);
    Atomics.store(this.ints, PHASE, phase === 'load' ? 3 : 2);
  }

  leave(): void {
    Atomics.store(this.ints, PHASE, 0);
  }

  progress(stage: string, done: number, total: number): void {
    this.ints[STAGE] = Math.max(0, STAGES.indexOf(stage));
    this.ints[TOTAL] = total;
    Atomics.store(this.ints, DONE, done);
  }
}

/** What the watchdog sees. */
export interface HeartbeatState {
  phase: HeartbeatPhase;
  /** Bumped on every entry into `choose` or the constructor. */
  sequence: number;
  vm: number;
  service: number;
  host: number;
  /** 0-based index of the decision in its case. */
  decision: number;
  nowSeconds: number;
  expiredAtSeconds: number;
  /** Cases started so far. */
  cases: number;
  stage: string;
  done: number;
  total: number;
}

/** The main thread's side. */
export class HeartbeatReader {
  private readonly ints: Int32Array;
  private readonly floats: Float64Array;
  private readonly bytes: Buffer;

  constructor(buffer: SharedArrayBuffer) {
    this.ints = new Int32Array(buffer, 0, INT_CELLS);
    this.floats = new Float64Array(buffer, FLOAT_OFFSET, 2);
    this.bytes = Buffer.from(buffer, JSON_OFFSET, JSON_CAPACITY);
  }

  read(): HeartbeatState {
    const ints = this.ints;
    return {
      phase: PHASES[Atomics.load(ints, PHASE)] ?? 'idle',
      sequence: Atomics.load(ints, SEQUENCE),
      vm: ints[VM],
      service: ints[SERVICE],
      host: ints[HOST],
      decision: ints[DECISION],
      nowSeconds: this.floats[NOW],
      expiredAtSeconds: this.floats[EXPIRED_AT],
      cases: Atomics.load(ints, CASES),
      stage: STAGES[ints[STAGE]] ?? STAGES[0],
      done: Atomics.load(ints, DONE),
      total: ints[TOTAL],
    };
  }

  /** The current case's JSON (read it once the worker has stopped). */
  caseJson(): string {
    const length = Math.min(Atomics.load(this.ints, JSON_LENGTH), JSON_CAPACITY);
    return Buffer.from(this.bytes.subarray(0, length)).toString('utf8');
  }
}
