import { cookies, draftMode } from 'next/headers';
import { errorResponse } from '@/lib/api-response';
import { decodeImageKey, embargoedImage } from '@/lib/review/images';
import { reviewCookie } from '@/lib/review/links';

export const dynamic = 'force-dynamic';

/**
 * A picture of an unpublished article, for previews and review links only (proxy.ts sends them
 * here instead of the public file, the picture's path in base64url as the one segment: a rewrite
 * keeps its path parameters, and the handler would see the original request's query instead).
 * Never stored by any cache.
 */
export async function GET(request: Request, { params }: { params: Promise<{ src: string }> }) {
  const src = decodeImageKey((await params).src);
  const result = src
    ? await embargoedImage(src, { draftMode: (await draftMode()).isEnabled, reviewToken: (await cookies()).get(reviewCookie)?.value })
    : ({ kind: 'refused' } as const);
  if (result.kind === 'public') return Response.redirect(new URL(result.location, request.url), 307);
  if (result.kind === 'refused') return errorResponse({ status: 404, code: 'not_found', message: 'الصورة غير موجودة.' });
  return new Response(new Uint8Array(result.body), {
    headers: {
      'Content-Type': result.type,
      'Cache-Control': 'private, no-store',
      'X-Robots-Tag': 'noindex, nofollow',
      'Content-Length': String(result.body.length),
    },
  });
}
