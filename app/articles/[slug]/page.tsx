import type { Metadata } from 'next';
import { draftMode } from 'next/headers';
import { notFound } from 'next/navigation';
import { ArticleDate } from '@/components/article-date';
import { ArticleView } from '@/components/article-view';
import {
  getArticleForPreview,
  getAuthor,
  getCategory,
  getPublishedArticle,
  isPublished,
  recentArticleSlugs,
} from '@/lib/content';
import { articleMetadata } from '@/lib/seo';
import { site } from '@/lib/site';

type Props = { params: Promise<{ slug: string }> };

export const revalidate = 30;

/** Only the newest articles are built ahead of time; the archive renders on first request, then is cached. */
export async function generateStaticParams() {
  return (await recentArticleSlugs(site.prerenderRecent)).map((slug) => ({ slug }));
}

/** Readers get published articles only; an editor in draft mode also drafts and scheduled ones. */
async function loadArticle(slug: string) {
  const preview = (await draftMode()).isEnabled;
  return { preview, article: preview ? await getArticleForPreview(slug) : await getPublishedArticle(slug) };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const { article } = await loadArticle(slug);
  if (!article) return {};
  const [category, author] = await Promise.all([getCategory(article.category), getAuthor(article.author)]);
  return articleMetadata(article, category, author);
}

export default async function ArticlePage({ params }: Props) {
  const { slug } = await params;
  const { preview, article } = await loadArticle(slug);
  // proxy.ts has answered unknown articles already (lib/routing.ts decideRoute says why).
  if (!article) notFound();
  const unpublished = preview && !isPublished(article);
  return (
    <ArticleView
      article={article}
      commentsOpen={!unpublished}
      countsView={!preview}
      notice={
        unpublished ? (
          <p role="status" className="mb-6 rounded border-s-4 border-amber-700 bg-amber-50 p-3 font-bold text-amber-900">
            {article.draft ? 'مسودة: لم يُنشر هذا المقال بعد.' : <>مجدول للنشر في <ArticleDate value={article.date} withTime />.</>}
          </p>
        ) : null
      }
    />
  );
}
