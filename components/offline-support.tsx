'use client';

import { useEffect } from 'react';

/**
 * Registers the service worker (public/sw.js) that keeps the home page and the last articles read
 * for offline reading. `updateViaCache: 'none'` makes the browser check the worker itself on every
 * visit rather than trusting an HTTP cache, so a new deploy's worker takes over on the next visit.
 */
export function OfflineSupport() {
  useEffect(() => {
    if (!('serviceWorker' in navigator) || process.env.NODE_ENV !== 'production') return;
    navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' }).catch(() => {
      // No offline copies (a private window, a blocked worker): the site works as before.
    });
  }, []);
  return null;
}
