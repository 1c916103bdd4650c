import 'server-only';
import { z } from 'zod';
import { errorResponse, isSameOrigin, readLimitedText } from '@/lib/api-response';
import { guardSecret, tooManyAttemptsMessage } from '@/lib/auth-throttle';
import { createSession, editorEnabled, passwordMatches } from '@/lib/editor/session';

/** Only same-site paths under /editor: `next` comes from the query string. */
export function safeNext(value: string | undefined): string {
  return value !== undefined && /^\/editor(\/[\w\-/]*)?$/.test(value) ? value : '/editor';
}

const signInForm = z.object({ password: z.string().max(1024), next: z.string().max(512).optional() });

const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } });

/** A sign-in refused for too many failures: a page for the browser's form, JSON for anything else. */
function tooManyAttempts(request: Request, retryAfter: number): Response {
  const message = tooManyAttemptsMessage(retryAfter);
  if (!/text\/html/.test(request.headers.get('accept') ?? '')) {
    return errorResponse({ status: 429, code: 'too_many_attempts', message, retryAfter });
  }
  const page = `<!doctype html><html lang="ar" dir="rtl"><meta charset="utf-8"><title>محاولات كثيرة</title><main><h1>محاولات كثيرة</h1><p>${message}</p><p><a href="/editor/login">العودة إلى صفحة الدخول</a></p></main></html>`;
  return new Response(page, {
    status: 429,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': String(retryAfter), 'Cache-Control': 'no-store' },
  });
}

/**
 * POST /api/editor/sign-in, from the login page's plain form. A route handler rather than a
 * server action, so a refusal can be a real 429 with Retry-After. The limit and its delay come
 * before the password is compared (lib/auth-throttle.ts).
 */
export async function handleSignIn(request: Request): Promise<Response> {
  if (!editorEnabled()) return errorResponse({ status: 404, code: 'editing_off', message: 'التحرير غير مفعّل على هذا الخادم.' });
  if (!isSameOrigin(request.headers)) return errorResponse({ status: 403, code: 'forbidden_origin', message: 'لا يُقبل هذا الطلب من موقع آخر.' });
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers.get('content-type') ?? '')) {
    return errorResponse({ status: 415, code: 'unsupported_media_type', message: 'يُرسل نموذج الدخول بصيغة النموذج العادية.' });
  }
  const text = await readLimitedText(request, 4096);
  if (text === null) return errorResponse({ status: 413, code: 'payload_too_large', message: 'حجم الطلب يتجاوز الحد المسموح.' });
  const parsed = signInForm.safeParse(Object.fromEntries(new URLSearchParams(text)));
  if (!parsed.success) return errorResponse({ status: 400, code: 'invalid_request', message: 'نموذج الدخول ناقص أو غير صالح.' });
  const next = safeNext(parsed.data.next);
  const verdict = await guardSecret('editor', request.headers, () => passwordMatches(parsed.data.password));
  if (!verdict.ok && verdict.status === 429) return tooManyAttempts(request, verdict.retryAfter);
  if (!verdict.ok) return seeOther(`/editor/login?failed=1&next=${encodeURIComponent(next)}`);
  await createSession();
  return seeOther(next);
}
