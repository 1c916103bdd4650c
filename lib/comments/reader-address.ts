import 'server-only';
import { createHash } from 'node:crypto';
import { settings } from '@/lib/settings.mjs';
import { readerAddressHeader } from '@/server/runtime.mjs';

/**
 * The reader's address, for rate limits only. `server/serve.mjs` puts the
 * socket address in `x-khabar-peer` (overwriting anything a client sent).
 * Behind a reverse proxy (TRUST_PROXY=1) the proxy's own entry, the last in
 * X-Forwarded-For, is the reader; earlier entries are whatever the client claimed.
 */
export function clientAddress(headers: Headers, trustProxy = settings().trustProxy): string {
  const peer = headers.get(readerAddressHeader)?.trim();
  const forwarded = headers.get('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
  if (trustProxy) return forwarded ?? peer ?? 'unknown';
  // Without our server in front (plain `next start`), Next fills X-Forwarded-For from the socket.
  return peer ?? forwarded ?? 'unknown';
}

/** Only this salted hash is stored; the address itself never is. */
export function hashClient(address: string, salt: string): string {
  return createHash('sha256').update(salt).update('\0').update(address).digest('base64url');
}
