/**
 * Cross-site scripting, end to end, in Chromium. Every payload of fixtures/xss-vectors.ts is
 *
 *   - a comment body, and its name where it fits, posted through the real API and shown on the
 *     article page (interactive thread and no-script thread) and on the editors' moderation page;
 *   - Markdown in article bodies, and headlines, standfirsts and tags, in a content folder of this
 *     spec's own (a private server, see private-server.ts), shown on article pages, lists, search,
 *     the editors' desk and a draft preview.
 *
 * A payload that runs calls `__xss(n)` (a binding this spec exposes) or opens a dialog; neither may
 * happen. And the rendered DOM must hold nothing executable: no script that is not Next's own, no
 * on* attribute, no javascript:/vbscript:/data:text URL, no frames, objects or <base>.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, request as apiRequest, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { xssBinding, xssVectors, type XssVector } from './fixtures/xss-vectors';
import { authors, categories, normalizeText } from './helpers';
import { startPrivateServer, stopPrivateServer, type PrivateServer } from './private-server';

const editorPassword = 'e2e-xss-editor-password';
const publishedCount = 8;
/** Comments per article: the thread's first page (lib/comments/schema.ts pageSize) holds them all. */
const commentsPerArticle = 20;
/** Payloads also posted as held comments, for the moderation queue. */
const heldCopies = 60;

type XssArticle = { slug: string; title: string; description: string; tag: string; draft: boolean; vectors: XssVector[] };

/** Splits the list into `n` groups; a payload that swallows what follows it ends a group. */
function groups(n: number): XssVector[][] {
  const out: XssVector[][] = Array.from({ length: n }, () => []);
  xssVectors.filter((v) => !v.swallowsRest).forEach((v, i) => out[i % n]!.push(v));
  xssVectors.filter((v) => v.swallowsRest).forEach((v, i) => out[i % n]!.push(v));
  return out;
}

const safeForUrl = (v: XssVector) => !/[/%\\?#\n\u0000-\u001f]/.test(v.payload) && [...v.payload].length <= 60;

/** Eight published articles and one draft; each carries payloads in headline, standfirst, tag and body. */
const articles: XssArticle[] = groups(publishedCount + 1).map((vectors, i) => {
  const tagVector = xssVectors.filter(safeForUrl)[i]!;
  return {
    slug: i < publishedCount ? `xss-probe-${i + 1}` : 'xss-probe-draft',
    title: normalizeText(`اختبار أمني ${i + 1} ${vectors[0]!.payload}`),
    description: normalizeText(`ملخص ${vectors[1]!.payload}`),
    tag: normalizeText(tagVector.payload),
    draft: i >= publishedCount,
    vectors,
  };
});

const marker = (kind: 'm' | 'c' | 'h', id: number) => `⟦${kind}${id}⟧`;

function articleFile(a: XssArticle, index: number): string {
  // Newest first, a minute apart, all in the past: the published ones lead the home page.
  const date = new Date(Date.now() - (index + 1) * 60_000 + 3 * 3600_000).toISOString().slice(0, 19) + '+03:00';
  const body = a.vectors.map((v) => `فقرة ${marker('m', v.id)}\n\n${v.payload}`).join('\n\n');
  return [
    '---',
    `title: ${JSON.stringify(a.title)}`,
    `description: ${JSON.stringify(a.description)}`,
    `date: "${date}"`,
    `category: ${categories()[0]!.slug}`,
    `author: ${authors()[0]!.slug}`,
    `tags: [${JSON.stringify(a.tag)}, "اختبار-أمني"]`,
    ...(a.draft ? ['draft: true'] : []),
    '---',
    '',
    body,
    '',
  ].join('\n');
}

let server: PrivateServer;
let api: APIRequestContext;
/** Every `__xss(n)` call and dialog, with the page it happened on. */
const fired: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(180_000);
  server = await startPrivateServer(testInfo, 'xss', { EDITOR_PASSWORD: editorPassword, TRUST_PROXY: '1' }, (content) => {
    const dir = path.join(content, 'articles', 'xss');
    mkdirSync(dir, { recursive: true });
    articles.forEach((a, i) => writeFileSync(path.join(dir, `${a.slug}.md`), articleFile(a, i)));
  });
  api = await apiRequest.newContext({ baseURL: server.base });
});

test.afterAll(async () => {
  await api?.dispose();
  await stopPrivateServer(server);
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus && server) {
    await testInfo.attach('server log', { body: server.log.join(''), contentType: 'text/plain' });
  }
});

/** A browser context on the private server that records any payload that runs. */
async function watchedContext(browser: Browser, javaScriptEnabled = true): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: server.base, locale: 'ar', javaScriptEnabled });
  await context.exposeBinding(xssBinding, ({ page }, n: unknown) => {
    fired.push(`__xss(${String(n)}) on ${page?.url()}`);
  });
  context.on('page', (page) => watchDialogs(page));
  return context;
}

function watchDialogs(page: Page) {
  page.on('dialog', (dialog) => {
    fired.push(`${dialog.type()} "${dialog.message()}" on ${page.url()}`);
    void dialog.dismiss().catch(() => {});
  });
}

/**
 * Everything executable in the document (run in the page). With JavaScript off, <noscript>
 * content is parsed as markup and checked too.
 */
function executableParts(): string[] {
  const found: string[] = [];
  const describe = (el: Element) => el.outerHTML.slice(0, 160);
  const schemeOf = (url: string) =>
    /^([a-z][a-z0-9+.-]*):/.exec(url.replace(/[\u0000-\u0020\u007f-\u009f\u00a0\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g, '').toLowerCase())?.[1] ?? '';
  const urlAttributes = ['href', 'src', 'srcset', 'action', 'formaction', 'data', 'background', 'poster', 'xlink:href', 'ping', 'cite', 'longdesc'];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const tag = el.localName;
    if (['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal'].includes(tag)) found.push(`<${tag}>: ${describe(el)}`);
    if (tag === 'meta' && el.hasAttribute('http-equiv') && /refresh/i.test(el.getAttribute('http-equiv')!)) found.push(`meta refresh: ${describe(el)}`);
    if (tag === 'link' && /import/i.test(el.getAttribute('rel') ?? '')) found.push(`link import: ${describe(el)}`);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(`${name} handler: ${describe(el)}`);
      if (name === 'srcdoc') found.push(`srcdoc: ${describe(el)}`);
      if (urlAttributes.includes(name) || name.endsWith(':href')) {
        const scheme = schemeOf(attr.value);
        const imageData = scheme === 'data' && tag === 'img' && /^data:image\/(png|jpeg|gif|webp|avif)[;,]/i.test(attr.value.trim());
        // React's own guard on forms it submits itself: it throws if the browser ever submits natively.
        const reactGuard = (name === 'action' || name === 'formaction') && attr.value.startsWith("javascript:throw new Error('A React form was unexpectedly submitted.");
        if (!['', 'http', 'https', 'mailto'].includes(scheme) && !imageData && !reactGuard) found.push(`${name}="${attr.value}": ${describe(el)}`);
      }
      if (name === 'style' && /expression\s*\(|javascript:|url\s*\(/i.test(attr.value)) found.push(`style: ${describe(el)}`);
    }
    if (tag === 'script') {
      const script = el as HTMLScriptElement;
      const text = script.text.trim();
      if (script.hasAttribute('src')) {
        const src = new URL(script.src, location.href);
        if (src.origin !== location.origin || !src.pathname.startsWith('/_next/static/')) found.push(`foreign script: ${describe(el)}`);
      } else if (script.type === 'application/ld+json') {
        try {
          JSON.parse(text);
        } catch {
          found.push(`broken JSON-LD: ${describe(el)}`);
        }
      } else {
        // Next's RSC payload chunks are data: a JSON array pushed onto a queue, nothing else.
        const push = /^self\.__next_f\.push\(([\s\S]*)\)$/.exec(text);
        if (push) {
          try {
            JSON.parse(push[1]!);
          } catch {
            found.push(`RSC chunk that is not plain data: ${text.slice(0, 160)}`);
          }
        } else if (/__xss|alert\s*\(/.test(text)) {
          found.push(`inline script with a payload: ${describe(el)}`);
        }
      }
    }
  }
  // Inside the article body and the comments, the only markup is what Markdown and the comment
  // renderer produce: no vector graphics, styles or forms of the payloads' making (GFM task lists
  // are disabled checkboxes).
  for (const el of Array.from(document.querySelectorAll('.prose svg, .prose math, .prose style, .prose form, .prose input:not([type=checkbox][disabled]), .prose textarea, .prose button, .prose video, .prose audio'))) {
    found.push(`<${el.localName}> in the article body: ${describe(el)}`);
  }
  for (const el of Array.from(document.querySelectorAll('section#comments :is(ol, ul) :is(img, svg, math, style, video, audio, input, textarea, select)'))) {
    found.push(`<${el.localName}> in a comment: ${describe(el)}`);
  }
  return found;
}

async function expectClean(page: Page, label: string) {
  // Handlers that fire on load, autofocus, animation or error have had their chance.
  await page.waitForLoadState('load');
  await page.waitForTimeout(300);
  expect(await page.evaluate(executableParts), `executable markup on ${label}`).toEqual([]);
  expect(fired, `payloads that ran (by ${label})`).toEqual([]);
}

test('the harness notices a payload that runs and markup that could', async ({ browser }) => {
  const context = await watchedContext(browser);
  const page = await context.newPage();
  await page.setContent('<p>x</p><img src="data:," onerror="__xss(0)"><a href="javascript:void 0">a</a>');
  await expect.poll(() => fired.length).toBe(1);
  expect(fired[0]).toContain('__xss(0)');
  await page.evaluate(() => setTimeout(() => alert('probe')));
  await expect.poll(() => fired.length).toBe(2);
  expect(fired[1]).toContain('alert "probe"');
  const parts = await page.evaluate(executableParts);
  expect(parts.some((p) => p.startsWith('onerror handler'))).toBe(true);
  expect(parts.some((p) => p.startsWith('href="javascript:'))).toBe(true);
  fired.length = 0;
  await context.close();
});

const published = articles.filter((a) => !a.draft);
const draft = articles.find((a) => a.draft)!;

test('Markdown payloads in bodies, headlines, standfirsts and tags render inert', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await watchedContext(browser);
  const page = await context.newPage();
  for (const a of published) {
    const response = await page.goto(`/articles/${a.slug}`);
    expect(response?.status(), a.slug).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(a.title);
    // The whole body rendered: a payload cannot end it early or swallow the paragraphs after it.
    const body = (await page.locator('.prose').textContent()) ?? '';
    for (const v of a.vectors) expect(body, `${a.slug} shows the paragraph before payload #${v.id}`).toContain(marker('m', v.id));
    await expectClean(page, `/articles/${a.slug}`);
  }
  const lists = ['/', `/categories/${categories()[0]!.slug}`, `/authors/${authors()[0]!.slug}`, '/search?q=' + encodeURIComponent('اختبار أمني')];
  lists.push(...published.map((a) => `/tags/${encodeURIComponent(a.tag)}`));
  for (const url of lists) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    await expectClean(page, url);
  }
  // The lists really show the hostile headlines (as text).
  await page.goto('/search?q=' + encodeURIComponent('اختبار أمني'));
  await expect(page.getByRole('main')).toContainText(published[0]!.title);
  await context.close();
});

type Posted = { vector: XssVector; article: string; held: boolean; body: string; name: string };
const posted: Posted[] = [];

test('every payload is posted as a comment body (and name where it fits) through the API', async () => {
  test.setTimeout(120_000);
  const slots = published.flatMap((a) => Array.from({ length: commentsPerArticle }, () => a.slug));
  expect(slots.length, 'room for one comment per payload').toBeGreaterThanOrEqual(xssVectors.length);
  for (const [i, vector] of xssVectors.entries()) {
    const fitsName = [...normalizeText(vector.payload)].length <= 80;
    const name = fitsName ? vector.payload : `قارئ ${vector.id}`;
    const body = `${vector.payload}\n${marker('c', vector.id)}`;
    const response = await api.post('/api/comments', {
      // One reader per comment: the rate limit is per address (TRUST_PROXY=1 on this server).
      headers: { 'x-forwarded-for': `2001:db8:5ec::${(i + 1).toString(16)}` },
      data: { article: slots[i], name, body },
    });
    expect([201, 202], `#${vector.id} answered ${await response.text()}`).toContain(response.status());
    const { comment, held } = (await response.json()) as { comment: { name: string; body: string }; held: boolean };
    posted.push({ vector, article: slots[i]!, held, body: comment.body, name: comment.name });
  }
  // Copies with two links are held: they reach the editors' moderation queue instead (it shows 100).
  for (const vector of xssVectors.slice(0, heldCopies)) {
    const response = await api.post('/api/comments', {
      headers: { 'x-forwarded-for': `2001:db8:5ed::${vector.id.toString(16)}` },
      data: { article: published[0]!.slug, name: `قارئ ${vector.id}`, body: `${vector.payload}\n${marker('h', vector.id)} https://example.org/a https://example.org/b` },
    });
    expect(response.status(), `held copy of #${vector.id}: ${await response.text()}`).toBe(202);
  }
  const names = posted.filter((p) => p.name === normalizeText(p.vector.payload)).length;
  console.log(`[xss] ${posted.length} comments posted (${names} with the payload as name), ${heldCopies} more held for moderation`);
  expect(names, 'most payloads also went in as names').toBeGreaterThan(xssVectors.length / 2);
});

test('the interactive thread shows the hostile comments as text and runs none of them', async ({ browser }) => {
  test.setTimeout(120_000);
  expect(posted.length).toBe(xssVectors.length);
  const context = await watchedContext(browser);
  const page = await context.newPage();
  for (const a of published) {
    await page.goto('about:blank');
    await page.goto(`/articles/${a.slug}#comments`);
    await expect(page.locator('section#comments').getByRole('button', { name: 'الأحدث أولًا' })).toBeVisible();
    await expect(page.locator('section#comments').getByText('جارٍ تحميل التعليقات…')).toHaveCount(0);
    const shown = (await page.locator('section#comments').textContent()) ?? '';
    for (const p of posted.filter((p) => p.article === a.slug && !p.held)) {
      expect(shown, `comment #${p.vector.id} is shown on ${a.slug}`).toContain(marker('c', p.vector.id));
      expect(shown.replace(/\s+/g, ' '), `comment #${p.vector.id} shown as its own text`).toContain(p.body.replace(/\s+/g, ' '));
      expect(shown, `name of #${p.vector.id}`).toContain(p.name);
    }
    await expectClean(page, `/articles/${a.slug} (thread)`);
  }
  await context.close();
});

test('without JavaScript, the server-rendered thread holds no executable markup', async ({ browser }) => {
  test.setTimeout(150_000);
  const context = await watchedContext(browser, false);
  const page = await context.newPage();
  for (const a of published) {
    const expected = posted.filter((p) => p.article === a.slug && !p.held);
    // The page was refreshed when the comments were posted; a regeneration already under way
    // can keep the older copy until the page's 60-second timer.
    await expect
      .poll(
        async () => {
          await page.goto(`/articles/${a.slug}`);
          const text = (await page.locator('section#comments').textContent()) ?? '';
          return expected.filter((p) => !text.includes(marker('c', p.vector.id))).map((p) => p.vector.id);
        },
        { message: `no-script thread of ${a.slug} lists every comment`, timeout: 70_000, intervals: [500, 1000, 2000, 5000] },
      )
      .toEqual([]);
    await expectClean(page, `/articles/${a.slug} (no JavaScript)`);
  }
  await context.close();
});

test('the editors’ desk, moderation queue and a draft preview are just as inert', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await watchedContext(browser);
  const page = await context.newPage();
  await page.goto('/editor/login?next=%2Feditor%2Fcomments');
  await page.getByLabel('كلمة المرور', { exact: true }).fill(editorPassword);
  await page.getByRole('button', { name: 'دخول', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/editor/comments');
  const queue = (await page.getByRole('region', { name: /^بانتظار المراجعة/ }).textContent()) ?? '';
  for (const v of xssVectors.slice(0, heldCopies)) expect(queue, `held copy of #${v.id} is in the queue`).toContain(marker('h', v.id));
  for (const p of posted.filter((p) => p.held)) expect(queue, `held comment #${p.vector.id} is in the queue`).toContain(marker('c', p.vector.id));
  const recent = (await page.getByRole('region', { name: 'أحدث التعليقات المنشورة' }).textContent()) ?? '';
  expect(recent, 'published hostile comments are listed too').toContain(marker('c', posted.at(-1)!.vector.id));
  await expectClean(page, '/editor/comments');

  await page.goto('/editor');
  const drafts = page.getByRole('region', { name: /^المسودات/ });
  await expect(drafts).toContainText(draft.title);
  await expectClean(page, '/editor');

  await drafts.getByRole('link', { name: `معاينة ${draft.title}` }).click();
  await page.waitForURL((url) => url.pathname === `/articles/${draft.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(draft.title);
  const body = (await page.locator('.prose').textContent()) ?? '';
  for (const v of draft.vectors) expect(body, `draft shows the paragraph before payload #${v.id}`).toContain(marker('m', v.id));
  await expectClean(page, `/articles/${draft.slug} (preview)`);
  await context.close();
});
