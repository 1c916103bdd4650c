import 'server-only';
import path from 'node:path';
import { NextResponse, type NextRequest } from 'next/server';
import { draftModeCookie } from '@/lib/draft-mode';
import { imageEmbargo } from '@/lib/content/queries';
import { imageKey } from '@/lib/review/images';
import { checkReviewToken, noteOpened, reviewCookie } from '@/lib/review/links';
import { paths, site } from '@/lib/site';

/*
 * The proxy's part of review links and embargoed pictures (proxy.ts calls these). Decided here,
 * before rendering, because only the proxy can give a page a status other than 200 or 404 and
 * stop a public file from being served.
 */

/** The private route that serves an embargoed picture to those allowed to see it (app/review/image). */
export const embargoedImageRoute = '/review/image';

const privateHeaders = { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex, nofollow' };

function withPrivateHeaders(response: NextResponse): NextResponse {
  for (const [name, value] of Object.entries(privateHeaders)) response.headers.set(name, value);
  return response;
}

/**
 * /review/<token>: the article for a live link (its picture unlocked for this browser by a
 * cookie), 410 for an expired or revoked one, 404 for anything else, the public article once it is
 * published. The page (app/review/[token]) checks the token again and renders accordingly.
 */
export async function reviewResponse(request: NextRequest, token: string): Promise<NextResponse> {
  const access = await checkReviewToken(token);
  if (access.state === 'published') return withPrivateHeaders(NextResponse.redirect(new URL(paths.article(access.article.slug), request.url), 307));
  if (access.state === 'gone') return withPrivateHeaders(NextResponse.next({ status: 410 }));
  if (access.state === 'unknown') return withPrivateHeaders(NextResponse.next({ status: 404 }));
  await noteOpened(access.link);
  const response = withPrivateHeaders(NextResponse.next());
  response.cookies.set(reviewCookie, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: site.url.startsWith('https:'),
    path: '/',
    expires: new Date(access.link.expiresAt),
  });
  return response;
}

/** The picture path a request asks for: /images/… directly, or the `url` of /_next/image. */
export function requestedImage(request: NextRequest): string | null {
  const { pathname, searchParams } = request.nextUrl;
  const raw = pathname === '/_next/image' ? searchParams.get('url') : pathname;
  if (!raw || !raw.startsWith('/images/')) return null;
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  // Written as the front matter writes it: no `.`/`..` segments or doubled slashes (encoded ones
  // included, which the URL parser left alone), composed Unicode.
  const src = path.posix.normalize(decoded).normalize('NFC');
  return src.startsWith('/images/') ? src : null;
}

/**
 * Embargoed pictures never reach Next's static files or its optimiser (whose copies are public
 * and cached for 30 days). A browser that may see one — in draft mode, or holding a review link
 * — is sent to the private route, which checks that itself; everyone else gets the 404 page.
 * `undefined`: the picture is public, carry on.
 */
export async function embargoedImageResponse(request: NextRequest, src: string): Promise<NextResponse | undefined> {
  if (!(await imageEmbargo(src))) return undefined;
  const mayBeAllowed = request.cookies.has(draftModeCookie) || request.cookies.has(reviewCookie);
  if (!mayBeAllowed) return withPrivateHeaders(NextResponse.rewrite(new URL('/_khabar/not-found', request.url)));
  return withPrivateHeaders(NextResponse.rewrite(new URL(`${embargoedImageRoute}/${imageKey(src)}`, request.url)));
}
