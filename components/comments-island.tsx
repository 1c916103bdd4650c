'use client';

import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { formatCommentCount } from '@/lib/arabic';
import type { PublicComment } from '@/lib/comments/schema';

type FormModule = typeof import('@/components/comment-form');

/*
 * The comments widget (form and thread) is not part of the article's first
 * load: its code is one chunk (comments-widget.ts), fetched when the section
 * comes near the viewport, at once for #comments, or when the reader follows a
 * link to it.
 */
const CommentForm = lazy(() => import('@/components/comments-widget').then((m) => ({ default: m.CommentForm })));
const CommentsThread = lazy(() => import('@/components/comments-widget').then((m) => ({ default: m.CommentsThread })));

/**
 * The form for readers without JavaScript, rendered on the server only and
 * shown by their browser from <noscript>; React never renders or hydrates the
 * children of <noscript> in the browser. It cannot sit in a Suspense boundary
 * that the browser would hydrate later: React moves a boundary's HTML to the
 * end of a long document behind a script that shows it. `typeof window` is a
 * build-time constant, so this require is absent from the browser bundle.
 */
function FormWithoutJavaScript({ article }: { article: string }) {
  if (typeof window === 'undefined') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- server-only on purpose, see above
    const form = require('@/components/comment-form') as FormModule;
    return <form.CommentForm article={article} />;
  }
  return null;
}

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

  // The form is shown only with the thread, which is loading or loaded by then: the server's total
  // is the truth (a load already in flight may or may not include this comment), so ask again.
  const onPosted = useCallback((comment: PublicComment, held: boolean) => {
    if (held) return;
    setPosted((list) => [comment, ...list]);
    setRecount((n) => n + 1);
  }, []);

  return (
    <div ref={root}>
      <h2 id="comments-heading" className="mb-4 border-s-4 border-brand-600 ps-3 text-2xl font-bold">
        التعليقات <span className="text-lg font-normal text-muted">({formatCommentCount(count)})</span>
      </h2>
      {/* The form's own height, kept while its code loads, so nothing below it moves. */}
      <div className="min-h-[22.25rem]">
        {wanted ? (
          <Suspense fallback={null}>
            <CommentForm article={article} onPosted={onPosted} />
          </Suspense>
        ) : (
          <noscript>
            <FormWithoutJavaScript article={article} />
          </noscript>
        )}
      </div>
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
