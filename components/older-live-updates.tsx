'use client';

import { useState } from 'react';
import { LiveEntry } from '@/components/live-entry';
import { asLiveUpdates, type LiveEntryView } from '@/lib/live-updates';

/**
 * «عرض تحديثات أقدم»: a plain link to the next page of entries, which with JavaScript fetches
 * that page's entries into this page instead, below the ones already read.
 */
export function OlderLiveUpdates({ slug, oldestId, href }: { slug: string; oldestId: string; href: string }) {
  const [entries, setEntries] = useState<LiveEntryView[]>([]);
  const [cursor, setCursor] = useState(oldestId);
  const [more, setMore] = useState(true);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const load = async (event: React.MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailed(false);
    try {
      const response = await fetch(`/api/live/${encodeURIComponent(slug)}?before=${encodeURIComponent(cursor)}`);
      const body = response.ok ? asLiveUpdates(await response.json()) : null;
      if (!body) throw new Error(`older updates: ${response.status}`);
      setEntries((old) => [...old, ...body.entries]);
      const last = body.entries.at(-1);
      if (last) setCursor(last.id);
      setMore(body.hasMore === true && !!last);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {entries.length ? (
        <ol className="mt-6 flex flex-col gap-6">
          {entries.map((entry) => (
            <li key={entry.id}>
              <LiveEntry entry={entry} />
            </li>
          ))}
        </ol>
      ) : null}
      {failed ? <p role="alert" className="mt-4 text-brand-700">تعذّر تحميل التحديثات الأقدم. حاول مرة أخرى.</p> : null}
      {more ? (
        <p className="mt-6 text-center">
          <a
            href={href}
            onClick={load}
            aria-busy={busy}
            className="inline-flex min-h-11 items-center rounded-full border border-stone-300 px-5 font-bold hover:border-brand-600 hover:text-brand-700"
          >
            عرض تحديثات أقدم
          </a>
        </p>
      ) : null}
    </>
  );
}
