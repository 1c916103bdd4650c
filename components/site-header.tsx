import { CategoryNav } from '@/components/category-nav';
import { IntentLink } from '@/components/intent-link';
import { OfflineSupport } from '@/components/offline-support';
import { ReaderSettings } from '@/components/reader-settings';
import { settings } from '@/lib/settings.mjs';
import { site } from '@/lib/site';

/**
 * The mobile menu and the display panel are <details> elements sharing one name, so they open and
 * close without JavaScript and never both at once. The categories are listed once, for phones and
 * wide screens alike: every page carries its header in both its HTML and its RSC payload. The only
 * client code is in the panel's leaves (components/reader-settings.tsx) and the offline worker's
 * registration.
 */
export function SiteHeader() {
  return (
    <header className="site-header relative print-hidden border-b-4 border-brand-600 bg-white">
      <div className="relative mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3 sm:px-6">
        <IntentLink href="/" className="flex items-baseline gap-2 text-brand-700 no-underline">
          <span className="text-3xl font-bold leading-none">{site.name}</span>
          <span className="hidden text-sm text-muted sm:inline">{site.tagline}</span>
        </IntentLink>
        <div className="flex flex-wrap items-center gap-2">
        <details name="header-panel" className="reader-settings group">
          <summary className="flex min-h-11 cursor-pointer list-none items-center justify-center gap-2 rounded border border-stone-300 px-3 [&::-webkit-details-marker]:hidden">
            <span aria-hidden="true" className="leading-none">◐</span>
            <span>العرض</span>
          </summary>
          <div className="absolute end-4 top-full z-40 w-72 max-w-[calc(100%-2rem)] rounded border border-stone-200 bg-white p-4 shadow-lg sm:end-6">
            <ReaderSettings />
          </div>
        </details>
        <IntentLink href="/search" className="inline-flex min-h-11 items-center rounded border border-stone-300 px-3 hover:bg-brand-50">
          بحث
        </IntentLink>
        <details name="header-panel" className="site-menu group md:hidden">
          <summary
            aria-controls="site-nav"
            className="flex min-h-11 min-w-11 cursor-pointer list-none items-center justify-center gap-2 rounded border border-stone-300 px-3 [&::-webkit-details-marker]:hidden"
          >
            <span aria-hidden="true" className="text-xl leading-none">☰</span>
            <span>الأقسام</span>
          </summary>
        </details>
        </div>
      </div>
      {/* One list for both looks: a dropdown under the «الأقسام» button on a phone (shown while that
          <details> is open, app/globals.css), a bar across wide screens. */}
      <CategoryNav
        id="site-nav"
        label="الأقسام"
        className="site-nav absolute end-4 top-full z-40 mt-1 hidden w-56 max-w-[calc(100%-2rem)] rounded border border-stone-200 bg-white p-2 shadow-lg sm:end-6 md:static md:mt-0 md:block md:w-auto md:max-w-none md:rounded-none md:border-x-0 md:border-b-0 md:p-0 md:shadow-none"
        listClassName="md:mx-auto md:flex md:max-w-6xl md:flex-wrap md:gap-x-1 md:px-6"
        linkClassName="block rounded px-3 py-3 hover:bg-brand-50 md:rounded-none md:font-bold md:text-ink md:hover:bg-transparent md:hover:text-brand-700"
      />
      <OfflineSupport enabled={!settings().development} />
    </header>
  );
}
