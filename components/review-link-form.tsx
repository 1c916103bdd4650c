import { createReviewLinkAction } from '@/lib/review/actions';
import { defaultReviewDuration, reviewDurations } from '@/lib/review/token';

/** «إنشاء رابط مراجعة» for one draft or scheduled article, with how long the link lasts. Works without JavaScript. */
export function ReviewLinkForm({ slug, title }: { slug: string; title: string }) {
  const selectId = `review-duration-${slug}`;
  return (
    <form action={createReviewLinkAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="article" value={slug} />
      <label htmlFor={selectId} className="text-sm text-muted">
        صلاحية الرابط<span className="sr-only"> لـ{title}</span>
      </label>
      <select id={selectId} name="duration" defaultValue={defaultReviewDuration} className="min-h-11 rounded border border-stone-300 bg-white px-2">
        {reviewDurations.map((d) => (
          <option key={d.key} value={d.key}>
            {d.label}
          </option>
        ))}
      </select>
      <button type="submit" className="min-h-11 rounded border border-brand-700 px-4 py-2 font-bold text-brand-700 hover:bg-brand-50">
        إنشاء رابط مراجعة<span className="sr-only"> {title}</span>
      </button>
    </form>
  );
}
