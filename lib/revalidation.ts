import 'server-only';

const isDev = process.env.NODE_ENV === 'development';
const isBuild = process.env.NEXT_PHASE === 'phase-production-build';

/**
 * Asks this server to mark cached pages stale: all of them, or one path. Page
 * caches live in Next, which accepts invalidation only inside a request, so
 * the server calls its own revalidation endpoint (server/serve.mjs provides
 * the address and a per-process token). Without them, pages refresh on their
 * 60-second timer.
 */
export function requestRevalidation(reason: string, path?: string, delayMs = 0): void {
  const self = process.env.KHABAR_SELF_URL;
  const token = process.env.KHABAR_INTERNAL_TOKEN;
  if (!self || !token || isBuild || isDev) return;
  const send = () =>
    fetch(`${self}/api/revalidate`, {
      method: 'POST',
      headers: { 'x-khabar-internal': token, 'x-khabar-reason': reason, ...(path ? { 'content-type': 'application/json' } : {}) },
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
