import { cookies, draftMode } from 'next/headers';
import { errorResponse } from '@/lib/api-response';
import { embargoedImage } from '@/lib/review/images';
import { reviewCookie } from '@/lib/review/links';

export const dynamic = 'force-dynamic';

/**
 * A picture of an unpublished article, for previews and review links only (proxy.ts sends them
 * here instead of the public file). Never stored by any cache.
 */
export async function GET(request: Request) {
  const src = new URL(request.url).searchParams.get('src');
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
