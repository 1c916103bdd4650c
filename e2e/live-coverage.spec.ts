/**
 * Breaking news and live coverage against a production server of its own with a temporary content
 * folder (e2e/private-server.ts): files are written during the tests, as editors would.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startPrivateServer, stopPrivateServer, type PrivateServer } from './private-server';

let server: PrivateServer;
const slug = 'e2e-live-coverage';
const started = Date.now();
let folder = '';

// One content folder per project, edited by the tests in turn.
test.describe.configure({ mode: 'default' });

/** An ISO 8601 date-time on the site's clock (+03:00), as editors write it. */
const siteTime = (ms: number) => `${new Date(ms + 3 * 3600_000).toISOString().slice(0, 19)}+03:00`;

function entry(id: string, at: number, text: string, fields: string[] = []) {
  writeFileSync(path.join(folder, `${id}.md`), ['---', `time: "${siteTime(at)}"`, ...fields, '---', '', text, ''].join('\n'));
}

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(120_000);
  server = await startPrivateServer(testInfo, 'live', {}, (content) => {
    const month = path.join(content, 'articles', '2026', '12');
    folder = path.join(month, slug);
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      path.join(month, `${slug}.md`),
      [
        '---',
        'title: "تغطية مباشرة: اختبار الصفحة الحية"',
        'description: "ملخص التغطية كما يراه القارئ."',
        `date: "${siteTime(started - 2 * 3600_000)}"`,
        'category: world',
        'author: layla-haddad',
        'live: true',
        '---',
        '',
        'ملخص ما جرى حتى الآن في هذه التغطية.',
        '',
      ].join('\n'),
    );
    entry('pinned-note', started - 90 * 60_000, 'تنبيه مثبّت في أعلى التغطية.', ['pinned: true', 'title: "ما نعرفه حتى الآن"']);
    for (let n = 1; n <= 25; n++) {
      const id = `e${String(n).padStart(3, '0')}`;
      entry(id, started - (60 - n) * 60_000, `نص التحديث ${n}.`, [`title: "التحديث ${n}"`, ...(n === 10 ? ['key: true'] : [])]);
    }
  });
});

test.afterAll(async () => {
  await stopPrivateServer(server);
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus && server) {
    await testInfo.attach('server log', { body: server.log.join(''), contentType: 'text/plain' });
  }
});

async function expectNoAxeViolations(page: Page) {
  await page.evaluate(() => document.fonts.ready);
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

/** Runs the page's timers 16 s ahead (one poll) until `check` passes: a new file may miss one look at its folder. */
async function pollUntil(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.clock.runFor(16_000);
    await check();
  }).toPass({ timeout: 20_000, intervals: [1000] });
}

// Publishing takes about a second on a quiet machine; the margins are for a saturated one.
test('the breaking banner appears once the file is saved, with no axe violations, and leaves when it expires', async ({ page }) => {
  test.setTimeout(240_000);
  const banner = page.getByRole('region', { name: 'خبر عاجل' });
  await page.goto(`${server.base}/`);
  await expect(banner).toHaveCount(0);
  const file = path.join(server.content, 'articles', '2026', '12', 'e2e-breaking.md');
  const write = (until: number) =>
    writeFileSync(
      file,
      [
        '---',
        'title: "عاجل: اختبار شريط الأخبار العاجلة"',
        'description: "خبر عاجل يكتبه الاختبار."',
        `date: "${siteTime(Date.now() - 60_000)}"`,
        `breakingUntil: "${siteTime(until)}"`,
        'breaking: true',
        'category: world',
        'author: layla-haddad',
        '---',
        '',
        'نص الخبر العاجل.',
        '',
      ].join('\n'),
    );
  write(Date.now() + 3600_000);
  await expect(async () => {
    await page.goto(`${server.base}/categories/world`);
    await expect(banner.getByRole('link', { name: 'عاجل: اختبار شريط الأخبار العاجلة' })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 90_000, intervals: [500] });
  await expect(banner.getByText('عاجل', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  // Nothing is written when it expires: the server refreshes its pages at that moment by itself.
  const until = Date.now() + 4000;
  write(until);
  await page.waitForTimeout(Math.max(0, until - Date.now()));
  await expect(async () => {
    await page.goto(`${server.base}/`);
    await expect(banner).toHaveCount(0, { timeout: 500 });
  }).toPass({ timeout: 90_000, intervals: [500] });
});

test('the live page: key events, pinned entry, newest first, new entries without a reload, axe', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.install();
  await page.goto(`${server.base}/articles/${slug}`);
  const section = page.getByRole('region', { name: /التغطية المباشرة/ });
  await expect(section.getByText('مباشر', { exact: true })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'أبرز الأحداث' }).getByRole('link', { name: /التحديث 10/ })).toHaveAttribute('href', '#entry-e010');
  const ids = await section.locator('article[id^="entry-"]').evaluateAll((els) => els.map((e) => e.id));
  expect(ids.slice(0, 3)).toEqual(['entry-pinned-note', 'entry-e025', 'entry-e024']);
  expect(ids).toHaveLength(21);
  await expect(page.locator('#entry-e025 time')).toHaveAttribute('datetime', /Z$/);
  await expectNoAxeViolations(page);
  await expect(section.locator('[aria-live]')).toHaveCount(1);

  // A reader at the top: the entry is inserted, above the others, and announced.
  entry('e026', Date.now() - 1000, 'وصل الآن تحديث جديد.', ['title: "تحديث من الاختبار"']);
  const fresh = page.locator('#entry-e026');
  await pollUntil(page, () => expect(fresh).toBeVisible({ timeout: 500 }));
  expect(await section.locator('article[id^="entry-"]').evaluateAll((els) => els.map((e) => e.id).slice(0, 3))).toEqual([
    'entry-pinned-note',
    'entry-e026',
    'entry-e025',
  ]);
  await expect(page.locator('#live-announcer').filter({ hasText: 'تحديث جديد: تحديث من الاختبار' })).toHaveCount(1);

  // A reader further down: nothing moves; a button and the tab title count instead.
  await page.locator('#entry-e010').scrollIntoViewIfNeeded();
  const before = await page.locator('#entry-e010').boundingBox();
  const title = await page.title();
  for (const n of [27, 28, 29]) entry(`e0${n}`, Date.now() - 1000, `تحديث رقم ${n}.`);
  const button = page.getByRole('button', { name: '٣ تحديثات جديدة' });
  await pollUntil(page, () => expect(button).toBeVisible({ timeout: 500 }));
  await expect(page).toHaveTitle(`(٣) ${title}`);
  expect(await page.locator('#entry-e010').boundingBox()).toEqual(before);
  await expect(page.locator('#entry-e029')).toHaveCount(0);
  await expect(page.locator('#live-announcer')).toHaveText('٣ تحديثات جديدة');
  await button.click();
  await expect(page.locator('#entry-e029')).toBeVisible();
  await expect(page).toHaveTitle(title);
});

test('a scheduled entry appears only once due, in the API and on the page', async ({ page, request }) => {
  test.setTimeout(60_000);
  await page.clock.install();
  await page.goto(`${server.base}/articles/${slug}`);
  const due = Date.now() + 5000;
  entry('e100', due, 'تحديث مجدول.', ['title: "تحديث مجدول"']);
  const latest = await request.get(`${server.base}/api/live/${slug}`).then((r) => r.json());
  expect(latest.entries.map((e: { id: string }) => e.id)).not.toContain('e100');
  await expect(page.locator('#entry-e100')).toHaveCount(0);
  await page.waitForTimeout(Math.max(0, due - Date.now()));
  await pollUntil(page, () => expect(page.locator('#entry-e100')).toBeVisible({ timeout: 500 }));
});

test('older entries load in place with JavaScript and as a next page without it', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await page.goto(`${server.base}/articles/${slug}`);
  const older = page.getByRole('link', { name: 'عرض تحديثات أقدم' });
  await expect(page.locator('#entry-e001')).toHaveCount(0);
  await older.click();
  await expect(page.locator('#entry-e001')).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`/articles/${slug}`);
  await expect(older).toHaveCount(0);

  const noScript = await browser.newContext({ javaScriptEnabled: false, baseURL: server.base });
  try {
    const plain = await noScript.newPage();
    await plain.goto(`/articles/${slug}`);
    await plain.getByRole('link', { name: 'عرض تحديثات أقدم' }).click();
    await expect(plain).toHaveURL(new RegExp(`/articles/${slug}/updates/2$`));
    await expect(plain.locator('#entry-e001')).toBeVisible();
  } finally {
    await noScript.close();
  }
});

test('the live API: cached for 5 s by shared caches, 404 for unknown or draft pages, 400 for a bad cursor', async ({ request }) => {
  const ok = await request.get(`${server.base}/api/live/${slug}?after=e020`);
  expect(ok.status()).toBe(200);
  expect(ok.headers()['cache-control']).toBe('public, s-maxage=5');
  const body = await ok.json();
  expect(body.entries[0].id).toMatch(/^e\d+$/);
  expect(body.entries.map((e: { id: string }) => e.id)).toContain('e021');
  expect(body.ended).toBe(false);

  const unknown = await request.get(`${server.base}/api/live/no-such-live-page`);
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error.code).toBe('not_found');
  const draft = await request.get(`${server.base}/api/live/draft-summit-analysis`);
  expect(draft.status()).toBe(404);
  for (const after of ['no-such-entry', '../../etc', '']) {
    const bad = await request.get(`${server.base}/api/live/${slug}?after=${encodeURIComponent(after)}`);
    expect(bad.status(), after).toBe(400);
    expect((await bad.json()).error.message).toMatch(/تحديث/);
  }
});
