import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { isPublished, type ArticleMeta } from '@/lib/content/load';
import { imageEmbargo, readableArticle } from '@/lib/content/queries';
import { getReviewStore } from '@/lib/review/open-store';
import type { ReviewEvent, ReviewEventType, ReviewLink } from '@/lib/review/store';
import { maxTokenLength, reviewDurationMs, signReviewToken, verifyReviewToken } from '@/lib/review/token';
import { settings } from '@/lib/settings.mjs';

/*
 * Review links: one unpublished article, shown to someone outside the newsroom for a while. The
 * proxy and the review page ask checkReviewToken; the desk creates and revokes through here, and
 * every creation, first opening and revocation is logged and kept (the desk shows the last 20).
 */

/** The browser's copy of the review token it last opened: lets the article's embargoed picture through. */
export const reviewCookie = 'khabar_review';

export const recentEventCount = 20;

export function reviewLinksEnabled(): boolean {
  return !!settings().reviewSecret;
}

export type ReviewAccess =
  | { state: 'ok'; link: ReviewLink; article: ArticleMeta }
  | { state: 'published'; article: ArticleMeta }
  /** 410: the link existed and has ended. */
  | { state: 'gone'; reason: 'expired' | 'revoked' }
  /** 404: not a link of ours (forged, tampered, malformed), or one whose article is gone. */
  | { state: 'unknown' };

const unknown: ReviewAccess = { state: 'unknown' };

/**
 * What a token opens. The signature and expiry are checked first, with no database: forged and
 * expired tokens never reach the store. Then the revocation list, then the article.
 */
export async function checkReviewToken(token: string, now = Date.now()): Promise<ReviewAccess> {
  const secret = settings().reviewSecret;
  if (!secret || token.length > maxTokenLength) return unknown;
  const check = verifyReviewToken(token, secret, now);
  if (!check.ok) return check.reason === 'expired' ? { state: 'gone', reason: 'expired' } : unknown;
  const link = await getReviewStore().findLink(check.claims.id);
  // A signed token the store does not know (a lost or replaced database) opens nothing.
  if (!link || link.article !== check.claims.article) return unknown;
  if (link.revokedAt !== null) return { state: 'gone', reason: 'revoked' };
  const article = await readableArticle(link.article, { preview: true });
  if (!article) return unknown;
  if (isPublished(article, now)) return { state: 'published', article };
  return { state: 'ok', link, article };
}

/** Records the first opening of a link (once, across instances) in the log and the store. */
export async function noteOpened(link: ReviewLink, now = Date.now()): Promise<void> {
  if (link.firstOpenedAt !== null) return;
  if (await getReviewStore().markOpened(link.id, now)) await audit('opened', link.article, link.id, link.createdBy, now);
}

/**
 * A hash of the signed-in editor's session, short and one-way: the log and the desk can tell
 * editors' sessions apart without holding anything that opens one.
 */
export function editorTag(sessionIdHash: string): string {
  return createHash('sha256').update(`khabar-review-audit\0${sessionIdHash}`).digest('base64url').slice(0, 16);
}

export type CreatedLink = { token: string; link: ReviewLink };

export type CreateFailure = 'disabled' | 'bad-duration' | 'not-unpublished';

/** A new link for a draft or scheduled article; published and unknown articles get none. */
export async function createReviewLink(slug: string, duration: unknown, editor: string, now = Date.now()): Promise<CreatedLink | { error: CreateFailure }> {
  const secret = settings().reviewSecret;
  if (!secret) return { error: 'disabled' };
  const ms = reviewDurationMs(duration);
  if (ms === undefined) return { error: 'bad-duration' };
  const article = await readableArticle(slug, { preview: true, fresh: true });
  if (!article || isPublished(article, now)) return { error: 'not-unpublished' };
  const link: ReviewLink = {
    id: randomBytes(16).toString('base64url'),
    article: article.slug,
    createdAt: now,
    expiresAt: now + ms,
    createdBy: editor,
    revokedAt: null,
    firstOpenedAt: null,
  };
  await getReviewStore().createLink(link);
  await audit('created', link.article, link.id, editor, now);
  return { token: signReviewToken({ id: link.id, article: link.article, expiresAt: link.expiresAt }, secret), link };
}

/** The token of a stored link, signed again: the desk shows live links without storing their tokens. */
export function tokenFor(link: ReviewLink): string | undefined {
  const secret = settings().reviewSecret;
  return secret && signReviewToken({ id: link.id, article: link.article, expiresAt: link.expiresAt }, secret);
}

export async function revokeReviewLink(id: string, editor: string, now = Date.now()): Promise<boolean> {
  const store = getReviewStore();
  const link = await store.findLink(id);
  if (!link || !(await store.revokeLink(id, now))) return false;
  await audit('revoked', link.article, id, editor, now);
  return true;
}

export async function revokeArticleLinks(article: string, editor: string, now = Date.now()): Promise<number> {
  const revoked = await getReviewStore().revokeArticle(article, now);
  for (const id of revoked) await audit('revoked', article, id, editor, now);
  return revoked.length;
}

export type DeskReview = { enabled: boolean; live: ReviewLink[]; events: ReviewEvent[] };

export async function deskReview(now = Date.now()): Promise<DeskReview> {
  if (!reviewLinksEnabled()) return { enabled: false, live: [], events: [] };
  const store = getReviewStore();
  const [live, events] = await Promise.all([store.liveLinks(now), store.recentEvents(recentEventCount)]);
  return { enabled: true, live, events };
}

/**
 * Whether a review token lets its holder see this embargoed picture: the link is live and the
 * picture is its article's own.
 */
export async function reviewTokenShowsImage(token: string | undefined, src: string, now = Date.now()): Promise<boolean> {
  if (!token) return false;
  const access = await checkReviewToken(token, now);
  if (access.state !== 'ok' || access.article.image?.src !== src) return false;
  return (await imageEmbargo(src, now)) !== null;
}

async function audit(type: ReviewEventType, article: string, linkId: string, editor: string, at: number): Promise<void> {
  const event: ReviewEvent = { type, article, linkId, editor, at };
  // One line per event on the server log, in the shape of the request-failure lines.
  console.log(JSON.stringify({ time: new Date(at).toISOString(), level: 'info', msg: `review link ${type}`, article, link: linkId, editor }));
  await getReviewStore().recordEvent(event);
}
