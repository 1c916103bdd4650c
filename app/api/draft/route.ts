import { errorResponse } from '@/lib/api-response';
import { startPreview } from '@/lib/preview';
import { secretMatches } from '@/lib/secrets';
import { settings } from '@/lib/settings.mjs';

/** Draft mode for an editor holding PREVIEW_SECRET. */
export async function GET(request: Request) {
  const configured = settings().previewSecret;
  if (!configured) return errorResponse({ status: 404, code: 'previews_off', message: 'المعاينة غير مفعّلة على هذا الخادم.' });
  const params = new URL(request.url).searchParams;
  if (!secretMatches(params.get('secret'), configured)) {
    return errorResponse({ status: 401, code: 'unauthorized', message: 'مفتاح المعاينة غير صحيح أو مفقود.' });
  }
  return startPreview(params.get('slug'));
}
