'use client';

import { useEffect } from 'react';

/**
 * Registers the service worker (public/sw.js) that keeps the home page and the last articles read
 * for offline reading. `updateViaCache: 'none'` makes the browser check the worker itself on every
 * visit rather than trusting an HTTP cache, so a new deploy's worker takes over on the next visit.
 * Off under `next dev`, whose script names do not change with their content.
 */
export function OfflineSupport({ enabled }: { enabled: boolean }) {
  useEffect(() => {
    if (!enabled || !('serviceWorker' in navigator)) return;
    navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' }).catch(() => {
      // No offline copies (a private window, a blocked worker): the site works as before.
    });
  }, [enabled]);
  return null;
}
