import assert from 'node:assert/strict';
import { test } from 'node:test';

test('the no-JS floor keeps the page and drops every script and script preload', async () => {
  // Loaded, not imported: phone.mjs is an ES module with top-level await (its command-line part).
  const { stripScripts } = await import('./phone.mjs');
  const page = [
    '<html><head><link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/a.js"/>',
    '<link rel="preload" href="/f.woff2" as="font" crossorigin=""/><link rel="stylesheet" href="/s.css"/>',
    '<script src="/_next/static/chunks/b.js" async=""></script></head>',
    '<body><h1>عنوان</h1><script>self.__next_f.push([1,"<p>x</p>"])</script>',
    '<SCRIPT type="application/ld+json">{"@type":"NewsArticle"}</SCRIPT><p>نص</p></body></html>',
  ].join('');
  const bare = stripScripts(page);
  assert.doesNotMatch(bare, /<script|as="script"|__next_f/i);
  assert.match(bare, /<h1>عنوان<\/h1>/);
  assert.match(bare, /<p>نص<\/p>/);
  assert.match(bare, /as="font"/);
  assert.match(bare, /rel="stylesheet"/);
});
