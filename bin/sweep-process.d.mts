/** Node flags of `scitsim sweep` (see sweep-process.mjs). */
export declare const SWEEP_NODE_FLAGS: readonly string[];
/**
 * Node flags of `scitsim scale`: the sweep's, a fixed old-generation growth and full collections in one
 * go (see sweep-process.mjs).
 */
export declare const SCALE_NODE_FLAGS: readonly string[];
/** Node flags `command` runs with (none for most commands). */
export declare function nodeFlagsFor(command: string | undefined): readonly string[];
/** Whether this process must relaunch itself with {@link nodeFlagsFor}(`command`) to run `command`. */
export declare function needsNodeFlags(command: string | undefined, execArgv?: readonly string[]): boolean;
