'use client';

import { useEffect, useRef, useState } from 'react';
import { LiveEntry } from '@/components/live-entry';
import { pluralize } from '@/lib/arabic';
import { asLiveUpdates, toArabicDigits, type LiveEntryView } from '@/lib/live-updates';

const pollMs = 15_000;
const maxBackoffMs = 5 * 60_000;

const countText = (n: number) =>
  toArabicDigits(
    pluralize(n, {
      zero: 'لا تحديثات جديدة',
      one: 'تحديث جديد',
      two: 'تحديثان جديدان',
      few: '{n} تحديثات جديدة',
      many: '{n} تحديثًا جديدًا',
      other: '{n} تحديث جديد',
    }),
  );

/**
 * Keeps a live page current. While the tab is visible it asks the API for entries newer than the
 * newest one shown, every 15 s, backing off on errors and stopping once the coverage has ended.
 * A reader at the top of the list gets new entries in place; a reader further down is not moved:
 * a button (and a count in the tab title) waits for them instead. One polite live region speaks.
 */
export function LiveUpdates({ slug, latestId, ended }: { slug: string; latestId?: string; ended: boolean }) {
  const [shown, setShown] = useState<LiveEntryView[]>([]);
  const [waiting, setWaiting] = useState<LiveEntryView[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const anchor = useRef<HTMLDivElement>(null);
  const waitingCount = useRef(0);

  useEffect(() => {
    if (ended) return;
    let cursor = latestId;
    let delay = pollMs;
    let timer: number | undefined;
    let stopped = false;
    const controller = new AbortController();

    const deliver = (entries: LiveEntryView[]) => {
      const top = anchor.current?.getBoundingClientRect().top ?? 0;
      if (top >= 0 && waitingCount.current === 0) {
        setShown((old) => [...entries, ...old]);
        const first = entries[0];
        setAnnouncement(entries.length === 1 && first ? `تحديث جديد: ${first.title ?? first.clock}` : countText(entries.length));
      } else {
        setAnnouncement(countText(waitingCount.current + entries.length));
        setWaiting((old) => [...entries, ...old]);
      }
    };

    const schedule = () => {
      window.clearTimeout(timer);
      if (!stopped && document.visibilityState === 'visible') timer = window.setTimeout(poll, delay);
    };

    async function poll() {
      try {
        const query = cursor ? `?after=${encodeURIComponent(cursor)}` : '';
        const response = await fetch(`/api/live/${encodeURIComponent(slug)}${query}`, { signal: controller.signal });
        // The entry we counted from was removed: start again from the newest without repeating any.
        if (response.status === 400) {
          cursor = asLiveUpdates(await fetch(`/api/live/${encodeURIComponent(slug)}`, { signal: controller.signal }).then((r) => r.json()))?.latestId;
        } else {
          const body = response.ok ? asLiveUpdates(await response.json()) : null;
          if (!body) throw new Error(`live updates: ${response.status}`);
          if (body.entries.length) deliver(body.entries);
          cursor = body.latestId ?? cursor;
          if (body.ended) stopped = true;
        }
        delay = pollMs;
      } catch {
        if (controller.signal.aborted) return;
        delay = Math.min(delay * 2, maxBackoffMs);
      }
      schedule();
    }

    const onVisibility = () => {
      window.clearTimeout(timer);
      if (document.visibilityState === 'visible' && !stopped) void poll();
    };
    document.addEventListener('visibilitychange', onVisibility);
    schedule();
    return () => {
      stopped = true;
      controller.abort();
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [slug, latestId, ended]);

  useEffect(() => {
    waitingCount.current = waiting.length;
    const base = document.title.replace(/^\([٠-٩]+\) /, '');
    document.title = waiting.length ? `(${toArabicDigits(String(waiting.length))}) ${base}` : base;
  }, [waiting.length]);

  const reveal = () => {
    setShown((old) => [...waiting, ...old]);
    setWaiting([]);
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    anchor.current?.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'start' });
  };

  return (
    <>
      <div ref={anchor} className="scroll-mt-4" />
      <p id="live-announcer" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {waiting.length ? (
        <button
          type="button"
          onClick={reveal}
          className="fixed inset-x-0 top-3 z-40 mx-auto min-h-11 w-fit rounded-full bg-brand-700 px-5 font-bold text-white shadow-lg hover:bg-brand-800"
        >
          {countText(waiting.length)}
        </button>
      ) : null}
      {shown.length ? (
        <ol className="mb-6 flex flex-col gap-6">
          {shown.map((entry) => (
            <li key={entry.id}>
              <LiveEntry entry={entry} />
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}
