export declare const unpatched: string;
export declare const patched: string;
export declare function patchRuntime(text: string): { text: string; state: 'patched' | 'already' | 'absent' };
/** Patches every compiled runtime of the Next installed under `nextDir`; returns what it did per file. */
export declare function patchNext(nextDir?: string): Record<string, 'patched' | 'already' | 'absent'>;
