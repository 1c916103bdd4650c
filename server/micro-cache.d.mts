import type { IncomingMessage, ServerResponse } from 'node:http';

export function cacheKey(req: IncomingMessage): string | undefined;
export function storableFor(status: number, headers: Record<string, unknown>, limitMs: number): number;
export type MicroCache = {
  serve(key: string, res: ServerResponse): boolean;
  record(key: string, res: ServerResponse): void;
  clear(): void;
  readonly size: number;
};
export function createMicroCache(options?: { ttlMs?: number; maxEntries?: number; maxBodyBytes?: number; now?: () => number }): MicroCache;
