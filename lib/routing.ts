import 'server-only';
import { liveUpdatesPageExists } from '@/lib/content/live-queries';
import { normalizeText } from '@/lib/content/load';
import { listingPage, readableArticle, type ListingKind } from '@/lib/content/queries';

/** "2" → 2. Anything but a plain positive integer is not a page. */
export function parsePageParam(value: string | undefined): number | null {
  if (value === undefined) return 1;
  return /^[1-9]\d{0,5}$/.test(value) ? Number(value) : null;
}

/**
 * Next hands dynamic segments over percent-encoded or decoded depending on
 * how the route was reached; a tag is looked up in its decoded, NFC form.
 */
export function decodeParam(value: string): string {
  let decoded = value;
  if (/%[0-9a-f]{2}/i.test(value)) {
    try {
      decoded = decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return normalizeText(decoded);
}

/**
 * Percent-encoding that is not UTF-8 (overlong `%c0%af`, `%u002e`, a lone `%`) names nothing on
 * this site. Next would throw decoding it into a route parameter and answer 500.
 */
export function hasMalformedEncoding(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

// One path segment: letters, digits and marks of any script, `_~-`, inner dots and spaces.
const imageSegment = String.raw`[\p{L}\p{N}\p{M}_~-][\p{L}\p{N}\p{M}._~ -]*`;
const plainPath = new RegExp(`^(?:/${imageSegment})+$`, 'u');

/**
 * The `url` of a local /_next/image request must be a plain file path: no empty, `.` or `..`
 * segments, no trailing slash, no backslash, control character or percent sign. Next fetches the
 * file from this same server, and for such paths gets a redirect it reports as a 500. Remote URLs
 * are left to Next, which refuses any that next.config.js does not list.
 */
export function isAcceptableImageUrl(url: string | null): boolean {
  if (url === null) return false;
  if (/^https?:\/\//i.test(url)) return true;
  return plainPath.test(url);
}

/**
 * The body limit of server actions, as next.config.js sets it (a unit test keeps the two equal).
 * Next enforces it itself but answers a bare 500; the proxy refuses a declared oversize body first.
 */
export const serverActionBodyBytes = 24 * 1024;

/** A server action post: fetch (Next-Action header) or no-script form (multipart body). */
export function isActionPost(method: string, headers: Headers): boolean {
  return method === 'POST' && (headers.has('next-action') || /^multipart\/form-data/i.test(headers.get('content-type') ?? ''));
}

/** An action post declaring a body over the limit. One sent without a length (chunked) is counted as it streams by server/serve.mjs; under plain `next start` it is left to Next. */
export function isOversizeActionPost(method: string, headers: Headers): boolean {
  return isActionPost(method, headers) && Number(headers.get('content-length') ?? 0) > serverActionBodyBytes;
}

export type RouteDecision = { type: 'ok' } | { type: 'not-found' } | { type: 'redirect'; location: string };

const ok: RouteDecision = { type: 'ok' };
const notFound: RouteDecision = { type: 'not-found' };

const listingKinds = new Map<string, ListingKind>([
  ['categories', 'category'],
  ['tags', 'tag'],
  ['authors', 'author'],
]);

/**
 * Whether a content URL exists, decided here, before rendering, and only here. Next 16.4 answers a
 * page's own notFound() with a blank, client-rendered document (status 404, but no layout and no
 * message), so proxy.ts answers unknown articles, lists and list pages with the real not-found page
 * instead. The pages ask lib/content the same named question to get what they render; the list
 * query is remembered on the content index, so it runs once for both. A page's notFound() is left
 * only for content that changed between the two, and for a cached page regenerated in the background.
 *
 * The decision cannot travel to the page in a request header: content pages are cached
 * (`revalidate`), and reading headers() would make every one of them render per request.
 */
export async function decideRoute(pathname: string, preview: boolean): Promise<RouteDecision> {
  const parts = pathname.split('/').filter(Boolean);
  const [section, rawKey, pageWord, pageParam, ...rest] = parts;
  if (!section || !rawKey || rest.length) return ok;
  const key = decodeParam(rawKey);

  if (section === 'articles') {
    if (pageWord === 'updates' && pageParam !== undefined) return (await liveUpdatesPageExists(key, parsePageParam(pageParam), preview)) ? ok : notFound;
    if (pageWord !== undefined) return ok;
    return (await readableArticle(key, { preview })) ? ok : notFound;
  }

  if (pageWord !== undefined && (pageWord !== 'page' || pageParam === undefined)) return ok;
  const page = parsePageParam(pageParam);
  if (page === null) return notFound;
  const kind = listingKinds.get(section);
  if (!kind) return ok;
  if (!(await listingPage(kind, key, page))) return notFound;
  // /page/1 would be a second address for the first page.
  if (pageParam === '1') return { type: 'redirect', location: `/${section}/${rawKey}` };
  return ok;
}
