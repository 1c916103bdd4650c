import { ArticleCard } from '@/components/article-card';
import { Pagination } from '@/components/pagination';
import type { ArticleEntry, ArticlePage } from '@/lib/content';
import { formatArticleCount } from '@/lib/format';

type Props = {
  /** Small label above the title, e.g. «وسم» on tag pages. */
  kicker?: string;
  title: string;
  description?: string;
  list: Pick<ArticlePage, 'page' | 'totalPages' | 'total'>;
  /** The page's articles; a card shows the category when the entry has one. */
  entries: ArticleEntry[];
  hrefFor: (page: number) => string;
};

/** The shape shared by category, tag and author pages. */
export function ArticleListPage({ kicker, title, description, list, entries, hrefFor }: Props) {
  return (
    <>
      <header className="mb-8 border-b border-stone-200 pb-6">
        {kicker ? <p className="text-sm font-bold text-brand-700">{kicker}</p> : null}
        <h1 className="text-3xl font-bold">{title}</h1>
        {description ? <p className="mt-2 max-w-3xl text-lg text-muted">{description}</p> : null}
        <p className="mt-2 text-sm text-muted">
          {formatArticleCount(list.total)}
          {list.totalPages > 1 ? ` · الصفحة ${list.page} من ${list.totalPages}` : null}
        </p>
      </header>
      {entries.length ? (
        <ul className="grid gap-x-6 gap-y-10 sm:grid-cols-2 lg:grid-cols-3">
          {entries.map(({ article, category }, i) => (
            <li key={article.slug}>
              <ArticleCard article={article} category={category} priority={i === 0} headingLevel="h2" />
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-lg text-muted">لا توجد مقالات منشورة هنا بعد.</p>
      )}
      <Pagination page={list.page} totalPages={list.totalPages} hrefFor={hrefFor} />
    </>
  );
}
