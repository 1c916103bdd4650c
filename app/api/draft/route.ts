import { errorResponse } from '@/lib/api-response';
import { guardSecret, tooManyAttemptsMessage } from '@/lib/auth-throttle';
import { startPreview } from '@/lib/preview';
import { secretMatches } from '@/lib/secrets';
import { settings } from '@/lib/settings.mjs';

/** Draft mode for an editor holding PREVIEW_SECRET. */
export async function GET(request: Request) {
  const configured = settings().previewSecret;
  if (!configured) return errorResponse({ status: 404, code: 'previews_off', message: 'المعاينة غير مفعّلة على هذا الخادم.' });
  const params = new URL(request.url).searchParams;
  // Limited per client before the secret is compared: guessing it costs a second a try and ends after ten.
  const verdict = await guardSecret('preview', request.headers, () => secretMatches(params.get('secret'), configured));
  if (!verdict.ok && verdict.status === 429) {
    return errorResponse({ status: 429, code: 'too_many_attempts', message: tooManyAttemptsMessage(verdict.retryAfter), retryAfter: verdict.retryAfter });
  }
  if (!verdict.ok) return errorResponse({ status: 401, code: 'unauthorized', message: 'مفتاح المعاينة غير صحيح أو مفقود.' });
  return startPreview(params.get('slug'));
}
