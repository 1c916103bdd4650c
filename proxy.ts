import { NextResponse, type NextRequest } from 'next/server';
import { errorResponse, isSameOrigin } from '@/lib/api-response';
import { draftModeCookie, isDraftModeCookie } from '@/lib/draft-mode';
import { embargoedImageResponse, requestedImage, reviewResponse } from '@/lib/review/proxy';
import { decideRoute, hasMalformedEncoding, isAcceptableImageUrl, isActionPost, isOversizeActionPost } from '@/lib/routing';
import { contentSecurityPolicy, isHttpsSite } from '@/lib/security-headers.mjs';
import { settings } from '@/lib/settings.mjs';

/**
 * Content URLs: unknown ones get the real not-found page (lib/routing.ts decideRoute says why),
 * and /page/1 a redirect.
 * Editor pages: a strict, per-request nonce CSP (they are rendered per request anyway).
 * Server action posts: cross-site and oversize ones are refused with a clear 4xx.
 * Review links and pictures of unpublished articles: lib/review/proxy.ts.
 * Everywhere it runs: malformed addresses are refused here rather than failing deeper as a 500.
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (isActionPost(request.method, request.headers)) {
    // Next aborts cross-site actions itself, with a bare 500; refused here, they get a clear 403.
    if (!isSameOrigin(request.headers)) {
      return errorResponse({ status: 403, code: 'forbidden_origin', message: 'لا يُقبل هذا الطلب من موقع آخر.' });
    }
    if (isOversizeActionPost(request.method, request.headers)) {
      return errorResponse({ status: 413, code: 'payload_too_large', message: 'حجم الطلب يتجاوز الحد المسموح.' });
    }
  }
  if (pathname === '/_next/image' && !isAcceptableImageUrl(request.nextUrl.searchParams.get('url'))) {
    return errorResponse({ status: 400, code: 'invalid_image_url', message: 'عنوان الصورة غير صالح.' });
  }
  if (hasMalformedEncoding(pathname)) return NextResponse.rewrite(new URL('/_khabar/not-found', request.url));
  const image = requestedImage(request);
  if (image) return (await embargoedImageResponse(request, image)) ?? NextResponse.next();
  if (pathname === '/_next/image') return NextResponse.next();
  const review = /^\/review\/([^/]+)$/.exec(pathname);
  if (review && review[1] !== 'image') return reviewResponse(request, review[1]!);
  if (pathname === '/editor' || pathname.startsWith('/editor/')) return withNonce(request);
  // Only a cookie this build gave out: with any other the page's draftMode() is off, and a draft
  // let through here would get Next's blank notFound() document instead of the not-found page.
  const preview = isDraftModeCookie(request.cookies.get(draftModeCookie)?.value);
  const decision = await decideRoute(pathname, preview);
  if (decision.type === 'redirect') return NextResponse.redirect(new URL(decision.location, request.url), 308);
  // An address no route matches renders app/not-found.tsx with status 404.
  if (decision.type === 'not-found') return NextResponse.rewrite(new URL('/_khabar/not-found', request.url));
  return NextResponse.next();
}

/**
 * Next reads the nonce from the request's Content-Security-Policy header and puts it on every
 * script it renders; 'strict-dynamic' lets those scripts load the chunks they need.
 */
function withNonce(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
  const policy = contentSecurityPolicy({ https: isHttpsSite(settings().siteUrl), nonce });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  matcher: [
    '/articles/:path*',
    '/categories/:path*',
    '/tags/:path*',
    '/authors/:path*',
    '/sitemaps/:path*',
    '/editor',
    '/editor/:path*',
    '/_next/image',
    '/images/:path*',
    '/review/:path*',
    // Server action posts, on whatever page they are sent to: origin and body limit.
    { source: '/:path*', has: [{ type: 'header', key: 'next-action' }] },
    { source: '/:path*', has: [{ type: 'header', key: 'content-type', value: 'multipart/form-data.*' }] },
  ],
};
