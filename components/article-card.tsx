import { ArticleDate } from '@/components/article-date';
import { ArticleImage } from '@/components/article-image';
import { IntentLink } from '@/components/intent-link';
import { LiveBadge } from '@/components/live-badge';
import type { ArticleMeta, Category } from '@/lib/content';
import { isLiveNow } from '@/lib/live-updates';
import { paths } from '@/lib/site';

type Props = {
  article: ArticleMeta;
  category?: Category;
  variant?: 'lead' | 'standard' | 'compact';
  /** The first image on a page is fetched eagerly and early; the rest lazily. */
  priority?: boolean;
  headingLevel?: 'h2' | 'h3';
};

export function ArticleCard({ article, category, variant = 'standard', priority = false, headingLevel = 'h3' }: Props) {
  const Heading = headingLevel;
  const lead = variant === 'lead';
  return (
    <article className={lead ? 'grid gap-4 md:grid-cols-2 md:items-center' : 'flex flex-col gap-2'}>
      {article.image && variant !== 'compact' ? (
        <IntentLink href={paths.article(article.slug)} tabIndex={-1} aria-hidden="true" className="block overflow-hidden rounded bg-stone-100">
          <ArticleImage
            src={article.image.src}
            alt=""
            priority={priority}
            sizes={lead ? '(min-width: 768px) 560px, 100vw' : '(min-width: 1024px) 360px, (min-width: 640px) 50vw, 100vw'}
            className="aspect-video h-auto w-full object-cover"
          />
        </IntentLink>
      ) : null}
      <div className="flex flex-col gap-2">
        {category ? (
          <IntentLink href={paths.category(category.slug)} className="inline-flex min-h-8 min-w-8 items-center self-start text-sm font-bold text-brand-700 hover:underline">
            {category.name}
          </IntentLink>
        ) : null}
        {isLiveNow(article.live) ? (
          <p>
            <LiveBadge />
          </p>
        ) : null}
        <Heading className={lead ? 'text-2xl font-bold leading-snug md:text-3xl' : 'text-lg font-bold leading-snug'}>
          <IntentLink href={paths.article(article.slug)} className="hover:text-brand-700 hover:underline">
            {article.title}
          </IntentLink>
        </Heading>
        {variant !== 'compact' ? <p className="text-muted">{article.description}</p> : null}
        <p className="text-sm text-muted">
          <ArticleDate value={article.date} />
        </p>
      </div>
    </article>
  );
}
