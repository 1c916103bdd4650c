import type { ArticleMeta } from '@/lib/content/load';
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
