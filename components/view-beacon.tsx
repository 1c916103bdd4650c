'use client';

import { useEffect } from 'react';

/**
 * Counts one view of the article: sent once the page is interactive, never
 * blocking it. A prerendered page (speculation rules) waits until the reader
 * actually opens it. The server decides who is a reader; no cookie or storage here.
 */
export function ViewBeacon({ article }: { article: string }) {
  useEffect(() => {
    const send = () => navigator.sendBeacon?.('/api/views', JSON.stringify({ article }));
    const doc = document as Document & { prerendering?: boolean };
    if (!doc.prerendering) {
      send();
      return;
    }
    document.addEventListener('prerenderingchange', send, { once: true });
    return () => document.removeEventListener('prerenderingchange', send);
  }, [article]);
  return null;
}
