/** Module hooks (see typescript-as-esm.mjs): a researcher's .ts/.tsx file resolves and loads as an ES module. */
interface Resolved {
  url: string;
  format?: string | null;
  [key: string]: unknown;
}
interface Loaded {
  format: string;
  source?: unknown;
  [key: string]: unknown;
}
/** Called once by `module.register` with its `data`: in a clone's cached build, its src/ and build root URLs. */
export declare function initialize(data?: { sources?: string; build?: string }): void;
export declare function resolve(
  specifier: string,
  context: Record<string, unknown>,
  nextResolve: (specifier: string, context: Record<string, unknown>) => Promise<Resolved>,
): Promise<Resolved>;
export declare function load(
  url: string,
  context: { format?: string | null; [key: string]: unknown },
  nextLoad: (url: string, context: { format?: string | null; [key: string]: unknown }) => Promise<Loaded>,
): Promise<Loaded>;
