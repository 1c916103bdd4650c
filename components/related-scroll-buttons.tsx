'use client';

/**
 * Previous/next for the related-articles row on phones. The row itself is
 * server-rendered; without JavaScript it still scrolls by swiping, so the
 * buttons are hidden then.
 */
export function RelatedScrollButtons({ listId }: { listId: string }) {
  // "Next" moves towards the inline end, which is leftwards on an RTL page.
  const scroll = (direction: 1 | -1) => {
    const list = document.getElementById(listId);
    if (!list) return;
    const rtl = getComputedStyle(list).direction === 'rtl';
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    list.scrollBy({ left: list.clientWidth * 0.8 * direction * (rtl ? -1 : 1), behavior: reduce ? 'auto' : 'smooth' });
  };
  return (
    <div className="flex gap-2 md:hidden [@media(scripting:none)]:hidden">
      <button type="button" onClick={() => scroll(-1)} aria-controls={listId} aria-label="المقالات السابقة" className="size-11 rounded-full border border-stone-300 text-xl">
        <span aria-hidden="true">→</span>
      </button>
      <button type="button" onClick={() => scroll(1)} aria-controls={listId} aria-label="المقالات التالية" className="size-11 rounded-full border border-stone-300 text-xl">
        <span aria-hidden="true">←</span>
      </button>
    </div>
  );
}
