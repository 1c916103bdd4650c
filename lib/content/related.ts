import type { ArticleMeta, ContentIndex } from '@/lib/content/load';
import { formatDate } from '@/lib/format';
import { paths, site } from '@/lib/site';

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

/** What ranking needs from the content index. */
export type RankingIndex = Pick<ContentIndex, 'articles' | 'columns' | 'bySlug' | 'categories'>;

const considered = 0xff;

type Ranked = { ord: number; shared: number; same: number };

function beats(shared: number, same: number, ord: number, other: Ranked): boolean {
  if (shared !== other.shared) return shared > other.shared;
  if (same !== other.same) return same > other.same;
  return ord < other.ord;
}

/**
 * Up to `limit` published articles related to `article`: ranked by the number
 * of shared tags, then same category, then recency; never the article itself.
 *
 * Ordinals are newest first, so "more recent" is "smaller ordinal". Shared
 * tags are counted in a typed array instead of hashing each candidate, and only
 * the best `limit` are kept while scanning: a popular tag on a 50,000-article
 * archive brings thousands of candidates and this runs on every article render.
 */
export function rankRelated(index: RankingIndex, article: ArticleMeta, now: number, limit = 6): ArticleMeta[] {
  if (limit <= 0) return [];
  const { visibleFrom, category, tagOrds } = index.columns;
  const total = index.articles.length;
  // `article` may come from an earlier scan than `index`: find it again by slug, never trust its ordinal.
  const own = index.bySlug.get(article.slug)?.ord ?? -1;
  const ownCategory = own === -1 ? index.categories.findIndex((c) => c.slug === article.category) : category[own];
  const shared = new Uint8Array(total);
  const lists = article.tags.flatMap((tag) => tagOrds.get(tag) ?? []);
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const ord = list[i]!;
      if (shared[ord]! < considered - 1) shared[ord]!++;
    }
  }

  const top: Ranked[] = [];
  const offer = (ord: number, count: number) => {
    if (ord === own || visibleFrom[ord]! > now) return;
    const same = category[ord] === ownCategory ? 1 : 0;
    if (top.length === limit && !beats(count, same, ord, top[limit - 1]!)) return;
    let i = top.length;
    while (i > 0 && beats(count, same, ord, top[i - 1]!)) i--;
    top.splice(i, 0, { ord, shared: count, same });
    if (top.length > limit) top.pop();
  };

  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const ord = list[i]!;
      const count = shared[ord]!;
      if (count === considered) continue;
      offer(ord, count);
      shared[ord] = considered;
    }
  }
  // Articles sharing no tag rank by category, then recency: the newest few of each kind suffice.
  let sameFound = 0;
  let otherFound = 0;
  for (let ord = 0; ord < total && (sameFound < limit || otherFound < limit); ord++) {
    if (shared[ord] !== 0 || ord === own || visibleFrom[ord]! > now) continue;
    if (category[ord] === ownCategory) {
      if (sameFound++ < limit) offer(ord, 0);
    } else if (otherFound++ < limit) offer(ord, 0);
  }
  return top.map((t) => index.articles[t.ord]!);
}

export function toRelated(meta: ArticleMeta): RelatedArticle {
  const date = formatDate(meta.date, site.timeZone);
  return {
    slug: meta.slug,
    href: paths.article(meta.slug),
    title: meta.title,
    date: date.iso,
    dateLabel: date.gregorian,
    ...(meta.image ? { image: meta.image } : {}),
  };
}
