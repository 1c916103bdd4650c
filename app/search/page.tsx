import type { Metadata } from 'next';
import Link from 'next/link';
import { ArticleDate } from '@/components/article-date';
import { CategoryNav } from '@/components/category-nav';
import { HighlightedText } from '@/components/highlighted-text';
import { Pagination } from '@/components/pagination';
import { formatArticleCount } from '@/lib/format';
import { parsePageParam } from '@/lib/routing';
import { maxQueryLength, searchArticles } from '@/lib/search';
import { paths } from '@/lib/site';

type Props = { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const q = first((await searchParams).q).trim().slice(0, maxQueryLength);
  return { title: q ? `نتائج البحث عن «${q}»` : 'البحث', robots: { index: false, follow: true } };
}

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const query = first(params.q).trim().slice(0, maxQueryLength);
  const page = parsePageParam(first(params.page) || undefined) ?? 1;
  const found = await searchArticles(query, page);
  const hrefFor = (n: number) => `/search?q=${encodeURIComponent(query)}${n > 1 ? `&page=${n}` : ''}`;

  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-6 text-3xl font-bold">البحث</h1>
      <form action="/search" method="get" role="search" className="mb-8 flex gap-2">
        <label htmlFor="q" className="sr-only">ابحث في خبر</label>
        <input
          id="q"
          name="q"
          type="search"
          dir="auto"
          defaultValue={query}
          maxLength={maxQueryLength}
          placeholder="ابحث في خبر"
          className="min-h-11 flex-1 rounded border border-stone-400 px-3"
        />
        <button type="submit" className="min-h-11 rounded bg-brand-700 px-6 font-bold text-white hover:bg-brand-800">بحث</button>
      </form>

      {!query ? (
        <section aria-labelledby="tips-heading">
          <h2 id="tips-heading" className="mb-3 text-xl font-bold">كيف تبحث</h2>
          <ul className="mb-8 list-disc ps-6 text-muted">
            <li>اكتب كلمة أو أكثر من العنوان أو الموضوع، مثل «المناخ» أو «الطاقة».</li>
            <li>لا تقلق من الهمزات والتشكيل: «احمد» تجد «أحمد»، و«الكِرملين» تجد «الكرملين».</li>
            <li>يكفي أول الكلمة: «اقتص» تجد «اقتصاد» و«الاقتصادية».</li>
          </ul>
          <p className="mb-3 font-bold">أو تصفّح الأقسام:</p>
          <CategoryNav label="الأقسام" listClassName="flex flex-wrap gap-2" linkClassName="inline-flex min-h-11 items-center rounded border border-stone-300 px-4 hover:bg-brand-50" />
        </section>
      ) : found.total === 0 ? (
        <p className="text-lg" role="status">
          لا نتائج عن «<span dir="auto">{query}</span>». جرّب كلمة أخرى أو أقصر.
        </p>
      ) : (
        <>
          <p className="mb-6 text-muted" role="status">
            {formatArticleCount(found.total)} عن «<span dir="auto">{query}</span>»
          </p>
          <ol className="flex flex-col gap-8">
            {found.results.map(({ article, category }) => (
              <li key={article.slug}>
                <article className="flex flex-col gap-1">
                  <p className="text-sm font-bold text-brand-700">{category?.name}</p>
                  <h2 className="text-xl font-bold leading-snug">
                    <Link href={paths.article(article.slug)} className="hover:text-brand-700 hover:underline">
                      <HighlightedText text={article.title} tokens={found.tokens} />
                    </Link>
                  </h2>
                  <p className="text-muted">
                    <HighlightedText text={article.description} tokens={found.tokens} />
                  </p>
                  <p className="text-sm text-muted">
                    <ArticleDate value={article.date} />
                  </p>
                </article>
              </li>
            ))}
          </ol>
          <Pagination page={found.page} totalPages={found.totalPages} hrefFor={hrefFor} />
        </>
      )}
    </div>
  );
}
