import { ArticleDate } from '@/components/article-date';
import type { ArticleMeta } from '@/lib/content';

/** «تصحيح»: every correction to the article, oldest first, each with its date. */
export function CorrectionsBox({ corrections }: { corrections: ArticleMeta['corrections'] }) {
  if (!corrections?.length) return null;
  return (
    <aside aria-labelledby="corrections-heading" className="my-8 rounded border-s-4 border-amber-700 bg-amber-50 p-4">
      <h2 id="corrections-heading" className="mb-2 text-lg font-bold text-amber-900">تصحيح</h2>
      <ul className="flex flex-col gap-2">
        {corrections.map((c) => (
          <li key={`${c.date}-${c.text}`}>
            <p className="text-sm text-muted">
              <ArticleDate value={c.date} withHijri withTime />
            </p>
            <p>{c.text}</p>
          </li>
        ))}
      </ul>
    </aside>
  );
}
