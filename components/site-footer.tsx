import { paths, site } from '@/lib/site';

/**
 * The site's name and what the header does not offer: the lite edition and the feed. The categories
 * are in the header of every page, so they are not listed again here (each copy was rendered into
 * every page's HTML and RSC payload).
 */
export function SiteFooter() {
  return (
    <footer className="defer-layout print-hidden mt-12 border-t border-stone-200 bg-stone-50">
      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-8 sm:grid-cols-2 sm:px-6">
        <div>
          <p className="text-2xl font-bold text-brand-700">{site.name}</p>
          <p className="mt-2 text-sm text-muted">{site.description}</p>
        </div>
        {/* Plain links: the lite edition and the feed are not App Router pages. */}
        <nav aria-label="روابط التذييل">
          <ul className="grid grid-cols-2 gap-2 text-sm">
            <li>
              <a href={paths.lite()} className="underline-offset-4 hover:underline">
                النسخة الخفيفة
              </a>
            </li>
            <li>
              <a href={paths.feed()} className="underline-offset-4 hover:underline">
                خلاصة RSS
              </a>
            </li>
          </ul>
        </nav>
      </div>
      <p className="border-t border-stone-200 py-4 text-center text-sm text-muted">
        © {site.name} {new Date().getFullYear()}
      </p>
    </footer>
  );
}
