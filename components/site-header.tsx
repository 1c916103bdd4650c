import { CategoryNav } from '@/components/category-nav';
import { IntentLink } from '@/components/intent-link';
import { OfflineSupport } from '@/components/offline-support';
import { ReaderSettings } from '@/components/reader-settings';
import { settings } from '@/lib/settings.mjs';
import { site } from '@/lib/site';

/**
 * The mobile menu and the display panel are <details> elements sharing one name, so they open and
 * close without JavaScript and never both at once. The only client code is in the panel's leaves
 * (components/reader-settings.tsx) and the offline worker's registration.
 */
export function SiteHeader() {
  return (
    <header className="print-hidden border-b-4 border-brand-600 bg-white">
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
        <details name="header-panel" className="group md:hidden">
          <summary className="flex min-h-11 min-w-11 cursor-pointer list-none items-center justify-center gap-2 rounded border border-stone-300 px-3 [&::-webkit-details-marker]:hidden">
            <span aria-hidden="true" className="text-xl leading-none">☰</span>
            <span>الأقسام</span>
          </summary>
          <CategoryNav
            label="الأقسام"
            className="absolute end-4 top-full z-40 w-56 max-w-[calc(100%-2rem)] rounded border border-stone-200 bg-white p-2 shadow-lg sm:end-6"
            listClassName=""
            linkClassName="block rounded px-3 py-3 hover:bg-brand-50"
          />
        </details>
        </div>
      </div>
      <CategoryNav
        label="الأقسام الرئيسية"
        className="hidden border-t border-stone-200 md:block"
        listClassName="mx-auto flex max-w-6xl flex-wrap gap-x-1 px-4 sm:px-6"
        linkClassName="block px-3 py-3 font-bold text-ink hover:text-brand-700"
      />
      <OfflineSupport enabled={!settings().development} />
    </header>
  );
}
