import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LiveCoverageSection } from '@/components/live-coverage-section';
import { getPublishedArticle, liveCoverage } from '@/lib/content';
import { parsePageParam } from '@/lib/routing';
import { paths } from '@/lib/site';

type Props = { params: Promise<{ slug: string; page: string }> };

export const revalidate = 30;

export async function generateStaticParams() {
  return [];
}

// proxy.ts has answered unknown articles and pages already (lib/routing.ts decideRoute).
async function load({ params }: Props) {
  const { slug, page } = await params;
  const number = parsePageParam(page);
  const article = await getPublishedArticle(slug);
  const coverage = article && number !== null && number > 1 ? await liveCoverage(article, number) : null;
  return article && coverage ? { article, coverage } : null;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const loaded = await load(props);
  if (!loaded) return {};
  return {
    title: `${loaded.article.title}: تحديثات أقدم`,
    alternates: { canonical: `${paths.article(loaded.article.slug)}/updates/${loaded.coverage.page}` },
  };
}

export default async function OlderLiveUpdatesPage(props: Props) {
  const loaded = await load(props);
  if (!loaded) notFound();
  const { article, coverage } = loaded;
  return (
    <article className="mx-auto max-w-3xl">
      <p className="mb-2">
        <Link href={paths.article(article.slug)} className="font-bold text-brand-700 hover:underline">
          العودة إلى أحدث التحديثات
        </Link>
      </p>
      <h1 className="text-3xl font-bold leading-tight">{article.title}</h1>
      <LiveCoverageSection slug={article.slug} coverage={coverage} />
    </article>
  );
}
