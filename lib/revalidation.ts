import 'server-only';
import { settings } from '@/lib/settings.mjs';
import { selfRevalidation } from '@/server/runtime.mjs';

/**
 * Asks this server to mark cached pages stale: all of them, or one path. Page
 * caches live in Next, which accepts invalidation only inside a request, so
 * the server calls its own revalidation endpoint (server/serve.mjs provides
 * the address and a per-process token). Without them, pages refresh on their
 * 60-second timer.
 */
export function requestRevalidation(reason: string, path?: string, delayMs = 0): void {
  const self = selfRevalidation();
  if (!self || settings().building || settings().development) return;
  const send = () =>
    fetch(`${self.url}/api/revalidate`, {
      method: 'POST',
      headers: { 'x-khabar-internal': self.token, 'x-khabar-reason': reason, ...(path ? { 'content-type': 'application/json' } : {}) },
      ...(path ? { body: JSON.stringify({ path }) } : {}),
    }).then(
      (response) => {
        if (!response.ok) console.error(`[revalidate] ${reason}: answered ${response.status}`);
      },
      (error: unknown) => console.error(`[revalidate] ${reason}: failed`, error),
    );
  if (delayMs > 0) setTimeout(send, delayMs).unref();
  else void send();
}
