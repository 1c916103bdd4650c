import { IntentLink } from '@/components/intent-link';
import { breakingNews } from '@/lib/content';
import { paths } from '@/lib/site';

/**
 * «عاجل» across the top of every reader page. Server-rendered into each cached page, so it arrives
 * and leaves with the pages themselves (lib/content/live.ts refreshes them when it expires).
 */
export async function BreakingBanner() {
  const breaking = await breakingNews();
  if (!breaking) return null;
  return (
    <div role="region" aria-label="خبر عاجل" className="print-hidden bg-brand-700 text-white">
      <p className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-2 sm:px-6">
        <span className="shrink-0 rounded bg-white px-2 text-sm font-bold text-brand-700">عاجل</span>
        <IntentLink href={paths.article(breaking.slug)} className="font-bold hover:underline">
          {breaking.title}
        </IntentLink>
      </p>
    </div>
  );
}
