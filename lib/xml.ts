import { publicCacheControl } from '@/lib/site';

/**
 * Text for XML 1.0: the five special characters escaped, and characters XML
 * cannot carry at all (C0 controls, lone surrogates) dropped, so a feed stays
 * well-formed whatever an article's text holds.
 */
export function xmlText(value: string): string {
  return value
    .toWellFormed()
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function xmlResponse(body: string): Response {
  return new Response(body, {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': publicCacheControl },
  });
}
