// Types for redis-cache-handler.mjs (plain JavaScript because Next imports it unbundled at run time).

export type CacheHandlerContext = {
  serverDistDir?: string;
  fs?: unknown;
  flushToDisk?: boolean;
  maxMemoryCacheSize?: number;
  /** Defaults to REDIS_URL (lib/settings.mjs); given as undefined, no Redis. */
  redisUrl?: string;
  [key: string]: unknown;
};

export type CacheEntry = { lastModified: number; value: unknown; cacheControl?: { revalidate: number | false; expire?: number } };

export type RedisCacheStatus = 'off' | 'idle' | 'connecting' | 'ok' | 'unavailable';

export default class RedisCacheHandler {
  constructor(ctx: CacheHandlerContext);
  get(key: string, ctx: Record<string, unknown>): Promise<CacheEntry | null>;
  set(key: string, data: unknown, ctx: Record<string, unknown>): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
  resetRequestCache(): void;
}

export function encodeEntry(entry: unknown): string;
export function decodeEntry(text: string): unknown;
export function redisCacheStatus(url?: string): RedisCacheStatus;
export function closeRedisCache(): Promise<void>;
/** Resolves once every page write started so far (without Redis, after the response) has finished or failed. */
export function pageWritesSettled(): Promise<void>;
