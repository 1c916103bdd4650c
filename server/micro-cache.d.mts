import type { IncomingMessage, ServerResponse } from 'node:http';

export const pageQueryParameters: string[];
export function pageAddress(url: string): string;
export function cacheKey(req: IncomingMessage): string | undefined;
export function changedContent(method: string, status: number): boolean;
export function storableFor(status: number, headers: Record<string, unknown>, limitMs: number): number;
export type MicroCache = {
  serve(key: string, res: ServerResponse): boolean;
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
}): MicroCache;
