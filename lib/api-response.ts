import 'server-only';
import { site } from '@/lib/site';

export type ApiError = { status: number; code: string; message: string; fields?: Record<string, string>; retryAfter?: number };

/** Every API error has one shape: `{ "error": { "code", "message" } }`, with an Arabic message. */
export function errorResponse(error: ApiError): Response {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  if (error.retryAfter !== undefined) headers.set('Retry-After', String(error.retryAfter));
  return Response.json(
    { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } },
    { status: error.status, headers },
  );
}

export function jsonResponse(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

/**
 * Cross-site requests are refused: a browser always sends Origin on a POST,
 * and it must be this site, as configured or as addressed.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (!origin) return true;
  if (origin === new URL(site.url).origin) return true;
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  const proto = headers.get('x-forwarded-proto') ?? 'http';
  return !!host && origin === `${proto}://${host}`;
}

/** Reads at most `limit` bytes; `null` when the body is larger, whatever Content-Length claimed. */
export async function readLimitedText(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}
