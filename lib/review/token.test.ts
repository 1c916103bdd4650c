import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { maxTokenLength, reviewDurationMs, signReviewToken, verifyReviewToken, type ReviewClaims } from '@/lib/review/token';

const secret = 'a-review-secret-of-some-length';
const now = Date.UTC(2026, 10, 20, 9);
const claims: ReviewClaims = { id: 'AAAAAAAAAAAAAAAAAAAAAA', article: 'draft-summit-analysis', expiresAt: now + 3_600_000 };

/** The payload part re-encoded with some field changed, the signature left as it was. */
function withPayload(token: string, change: (payload: Record<string, unknown>) => void): string {
  const [payload, signature] = token.split('.') as [string, string];
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(decoded);
  return `${Buffer.from(JSON.stringify(decoded)).toString('base64url')}.${signature}`;
}

describe('review tokens', () => {
  test('a signed token verifies with its claims until the millisecond it expires', () => {
    const token = signReviewToken(claims, secret);
    assert.match(token, /^[\w-]+\.[\w-]{43}$/);
    assert.ok(token.length < maxTokenLength);
    assert.deepEqual(verifyReviewToken(token, secret, now), { ok: true, claims });
    assert.deepEqual(verifyReviewToken(token, secret, claims.expiresAt - 1), { ok: true, claims });
    assert.deepEqual(verifyReviewToken(token, secret, claims.expiresAt), { ok: false, reason: 'expired', claims });
  });

  test('a token signed with another secret, or for another article, id or expiry, is refused', () => {
    const token = signReviewToken(claims, secret);
    assert.deepEqual(verifyReviewToken(token, 'another-secret-of-some-length', now), { ok: false, reason: 'bad-signature' });
    for (const change of [
      (p: Record<string, unknown>) => void (p.a = 'scheduled-quantum-lab-opening'),
      (p: Record<string, unknown>) => void (p.i = 'BBBBBBBBBBBBBBBBBBBBBB'),
      (p: Record<string, unknown>) => void (p.e = (p.e as number) + 86_400_000),
    ]) {
      assert.deepEqual(verifyReviewToken(withPayload(token, change), secret, now), { ok: false, reason: 'bad-signature' });
    }
  });

  test('every single-character change anywhere in a token is refused', () => {
    const token = signReviewToken(claims, secret);
    for (let i = 0; i < token.length; i++) {
      const swapped = token[i] === 'A' ? 'B' : 'A';
      const tampered = token.slice(0, i) + swapped + token.slice(i + 1);
      const check = verifyReviewToken(tampered, secret, now);
      assert.equal(check.ok, false, `position ${i}`);
    }
  });

  test('malformed tokens are refused without being parsed, however long', () => {
    const token = signReviewToken(claims, secret);
    const [payload, signature] = token.split('.') as [string, string];
    for (const bad of ['', '.', token + '.x', `${payload}.`, `.${signature}`, `${payload}.${signature}=`, token.replace('.', '%2E'), 'x'.repeat(10_000), `${payload}..${signature}`]) {
      assert.equal(verifyReviewToken(bad, secret, now).ok, false, JSON.stringify(bad.slice(0, 40)));
    }
    // Correctly signed but not our payload shape: refused as malformed, never thrown.
    const garbage = Buffer.from('{"v":2}').toString('base64url');
    const forged = signReviewToken(claims, secret).replace(payload, garbage);
    assert.equal(verifyReviewToken(forged, secret, now).ok, false);
  });

  test('durations: 1 hour, 24 hours and 7 days, nothing else', () => {
    assert.equal(reviewDurationMs('1h'), 3_600_000);
    assert.equal(reviewDurationMs('24h'), 86_400_000);
    assert.equal(reviewDurationMs('7d'), 604_800_000);
    for (const bad of ['30d', '', undefined, null, 24, 'constructor', '__proto__']) assert.equal(reviewDurationMs(bad), undefined, String(bad));
  });
});
