import type { ReactNode } from 'react';
import { ArticleDate } from '@/components/article-date';
import { ArticleImage } from '@/components/article-image';
import { CommentsSection } from '@/components/comments-section';
import { CorrectionsBox } from '@/components/corrections-box';
import { IntentLink } from '@/components/intent-link';
import { JsonLd } from '@/components/json-ld';
import { LiveCoverageSection } from '@/components/live-coverage-section';
import { MostRead } from '@/components/most-read';
import { RelatedArticles } from '@/components/related-articles';
import { ShareLinks } from '@/components/share-links';
import { ViewBeacon } from '@/components/view-beacon';
import { getAuthor, getCategory, liveCoverage, relatedArticles, renderArticle, type ArticleMeta } from '@/lib/content';
import { toRelated } from '@/lib/content/related';
import { formatCommentCount } from '@/lib/arabic';
import { approvedCount } from '@/lib/comments/service';
import { formatReadingTime } from '@/lib/format';
import { articleJsonLd } from '@/lib/seo';
import { absoluteUrl, paths } from '@/lib/site';
import { mostRead } from '@/lib/views/most-read';

type Props = {
  article: ArticleMeta;
  /** Shown above the headline: a preview's draft or schedule status, a review link's banner. */
  notice?: ReactNode;
  /** Published articles only: unpublished ones take no comments and have no lite edition yet. */
  commentsOpen: boolean;
  /** Whether this page view is a reader's, counted for «الأكثر قراءة». */
  countsView: boolean;
};

/**
 * An article as readers see it: the article page renders it, and so does a review link, so a
 * reviewer sees exactly what will be published.
 */
export async function ArticleView({ article, notice = null, commentsOpen, countsView }: Props) {
  const [category, author, rendered, related, commentCount, popular, live] = await Promise.all([
    getCategory(article.category),
    getAuthor(article.author),
    renderArticle(article),
    relatedArticles(article),
    approvedCount(article.slug),
    mostRead(article.slug),
    liveCoverage(article),
  ]);
  const url = absoluteUrl(paths.article(article.slug));

  return (
    <article className="mx-auto max-w-3xl">
      {articleJsonLd(article, category, author, live).map((data, i) => (
        <JsonLd key={i} data={data} />
      ))}
      {notice}
      <header className="mb-6">
        {category ? (
          <nav aria-label="مسار التنقل" className="mb-3">
            <ol className="flex items-center gap-2 text-sm">
              <li>
                <IntentLink href="/" className="text-muted hover:underline">الرئيسية</IntentLink>
              </li>
              <li aria-hidden="true" className="text-muted">/</li>
              <li>
                <IntentLink href={paths.category(category.slug)} className="font-bold text-brand-700 hover:underline">
                  {category.name}
                </IntentLink>
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
              <IntentLink href={paths.author(author.slug)} rel="author" className="font-bold text-ink hover:text-brand-700 hover:underline">
                {author.name}
              </IntentLink>
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
          {!commentsOpen ? null : (
            <p className="print-hidden">
              <a href={paths.liteArticle(article.slug)} className="hover:underline">نسخة خفيفة</a>
            </p>
          )}
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
        className="reader-body prose prose-lg prose-stone max-w-none prose-headings:font-bold prose-a:text-brand-700"
        dangerouslySetInnerHTML={{ __html: rendered.html }}
      />
      <CorrectionsBox corrections={article.corrections} />
      {live ? <LiveCoverageSection slug={article.slug} coverage={live} /> : null}

      {article.tags.length ? (
        <section aria-labelledby="tags-heading" className="mt-8">
          <h2 id="tags-heading" className="sr-only">الوسوم</h2>
          <ul className="flex flex-wrap gap-2">
            {article.tags.map((tag) => (
              <li key={tag}>
                <IntentLink href={paths.tag(tag)} rel="tag" className="inline-flex min-h-11 items-center rounded bg-stone-100 px-3 text-sm hover:bg-brand-50 hover:text-brand-700">
                  #{tag}
                </IntentLink>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <ShareLinks url={url} title={article.title} />
      {!commentsOpen ? (
        <section id="comments" aria-labelledby="comments-heading" className="print-hidden my-10 border-t border-stone-200 pt-8">
          <h2 id="comments-heading" className="mb-4 text-2xl font-bold">التعليقات</h2>
          <p className="text-muted">يُفتح التعليق عند نشر المقال.</p>
        </section>
      ) : (
        <CommentsSection article={article.slug} count={commentCount} />
      )}
      <RelatedArticles articles={related.map(toRelated)} />
      <MostRead items={popular} />
      {/* Editors previewing in draft mode and reviewers are not readers. */}
      {countsView ? <ViewBeacon article={article.slug} /> : null}
      <p className="print-url hidden">{url}</p>
    </article>
  );
}
