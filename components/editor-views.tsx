import { ViewsChart } from '@/components/views-chart';
import { formatViewCount } from '@/lib/views/format';
import { site } from '@/lib/site';
import type { DeskViews } from '@/lib/views/desk';

/** The editors' view figures: today's top 20 and the last 48 hours. */
export function EditorViews({ views }: { views: DeskViews }) {
  return (
    <section aria-labelledby="views-heading" className="mb-10">
      <h2 id="views-heading" className="mb-3 text-2xl font-bold">الأكثر قراءة اليوم</h2>
      {!views.available ? (
        <p className="text-muted">تعذّرت قراءة أرقام المشاهدات الآن.</p>
      ) : views.top.length ? (
        <ol className="mb-6 flex flex-col gap-2">
          {views.top.map((entry, i) => (
            <li key={entry.slug} className="flex items-baseline justify-between gap-3 border-b border-stone-200 pb-2">
              <span>
                <span className="me-2 font-bold text-brand-700 tabular-nums">{i + 1}.</span>
                {entry.title}
              </span>
              <span className="shrink-0 tabular-nums">{formatViewCount(entry.views)}</span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="mb-6 text-muted">لا مشاهدات اليوم بعد.</p>
      )}
      <h3 className="text-xl font-bold">المشاهدات في آخر 48 ساعة</h3>
      <ViewsChart hours={views.hours} timeZone={site.timeZone} />
    </section>
  );
}
