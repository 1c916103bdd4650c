/** «مباشر» while a page is live, «انتهت التغطية» after; the dot pulses only for readers who accept motion. */
export function LiveBadge({ ended = false }: { ended?: boolean }) {
  if (ended) return <span className="inline-flex items-center rounded bg-stone-200 px-2 text-sm font-bold text-ink">انتهت التغطية</span>;
  return (
    <span className="inline-flex items-center gap-1.5 rounded bg-brand-700 px-2 text-sm font-bold text-white">
      <span aria-hidden="true" className="size-2 rounded-full bg-white motion-safe:animate-pulse" />
      مباشر
    </span>
  );
}
