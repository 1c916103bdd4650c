'use client';

import Image from 'next/image';
import Link from 'next/link';
import { useRef } from 'react';
import type { RelatedArticle } from '@/lib/content/related';

type Props = { articles: RelatedArticle[] };

/**
 * Chosen on the server and rendered there; on the client it only scrolls. On
 * phones the list is a swipeable row; on wider screens it is a grid and the
 * buttons are hidden.
 */
export function RelatedArticles({ articles }: Props) {
  const row = useRef<HTMLUListElement>(null);

  // "Next" moves towards the inline end, which is leftwards on an RTL page.
  const scroll = (direction: 1 | -1) => {
    const list = row.current;
    if (!list) return;
    const rtl = getComputedStyle(list).direction === 'rtl';
    const step = list.clientWidth * 0.8 * direction * (rtl ? -1 : 1);
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    list.scrollBy({ left: step, behavior: reduce ? 'auto' : 'smooth' });
  };

  if (!articles.length) return null;
  return (
    <section aria-labelledby="related-heading" className="my-12 border-t border-stone-200 pt-8">
      <div className="mb-4 flex items-center justify-between gap-4">
        <h2 id="related-heading" className="border-s-4 border-brand-600 ps-3 text-2xl font-bold">
          مقالات ذات صلة
        </h2>
        <div className="flex gap-2 md:hidden">
          <button type="button" onClick={() => scroll(-1)} aria-label="المقالات السابقة" className="size-11 rounded-full border border-stone-300 text-xl">
            <span aria-hidden="true">→</span>
          </button>
          <button type="button" onClick={() => scroll(1)} aria-label="المقالات التالية" className="size-11 rounded-full border border-stone-300 text-xl">
            <span aria-hidden="true">←</span>
          </button>
        </div>
      </div>
      <ul
        ref={row}
        className="-mx-4 flex snap-x snap-mandatory gap-4 overflow-x-auto scroll-smooth px-4 pb-2 md:mx-0 md:grid md:grid-cols-3 md:gap-6 md:overflow-visible md:px-0"
      >
        {articles.map((article) => (
          <li key={article.slug} className="w-64 shrink-0 snap-start md:w-auto">
            <Link href={article.href} className="group block">
              {article.image ? (
                <Image
                  src={article.image.src}
                  alt=""
                  width={1200}
                  height={675}
                  sizes="(min-width: 768px) 33vw, 256px"
                  className="mb-2 aspect-video h-auto w-full rounded object-cover"
                />
              ) : null}
              <span className="block font-bold leading-snug group-hover:text-brand-700 group-hover:underline">{article.title}</span>
            </Link>
            <time dateTime={article.date} className="text-sm text-muted">
              {article.dateLabel}
            </time>
          </li>
        ))}
      </ul>
    </section>
  );
}
