export declare const compileHint: string;
/** Adds the hint to each client script under `distDir` that lacks it; returns how many it changed. */
export declare function addCompileHints(distDir: string): number;
