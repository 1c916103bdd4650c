import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/*
 * Review-link tokens: `<payload>.<signature>`, both base64url. The payload names one link (a random
 * id), one article and an expiry; the signature is an HMAC-SHA256 of it under REVIEW_SECRET. So a
 * token is checked — forged, tampered, expired — with no database; only revocation needs the store.
 * No `server-only` here: the unit tests and the e2e specs sign tokens with the same code.
 */

export type ReviewClaims = {
  /** The link's id in the review store (random, base64url). */
  id: string;
  /** The article's slug. */
  article: string;
  /** Expiry, in milliseconds since the epoch. */
  expiresAt: number;
};

export type TokenCheck =
  | { ok: true; claims: ReviewClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' }
  | { ok: false; reason: 'expired'; claims: ReviewClaims };

/** The longest token accepted: a real one is about 110 characters; anything far longer is not ours. */
export const maxTokenLength = 256;

const payloadSchema = z.object({
  v: z.literal(1),
  i: z.string().regex(/^[\w-]{16,43}$/),
  a: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(200),
  e: z.number().int().positive(),
});

const tokenShape = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/;

// The purpose is part of what is signed, so a signature made for anything else under the same key never passes.
const signature = (secret: string, payload: string) => createHmac('sha256', secret).update(`khabar-review-link\0${payload}`).digest();

export function signReviewToken(claims: ReviewClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify({ v: 1, i: claims.id, a: claims.article, e: claims.expiresAt })).toString('base64url');
  return `${payload}.${signature(secret, payload).toString('base64url')}`;
}

/**
 * Checks a token's signature first and reads its payload only after: a forged payload is never
 * parsed. An expired token still says which link it was, for the audit and the page's wording.
 */
export function verifyReviewToken(token: string, secret: string, now = Date.now()): TokenCheck {
  const match = token.length <= maxTokenLength ? tokenShape.exec(token) : null;
  if (!match) return { ok: false, reason: 'malformed' };
  const [, payload, given] = match as unknown as [string, string, string];
  const expected = signature(secret, payload);
  const actual = Buffer.from(given, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { ok: false, reason: 'bad-signature' };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = payloadSchema.safeParse(decoded);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const claims = { id: parsed.data.i, article: parsed.data.a, expiresAt: parsed.data.e };
  if (claims.expiresAt <= now) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}

/** The choices the desk offers, shortest first; 24 hours is the default. */
export const reviewDurations = [
  { key: '1h', label: 'ساعة واحدة', ms: 60 * 60 * 1000 },
  { key: '24h', label: '24 ساعة', ms: 24 * 60 * 60 * 1000 },
  { key: '7d', label: '7 أيام', ms: 7 * 24 * 60 * 60 * 1000 },
] as const;

export type ReviewDurationKey = (typeof reviewDurations)[number]['key'];
export const defaultReviewDuration: ReviewDurationKey = '24h';

export function reviewDurationMs(key: unknown): number | undefined {
  return reviewDurations.find((d) => d.key === key)?.ms;
}
