import Link from 'next/link';
import { ArticleDate } from '@/components/article-date';
import { CommentText } from '@/components/comment-text';
import { articleTitles } from '@/lib/content';
import { getCommentStore } from '@/lib/comments/service';
import type { StoredComment } from '@/lib/comments/store';
import { EditorSignOut } from '@/components/editor-sign-out';
import { moderateComment } from '@/lib/editor/actions';
import { requireEditorPage } from '@/lib/editor/session';
import { paths } from '@/lib/site';

function ModerationButton({ id, operation, label }: { id: number; operation: string; label: string }) {
  return (
    <form action={moderateComment}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="operation" value={operation} />
      <button type="submit" className="min-h-11 rounded border border-stone-300 px-4 hover:bg-brand-50">{label}</button>
    </form>
  );
}

export default async function ModerationPage() {
  await requireEditorPage('/editor/comments');
  const store = getCommentStore();
  const [pending, recent] = await Promise.all([store.listByStatus('pending', 100), store.listByStatus('approved', 50)]);
  const titles = await articleTitles([...pending, ...recent].map((c) => c.article));
  const title = (slug: string) => titles.get(slug) ?? slug;

  const row = (comment: StoredComment, actions: React.ReactNode) => {
    return (
      <li key={comment.id} className="flex flex-col gap-2 border-b border-stone-200 py-4">
        <p className="text-sm text-muted">
          على{' '}
          <Link href={paths.article(comment.article)} className="font-bold text-brand-700 hover:underline">{title(comment.article)}</Link>
          {' · '}
          <ArticleDate value={new Date(comment.createdAt).toISOString()} withTime />
        </p>
        <p><strong><bdi dir="auto">{comment.name}</bdi></strong>{comment.parentId ? <span className="text-sm text-muted"> (ردّ)</span> : null}</p>
        <CommentText body={comment.body} />
        <div className="flex flex-wrap gap-2">{actions}</div>
      </li>
    );
  };

  return (
    <>
      <div className="mb-8 flex items-center justify-between gap-4">
        <h1 className="text-3xl font-bold">إدارة التعليقات</h1>
        <div className="flex flex-wrap gap-2">
          <EditorSignOut />
        </div>
      </div>
      <section aria-labelledby="pending-heading" className="mb-12">
        <h2 id="pending-heading" className="mb-2 text-2xl font-bold">بانتظار المراجعة ({pending.length})</h2>
        {pending.length === 0 ? <p className="text-muted">لا توجد تعليقات بانتظار المراجعة.</p> : null}
        <ul>
          {pending.map((c) =>
            row(c, [
              <ModerationButton key="a" id={c.id} operation="approve" label="نشر" />,
              <ModerationButton key="r" id={c.id} operation="reject" label="رفض" />,
              <ModerationButton key="d" id={c.id} operation="delete" label="حذف" />,
            ]),
          )}
        </ul>
      </section>
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading" className="mb-2 text-2xl font-bold">أحدث التعليقات المنشورة</h2>
        <ul>{recent.map((c) => row(c, <ModerationButton id={c.id} operation="delete" label="حذف" />))}</ul>
      </section>
    </>
  );
}
