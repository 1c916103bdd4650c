import type { ArticleMeta } from '@/lib/content/load';
import { formatDate } from '@/lib/format';
import { paths } from '@/lib/site';

/** What the related-articles leaf receives: plain data, nothing it has to look up. */
export type RelatedArticle = {
  slug: string;
  href: string;
  title: string;
  /** ISO instant for `<time datetime>` */
  date: string;
  /** The date as the site prints it */
  dateLabel: string;
  image?: { src: string; alt: string };
};

/**
 * Ranks candidates by the number of shared tags, then same category, then
 * recency. The article itself is never related to itself.
 */
export function rankRelated(article: ArticleMeta, candidates: Iterable<ArticleMeta>, limit = 6): ArticleMeta[] {
  const tags = new Set(article.tags);
  const scored: { meta: ArticleMeta; shared: number; sameCategory: number }[] = [];
  const seen = new Set<string>([article.slug]);
  for (const meta of candidates) {
    if (seen.has(meta.slug)) continue;
    seen.add(meta.slug);
    let shared = 0;
    for (const tag of meta.tags) if (tags.has(tag)) shared++;
    scored.push({ meta, shared, sameCategory: meta.category === article.category ? 1 : 0 });
  }
  scored.sort(
    (a, b) =>
      b.shared - a.shared ||
      b.sameCategory - a.sameCategory ||
      b.meta.publishedAt - a.meta.publishedAt ||
      (a.meta.slug < b.meta.slug ? -1 : 1),
  );
  return scored.slice(0, limit).map((s) => s.meta);
}

export function toRelated(meta: ArticleMeta): RelatedArticle {
  const date = formatDate(meta.date);
  return {
    slug: meta.slug,
    href: paths.article(meta.slug),
    title: meta.title,
    date: date.iso,
    dateLabel: date.gregorian,
    ...(meta.image ? { image: meta.image } : {}),
  };
}
