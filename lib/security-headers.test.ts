import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, nextConfigHeaders, securityHeaders } from '@/lib/security-headers.mjs';

/** "a b; c d" → { a: ['b'], c: ['d'] } */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

const header = (list: { key: string; value: string }[], key: string) => list.find((h) => h.key.toLowerCase() === key.toLowerCase())?.value;

describe('content security policy', () => {
  for (const [label, policy] of [
    ['pages', contentSecurityPolicy({ https: false })],
    ['editor pages (nonce)', contentSecurityPolicy({ https: false, nonce: 'bm9uY2U=' })],
  ] as const) {
    test(`${label}: only the site itself, no plugins, no framing, no foreign <base> or form targets`, () => {
      const d = directives(policy);
      assert.deepEqual(d.get('default-src'), ["'self'"]);
      assert.deepEqual(d.get('object-src'), ["'none'"]);
      assert.deepEqual(d.get('base-uri'), ["'self'"]);
      assert.deepEqual(d.get('form-action'), ["'self'"]);
      assert.deepEqual(d.get('frame-ancestors'), ["'none'"]);
      assert.deepEqual(d.get('img-src'), ["'self'", 'data:', 'blob:']);
      // No host, scheme-wide or wildcard source anywhere: nothing third-party can be loaded.
      for (const [name, values] of d) {
        for (const value of values) {
          assert.ok(/^'[^']+'$/.test(value) || ['data:', 'blob:'].includes(value), `${name} allows ${value}`);
        }
      }
      assert.ok(!d.get('script-src')!.includes("'unsafe-eval'"));
    });
  }

  test('editor pages: scripts need the nonce; no unsafe-inline', () => {
    const script = directives(contentSecurityPolicy({ https: true, nonce: 'abc123' })).get('script-src')!;
    assert.ok(script.includes("'nonce-abc123'"));
    assert.ok(script.includes("'strict-dynamic'"));
    assert.ok(!script.includes("'unsafe-inline'"));
  });

  test('upgrade-insecure-requests only over HTTPS', () => {
    assert.ok(directives(contentSecurityPolicy({ https: true })).has('upgrade-insecure-requests'));
    assert.ok(!directives(contentSecurityPolicy({ https: false })).has('upgrade-insecure-requests'));
  });
});

describe('security headers', () => {
  test('the fixed set is always there', () => {
    const list = securityHeaders({ siteUrl: 'http://localhost:3000' });
    assert.equal(header(list, 'X-Content-Type-Options'), 'nosniff');
    assert.equal(header(list, 'Referrer-Policy'), 'strict-origin-when-cross-origin');
    assert.equal(header(list, 'Cross-Origin-Opener-Policy'), 'same-origin');
    assert.equal(header(list, 'X-Frame-Options'), 'DENY');
    const permissions = header(list, 'Permissions-Policy')!.split(/,\s*/);
    for (const feature of ['camera', 'microphone', 'geolocation', 'browsing-topics', 'payment', 'usb']) {
      assert.ok(permissions.includes(`${feature}=()`), `${feature} is switched off`);
    }
  });

  test('HSTS only when SITE_URL is https', () => {
    assert.equal(
      header(securityHeaders({ siteUrl: 'https://khabar.example' }), 'Strict-Transport-Security'),
      'max-age=63072000; includeSubDomains',
    );
    for (const siteUrl of ['http://khabar.example', 'http://127.0.0.1:3210', undefined, 'khabar.example']) {
      assert.equal(header(securityHeaders({ siteUrl }), 'Strict-Transport-Security'), undefined, String(siteUrl));
    }
  });

  test('next.config headers() applies them to every path', () => {
    const [entry, ...rest] = nextConfigHeaders({ siteUrl: 'https://khabar.example' });
    assert.equal(rest.length, 0);
    assert.equal(entry!.source, '/:path*');
    assert.ok(header(entry!.headers, 'Content-Security-Policy'));
  });
});
