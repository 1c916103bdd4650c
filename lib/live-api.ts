import 'server-only';
import { errorResponse } from '@/lib/api-response';
import { liveUpdates } from '@/lib/content';
import { slugPattern } from '@/lib/content/schema';

/**
 * Shared caches may keep an answer 5 s: ten thousand readers polling one live page then cost the
 * server one answer per 5 s (nginx's /api/live/ location, deploy/nginx/khabar.conf).
 */
export const liveCacheControl = 'public, s-maxage=5';

// Counts the answers this process has worked out, so a benchmark can tell them from cache hits.
let answers = 0;

const cursorOf = (value: string | null) => (value === null ? undefined : value.length <= 100 && slugPattern.test(value) ? value : null);

/** `GET /api/live/<slug>?after=<id>` or `?before=<id>`. */
export async function liveUpdatesResponse(slug: string, search: URLSearchParams): Promise<Response> {
  const after = cursorOf(search.get('after'));
  const before = cursorOf(search.get('before'));
  if (after === null || before === null || (after !== undefined && before !== undefined)) {
    return errorResponse({ status: 400, code: 'invalid_cursor', message: 'المعرّف المطلوب ليس معرّف تحديث صالحًا.' });
  }
  const result = await liveUpdates(slug, { after, before });
  if (result.kind === 'not-found') return errorResponse({ status: 404, code: 'not_found', message: 'لا توجد تغطية مباشرة بهذا العنوان.' });
  if (result.kind === 'unknown-cursor') {
    return errorResponse({ status: 400, code: 'unknown_entry', message: 'لا يوجد تحديث بهذا المعرّف في هذه التغطية.' });
  }
  answers += 1;
  return Response.json(result.body, { headers: { 'Cache-Control': liveCacheControl, 'X-Khabar-Answer': `${process.pid}-${answers}` } });
}
