import { Suspense } from 'react';
import { ArticleImage } from '@/components/article-image';
import { IntentLink } from '@/components/intent-link';
import { RelatedScrollButtons } from '@/components/related-scroll-buttons';
import type { RelatedArticle } from '@/lib/content/related';

type Props = { articles: RelatedArticle[] };

const listId = 'related-list';

/**
 * Chosen and rendered on the server; only the scroll buttons are client code.
 * On phones the list is a swipeable row; on wider screens it is a grid and the
 * buttons are hidden.
 *
 * The row's scroll padding equals its inline padding so the first card's snap
 * position is where the row already is. Without it Chrome snapped the row by
 * 16 px while laying out the page, and that scroll ended Largest Contentful
 * Paint recording before the first paint: the article page had no LCP at all.
 */
export function RelatedArticles({ articles }: Props) {
  if (!articles.length) return null;
  return (
    <section aria-labelledby="related-heading" className="print-hidden my-12 border-t border-stone-200 pt-8">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-4">
        <h2 id="related-heading" className="border-s-4 border-brand-600 ps-3 text-2xl font-bold">
          مقالات ذات صلة
        </h2>
        {/* Hydrated on its own, after the page (see back-to-top.tsx). */}
        <Suspense>
          <RelatedScrollButtons listId={listId} />
        </Suspense>
      </div>
      <ul
        id={listId}
        className="-mx-4 flex snap-x snap-mandatory scroll-px-4 gap-4 overflow-x-auto px-4 pb-2 md:mx-0 md:grid md:grid-cols-3 md:gap-6 md:overflow-visible md:px-0"
      >
        {articles.map((article) => (
          <li key={article.slug} className="w-64 shrink-0 snap-start md:w-auto">
            <IntentLink href={article.href} className="group block">
              {article.image ? (
                <ArticleImage
                  src={article.image.src}
                  alt=""
                  sizes="(min-width: 768px) 33vw, 256px"
                  className="mb-2 aspect-video h-auto w-full rounded object-cover"
                />
              ) : null}
              <span className="block font-bold leading-snug group-hover:text-brand-700 group-hover:underline">{article.title}</span>
            </IntentLink>
            <time dateTime={article.date} className="text-sm text-muted">
              {article.dateLabel}
            </time>
          </li>
        ))}
      </ul>
    </section>
  );
}
