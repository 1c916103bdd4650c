import type { Metadata } from 'next';
import { ArticleCard } from '@/components/article-card';
import { IntentLink } from '@/components/intent-link';
import { JsonLd } from '@/components/json-ld';
import { MostRead } from '@/components/most-read';
import { frontPage } from '@/lib/content';
import { pageMetadata, websiteJsonLd } from '@/lib/seo';
import { paths, site } from '@/lib/site';
import { mostRead } from '@/lib/views/most-read';

export const revalidate = 30;

export const metadata: Metadata = pageMetadata({ description: site.description, path: '/' });

export default async function HomePage() {
  const [{ lead, latest, sections }, popular] = await Promise.all([frontPage(), mostRead()]);
  return (
    <>
      <JsonLd data={websiteJsonLd()} />
      <h1 className="sr-only">{site.name}: {site.tagline}</h1>
      {lead ? (
        <section aria-labelledby="lead-heading" className="mb-10 border-b border-stone-200 pb-10">
          <h2 id="lead-heading" className="sr-only">الخبر الرئيسي</h2>
          <ArticleCard article={lead.article} category={lead.category} variant="lead" priority headingLevel="h3" />
        </section>
      ) : (
        <p className="text-lg text-muted">لا توجد أخبار منشورة بعد.</p>
      )}
      {latest.length ? (
        <section aria-labelledby="latest-heading" className="mb-12">
          <h2 id="latest-heading" className="mb-6 border-s-4 border-brand-600 ps-3 text-2xl font-bold">آخر الأخبار</h2>
          <ul className="grid gap-x-6 gap-y-10 sm:grid-cols-2 lg:grid-cols-3">
            {latest.map(({ article, category }) => (
              <li key={article.slug}>
                <ArticleCard article={article} category={category} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <MostRead items={popular} />
      {sections.map(({ category, articles }) => (
        <section key={category.slug} aria-labelledby={`section-${category.slug}`} className="defer-layout -mx-2 px-2 mb-12 border-t border-stone-200 pt-8">
          <div className="mb-6 flex flex-wrap items-baseline justify-between gap-4">
            <h2 id={`section-${category.slug}`} className="border-s-4 border-brand-600 ps-3 text-2xl font-bold">
              <IntentLink href={paths.category(category.slug)} className="hover:text-brand-700">
                {category.name}
              </IntentLink>
            </h2>
            <IntentLink href={paths.category(category.slug)} className="text-sm font-bold text-brand-700 hover:underline">
              المزيد من {category.name}
              <span aria-hidden="true"> ←</span>
            </IntentLink>
          </div>
          <ul className="grid gap-x-6 gap-y-8 sm:grid-cols-2 lg:grid-cols-4">
            {articles.map((article) => (
              <li key={article.slug}>
                <ArticleCard article={article} variant="compact" />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
