import 'server-only';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { feedArticles, type ListFilter } from '@/lib/content';
import { renderRss } from '@/lib/rss';
import { xmlResponse } from '@/lib/xml';

const feedLength = 50;
const imageSizes = new Map<string, number | undefined>();

async function imageBytes(src: string): Promise<number | undefined> {
  if (!imageSizes.has(src)) {
    const file = path.join(/*turbopackIgnore: true*/ process.cwd(), 'public', src);
    imageSizes.set(src, await stat(file).then((s) => s.size, () => undefined));
  }
  return imageSizes.get(src);
}

/** The latest 50 published articles (of one category, or of the site) as an RSS response. */
export async function feedResponse(options: { title: string; path: string; selfPath: string; description: string; filter?: ListFilter }) {
  const articles = await feedArticles(feedLength, options.filter);
  const items = await Promise.all(
    articles.map(async ({ article, author, category }) => ({
      article,
      author: author?.name,
      category: category?.name,
      imageBytes: article.image ? await imageBytes(article.image.src) : undefined,
    })),
  );
  return xmlResponse(renderRss({ ...options, items }));
}
