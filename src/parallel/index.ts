/** Running user code in worker threads under one watchdog (heartbeat, watchdog, watched runs). */
export {
  DEFAULT_CONTEXT_BYTES,
  type HeartbeatPhase,
  type HeartbeatPulse,
  HeartbeatReader,
  type HeartbeatRequest,
  type HeartbeatState,
  HeartbeatWriter,
  heartbeatBuffer,
} from './heartbeat.js';
export {
  checkDecisionTimeout,
  MAX_DECISION_TIMEOUT_SECONDS,
  type RunWatchedOptions,
  runWatched,
  startWatched,
  type WatchedOutcome,
  type WatchedRun,
  type WatchedStart,
} from './run-watched.js';
export {
  DEFAULT_DECISION_TIMEOUT_SECONDS,
  DecisionTimeoutError,
  type HangMessageOptions,
  type HangReport,
  hangMessage,
  Watchdog,
  type WatchdogOptions,
  watchWorker,
} from './watchdog.js';
