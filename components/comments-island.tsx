'use client';

import { lazy, memo, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { formatCommentCount } from '@/lib/arabic';
import type { PublicComment } from '@/lib/comments/schema';

type FormModule = typeof import('@/components/comment-form');

/*
 * The comments widget (form and thread) is not part of the article's first
 * load: its code is fetched when the section comes near the viewport. Until
 * then the server-rendered form stays as plain HTML (it posts without
 * JavaScript too) and is hydrated once its code has arrived.
 */
let reveal: () => void = () => undefined;
const revealed = new Promise<void>((resolve) => {
  reveal = resolve;
});

/**
 * On the server the form must render in the same pass as the page, not stream
 * in later behind a script: readers without JavaScript (and the page that
 * answers their post) need it inline. A thenable that settles synchronously
 * lets React.lazy return the component at once. `typeof window` is a
 * build-time constant, so the require inside that branch is dropped from the
 * browser bundle before its imports are followed.
 */
const CommentForm = lazy((): Promise<{ default: FormModule['CommentForm'] }> => {
  if (typeof window === 'undefined') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous on purpose, see above
    const form = require('@/components/comment-form') as FormModule;
    const settled = { then: (resolve: (value: { default: FormModule['CommentForm'] }) => void) => resolve({ default: form.CommentForm }) };
    return settled as unknown as Promise<{ default: FormModule['CommentForm'] }>;
  }
  return revealed.then(() => import('@/components/comments-widget')).then((m) => ({ default: m.CommentForm }));
});

const CommentsThread = lazy(() => import('@/components/comments-widget').then((m) => ({ default: m.CommentsThread })));

type FormSlotProps = { article: string; onPosted: (comment: PublicComment, held: boolean) => void };

/**
 * Memoised so the island's own updates never reach the boundary while it is
 * still server HTML: React would then try to hydrate it at once, before its
 * code has been fetched.
 */
const FormSlot = memo(function FormSlot({ article, onPosted }: FormSlotProps) {
  return (
    <Suspense fallback={null}>
      <CommentForm article={article} onPosted={onPosted} />
    </Suspense>
  );
});

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
    if (wanted) reveal();
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
      <FormSlot article={article} onPosted={onPosted} />
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
