/**
 * Publishing without a rebuild, against a production server of its own:
 * each project (desktop, phone) starts `node server/serve.mjs` on a free port
 * with a temporary copy of the content folder, so editing files here never
 * touches the server the other specs use.
 *
 * The server also gets its own copy of the build (NEXT_DIST_DIR): Next writes
 * regenerated pages into its build folder, and a page listing an article that
 * exists only here must never be picked up by the shared server.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, request as apiRequest, test, type APIRequestContext, type TestInfo } from '@playwright/test';
import { startPrivateServer, stopPrivateServer, type PrivateServer } from './private-server';
import { articleLinksIn, authors, paths, publishedArticles, type Article } from './helpers';

const root = path.resolve(__dirname, '..');
const revalidateSecret = 'e2e-publishing-revalidate-secret';
const editorPassword = 'e2e-publishing-editor-password';
/** How long polling may wait for a change to show; it typically takes well under a second. */
const publishTimeout = 60_000;

type Server = PrivateServer;
let server: Server;
let api: APIRequestContext;

// The tests edit one content folder in turn: one worker per project, in order.
test.describe.configure({ mode: 'default' });

function startServer(testInfo: TestInfo): Promise<Server> {
  return startPrivateServer(testInfo, 'publishing', { REVALIDATE_SECRET: revalidateSecret, EDITOR_PASSWORD: editorPassword });
}

const stopServer = stopPrivateServer;

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(120_000);
  server = await startServer(testInfo);
  api = await apiRequest.newContext({ baseURL: server.base });
});

test.afterAll(async () => {
  await api?.dispose();
  await stopServer(server);
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus && server) {
    await testInfo.attach('server log', { body: server.log.join(''), contentType: 'text/plain' });
  }
});

/** An ISO 8601 date-time on the site's clock (+03:00), as editors write it. */
function siteTime(ms: number): string {
  return `${new Date(ms + 3 * 3600_000).toISOString().slice(0, 19)}+03:00`;
}

let sequence = 0;
function uniqueSlug(word: string): string {
  sequence += 1;
  return `e2e-${word}-${Date.now().toString(36)}-${sequence}`;
}

type Draft = { slug: string; title: string; date: string; category: string; tags: string[]; draft?: boolean };

function articleFile(a: Draft): string {
  return [
    '---',
    `title: "${a.title}"`,
    `description: "مقال يكتبه اختبار النشر ليتحقق من ظهوره دون إعادة بناء."`,
    `date: "${a.date}"`,
    `category: ${a.category}`,
    `author: ${authors()[0]!.slug}`,
    `tags: [${a.tags.map((t) => `"${t}"`).join(', ')}]`,
    ...(a.draft ? ['draft: true'] : []),
    '---',
    '',
    'الفقرة الأولى من مقال الاختبار، وهي مقدمته.',
    '',
  ].join('\n');
}

const fileOf = (slug: string) => path.join(server.content, 'articles', 'e2e', `${slug}.md`);

function writeArticle(a: Draft): string {
  const file = fileOf(a.slug);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, articleFile(a));
  return file;
}

/** Where a sample article lives in this server's copy of the content folder. */
function sampleFile(slug: string): string {
  const walk = (dir: string): string | undefined => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        const found = walk(full);
        if (found) return found;
      } else if (entry.name === `${slug}.md`) return full;
    }
    return undefined;
  };
  const found = walk(path.join(server.content, 'articles'));
  if (!found) throw new Error(`${slug}.md is not in the copied content folder`);
  return found;
}

async function page(url: string): Promise<{ status: number; html: string }> {
  const response = await api.get(url, { maxRedirects: 0 });
  return { status: response.status(), html: await response.text() };
}

async function lists(url: string, slug: string): Promise<boolean> {
  const { status, html } = await page(url);
  return status === 200 && articleLinksIn(html).includes(slug);
}

async function shows(slug: string, title: string): Promise<boolean> {
  const { status, html } = await page(paths.article(slug));
  return status === 200 && html.includes(title);
}

/** Polls until `check` holds; returns how long after `since` it was first seen to hold. */
async function whenTrue(message: string, since: number, check: () => Promise<boolean>, timeout = publishTimeout): Promise<number> {
  let seenAt = 0;
  await expect
    .poll(
      async () => {
        const ok = await check();
        if (ok && !seenAt) seenAt = Date.now();
        return ok;
      },
      { message, timeout, intervals: [50, 100] },
    )
    .toBe(true);
  return seenAt - since;
}

const samples = () => publishedArticles();

test('a new file is served on its article, category, home and tag pages without a rebuild', async ({}, testInfo) => {
  const slug = uniqueSlug('new');
  const tag = `وسم ${slug}`;
  const a: Draft = { slug, title: `مقال جديد للاختبار ${slug}`, date: siteTime(Date.now() - 60_000), category: 'culture', tags: [tag] };
  const urls = { article: paths.article(slug), category: paths.category(a.category), home: '/', tag: paths.tag(tag) };

  // Every page is already cached without the article.
  expect((await page(urls.article)).status).toBe(404);
  expect((await page(urls.tag)).status).toBe(404);
  expect(await lists(urls.category, slug)).toBe(false);
  expect(await lists(urls.home, slug)).toBe(false);

  const written = Date.now();
  writeArticle(a);
  const latency = Object.fromEntries(
    await Promise.all([
      whenTrue('the article page', written, () => shows(slug, a.title)).then((ms) => ['article', ms] as const),
      whenTrue('the category page', written, () => lists(urls.category, slug)).then((ms) => ['category', ms] as const),
      whenTrue('the home page', written, () => lists(urls.home, slug)).then((ms) => ['home', ms] as const),
      whenTrue('the tag page', written, () => lists(urls.tag, slug)).then((ms) => ['tag', ms] as const),
    ]),
  );
  const summary = Object.entries(latency)
    .map(([where, ms]) => `${where} ${ms} ms`)
    .join(', ');
  testInfo.annotations.push({ type: 'publishing latency', description: summary });
  console.log(`[${testInfo.project.name}] new file visible after: ${summary}`);
});

test('a re-drafted file answers 404 and leaves the home page; a deleted file answers 404', async () => {
  const [redrafted, deleted] = samples().filter((s) => s.category !== 'culture');
  const expectLive = async (s: Article) => {
    expect((await page(paths.article(s.slug))).status, `${s.slug} is live first`).toBe(200);
  };
  await expectLive(redrafted!);
  await expectLive(deleted!);
  expect(await lists('/', redrafted!.slug), `${redrafted!.slug} is on the home page first`).toBe(true);
  const deletedWasListed = await lists(paths.category(deleted!.category), deleted!.slug);

  const file = sampleFile(redrafted!.slug);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^---\n/, '---\ndraft: true\n'));
  await whenTrue('the re-drafted article is a 404', Date.now(), async () => (await page(paths.article(redrafted!.slug))).status === 404);
  await whenTrue('the home page drops it', Date.now(), async () => !(await lists('/', redrafted!.slug)));
  expect(await lists(paths.category(redrafted!.category), redrafted!.slug)).toBe(false);

  unlinkSync(sampleFile(deleted!.slug));
  await whenTrue('the deleted article is a 404', Date.now(), async () => (await page(paths.article(deleted!.slug))).status === 404);
  if (deletedWasListed) {
    await whenTrue('its category page drops it', Date.now(), async () => !(await lists(paths.category(deleted!.category), deleted!.slug)));
  }
});

/**
 * How far ahead the scheduled article is due. The checks before its time take a few page loads
 * and must all finish before it; on a loaded machine (CI, two browsers, other builds) three loads
 * can take several seconds, so they get the first half of this and the rest is margin.
 */
const scheduledAheadMs = 20_000;
/** After its time, each page must show it by itself well before the lists' own 30 s revalidation timer. */
const scheduledLiveMs = 20_000;

test('an article scheduled a few seconds ahead is a 404 until its time, then goes live by itself', async ({}, testInfo) => {
  test.setTimeout(scheduledAheadMs + scheduledLiveMs + 60_000);
  const slug = uniqueSlug('scheduled');
  const written = Date.now();
  const due = Math.ceil((written + scheduledAheadMs) / 1000) * 1000;
  const a: Draft = { slug, title: `مقال مجدول للاختبار ${slug}`, date: siteTime(due), category: 'economy', tags: [] };
  // Written after it, and published at once: once this one is live, the server has read the
  // folder with the scheduled file in it, so the 404s below are not merely a file not yet seen.
  const witness: Draft = { slug: uniqueSlug('witness'), title: `شاهد للمقال المجدول ${slug}`, date: siteTime(written - 60_000), category: 'world', tags: [] };
  expect(await lists('/', slug)).toBe(false);
  writeArticle(a);
  writeArticle(witness);
  await whenTrue('the article written with it is live', Date.now(), () => shows(witness.slug, witness.title), scheduledAheadMs / 2);

  // Until its time it exists nowhere.
  const checksFrom = Date.now();
  expect((await page(paths.article(slug))).status).toBe(404);
  expect(await lists('/', slug)).toBe(false);
  expect(await lists(paths.category(a.category), slug)).toBe(false);
  const checksTo = Date.now();
  const timing = `checks ran ${checksFrom - written}–${checksTo - written} ms after writing, due at ${due - written} ms`;
  testInfo.annotations.push({ type: 'scheduled checks', description: timing });
  // Without this the test would pass vacuously if the article were already live when checked.
  expect(checksTo, `the checks ran before the article was due (${timing})`).toBeLessThan(due);

  // No call to /api/revalidate: the server's own timer must refresh the cached pages. Each is
  // polled from its time (not before: hundreds of 404s would only load the machine), all at once,
  // so every latency is measured from `due`.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
  const [article, home, category] = await Promise.all([
    whenTrue('the article goes live', due, () => shows(slug, a.title), scheduledLiveMs),
    whenTrue('the home page lists it', due, () => lists('/', slug), scheduledLiveMs),
    whenTrue('its category page lists it', due, () => lists(paths.category(a.category), slug), scheduledLiveMs),
  ]);
  testInfo.annotations.push({ type: 'scheduled latency', description: `after its time: article ${article} ms, home ${home} ms, category ${category} ms` });
});

test('a broken file leaves the rest of the site up and its own slug a 404; editors are told the file and field', async ({ page: browser }) => {
  const slug = uniqueSlug('broken');
  const a: Draft = { slug, title: `مقال سينكسر ${slug}`, date: siteTime(Date.now() - 60_000), category: 'technology', tags: [] };
  writeArticle(a);
  await whenTrue('the valid file is live first', Date.now(), () => shows(slug, a.title));

  writeFileSync(fileOf(slug), articleFile(a).replace(/^date: .*$/m, 'date: "30 February, sometime"'));
  await whenTrue('the broken slug is a 404', Date.now(), async () => (await page(paths.article(slug))).status === 404);

  // The oldest sample: untouched by the other tests.
  const other = samples().at(-1)!;
  expect((await page('/')).status).toBe(200);
  expect((await page(paths.category(a.category))).status).toBe(200);
  expect((await page(paths.article(other.slug))).status, `${other.slug} still served`).toBe(200);
  await whenTrue('the home page drops the broken article', Date.now(), async () => !(await lists('/', slug)));
  expect(server.child.exitCode, 'the server is still running').toBeNull();

  // What editors see: `path: field: what was expected` in the log, on the desk and from content:check.
  const problem = new RegExp(`articles/e2e/${slug}\\.md: date: expected an ISO 8601 date-time`);
  expect(server.log.join(''), 'the server log names the file and field').toMatch(problem);

  await browser.goto(`${server.base}/editor/login?next=/editor`);
  await browser.getByLabel('كلمة المرور', { exact: true }).fill(editorPassword);
  await browser.getByRole('button', { name: 'دخول', exact: true }).click();
  const problems = browser.getByRole('region', { name: /^مشكلات المحتوى/ });
  await expect(problems.getByRole('listitem').filter({ hasText: problem })).toHaveCount(1);

  const check = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/content-check.ts'], {
    cwd: root,
    env: { ...process.env, CONTENT_DIR: server.content },
    encoding: 'utf8',
  });
  expect(check.status, 'content:check fails').toBe(1);
  expect(check.stderr, 'content:check names the file and field').toMatch(problem);
});

test('POST /api/revalidate needs the bearer secret', async () => {
  const none = await api.post('/api/revalidate');
  expect(none.status()).toBe(401);
  expect((await none.json()).error.code).toBe('unauthorized');
  expect((await api.post('/api/revalidate', { headers: { authorization: 'Bearer wrong-secret' } })).status()).toBe(401);
  expect((await api.post('/api/revalidate', { headers: { authorization: revalidateSecret } })).status(), 'without "Bearer "').toBe(401);

  const ok = await api.post('/api/revalidate', { headers: { authorization: `Bearer ${revalidateSecret}` } });
  expect(ok.status()).toBe(200);
  const json = await ok.json();
  expect(json.revalidated).toBe(true);
  expect(json.articles).toBeGreaterThan(0);
});

test('a new file reaches the feed, the sitemap and, when recent, the news sitemap', async () => {
  const fresh: Draft = { slug: uniqueSlug('feed'), title: `خبر للخلاصة ${Date.now()}`, date: siteTime(Date.now() - 60_000), category: 'world', tags: [] };
  const older: Draft = { slug: uniqueSlug('older'), title: `خبر أقدم ${Date.now()}`, date: siteTime(Date.now() - 72 * 3600_000), category: 'world', tags: [] };
  const written = Date.now();
  writeArticle(fresh);
  writeArticle(older);
  const has = async (url: string, slug: string) => {
    const { status, html } = await page(url);
    return status === 200 && html.includes(`/articles/${slug}<`);
  };
  await whenTrue('the site feed', written, () => has('/feed.xml', fresh.slug));
  await whenTrue('the category feed', written, () => has(`${paths.category('world')}/feed.xml`, fresh.slug));
  await whenTrue('the sitemap', written, async () => (await has('/sitemap.xml', fresh.slug)) && (await has('/sitemap.xml', older.slug)));
  await whenTrue('the news sitemap', written, () => has('/news-sitemap.xml', fresh.slug));
  // Published 72 hours ago: in the sitemap, outside the news sitemap's 48 hours.
  expect(await has('/news-sitemap.xml', older.slug)).toBe(false);
});
