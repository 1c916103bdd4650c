import type { Metadata, Viewport } from 'next';
import { arabicFont } from '@/app/fonts';
import { draftMode } from 'next/headers';
import { BackToTop } from '@/components/back-to-top';
import { BreakingBanner } from '@/components/breaking-banner';
import { PreviewBanner } from '@/components/preview-banner';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import { headScript, themeColors } from '@/lib/reader/preferences.mjs';
import { site } from '@/lib/site';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const preview = (await draftMode()).isEnabled;
  return {
    metadataBase: new URL(site.url),
    title: { default: `${site.name} | ${site.tagline}`, template: `%s | ${site.name}` },
    description: site.description,
    applicationName: site.name,
    // A preview shows unpublished work: it must never be indexed.
    ...(preview ? { robots: { index: false, follow: false } } : {}),
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: themeColors.light },
    { media: '(prefers-color-scheme: dark)', color: themeColors.dark },
  ],
  width: 'device-width',
  initialScale: 1,
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The head script sets data-theme and data-text-size on <html> before React hydrates it.
    <html lang={site.locale} dir={site.dir} className={arabicFont.variable} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: headScript }} />
      </head>
      <body className="flex min-h-screen flex-col">
        <div id="top" tabIndex={-1} className="outline-none" />
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-brand-700 focus:shadow"
        >
          تخطَّ إلى المحتوى
        </a>
        <PreviewBanner />
        <BreakingBanner />
        <SiteHeader />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 outline-none sm:px-6">
          {children}
        </main>
        <SiteFooter />
        <BackToTop />
      </body>
    </html>
  );
}
