import { expect, test, type APIResponse } from '@playwright/test';
import { authors, categories, paths, publishedArticles, publishedIn } from './helpers';

/**
 * What a CDN or nginx in front of the site may do with each response, read
 * from Cache-Control. Published pages must be cacheable by a shared cache and
 * show an edit within a minute (s-maxage + stale-while-revalidate ≤ 60 s);
 * previews, editor pages and 404s must never be stored there.
 */
function directives(response: APIResponse): Map<string, string> {
  const header = response.headers()['cache-control'] ?? '';
  return new Map(
    header
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter(Boolean)
      .map((part) => {
        const [name, value = ''] = part.split('=');
        return [name!.trim(), value.trim()] as const;
      }),
  );
}

function expectSharedCacheWithinAMinute(response: APIResponse, url: string) {
  expect(response.status(), url).toBe(200);
  const cc = directives(response);
  const header = response.headers()['cache-control'];
  expect(cc.has('private'), `${url}: ${header}`).toBe(false);
  expect(cc.has('no-store'), `${url}: ${header}`).toBe(false);
  const maxAge = Number(cc.get('s-maxage'));
  const stale = Number(cc.get('stale-while-revalidate'));
  expect(maxAge, `${url}: s-maxage in ${header}`).toBeGreaterThan(0);
  expect(stale, `${url}: stale-while-revalidate in ${header}`).toBeGreaterThan(0);
  expect(maxAge + stale, `${url}: an edit reaches readers through a cache within 60 s (${header})`).toBeLessThanOrEqual(60);
}

function expectNeverShared(response: APIResponse, url: string) {
  const cc = directives(response);
  const header = response.headers()['cache-control'];
  expect(cc.has('no-store'), `${url}: ${header}`).toBe(true);
  expect(cc.has('private'), `${url}: ${header}`).toBe(true);
  expect(cc.has('s-maxage'), `${url}: ${header}`).toBe(false);
  expect(cc.has('public'), `${url}: ${header}`).toBe(false);
}

test('published pages, feeds and sitemaps can be cached by a CDN and are fresh within a minute', async ({ request }) => {
  const article = publishedArticles().find((a) => a.tags.length > 0)!;
  const category = categories().find((c) => publishedIn({ category: c.slug }).length > 0)!;
  const author = authors().find((a) => publishedIn({ author: a.slug }).length > 0)!;
  const urls = [
    '/',
    paths.category(category.slug),
    paths.article(article.slug),
    paths.tag(article.tags[0]!),
    paths.author(author.slug),
    '/feed.xml',
    `${paths.category(category.slug)}/feed.xml`,
    '/sitemap.xml',
    '/news-sitemap.xml',
  ];
  for (const url of urls) {
    // Twice: the first answer may be rendered on demand, the second comes from Next's cache.
    expectSharedCacheWithinAMinute(await request.get(url), url);
    expectSharedCacheWithinAMinute(await request.get(url), url);
  }
});

test('unknown addresses, previews and editor pages are never stored by a shared cache', async ({ request }) => {
  for (const url of ['/articles/no-such-article', '/categories/no-such-category', '/no-such-page']) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(404);
    expectNeverShared(response, url);
  }

  const login = await request.get('/editor/login');
  expect(login.status()).toBe(200);
  expectNeverShared(login, '/editor/login');

  // A published article seen in draft mode is rendered per request, for the editor only.
  const slug = publishedArticles()[0]!.slug;
  const enter = await request.get(`/api/draft?secret=e2e-preview-secret&slug=${encodeURIComponent(slug)}`, { maxRedirects: 0 });
  expect(enter.status()).toBe(307);
  const preview = await request.get(paths.article(slug));
  expect(preview.status()).toBe(200);
  expect(await preview.text()).toContain('وضع المعاينة');
  expectNeverShared(preview, `${paths.article(slug)} in preview`);
});
