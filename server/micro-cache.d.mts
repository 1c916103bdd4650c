import type { IncomingMessage, ServerResponse } from 'node:http';

export const pageQueryParameters: string[];
export function pageAddress(url: string): string;
export function cacheKey(req: IncomingMessage): string | undefined;
export function changedContent(method: string, status: number, url?: string): boolean;
export function storableFor(status: number, headers: Record<string, unknown>, limitMs: number): number;
export type MicroCache = {
  serve(key: string, res: ServerResponse): boolean;
  /** Queues `res` behind the request filling `key`; false when none is (go on as usual). */
  join(key: string, res: ServerResponse, fallback: () => void): boolean;
  record(key: string, res: ServerResponse): void;
  clear(): void;
  /** Drops expired entries now (a timer does it every `sweepEveryMs`). */
  sweep(): void;
  stop(): void;
  readonly size: number;
  /** Approximate memory held: bodies, headers, keys. */
  readonly bytes: number;
};
export function createMicroCache(options?: {
  ttlMs?: number;
  maxEntries?: number;
  maxBodyBytes?: number;
  maxBytes?: number;
  now?: () => number;
  sweepEveryMs?: number;
  /** How long a request waits for another one filling the same page before going to Next itself. */
  waitLimitMs?: number;
  maxWaiters?: number;
}): MicroCache;
