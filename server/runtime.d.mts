export type CacheStatus = 'off' | 'idle' | 'connecting' | 'ok' | 'unavailable';
export type SelfRevalidation = { url: string; token: string };

export const readerAddressHeader: string;
export function onShutdown(hook: () => unknown): void;
export function runShutdownHooks(limitMs: number): Promise<void>;
export function setSelfRevalidation(self: SelfRevalidation): void;
export function selfRevalidation(): SelfRevalidation | undefined;
export function setCacheStatusSource(source: () => CacheStatus): void;
export function cacheStatus(): CacheStatus | undefined;
export function processSingleton<T>(name: string, create: () => T): T;
export function releaseSingleton<T>(name: string): T | undefined;
export function adoptRecordedNextConfig(config: unknown): void;
export function existingSingleton<T>(name: string): T | undefined;
