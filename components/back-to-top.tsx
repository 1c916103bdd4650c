'use client';

import { Suspense, useEffect, useState } from 'react';

/**
 * In its own Suspense boundary so that React hydrates it after the rest of the
 * page, in a short task of its own, instead of inside the page's one long
 * hydration task (issue 19). The boundary is a few hundred bytes of HTML, so
 * React's server renderer never moves it out of place (it outlines only
 * boundaries over 500 bytes).
 */
export function BackToTop() {
  return (
    <Suspense>
      <BackToTopLink />
    </Suspense>
  );
}

/**
 * A plain link to #top, enhanced: hidden until the reader has scrolled about
 * one screen, smooth unless reduced motion is asked for, and focus goes back
 * to the top so keyboard and screen-reader users continue from there.
 */
function BackToTopLink() {
  const [visible, setVisible] = useState(false);

  useEffect(() => {
    const update = () => setVisible(window.scrollY > window.innerHeight * 0.9);
    update();
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update, { passive: true });
    return () => {
      window.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, []);

  const onClick = (event: React.MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    window.scrollTo({ top: 0, behavior: reduce ? 'auto' : 'smooth' });
    document.getElementById('top')?.focus({ preventScroll: true });
    history.replaceState(null, '', window.location.pathname + window.location.search);
  };

  return (
    <a
      href="#top"
      onClick={onClick}
      aria-label="العودة إلى الأعلى"
      title="العودة إلى الأعلى"
      data-visible={visible}
      className="back-to-top print-hidden fixed end-4 bottom-4 z-40 inline-flex size-12 items-center justify-center rounded-full bg-brand-700 text-2xl text-white shadow-lg hover:bg-brand-800 sm:end-6 sm:bottom-6"
    >
      <span aria-hidden="true">↑</span>
    </a>
  );
}
