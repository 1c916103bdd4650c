import { CopyLinkButton } from '@/components/copy-link-button';
import { articleTitles } from '@/lib/content';
import { formatDate } from '@/lib/format';
import { revokeArticleLinksAction, revokeReviewLinkAction } from '@/lib/review/actions';
import { deskReview, recentEventCount, tokenFor } from '@/lib/review/links';
import type { ReviewEventType, ReviewLink } from '@/lib/review/store';
import { absoluteUrl, site } from '@/lib/site';

const eventNames: Record<ReviewEventType, string> = { created: 'إنشاء', opened: 'أول فتح', revoked: 'إلغاء' };

const when = (ms: number) => {
  const date = formatDate(new Date(ms).toISOString(), site.timeZone);
  return (
    <time dateTime={date.iso}>
      {date.gregorian} {date.time}
    </time>
  );
};

/** The desk's review links: the live ones per article, with their address, expiry and revocation, and the last events. */
export async function ReviewLinksSection() {
  const { enabled, live, events } = await deskReview();
  if (!enabled) {
    return (
      <section id="review-links" aria-labelledby="review-links-heading" className="mb-10">
        <h2 id="review-links-heading" className="mb-3 text-2xl font-bold">روابط المراجعة</h2>
        <p className="text-muted">روابط المراجعة غير مفعّلة على هذا الخادم (REVIEW_SECRET غير مضبوط).</p>
      </section>
    );
  }
  const byArticle = new Map<string, ReviewLink[]>();
  for (const link of live) byArticle.set(link.article, [...(byArticle.get(link.article) ?? []), link]);
  const titles = await articleTitles(new Set([...byArticle.keys(), ...events.map((e) => e.article)]));

  return (
    <section id="review-links" aria-labelledby="review-links-heading" className="mb-10">
      <h2 id="review-links-heading" className="mb-3 text-2xl font-bold">روابط المراجعة ({live.length})</h2>
      {byArticle.size === 0 ? <p className="text-muted">لا روابط مراجعة سارية.</p> : null}
      {[...byArticle].map(([article, links]) => {
        const title = titles.get(article) ?? article;
        return (
          <section key={article} aria-label={`روابط مراجعة ${title}`} className="mb-6 rounded border border-stone-200 p-4">
            <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
              <h3 className="text-lg font-bold">{title}</h3>
              <form action={revokeArticleLinksAction}>
                <input type="hidden" name="article" value={article} />
                <button type="submit" className="min-h-11 rounded border border-red-700 px-4 py-2 text-red-800 hover:bg-red-50">
                  إلغاء كل الروابط<span className="sr-only"> لـ{title}</span>
                </button>
              </form>
            </div>
            <ul className="flex flex-col gap-3">
              {links.map((link) => {
                const url = absoluteUrl(`/review/${tokenFor(link)}`);
                return (
                  <li key={link.id} id={`review-link-${link.id}`} className="flex flex-col gap-2 border-t border-stone-200 pt-3">
                    <label className="flex flex-col gap-1 text-sm">
                      <span>رابط المراجعة، ينتهي في {when(link.expiresAt)}{link.firstOpenedAt !== null ? '، فُتح' : '، لم يُفتح بعد'}</span>
                      <input readOnly value={url} dir="ltr" className="min-h-11 w-full rounded border border-stone-300 bg-stone-50 px-2 font-mono text-xs" />
                    </label>
                    <div className="flex flex-wrap gap-2">
                      <CopyLinkButton url={url} />
                      <form action={revokeReviewLinkAction}>
                        <input type="hidden" name="id" value={link.id} />
                        <button type="submit" className="min-h-11 rounded border border-stone-300 px-4 py-2 hover:bg-red-50">
                          إلغاء الرابط
                        </button>
                      </form>
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      <h3 id="review-events-heading" className="mb-2 mt-6 text-lg font-bold">آخر {recentEventCount} حدثًا</h3>
      {events.length ? (
        <table aria-labelledby="review-events-heading" className="w-full text-start text-sm">
          <thead>
            <tr className="border-b border-stone-300">
              <th scope="col" className="py-2 text-start">الوقت</th>
              <th scope="col" className="py-2 text-start">الحدث</th>
              <th scope="col" className="py-2 text-start">المقال</th>
              <th scope="col" className="py-2 text-start">جلسة المحرر</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event, i) => (
              <tr key={`${event.linkId}-${event.type}-${i}`} className="border-b border-stone-200">
                <td className="py-2">{when(event.at)}</td>
                <td className="py-2">{eventNames[event.type]}</td>
                <td className="py-2">{titles.get(event.article) ?? event.article}</td>
                <td className="py-2 font-mono" dir="ltr">{event.editor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-muted">لا أحداث بعد.</p>
      )}
    </section>
  );
}
