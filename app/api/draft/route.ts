import { draftMode } from 'next/headers';
import { redirect } from 'next/navigation';
import { getContentIndex } from '@/lib/content';
import { errorResponse } from '@/lib/http';
import { secretMatches } from '@/lib/secrets';
import { paths } from '@/lib/site';

/**
 * Turns on Next's draft mode for an editor holding PREVIEW_SECRET and sends
 * them to the article. The target is built from the index entry, never from
 * the query string, so this can never redirect off the site.
 */
export async function GET(request: Request) {
  const configured = process.env.PREVIEW_SECRET;
  if (!configured) return errorResponse({ status: 404, code: 'previews_off', message: 'المعاينة غير مفعّلة على هذا الخادم.' });
  const params = new URL(request.url).searchParams;
  if (!secretMatches(params.get('secret'), configured)) {
    return errorResponse({ status: 401, code: 'unauthorized', message: 'مفتاح المعاينة غير صحيح أو مفقود.' });
  }
  const article = (await getContentIndex({ fresh: true })).bySlug.get(params.get('slug') ?? '');
  if (!article) return errorResponse({ status: 404, code: 'article_not_found', message: 'لا يوجد مقال بهذا المعرّف.' });
  (await draftMode()).enable();
  redirect(paths.article(article.slug));
}
