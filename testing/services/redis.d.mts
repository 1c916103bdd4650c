// Types for redis.mjs, for tests written in TypeScript.
export type RedisService = { url: string; port: number; pid: number | undefined; log(): string; stop(): Promise<void> };
export function redisServerBinary(): string;
export function startRedis(options?: { port?: number; timeoutMs?: number }): Promise<RedisService>;
