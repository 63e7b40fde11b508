/** Default time one `choose` (or one construction) may take before the check reports it, in seconds. */
export const DEFAULT_CHECK_DECISION_TIMEOUT_SECONDS = 5;
