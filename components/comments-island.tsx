'use client';

import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { CommentForm } from '@/components/comment-form';
import { formatCommentCount } from '@/lib/arabic';
import type { PublicComment } from '@/lib/comments/schema';

// Split out of the article's initial bundle: fetched only when the reader gets near the comments.
const CommentsThread = lazy(() => import('@/components/comments-thread').then((m) => ({ default: m.CommentsThread })));

type Props = {
  article: string;
  initialCount: number;
  timeZone: string;
  /** The server-rendered thread for readers without JavaScript. */
  children?: React.ReactNode;
};

export function CommentsIsland({ article, initialCount, timeZone, children }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const [count, setCount] = useState(initialCount);
  const [wanted, setWanted] = useState(false);
  const [posted, setPosted] = useState<PublicComment[]>([]);
  const [recount, setRecount] = useState(0);
  const threadShown = useRef(false);
  useEffect(() => {
    threadShown.current = wanted;
  }, [wanted]);

  useEffect(() => {
    if (window.location.hash === '#comments') {
      // The fragment exists only in the browser, so this cannot be decided during rendering.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setWanted(true);
      return;
    }
    const onHash = () => window.location.hash === '#comments' && setWanted(true);
    window.addEventListener('hashchange', onHash);
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setWanted(true), {
      rootMargin: '300px 0px',
    });
    if (root.current) observer.observe(root.current);
    return () => {
      observer.disconnect();
      window.removeEventListener('hashchange', onHash);
    };
  }, []);

  const onPosted = useCallback((comment: PublicComment, held: boolean) => {
    if (held) return;
    setPosted((list) => [comment, ...list]);
    // Once the thread is loading or loaded, the server's total is the truth (a load already in
    // flight may or may not include this comment); before that, count it here.
    if (threadShown.current) {
      setRecount((n) => n + 1);
    } else {
      setCount((n) => n + 1);
      setWanted(true);
    }
  }, []);

  return (
    <div ref={root}>
      <h2 id="comments-heading" className="mb-4 border-s-4 border-brand-600 ps-3 text-2xl font-bold">
        التعليقات <span className="text-lg font-normal text-muted">({formatCommentCount(count)})</span>
      </h2>
      <CommentForm article={article} onPosted={onPosted} />
      {wanted ? (
        <Suspense fallback={<p className="mt-6 text-muted">جارٍ تحميل التعليقات…</p>}>
          <CommentsThread article={article} timeZone={timeZone} posted={posted} recount={recount} onPosted={onPosted} onCount={setCount} />
        </Suspense>
      ) : (
        children
      )}
    </div>
  );
}
