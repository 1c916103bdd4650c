import { lastModified, latestCorrection } from '@/lib/content/corrections';
import type { ArticleMeta } from '@/lib/content/load';
import { absoluteUrl, paths, site } from '@/lib/site';
import { xmlText } from '@/lib/xml';

export type FeedItem = {
  article: ArticleMeta;
  author?: string;
  category?: string;
  /** Size in bytes of the image file, for the enclosure; omitted when unknown. */
  imageBytes?: number;
};

const imageType = (src: string) => {
  const ext = src.split('.').pop()?.toLowerCase();
  return ext === 'png' ? 'image/png' : ext === 'webp' ? 'image/webp' : ext === 'avif' ? 'image/avif' : ext === 'gif' ? 'image/gif' : 'image/jpeg';
};

/** RSS 2.0 with Dublin Core creators and an atom:link to itself. Newest first, as given. */
export function renderRss(options: { title: string; path: string; selfPath: string; description: string; items: FeedItem[] }): string {
  const items = options.items
    .map(({ article, author, category, imageBytes }) => {
      const url = absoluteUrl(paths.article(article.slug));
      const correction = latestCorrection(article);
      // Feed readers show the description; a correction leads it so a subscriber sees what changed.
      const description = correction ? `تصحيح: ${correction.text} — ${article.description}` : article.description;
      return [
        '<item>',
        `<title>${xmlText(article.title)}</title>`,
        `<link>${xmlText(url)}</link>`,
        `<guid isPermaLink="true">${xmlText(url)}</guid>`,
        `<pubDate>${new Date(article.publishedAt).toUTCString()}</pubDate>`,
        `<description>${xmlText(description)}</description>`,
        correction ? `<atom:updated>${new Date(lastModified(article).at).toISOString()}</atom:updated>` : '',
        author ? `<dc:creator>${xmlText(author)}</dc:creator>` : '',
        category ? `<category>${xmlText(category)}</category>` : '',
        ...article.tags.map((tag) => `<category>${xmlText(tag)}</category>`),
        article.image && imageBytes !== undefined
          ? `<enclosure url="${xmlText(absoluteUrl(article.image.src))}" length="${imageBytes}" type="${imageType(article.image.src)}"/>`
          : '',
        '</item>',
      ]
        .filter(Boolean)
        .join('');
    })
    .join('\n');
  const newest = options.items[0]?.article;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${xmlText(options.title)}</title>
<link>${xmlText(absoluteUrl(options.path))}</link>
<description>${xmlText(options.description)}</description>
<language>${site.locale}</language>
<atom:link href="${xmlText(absoluteUrl(options.selfPath))}" rel="self" type="application/rss+xml"/>
${newest ? `<lastBuildDate>${new Date(Math.max(...options.items.map((i) => lastModified(i.article).at))).toUTCString()}</lastBuildDate>\n` : ''}${items}
</channel>
</rss>
`;
}
