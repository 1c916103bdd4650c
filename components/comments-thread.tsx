'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { CommentForm } from '@/components/comment-form';
import { CommentView } from '@/components/comment-view';
import { relativeTime } from '@/lib/arabic';
import type { CommentPage, CommentSort, PublicComment } from '@/lib/comments/schema';
import { formatDate } from '@/lib/format';

type Props = {
  article: string;
  timeZone: string;
  /** Comments this reader posted since the page loaded, newest first. */
  posted: PublicComment[];
  onPosted: (comment: PublicComment, held: boolean) => void;
  /** Changes when the reader posted while the thread was up: the total is fetched again. */
  recount: number;
  onCount: (count: number) => void;
};

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready' };

async function fetchPage(article: string, page: number, sort: CommentSort): Promise<CommentPage> {
  const response = await fetch(`/api/comments?article=${encodeURIComponent(article)}&page=${page}&sort=${sort}`, { cache: 'no-store' });
  const body = await response.json();
  if (!response.ok) throw new Error(body?.error?.message ?? 'تعذّر تحميل التعليقات.');
  return body as CommentPage;
}

export function CommentsThread({ article, timeZone, posted, recount, onPosted, onCount }: Props) {
  const [sort, setSort] = useState<CommentSort>('newest');
  const [comments, setComments] = useState<PublicComment[]>([]);
  const [page, setPage] = useState(1);
  const [hasMore, setHasMore] = useState(false);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [replyTo, setReplyTo] = useState<number | null>(null);
  const [now, setNow] = useState(() => new Date());

  // Responses can arrive out of order; only the newest request's total is shown.
  const requested = useRef(0);
  const applied = useRef(0);
  const fetchCounted = useCallback(
    async (nextPage: number, order: CommentSort) => {
      const mine = ++requested.current;
      const result = await fetchPage(article, nextPage, order);
      if (mine > applied.current) {
        applied.current = mine;
        onCount(result.total);
      }
      return result;
    },
    [article, onCount],
  );

  const loadPage = useCallback(
    async (nextPage: number, order: CommentSort) => {
      setLoad({ status: 'loading' });
      try {
        const result = await fetchCounted(nextPage, order);
        setComments((list) => (nextPage === 1 ? result.comments : [...list, ...result.comments]));
        setPage(result.page);
        setHasMore(result.hasMore);
        setNow(new Date());
        setLoad({ status: 'ready' });
      } catch (error) {
        setLoad({ status: 'error', message: (error as Error).message });
      }
    },
    [fetchCounted],
  );

  useEffect(() => {
    void loadPage(1, sort);
  }, [loadPage, sort]);

  useEffect(() => {
    if (recount > 0) fetchCounted(1, 'newest').catch(() => undefined);
  }, [recount, fetchCounted]);

  // Comments posted here since loading are shown at once, without waiting for a refetch.
  const known = new Set(comments.map((c) => c.id));
  const fresh = posted.filter((c) => !known.has(c.id) && c.parentId === null);
  const shown = sort === 'newest' ? [...fresh, ...comments] : [...comments, ...fresh.toReversed()];

  const time = (iso: string) => {
    const date = formatDate(iso, timeZone);
    return (
      <time dateTime={iso} title={`${date.gregorian} ${date.time}`} className="text-sm text-muted">
        {relativeTime(new Date(iso), now, date.gregorian)}
      </time>
    );
  };

  const renderComment = (comment: PublicComment) => <CommentView comment={comment} time={time(comment.createdAt)} />;

  return (
    <div className="mt-8">
      <div className="mb-4 flex flex-wrap items-center gap-2" role="group" aria-label="ترتيب التعليقات">
        {(['newest', 'oldest'] as const).map((order) => (
          <button
            key={order}
            type="button"
            aria-pressed={sort === order}
            onClick={() => setSort(order)}
            className="min-h-11 rounded border border-stone-300 px-4 aria-pressed:border-brand-700 aria-pressed:bg-brand-700 aria-pressed:text-white"
          >
            {order === 'newest' ? 'الأحدث أولًا' : 'الأقدم أولًا'}
          </button>
        ))}
      </div>
      {shown.length === 0 && load.status === 'ready' ? <p className="text-muted">كن أول من يعلّق على هذا المقال.</p> : null}
      <ol className="flex flex-col gap-6" aria-label="قائمة التعليقات">
        {shown.map((comment) => {
          const loadedReplies = comment.replies ?? [];
          const loadedIds = new Set(loadedReplies.map((r) => r.id));
          const threadReplies = [...loadedReplies, ...posted.filter((r) => r.parentId === comment.id && !loadedIds.has(r.id)).toReversed()];
          return (
            <li key={comment.id} id={`comment-${comment.id}`} className="border-b border-stone-200 pb-4">
              {renderComment(comment)}
              {threadReplies.length ? (
                <ol className="mt-4 flex flex-col gap-4 border-s-2 border-stone-200 ps-4" aria-label="الردود">
                  {threadReplies.map((reply) => (
                    <li key={reply.id} id={`comment-${reply.id}`}>
                      {renderComment(reply)}
                    </li>
                  ))}
                </ol>
              ) : null}
              {replyTo === comment.id ? (
                <div className="mt-4 ps-4">
                  <CommentForm
                    article={article}
                    parentId={comment.id}
                    onCancel={() => setReplyTo(null)}
                    onPosted={(reply, held) => {
                      onPosted(reply, held);
                      if (!held) setReplyTo(null);
                    }}
                  />
                </div>
              ) : (
                <button type="button" onClick={() => setReplyTo(comment.id)} className="mt-2 min-h-11 text-sm font-bold text-brand-700 hover:underline">
                  ردّ<span className="sr-only"> على {comment.name}</span>
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {load.status === 'loading' ? <p className="mt-4 text-muted" role="status">جارٍ تحميل التعليقات…</p> : null}
      {load.status === 'error' ? (
        <p className="mt-4 font-bold text-brand-700" role="alert">
          {load.message}{' '}
          <button type="button" onClick={() => void loadPage(page, sort)} className="underline">إعادة المحاولة</button>
        </p>
      ) : null}
      {hasMore && load.status === 'ready' ? (
        <button type="button" onClick={() => void loadPage(page + 1, sort)} className="mt-6 min-h-11 w-full rounded border border-stone-300 font-bold hover:bg-brand-50">
          المزيد من التعليقات
        </button>
      ) : null}
    </div>
  );
}
