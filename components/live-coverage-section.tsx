import { LiveBadge } from '@/components/live-badge';
import { LiveEntry } from '@/components/live-entry';
import { LiveUpdates } from '@/components/live-updates';
import { OlderLiveUpdates } from '@/components/older-live-updates';
import type { LiveCoverage } from '@/lib/content';
import { entryDomId } from '@/lib/live-updates';
import { paths } from '@/lib/site';

export const liveUpdatesPath = (slug: string, page: number) => (page > 1 ? `${paths.article(slug)}/updates/${page}` : paths.article(slug));

/**
 * The entries of a live page, server-rendered: key events, the pinned entry, then newest first.
 * On the first page a client leaf adds what arrives later; the older pages are plain links.
 */
export function LiveCoverageSection({ slug, coverage }: { slug: string; coverage: LiveCoverage }) {
  const first = coverage.page === 1;
  const oldest = coverage.entries.at(-1);
  return (
    <section aria-labelledby="live-heading" className="mt-10 border-t border-stone-200 pt-8">
      <h2 id="live-heading" className="mb-6 flex flex-wrap items-center gap-3 text-2xl font-bold">
        {first ? 'التغطية المباشرة' : `التغطية المباشرة: تحديثات أقدم (صفحة ${coverage.page})`}
        <LiveBadge ended={coverage.ended} />
      </h2>
      {first && coverage.keyEvents.length ? (
        <nav aria-labelledby="key-events-heading" className="mb-8 rounded bg-stone-50 p-4">
          <h3 id="key-events-heading" className="mb-2 font-bold">أبرز الأحداث</h3>
          <ul className="flex flex-col gap-1">
            {coverage.keyEvents.map((event) => (
              <li key={event.id}>
                <a href={`#${entryDomId(event.id)}`} className="inline-flex min-h-8 items-center gap-2 hover:text-brand-700 hover:underline">
                  <span className="text-sm text-muted">{event.clock}</span> {event.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {coverage.pinned ? (
        <div className="mb-6 rounded bg-stone-50 p-4">
          <LiveEntry entry={coverage.pinned} />
        </div>
      ) : null}
      {first ? <LiveUpdates slug={slug} latestId={coverage.latestId} ended={coverage.ended} /> : null}
      {coverage.entries.length ? (
        <ol className="flex flex-col gap-6">
          {coverage.entries.map((entry) => (
            <li key={entry.id}>
              <LiveEntry entry={entry} />
            </li>
          ))}
        </ol>
      ) : coverage.pinned ? null : (
        <p className="text-muted">لا تحديثات بعد.</p>
      )}
      {oldest && coverage.page < coverage.totalPages ? (
        <OlderLiveUpdates slug={slug} oldestId={oldest.id} href={liveUpdatesPath(slug, coverage.page + 1)} />
      ) : null}
    </section>
  );
}
