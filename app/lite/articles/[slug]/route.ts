import { getAuthor, getCategory, getPublishedArticle, recentArticleSlugs, renderLiteArticle } from '@/lib/content';
import { liteArticleBody, liteDocument, liteNotFound, liteResponse } from '@/lib/lite/html';
import { paths, site } from '@/lib/site';

export const revalidate = 30;

export async function generateStaticParams() {
  return (await recentArticleSlugs(site.prerenderRecent)).map((slug) => ({ slug }));
}

/** Published articles only, as on the full page: drafts and scheduled ones are not found. */
export async function GET(_request: Request, { params }: RouteContext<'/lite/articles/[slug]'>) {
  const { slug } = await params;
  const article = await getPublishedArticle(slug);
  if (!article) return liteNotFound();
  const [category, author, html] = await Promise.all([getCategory(article.category), getAuthor(article.author), renderLiteArticle(article)]);
  const body = liteArticleBody({
    slug: article.slug,
    title: article.title,
    description: article.description,
    date: article.date,
    updated: article.updated,
    author: author?.name,
    category: category?.name,
    html,
    image: article.image,
  });
  return liteResponse(
    liteDocument({ title: `${article.title} | ${site.name}`, description: article.description, canonicalPath: paths.article(article.slug), body }),
  );
}
