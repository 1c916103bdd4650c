import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdownLite } from '@/lib/content/markdown';
import { escapeHtml, liteArticleBody, liteDocument, liteList } from '@/lib/lite/html';
import { absoluteUrl } from '@/lib/site';

describe('lite edition HTML', () => {
  test('a document has no script, no web font and no image, and is canonical to the full page', () => {
    const html = liteDocument({ title: 'عنوان <b>', description: 'وصف "مقتبس"', canonicalPath: '/articles/x', body: '<p>نص</p>' });
    assert.doesNotMatch(html, /<script|@font-face|<img|<link[^>]+stylesheet/i);
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.ok(html.includes(`<link rel="canonical" href="${absoluteUrl('/articles/x')}">`));
    assert.ok(html.includes('<title>عنوان &lt;b&gt;</title>'));
    assert.ok(html.includes('content="وصف &quot;مقتبس&quot;"'));
  });

  test('lists link to lite articles', () => {
    const html = liteList([{ slug: 'a-b', title: 'خبر & آخر', description: '', date: '2026-11-20T09:30:00+03:00' }]);
    assert.ok(html.includes('<a href="/lite/articles/a-b">خبر &amp; آخر</a>'));
  });

  test('the lead image becomes its description, linked to the picture', () => {
    const html = liteArticleBody({
      slug: 's',
      title: 't',
      description: 'd',
      date: '2026-11-20T09:30:00+03:00',
      html: '',
      image: { src: '/images/articles/s.jpg', alt: 'رسم <توضيحي>' },
    });
    assert.ok(html.includes('<a href="/images/articles/s.jpg">[صورة: رسم &lt;توضيحي&gt;]</a>'));
    assert.doesNotMatch(html, /<img/);
  });

  test('images in the body become links too, and the body is still sanitised', () => {
    const html = renderMarkdownLite('قبل\n\n![خريطة المنطقة](/images/map.png)\n\n<img src="/images/b.png" alt="">\n\n<script>alert(1)</script>');
    assert.doesNotMatch(html, /<img|<script|alert/);
    assert.ok(html.includes('<a href="/images/map.png" class="image-link">[صورة: خريطة المنطقة]</a>'));
    assert.ok(html.includes('<a href="/images/b.png" class="image-link">[صورة: صورة]</a>'));
  });

  test('escapeHtml escapes the five characters', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
