/** A digest of what a clone's worker build is made from (see sources-build.mjs). */
export declare function sourcesDigest(): Promise<string>;
/** The root URL of the current build of the sources, laid out as an installed package; made if missing. */
export declare function builtSources(): Promise<URL>;
/** The built twin of an entry module's source URL under `build`; any other URL as it is. */
export declare function builtTwin(url: string, build: URL): string;
