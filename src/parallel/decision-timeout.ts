/** Largest accepted decision budget, in seconds (a module of its own: the command's options need it light). */
export const MAX_DECISION_TIMEOUT_SECONDS = 3600;
