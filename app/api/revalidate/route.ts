import { revalidatePath } from 'next/cache';
import { refreshContent } from '@/lib/content';
import { errorResponse, jsonResponse } from '@/lib/api-response';
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
  if (!internal && !secretMatches(bearer, settings().revalidateSecret)) {
    return errorResponse({ status: 401, code: 'unauthorized', message: 'مفتاح التحديث غير صحيح أو مفقود.' });
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
