import { NextResponse, type NextRequest } from 'next/server';
import { decideRoute } from '@/lib/routing';

/** Answers unknown content URLs with the real not-found page, and /page/1 with a redirect. */
export async function proxy(request: NextRequest) {
  const preview = request.cookies.has('__prerender_bypass');
  const decision = await decideRoute(request.nextUrl.pathname, preview);
  if (decision.type === 'redirect') return NextResponse.redirect(new URL(decision.location, request.url), 308);
  // An address no route matches renders app/not-found.tsx with status 404.
  if (decision.type === 'not-found') return NextResponse.rewrite(new URL('/_khabar/not-found', request.url));
  return NextResponse.next();
}

export const config = {
  matcher: ['/articles/:path*', '/categories/:path*', '/tags/:path*', '/authors/:path*'],
};
