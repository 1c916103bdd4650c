import type { Metadata } from 'next';
import { ArticleDate } from '@/components/article-date';
import { CategoryNav } from '@/components/category-nav';
import { IntentLink } from '@/components/intent-link';
import { Pagination } from '@/components/pagination';
import { getCategories } from '@/lib/content';
import { formatArticleCount } from '@/lib/format';
import { parsePageParam } from '@/lib/routing';
import { countLimit, indexingNotice, maxQueryLength, searchArticles } from '@/lib/search';
import { paths } from '@/lib/site';
import { MarkedText } from './marked-text';

type Param = string | string[] | undefined;
type Props = { searchParams: Promise<{ q?: Param; page?: Param; category?: Param; sort?: Param }> };

const first = (value: Param) => (Array.isArray(value) ? value[0] : value) ?? '';

type Filters = { query: string; category?: string; sort: 'relevance' | 'date' };

/** A results URL; page 1, all categories and relevance are left out. */
function searchHref({ query, category, sort }: Filters, page = 1): string {
  const params = new URLSearchParams({ q: query });
  if (category) params.set('category', category);
  if (sort === 'date') params.set('sort', 'date');
  if (page > 1) params.set('page', String(page));
  return `/search?${params}`;
}

const arabicNumber = new Intl.NumberFormat('ar-EG');
/** Counts stop past countLimit: «أكثر من ١٠٠٠ نتيجة» instead of a figure the index did not count. */
const resultCount = (n: number) => (n > countLimit ? `أكثر من ${arabicNumber.format(countLimit)} نتيجة` : formatArticleCount(n));
/** A category link's count, when the index counted it (it does not past countLimit matches). */
const chipCount = (n: number | undefined) => (n === undefined ? '' : ` (${n > countLimit ? `+${countLimit}` : n})`);

const chip = 'inline-flex min-h-11 items-center rounded border px-4';
const chipClass = (active: boolean) => `${chip} ${active ? 'border-brand-700 bg-brand-50 font-bold' : 'border-stone-300 hover:bg-brand-50'}`;

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const q = first((await searchParams).q).trim().slice(0, maxQueryLength);
  return { title: q ? `نتائج البحث عن «${q}»` : 'البحث', robots: { index: false, follow: true } };
}

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const query = first(params.q).trim().slice(0, maxQueryLength);
  const page = parsePageParam(first(params.page) || undefined) ?? 1;
  const categories = await getCategories();
  // Only known slugs reach the index; anything else is the same as no filter.
  const category = categories.find((c) => c.slug === first(params.category))?.slug;
  const filters: Filters = { query, category, sort: first(params.sort) === 'date' ? 'date' : 'relevance' };
  const found = await searchArticles({ query, page, category, sort: filters.sort });
  const hrefFor = (n: number) => searchHref(filters, n);
  const notice = indexingNotice(found.progress);
  // While a first build runs, «no results» is not an answer yet.
  const updating = notice !== undefined;
  const nameOf = new Map(categories.map((c) => [c.slug, c.name]));

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
          className="min-h-11 min-w-0 flex-1 rounded border border-stone-400 px-3"
        />
        <button type="submit" className="min-h-11 rounded bg-brand-700 px-6 font-bold text-white hover:bg-brand-800">بحث</button>
      </form>

      {updating ? (
        <p className="mb-6 rounded border border-amber-300 bg-amber-50 p-3" role="note">
          {notice}
        </p>
      ) : null}

      {!found.searched ? (
        <section aria-labelledby="tips-heading">
          <h2 id="tips-heading" className="mb-3 text-xl font-bold">كيف تبحث</h2>
          <ul className="mb-8 list-disc ps-6 text-muted">
            <li>اكتب كلمة أو أكثر من العنوان أو الموضوع، مثل «المناخ» أو «الطاقة».</li>
            <li>لا تقلق من الهمزات والتشكيل: «احمد» تجد «أحمد»، و«الكِرملين» تجد «الكرملين».</li>
            <li>يكفي أول الكلمة: «اقتص» تجد «اقتصاد» و«الاقتصادية»، و«عقوبة» تجد «العقوبات».</li>
            <li>ضع عبارة بين علامتي تنصيص لتجدها كما هي: «{'"الطاقة النظيفة"'}».</li>
            <li>ضع علامة الطرح قبل كلمة لاستبعادها: «النفط -الأسعار».</li>
          </ul>
          <p className="mb-3 font-bold">أو تصفّح الأقسام:</p>
          <CategoryNav label="تصفّح الأقسام" listClassName="flex flex-wrap gap-2" linkClassName="inline-flex min-h-11 items-center rounded border border-stone-300 px-4 hover:bg-brand-50" />
        </section>
      ) : found.total === 0 ? (
        <p className="text-lg" role="status">
          {updating ? (
            <>لم نجد بعد ما يطابق «<span dir="auto">{query}</span>» في الجزء المفهرس. أعد المحاولة بعد قليل.</>
          ) : (
            <>
              لا نتائج عن «<span dir="auto">{query}</span>»{category ? ` في قسم ${nameOf.get(category)}` : ''}. جرّب كلمة أخرى أو أقصر.
            </>
          )}
        </p>
      ) : (
        <>
          <p className="mb-4 text-muted" role="status">
            {resultCount(found.total)} عن «<span dir="auto">{query}</span>»
          </p>
          <nav aria-label="تصفية النتائج" className="mb-6 flex flex-col gap-3">
            <ul className="flex flex-wrap gap-2">
              <li>
                <IntentLink href={searchHref({ ...filters, category: undefined })} className={chipClass(!category)} aria-current={!category ? 'page' : undefined}>
                  كل الأقسام
                </IntentLink>
              </li>
              {found.byCategory.map(({ category: slug, count }) => (
                <li key={slug}>
                  <IntentLink href={searchHref({ ...filters, category: slug })} className={chipClass(slug === category)} aria-current={slug === category ? 'page' : undefined}>
                    {nameOf.get(slug) ?? slug}{chipCount(count)}
                  </IntentLink>
                </li>
              ))}
            </ul>
            <p className="flex flex-wrap gap-2">
              <IntentLink href={searchHref({ ...filters, sort: 'relevance' })} className={chipClass(filters.sort === 'relevance')} aria-current={filters.sort === 'relevance' ? 'page' : undefined}>
                الأكثر صلة
              </IntentLink>
              <IntentLink href={searchHref({ ...filters, sort: 'date' })} className={chipClass(filters.sort === 'date')} aria-current={filters.sort === 'date' ? 'page' : undefined}>
                الأحدث أولًا
              </IntentLink>
            </p>
          </nav>
          <ol className="flex flex-col gap-8">
            {found.results.map(({ article, category }) => (
              <li key={article.slug}>
                <article className="flex flex-col gap-1">
                  <p className="text-sm font-bold text-brand-700">{category?.name}</p>
                  <h2 className="text-xl font-bold leading-snug">
                    <IntentLink href={paths.article(article.slug)} className="hover:text-brand-700 hover:underline">
                      <MarkedText text={article.title} query={found.query} />
                    </IntentLink>
                  </h2>
                  <p className="text-muted">
                    <MarkedText text={article.description} query={found.query} />
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
