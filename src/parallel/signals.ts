/**
 * Exit codes of a command stopped by a signal: 128 + the signal's number, as a shell reports a process
 * the signal killed (SIGHUP 129, SIGINT 130, SIGTERM 143). No side effects: any thread may import it.
 */
export const SIGNAL_EXIT_CODES: Readonly<Record<string, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
