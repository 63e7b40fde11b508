/**
 * The heartbeat of a thread that runs user code, over a SharedArrayBuffer: the watched thread writes
 * (a {@link HeartbeatWriter}, which is a `CodeWatch` and whose `decisions` is a `DecisionObserver`),
 * a watchdog in another thread reads (a {@link HeartbeatReader}, see `watchdog.ts`).
 *
 * Layout: sixteen Int32 cells (what is running, a sequence number bumped on every entry, the request's
 * VM, service and host, decisions since the context was set, string lengths, progress), four Float64
 * cells (the request's times, the run's seed), then four UTF-8 strings: the subject (a module's path,
 * a constructor's class), the strategy's name, the run's service names (one per line) and a context
 * the task sets (a sweep's cell, a spec checker's case as JSON).
 *
 * Per decision the writer makes only plain stores (no Atomics: only the watched thread writes, aligned
 * Int32 stores do not tear, and the watchdog needs to see them within its tick; a sequentially
 * consistent store per decision — a full fence — cost a few percent of a sweep). Loads, constructions
 * and runs are rare and use Atomics where it is free.
 */
import type { CodeWatch, WatchedPhase } from '../core/watch.js';
import type {
  DecisionObserver,
  SpareDecision,
  StrategyError,
  SwitchRequest,
} from '../entities/scit/rotation-strategy.js';

/** What the watched thread is doing: nothing watched, or user code in one of these phases. */
export type HeartbeatPhase = 'idle' | 'load' | 'constructor' | 'choose' | 'decision';
/** By cell value; `decision` is reading the fields of the object `choose` returned. */
const PHASES: readonly HeartbeatPhase[] = ['idle', 'load', 'constructor', 'choose', 'decision'];
const IDLE = 0;
const CHOOSE = 3;
const DECISION = 4;

// Int32 cells.
const PHASE = 0;
const SEQUENCE = 1;
const VM = 2;
const SERVICE = 3;
const HOST = 4;
const DECISIONS = 5;
const HAS_SEED = 6;
const STAGE = 7;
const DONE = 8;
const TOTAL = 9;
const STRING_LENGTHS = 10; // five cells: subject, name, services, seed (a string seed), context
const INT_CELLS = 16;
// Float64 cells.
const FLOAT_OFFSET = INT_CELLS * 4;
const NOW = 0;
const EXPIRED_AT = 1;
const SEED = 2;
const FLOAT_CELLS = 4;
// Strings.
const STRINGS_OFFSET = FLOAT_OFFSET + FLOAT_CELLS * 8;
const SUBJECT = 0;
const NAME = 1;
const SERVICES = 2;
const SEED_TEXT = 3;
const CONTEXT = 4;
const FIXED_CAPACITY = [1024, 256, 1024, 128] as const;
const FIXED_BYTES = FIXED_CAPACITY.reduce((sum, bytes) => sum + bytes, 0);

/** Default bytes of the context string (enough for a label; a spec checker's case JSON needs more). */
export const DEFAULT_CONTEXT_BYTES = 1024;

/** A heartbeat's buffer (pass it to the watched thread, e.g. in `workerData` or a task). */
export function heartbeatBuffer(contextBytes = DEFAULT_CONTEXT_BYTES): SharedArrayBuffer {
  return new SharedArrayBuffer(STRINGS_OFFSET + FIXED_BYTES + contextBytes);
}

/** The views of a heartbeat buffer, shared by the writer and the reader. */
class Views {
  readonly ints: Int32Array;
  readonly floats: Float64Array;
  readonly strings: readonly Buffer[];

  constructor(buffer: SharedArrayBuffer) {
    this.ints = new Int32Array(buffer, 0, INT_CELLS);
    this.floats = new Float64Array(buffer, FLOAT_OFFSET, FLOAT_CELLS);
    const contextBytes = buffer.byteLength - STRINGS_OFFSET - FIXED_BYTES;
    if (!(contextBytes >= 0)) throw new RangeError('not a heartbeat buffer (see heartbeatBuffer)');
    const capacities = [...FIXED_CAPACITY, contextBytes];
    let offset = STRINGS_OFFSET;
    this.strings = capacities.map((capacity) => {
      const view = Buffer.from(buffer, offset, capacity);
      offset += capacity;
      return view;
    });
  }

  /** What each string holds (a string written again is not copied again). */
  private readonly written: string[] = [];

  write(which: number, text: string): void {
    if (this.written[which] === text) return;
    this.written[which] = text;
    const view = this.strings[which];
    let written = view.write(text, 0, 'utf8');
    // A cut in the middle of a character would not decode; drop its leading bytes.
    while (written > 0 && written < Buffer.byteLength(text) && (view[written] & 0xc0) === 0x80) written--;
    Atomics.store(this.ints, STRING_LENGTHS + which, written);
  }

  read(which: number): string {
    const view = this.strings[which];
    const length = Math.min(Atomics.load(this.ints, STRING_LENGTHS + which), view.length);
    return Buffer.from(view.subarray(0, length)).toString('utf8');
  }
}

/** Told about every decision (the writer's `decisions`): plain stores only. */
class DecisionBeat implements DecisionObserver {
  /** The phase to go back to after a decision (idle, unless a decision runs inside other user code). */
  outer = IDLE;

  constructor(
    private readonly ints: Int32Array,
    private readonly floats: Float64Array,
  ) {}

  enter(request: SwitchRequest): void {
    const ints = this.ints;
    ints[VM] = request.vm;
    ints[SERVICE] = request.service;
    ints[HOST] = request.host;
    this.floats[NOW] = request.nowSeconds;
    this.floats[EXPIRED_AT] = request.expiredAtSeconds;
    ints[DECISIONS]++;
    ints[SEQUENCE]++;
    ints[PHASE] = CHOOSE;
  }

  returned(): void {
    // Same window (the sequence is unchanged): the budget covers choose and reading its decision.
    this.ints[PHASE] = DECISION;
  }

  leave(_request: SwitchRequest, _outcome: SpareDecision | StrategyError): void {
    this.ints[PHASE] = this.outer;
  }
}

/** The watched thread's side: a `CodeWatch` (pass it to `withWatch`) that follows decisions too. */
export class HeartbeatWriter implements CodeWatch {
  readonly decisions: DecisionBeat;
  private readonly views: Views;
  /** Entered phases and subjects, innermost last (a constructor may load, a load may construct). */
  private readonly stack: { phase: number; subject: string }[] = [];
  private services: readonly { readonly name: string }[] | undefined;

  constructor(buffer: SharedArrayBuffer) {
    this.views = new Views(buffer);
    this.decisions = new DecisionBeat(this.views.ints, this.views.floats);
  }

  enter(phase: WatchedPhase, subject: string): void {
    const code = PHASES.indexOf(phase);
    const outer = this.stack.at(-1);
    // Nested in the same phase (a named construction around the generic one): keep the outer subject.
    const kept = outer !== undefined && outer.phase === code && subject.startsWith('the ');
    const entry = { phase: code, subject: kept ? outer.subject : subject };
    this.stack.push(entry);
    this.show(entry);
  }

  leave(): void {
    this.stack.pop();
    const outer = this.stack.at(-1);
    if (outer === undefined) {
      this.decisions.outer = IDLE;
      Atomics.store(this.views.ints, PHASE, IDLE);
    } else this.show(outer);
  }

  /** The user code just built calls itself `name` (a rotation strategy's name), for reports. */
  named(name: string): void {
    this.views.write(NAME, name);
  }

  /** A run starts: its seed and services (their names are written only when the list changes). */
  run(seed: number | string, services: readonly { readonly name: string }[]): void {
    if (typeof seed === 'number') {
      this.views.floats[SEED] = seed;
      this.views.ints[HAS_SEED] = 1;
    } else {
      this.views.write(SEED_TEXT, seed);
      this.views.ints[HAS_SEED] = 2;
    }
    if (services !== this.services) {
      this.services = services;
      this.views.write(SERVICES, services.map((s) => s.name.replaceAll('\n', ' ')).join('\n'));
    }
  }

  /** What the task is doing (a sweep's cell, a case as JSON), for reports; restarts the decision count. */
  context(text: string): void {
    this.views.write(CONTEXT, text);
    this.views.ints[DECISIONS] = 0;
    this.views.ints[HAS_SEED] = 0;
  }

  /** Progress, for a progress display: `done` of `total` in stage number `stage`. */
  progress(done: number, total: number, stage = 0): void {
    const ints = this.views.ints;
    ints[STAGE] = stage;
    ints[TOTAL] = total;
    Atomics.store(ints, DONE, done);
  }

  private show(entry: { phase: number; subject: string }): void {
    const ints = this.views.ints;
    this.views.write(SUBJECT, entry.subject);
    this.decisions.outer = entry.phase;
    Atomics.add(ints, SEQUENCE, 1);
    Atomics.store(ints, PHASE, entry.phase);
  }
}

/** A decision's request, as the heartbeat recorded it. */
export interface HeartbeatRequest {
  readonly vm: number;
  readonly service: number;
  /** The service's name, when the run told it. */
  readonly serviceName?: string;
  readonly host: number;
  readonly nowSeconds: number;
  readonly expiredAtSeconds: number;
}

/** The numbers a watchdog polls (cheap: no strings). */
export interface HeartbeatPulse {
  readonly phase: HeartbeatPhase;
  /** Bumped on every entry into user code. */
  readonly sequence: number;
  readonly stage: number;
  readonly done: number;
  readonly total: number;
}

/** Everything the heartbeat says (read it once the watched thread has stopped, or is stuck). */
export interface HeartbeatState extends HeartbeatPulse {
  /** The module's path (load) or what is being constructed. */
  readonly subject: string;
  /** The strategy's name, if one was built. */
  readonly strategy?: string;
  /** The last decision's request (meaningful in `choose` and `decision`). */
  readonly request: HeartbeatRequest;
  /** Decisions since the context was set (the current one included). */
  readonly decisions: number;
  /** The current run's seed, if a run started since the context was set. */
  readonly seed?: number | string;
  readonly context: string;
}

/** The watchdog's side. */
export class HeartbeatReader {
  private readonly views: Views;

  constructor(buffer: SharedArrayBuffer) {
    this.views = new Views(buffer);
  }

  pulse(): HeartbeatPulse {
    const ints = this.views.ints;
    return {
      phase: PHASES[Atomics.load(ints, PHASE)] ?? 'idle',
      sequence: Atomics.load(ints, SEQUENCE),
      stage: Atomics.load(ints, STAGE),
      done: Atomics.load(ints, DONE),
      total: Atomics.load(ints, TOTAL),
    };
  }

  read(): HeartbeatState {
    const { ints, floats } = this.views;
    const name = this.views.read(NAME);
    const service = Atomics.load(ints, SERVICE);
    const serviceName = this.views.read(SERVICES).split('\n')[service];
    return {
      ...this.pulse(),
      subject: this.views.read(SUBJECT),
      ...(name === '' ? {} : { strategy: name }),
      request: {
        vm: Atomics.load(ints, VM),
        service,
        ...(serviceName === undefined || serviceName === '' ? {} : { serviceName }),
        host: Atomics.load(ints, HOST),
        nowSeconds: floats[NOW],
        expiredAtSeconds: floats[EXPIRED_AT],
      },
      decisions: Atomics.load(ints, DECISIONS),
      ...seedOf(Atomics.load(ints, HAS_SEED), floats[SEED], () => this.views.read(SEED_TEXT)),
      context: this.views.read(CONTEXT),
    };
  }
}

function seedOf(kind: number, value: number, text: () => string): { seed?: number | string } {
  if (kind === 1) return { seed: value };
  if (kind === 2) return { seed: text() };
  return {};
}
