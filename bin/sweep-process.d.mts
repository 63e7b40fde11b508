/** Node flags of `scitsim sweep` and `scitsim scale` (see sweep-process.mjs). */
export declare const SWEEP_NODE_FLAGS: readonly string[];
/** Whether this process must relaunch itself with {@link SWEEP_NODE_FLAGS} to run `command`. */
export declare function needsSweepFlags(command: string | undefined, execArgv?: readonly string[]): boolean;
