import { ArticleDate } from '@/components/article-date';
import { CommentView } from '@/components/comment-view';
import { CommentsIsland } from '@/components/comments-island';
import { listComments } from '@/lib/comments/service';
import { site } from '@/lib/site';

/**
 * The comments place on every article page. Readers with JavaScript get the
 * interactive thread when they scroll near it; readers without it get the
 * first page right here, rendered on the server, and a form that still posts.
 */
export async function CommentsSection({ article, count }: { article: string; count: number }) {
  const first = await listComments(article, 1, 'newest');
  const comments = first.ok ? first.page.comments : [];
  const stamp = (iso: string) => (
    <span className="text-sm text-muted">
      <ArticleDate value={iso} withTime />
    </span>
  );
  return (
    <section id="comments" aria-labelledby="comments-heading" className="reader-comments print-hidden my-10 scroll-mt-4 border-t border-stone-200 pt-8">
      <CommentsIsland article={article} initialCount={count} timeZone={site.timeZone}>
        <noscript>
          <ol className="mt-8 flex flex-col gap-6">
            {comments.map((comment) => (
              <li key={comment.id} className="border-b border-stone-200 pb-4">
                <CommentView comment={comment} time={stamp(comment.createdAt)} />
                {comment.replies?.length ? (
                  <ol className="mt-4 flex flex-col gap-4 border-s-2 border-stone-200 ps-4">
                    {comment.replies.map((reply) => (
                      <li key={reply.id}>
                        <CommentView comment={reply} time={stamp(reply.createdAt)} />
                      </li>
                    ))}
                  </ol>
                ) : null}
              </li>
            ))}
          </ol>
        </noscript>
      </CommentsIsland>
    </section>
  );
}
