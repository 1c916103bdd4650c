import type { Metadata } from 'next';
import Link from 'next/link';
import { draftMode } from 'next/headers';
import { notFound } from 'next/navigation';
import { ArticleDate } from '@/components/article-date';
import { ArticleImage } from '@/components/article-image';
import { CommentsSection } from '@/components/comments-section';
import { JsonLd } from '@/components/json-ld';
import { RelatedArticles } from '@/components/related-articles';
import { ShareLinks } from '@/components/share-links';
import {
  getArticleForPreview,
  getAuthor,
  getCategory,
  getPublishedArticle,
  isPublished,
  recentArticleSlugs,
  relatedArticles,
  renderArticle,
} from '@/lib/content';
import { toRelated } from '@/lib/content/related';
import { formatCommentCount } from '@/lib/arabic';
import { approvedCount } from '@/lib/comments/service';
import { formatReadingTime } from '@/lib/format';
import { articleJsonLd, articleMetadata } from '@/lib/seo';
import { absoluteUrl, paths, site } from '@/lib/site';

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
  const [category, author, rendered, related, commentCount] = await Promise.all([
    getCategory(article.category),
    getAuthor(article.author),
    renderArticle(article),
    relatedArticles(article),
    approvedCount(article.slug),
  ]);
  const url = absoluteUrl(paths.article(article.slug));

  return (
    <article className="mx-auto max-w-3xl">
      {articleJsonLd(article, category, author).map((data, i) => (
        <JsonLd key={i} data={data} />
      ))}
      {unpublished ? (
        <p role="status" className="mb-6 rounded border-s-4 border-amber-700 bg-amber-50 p-3 font-bold text-amber-900">
          {article.draft ? 'مسودة: لم يُنشر هذا المقال بعد.' : <>مجدول للنشر في <ArticleDate value={article.date} withTime />.</>}
        </p>
      ) : null}
      <header className="mb-6">
        {category ? (
          <nav aria-label="مسار التنقل" className="mb-3">
            <ol className="flex items-center gap-2 text-sm">
              <li>
                <Link href="/" className="text-muted hover:underline">الرئيسية</Link>
              </li>
              <li aria-hidden="true" className="text-muted">/</li>
              <li>
                <Link href={paths.category(category.slug)} className="font-bold text-brand-700 hover:underline">
                  {category.name}
                </Link>
              </li>
            </ol>
          </nav>
        ) : null}
        <h1 className="text-3xl font-bold leading-tight sm:text-4xl">{article.title}</h1>
        <p className="mt-4 text-xl leading-relaxed text-muted">{article.description}</p>
        <div className="mt-5 flex flex-col gap-1 border-y border-stone-200 py-3 text-sm text-muted">
          {author ? (
            <p>
              بقلم{' '}
              <Link href={paths.author(author.slug)} rel="author" className="font-bold text-ink hover:text-brand-700 hover:underline">
                {author.name}
              </Link>
            </p>
          ) : null}
          <p>
            نُشر في <ArticleDate value={article.date} withHijri withTime />
          </p>
          {article.updated ? (
            <p>
              حُدّث في <ArticleDate value={article.updated} withHijri withTime />
            </p>
          ) : null}
          <p>
            {formatReadingTime(rendered.readingMinutes)} ·{' '}
            <a href="#comments" className="hover:underline">{formatCommentCount(commentCount)}</a>
          </p>
        </div>
      </header>

      {article.image ? (
        <figure className="mb-8">
          <ArticleImage
            src={article.image.src}
            alt={article.image.alt}
            priority
            sizes="(min-width: 768px) 768px, 100vw"
            className="aspect-video h-auto w-full rounded object-cover"
          />
        </figure>
      ) : null}

      <div
        className="article-body prose prose-lg prose-stone max-w-none prose-headings:font-bold prose-a:text-brand-700"
        dangerouslySetInnerHTML={{ __html: rendered.html }}
      />

      {article.tags.length ? (
        <section aria-labelledby="tags-heading" className="mt-8">
          <h2 id="tags-heading" className="sr-only">الوسوم</h2>
          <ul className="flex flex-wrap gap-2">
            {article.tags.map((tag) => (
              <li key={tag}>
                <Link href={paths.tag(tag)} rel="tag" className="inline-flex min-h-11 items-center rounded bg-stone-100 px-3 text-sm hover:bg-brand-50 hover:text-brand-700">
                  #{tag}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <ShareLinks url={url} title={article.title} />
      {unpublished ? (
        <section id="comments" aria-labelledby="comments-heading" className="my-10 border-t border-stone-200 pt-8">
          <h2 id="comments-heading" className="mb-4 text-2xl font-bold">التعليقات</h2>
          <p className="text-muted">يُفتح التعليق عند نشر المقال.</p>
        </section>
      ) : (
        <CommentsSection article={article.slug} count={commentCount} />
      )}
      <RelatedArticles articles={related.map(toRelated)} />
    </article>
  );
}
