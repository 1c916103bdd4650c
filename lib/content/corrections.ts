import type { ArticleMeta } from '@/lib/content/load';

type Dated = Pick<ArticleMeta, 'date' | 'publishedAt' | 'updated' | 'updatedAt' | 'corrections'>;

/**
 * The article's last change as written (with its offset): `updated` or the latest correction,
 * whichever is later, else `date`. JSON-LD dateModified, the sitemap's lastmod and the feed
 * all take it from here.
 */
export function lastModified(article: Dated): { iso: string; at: number } {
  let latest = { iso: article.updated ?? article.date, at: article.updatedAt ?? article.publishedAt };
  for (const c of article.corrections ?? []) if (c.at > latest.at) latest = { iso: c.date, at: c.at };
  return latest;
}

/** The most recent correction, if any. */
export function latestCorrection(article: Dated): NonNullable<ArticleMeta['corrections']>[number] | undefined {
  let latest: NonNullable<ArticleMeta['corrections']>[number] | undefined;
  for (const c of article.corrections ?? []) if (!latest || c.at >= latest.at) latest = c;
  return latest;
}
