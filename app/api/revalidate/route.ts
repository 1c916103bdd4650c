import { revalidatePath } from 'next/cache';
import { refreshContent } from '@/lib/content';
import { errorResponse, jsonResponse } from '@/lib/api-response';
import { guardSecret, tooManyAttemptsMessage } from '@/lib/auth-throttle';
import { secretMatches } from '@/lib/secrets';
import { settings } from '@/lib/settings.mjs';
import { selfRevalidation } from '@/server/runtime.mjs';

/**
 * Refreshes everything at once: rescans CONTENT_DIR and marks every cached
 * page stale. Called with `Authorization: Bearer <REVALIDATE_SECRET>` by a
 * deploy hook, and by this server itself when its content watcher sees a change.
 */
export async function POST(request: Request) {
  const bearer = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  const internal = secretMatches(request.headers.get('x-khabar-internal'), selfRevalidation()?.token);
  if (!internal) {
    // The server's own 256-bit token is never guessed; a deploy hook's secret is limited like a password.
    const verdict = await guardSecret('revalidate', request.headers, () => secretMatches(bearer, settings().revalidateSecret));
    if (!verdict.ok && verdict.status === 429) {
      return errorResponse({ status: 429, code: 'too_many_attempts', message: tooManyAttemptsMessage(verdict.retryAfter), retryAfter: verdict.retryAfter });
    }
    if (!verdict.ok) return errorResponse({ status: 401, code: 'unauthorized', message: 'مفتاح التحديث غير صحيح أو مفقود.' });
  }
  // The server's own follow-up after a comment names the one page to refresh.
  const body = internal && request.headers.get('content-type') === 'application/json' ? await readJson(request) : {};
  if (body === null) return errorResponse({ status: 400, code: 'malformed_json', message: 'تعذّرت قراءة الطلب: صيغة JSON غير صحيحة.' });
  if (typeof body.path === 'string' && body.path.startsWith('/')) {
    revalidatePath(body.path);
    return jsonResponse({ revalidated: true, path: body.path });
  }
  const counts = await refreshContent();
  revalidatePath('/', 'layout');
  return jsonResponse({ revalidated: true, ...counts });
}

async function readJson(request: Request): Promise<{ path?: unknown } | null> {
  try {
    const value: unknown = await request.json();
    return typeof value === 'object' && value !== null ? (value as { path?: unknown }) : null;
  } catch {
    return null;
  }
}
