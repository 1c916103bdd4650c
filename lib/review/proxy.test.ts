import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NextRequest } from 'next/server';
import { decodeImageKey, imageKey } from '@/lib/review/images';
import { requestedImage } from '@/lib/review/proxy';

const at = (url: string) => requestedImage(new NextRequest(new URL(url, 'http://khabar.test')));

describe('which picture a request asks for', () => {
  test('directly and through /_next/image, written every way a browser or a guesser may write it', () => {
    const src = '/images/articles/draft-summit-analysis.jpg';
    for (const url of [
      src,
      `/_next/image?url=${encodeURIComponent(src)}&w=640&q=75`,
      `/_next/image?url=${src}&w=640&q=75`,
      '/images//articles///draft-summit-analysis.jpg',
      '/images/articles/./draft-summit-analysis.jpg',
      '/images/articles/x/../draft-summit-analysis.jpg',
      '/images/articles%2Fdraft-summit-analysis.jpg',
      '/images/x/..%2Farticles%2Fdraft-summit-analysis.jpg',
      '/images/articles/%2E/draft-summit-analysis.jpg',
      '/images/articles%2F%2Fdraft-summit-analysis.jpg',
      '/images/articles/%64raft-summit-analysis.jpg',
      `${src}?v=2`,
    ]) {
      assert.equal(at(url), src, url);
    }
  });

  test('Arabic names are compared composed (NFC), as the front matter is read', () => {
    const name = '/images/articles/صورة-المقال.jpg';
    assert.equal(at(encodeURI(name.normalize('NFD'))), name.normalize('NFC'));
  });

  test('other paths are not pictures', () => {
    for (const url of ['/', '/articles/x', '/_next/image?url=https%3A%2F%2Fexample.com%2Fa.jpg&w=640&q=75', '/_next/image?w=640', '/imagesx/a.jpg', '/images/..%2Fapi%2Fhealth']) {
      assert.equal(at(url), null, url);
    }
  });

  test('the private route’s key round-trips a picture path and refuses anything else', () => {
    const src = '/images/articles/صورة.jpg';
    assert.equal(decodeImageKey(imageKey(src)), src);
    for (const bad of ['', '..', imageKey('/etc/passwd'), imageKey('../images/a.jpg'), 'a/b', 'x'.repeat(401)]) assert.equal(decodeImageKey(bad), null, bad);
  });
});
