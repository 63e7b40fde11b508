/** The modules that keep their own path in dist/ (see build.mjs). */
export declare const ENTRY_MODULES: readonly string[];
/** The dependencies inlined into dist/ (names or `@scope/` prefixes; see build.mjs). */
export declare const BUNDLED: readonly string[];
