import 'server-only';
import { draftMode } from 'next/headers';
import { redirect } from 'next/navigation';
import { getArticleForPreview } from '@/lib/content';
import { errorResponse } from '@/lib/api-response';
import { paths } from '@/lib/site';

/**
 * Turns on draft mode and sends the editor to the article. The target is built
 * from the index entry, never from the request, so it can never leave the site.
 */
export async function startPreview(slug: string | null): Promise<Response> {
  const article = slug ? await getArticleForPreview(slug) : undefined;
  if (!article) return errorResponse({ status: 404, code: 'article_not_found', message: 'لا يوجد مقال بهذا المعرّف.' });
  (await draftMode()).enable();
  redirect(paths.article(article.slug));
}
