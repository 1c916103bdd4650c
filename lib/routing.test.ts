import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { hasMalformedEncoding, isAcceptableImageUrl, isActionPost, isOversizeActionPost, serverActionBodyBytes } from '@/lib/routing';

describe('hasMalformedEncoding', () => {
  test('valid percent-encoding, Arabic included, is fine', () => {
    for (const path of ['/articles/x', '/tags/%D8%A7%D9%84%D9%85%D9%86%D8%A7%D8%AE', '/tags/a%20b', '/articles/..%2f..%2fetc']) {
      assert.equal(hasMalformedEncoding(path), false, path);
    }
  });
  test('overlong UTF-8, %u escapes and stray percent signs are malformed', () => {
    for (const path of ['/articles/..%c0%af..%c0%afetc', '/x/%c1%9c', '/x/%u002e%u002e', '/x/%', '/x/%zz', '/x/%e2%80']) {
      assert.equal(hasMalformedEncoding(path), true, path);
    }
  });
});

describe('isAcceptableImageUrl', () => {
  test('plain file paths under the site, in any script, pass', () => {
    for (const url of ['/images/articles/cop31-opens-in-antalya.jpg', '/images/a_b~c-d.v2.webp', '/images/صورة الخبر.jpg', 'https://cdn.example/x.jpg']) {
      assert.equal(isAcceptableImageUrl(url), true, url);
    }
  });
  test('empty, dot and dot-dot segments, trailing slashes, backslashes, NUL and percent signs do not', () => {
    for (const url of [
      null,
      '',
      'images/x.jpg',
      '/images//etc/passwd',
      '/images/../package.json',
      '/images/./x.jpg',
      '/images/....//....//package.json',
      '/images/articles/',
      '/images/.env',
      '/images/\\\\127.0.0.1\\c$',
      '/images/\u0000',
      '/images/%2e%2e/x.jpg',
      '/images/x.jpg?w=1',
      '//evil.example/x.jpg',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ]) {
      assert.equal(isAcceptableImageUrl(url), false, String(url));
    }
  });
});

describe('isActionPost', () => {
  test('fetch actions and no-script form posts are action posts; JSON API posts and GETs are not', () => {
    assert.equal(isActionPost('POST', new Headers({ 'next-action': 'abc' })), true);
    assert.equal(isActionPost('POST', new Headers({ 'content-type': 'multipart/form-data; boundary=x' })), true);
    assert.equal(isActionPost('POST', new Headers({ 'content-type': 'application/json' })), false);
    assert.equal(isActionPost('GET', new Headers({ 'next-action': 'abc' })), false);
  });
});

describe('isOversizeActionPost', () => {
  const over = String(serverActionBodyBytes + 1);
  test('server action posts over the limit, by header or by form', () => {
    assert.equal(isOversizeActionPost('POST', new Headers({ 'next-action': 'abc', 'content-length': over })), true);
    assert.equal(isOversizeActionPost('POST', new Headers({ 'content-type': 'multipart/form-data; boundary=x', 'content-length': over })), true);
  });
  test('everything else passes: small posts, JSON API posts, GETs, no declared length', () => {
    assert.equal(isOversizeActionPost('POST', new Headers({ 'next-action': 'abc', 'content-length': String(serverActionBodyBytes) })), false);
    assert.equal(isOversizeActionPost('POST', new Headers({ 'content-type': 'application/json', 'content-length': over })), false);
    assert.equal(isOversizeActionPost('GET', new Headers({ 'next-action': 'abc', 'content-length': over })), false);
    assert.equal(isOversizeActionPost('POST', new Headers({ 'next-action': 'abc' })), false);
  });
  test('the limit is the one next.config.js gives Next', () => {
    const config = createRequire(import.meta.url)('../next.config.js') as { experimental: { serverActions: { bodySizeLimit: string } } };
    const match = /^(\d+)kb$/.exec(config.experimental.serverActions.bodySizeLimit);
    assert.ok(match, config.experimental.serverActions.bodySizeLimit);
    assert.equal(Number(match[1]) * 1024, serverActionBodyBytes);
  });
});
