import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hasMalformedEncoding, isAcceptableImageUrl } from '@/lib/routing';

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
