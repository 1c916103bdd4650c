import Link from 'next/link';
import { ArticleDate } from '@/components/article-date';
import { listUnpublished, type ArticleMeta } from '@/lib/content';
import { formatProblem } from '@/lib/content/problems';
import { EditorSignOut } from '@/components/editor-sign-out';
import { EditorViews } from '@/components/editor-views';
import { ReviewLinkForm } from '@/components/review-link-form';
import { ReviewLinksSection } from '@/components/review-links-section';
import { requireEditorPage } from '@/lib/editor/session';
import { reviewLinksEnabled } from '@/lib/review/links';
import { deskViews } from '@/lib/views/desk';

/** The editors' desk: what is not live yet, and what in the folder is broken. */
export default async function EditorDesk() {
  await requireEditorPage('/editor');
  const [{ drafts, scheduled, problems }, views] = await Promise.all([listUnpublished(), deskViews()]);
  const reviews = reviewLinksEnabled();

  const list = (items: ArticleMeta[], when: boolean) =>
    items.length ? (
      <ul className="flex flex-col gap-3">
        {items.map((article) => (
          <li key={article.slug} className="flex flex-wrap items-baseline justify-between gap-3 border-b border-stone-200 pb-3">
            <span>
              <strong>{article.title}</strong>
              {when ? (
                <span className="block text-sm text-muted">
                  يُنشر في <ArticleDate value={article.date} withTime />
                </span>
              ) : null}
            </span>
            <a href={`/editor/preview/${article.slug}`} className="min-h-11 rounded border border-stone-300 px-4 py-2 font-bold hover:bg-brand-50">
              معاينة<span className="sr-only"> {article.title}</span>
            </a>
            {reviews ? <ReviewLinkForm slug={article.slug} title={article.title} /> : null}
          </li>
        ))}
      </ul>
    ) : (
      <p className="text-muted">لا شيء هنا.</p>
    );

  return (
    <>
      <div className="mb-8 flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-3xl font-bold">مكتب التحرير</h1>
        <div className="flex gap-2">
          <Link href="/editor/comments" className="min-h-11 rounded border border-stone-300 px-4 py-2">إدارة التعليقات</Link>
          <EditorSignOut />
        </div>
      </div>
      <EditorViews views={views} />
      <section aria-labelledby="drafts-heading" className="mb-10">
        <h2 id="drafts-heading" className="mb-3 text-2xl font-bold">المسودات ({drafts.length})</h2>
        {list(drafts, false)}
      </section>
      <section aria-labelledby="scheduled-heading" className="mb-10">
        <h2 id="scheduled-heading" className="mb-3 text-2xl font-bold">المقالات المجدولة ({scheduled.length})</h2>
        {list(scheduled, true)}
      </section>
      <ReviewLinksSection />
      <section aria-labelledby="problems-heading">
        <h2 id="problems-heading" className="mb-3 text-2xl font-bold">مشكلات المحتوى ({problems.length})</h2>
        {problems.length ? (
          <ul dir="ltr" className="flex flex-col gap-2 rounded bg-stone-50 p-4 font-mono text-sm">
            {problems.map((problem) => (
              <li key={formatProblem(problem)}>{formatProblem(problem)}</li>
            ))}
          </ul>
        ) : (
          <p className="text-muted">لا توجد مشكلات: كل الملفات صالحة.</p>
        )}
      </section>
    </>
  );
}
