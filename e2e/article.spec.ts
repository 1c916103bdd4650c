import { expect, test, type APIRequestContext, type Locator } from '@playwright/test';
import {
  allArticles,
  article as articleBySlug,
  articleLinksIn,
  author,
  category,
  firstTableHeader,
  hiddenArticles,
  longArticleWithTable,
  paths,
  publishedArticles,
  serverHtml,
  sharedTagCount,
  subheadings,
  updatedArticle,
  waitForHydration,
  type Article,
} from './helpers';

const timeZone = process.env.SITE_TIME_ZONE ?? 'Asia/Riyadh';
const arabicMonths = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
const easternDigits = /[\u0660-\u0669\u06F0-\u06F9]/;

/** Day, month and year of an instant on the site's clock, Gregorian and Umm al-Qura. */
function calendarParts(iso: string) {
  const date = new Date(iso);
  const part = (locale: string, type: Intl.DateTimeFormatPartTypes) =>
    new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone })
      .formatToParts(date)
      .find((p) => p.type === type)!.value;
  return {
    day: part('en-US', 'day'),
    month: arabicMonths[Number(part('en-US', 'month')) - 1]!,
    year: part('en-US', 'year'),
    hijriYear: part('en-US-u-ca-islamic-umalqura-nu-latn', 'year').replace(/\D/g, ''),
  };
}

async function expectPrintedDate(time: Locator, iso: string) {
  const datetime = await time.getAttribute('datetime');
  expect(datetime, 'a <time> has a datetime attribute').toBeTruthy();
  expect(new Date(datetime!).getTime()).toBe(new Date(iso).getTime());

  const text = (await time.innerText()).trim();
  const { day, month, year, hijriYear } = calendarParts(iso);
  expect(text).toContain(month);
  expect(text).toMatch(new RegExp(`(^|\\D)${day}(\\D|$)`));
  expect(text).toContain(year);
  expect(text, 'digits are Latin, not Arabic-Indic').not.toMatch(easternDigits);
  // The Hijri date beside it, e.g. «15 جمادى الآخرة 1448 هـ».
  expect(text).toContain('هـ');
  expect(text).toContain(hijriYear);
}

function readingMinutesFrom(text: string): number {
  if (text.includes('أقل من دقيقة')) return 0;
  if (text.includes('دقيقة واحدة')) return 1;
  if (text.includes('دقيقتان')) return 2;
  const n = /(\d+)\s+(دقائق|دقيقة)/.exec(text);
  expect(n, `reading time in «${text}»`).not.toBeNull();
  return Number(n![1]);
}

const updated = updatedArticle();
const long = longArticleWithTable();

test.describe('article page', () => {
  test('header, dates, tags and comments', async ({ page }) => {
    const response = await page.goto(paths.article(updated.slug));
    expect(response?.status()).toBe(200);
    const main = page.getByRole('main');

    await test.step('breadcrumb links the category', async () => {
      const crumb = page.getByRole('navigation', { name: 'مسار التنقل' });
      const cat = category(updated.category);
      const catLink = crumb.getByRole('link', { name: cat.name, exact: true });
      await expect(catLink).toBeVisible();
      await expect(catLink).toHaveAttribute('href', paths.category(cat.slug));
    });

    await test.step('exactly one h1, the title; the description below it', async () => {
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(updated.title);
      await expect(main.getByText(updated.description, { exact: true })).toBeVisible();
    });

    await test.step('the byline links the author page', async () => {
      const writer = author(updated.author);
      const byline = main.getByRole('link', { name: writer.name, exact: true });
      await expect(byline).toBeVisible();
      await expect(byline).toHaveAttribute('href', paths.author(writer.slug));
    });

    await test.step('publication and update dates: machine-readable, Arabic months, Latin digits, Hijri', async () => {
      expect(updated.updated).toBeTruthy();
      const times = page.locator('main > article > header time');
      await expect(times).toHaveCount(2);
      await expectPrintedDate(times.nth(0), updated.date);
      await expectPrintedDate(times.nth(1), updated.updated!);
    });

    await test.step('tags link to their tag pages', async () => {
      expect(updated.tags.length).toBeGreaterThan(0);
      for (const tag of updated.tags) {
        const link = main.getByRole('link', { name: `#${tag}`, exact: true });
        await expect(link).toBeVisible();
        await expect(link).toHaveAttribute('href', `/tags/${encodeURIComponent(tag)}`);
      }
    });

    await test.step('a comments section, linked from the header', async () => {
      const comments = page.locator('section#comments');
      await expect(comments).toBeAttached();
      await expect(comments.getByRole('heading', { level: 2, name: 'التعليقات' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'التعليقات' })).toHaveAttribute('id', 'comments');
      await expect(page.locator('main > article > header a[href="#comments"]')).toHaveCount(1);
    });
  });

  test('a long article: rendered Markdown, reading time, dates', async ({ page }) => {
    await page.goto(paths.article(long.slug));
    const main = page.getByRole('main');

    await test.step('`##` subheadings are h2 and a GFM table is a table', async () => {
      const headings = subheadings(long.body);
      const header = firstTableHeader(long.body);
      expect(headings.length).toBeGreaterThan(0);
      expect(header.length).toBeGreaterThan(1);
      for (const text of headings) {
        await expect(main.getByRole('heading', { level: 2, name: text, exact: true })).toBeAttached();
      }
      const table = main.getByRole('table').first();
      await expect(table).toBeVisible();
      expect((await table.getByRole('columnheader').allInnerTexts()).map((t) => t.trim())).toEqual(header);
      expect(await table.getByRole('row').count()).toBeGreaterThan(1);
      // No raw Markdown left over.
      await expect(main.getByText(/^##\s/)).toHaveCount(0);
      await expect(main.getByText(/\|\s*---/)).toHaveCount(0);
    });

    await test.step('reading time matches the length of the body', async () => {
      const line = page.locator('main > article > header p').filter({ hasText: 'للقراءة' });
      await expect(line).toBeVisible();
      const words = long.body.split(/\s+/u).filter(Boolean).length;
      const shown = readingMinutesFrom(await line.innerText());
      expect(Math.abs(shown - Math.round(words / 180))).toBeLessThanOrEqual(1);
    });

    await test.step('an update date only when the article was updated', async () => {
      const times = page.locator('main > article > header time');
      await expect(times).toHaveCount(long.updated ? 2 : 1);
      await expectPrintedDate(times.first(), long.date);
      if (long.updated) await expectPrintedDate(times.nth(1), long.updated);
    });
  });

  // A long body is laid out block by block as the reader nears it (app/globals.css); the browser's
  // own ways of jumping ahead must still land on text the reader can see.
  test('the end of a long article: find-in-page and the link to the comments land in view', async ({ page }) => {
    await page.goto(paths.article(long.slug));
    const blocks = page.locator('main article .reader-body > *');
    expect(await blocks.count(), 'a body longer than the first screen').toBeGreaterThan(12);
    const last = blocks.last();
    const phrase = ((await last.textContent()) ?? '').trim().split(/\s+/u).slice(0, 4).join(' ');
    expect(phrase.length).toBeGreaterThan(0);

    // window.find is the page's own find-in-page: it must reach the last block, select it and scroll to it.
    expect(await page.evaluate((text) => (window as unknown as { find(text: string): boolean }).find(text), phrase)).toBe(true);
    expect(await last.evaluate((el) => el.contains(getSelection()?.anchorNode ?? null))).toBe(true);
    await expect(last).toBeInViewport();
    await expect.poll(() => last.evaluate((el) => (el as HTMLElement).innerText.trim().length)).toBeGreaterThan(0);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('main > article > header a[href="#comments"]').click();
    const heading = page.getByRole('heading', { level: 2, name: 'التعليقات' });
    await expect(heading).toBeInViewport();
    // Drawing the blocks around it (a frame or two later) must not push the comments away.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await expect(heading).toBeInViewport();
  });

  test('share links carry the encoded article URL; a control copies it', async ({ page, context }) => {
    await page.goto(paths.article(updated.slug));
    // The site's own absolute URL for the article (built from SITE_URL on the server).
    const url = (await page.locator('head link[rel="canonical"]').getAttribute('href')) ?? '';
    expect(new URL(url).pathname).toBe(paths.article(updated.slug));
    const encoded = encodeURIComponent(url);
    const share = page.getByRole('region', { name: 'شارك الخبر' });
    await expect(share).toBeVisible();

    for (const [service, prefix] of [
      ['WhatsApp', 'https://wa.me/'],
      ['X', 'https://x.com/'],
      ['Facebook', 'https://www.facebook.com/'],
      ['Telegram', 'https://t.me/'],
    ] as const) {
      const link = share.locator(`a[href^="${prefix}"]`);
      await expect(link, `${service} share link`).toHaveCount(1);
      await expect(link).toBeVisible();
      expect(await link.getAttribute('href'), `${service} share link`).toContain(encoded);
    }

    const copy = share.getByRole('link', { name: 'نسخ الرابط' });
    await expect(copy).toBeVisible();
    await expect(copy).toHaveAttribute('href', url);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    const control = share.locator(`a[href="${url}"]`);
    await waitForHydration(control);
    await control.click();
    await expect(control).toHaveText('تم نسخ الرابط');
    await expect(page).toHaveURL(paths.article(updated.slug));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  });
});

/** The published article that shares most with a hidden one: where a leak of it into «related» is most likely. */
function closestTo(hidden: Article): Article {
  const score = (a: Article) => sharedTagCount(a, hidden) * 2 + (a.category === hidden.category ? 1 : 0);
  return [...publishedArticles()].sort((a, b) => score(b) - score(a))[0]!;
}

const relatedCases = [...new Map([updated, long, ...hiddenArticles().map(closestTo)].map((a) => [a.slug, a])).values()];

/** Related article slugs as the server sends them, before any JavaScript runs. */
async function serverRelated(request: APIRequestContext, slug: string): Promise<string[]> {
  const html = await serverHtml(await request.get(paths.article(slug)));
  const start = html.indexOf('id="related-heading"');
  expect(start, `the related block of ${slug} is server-rendered`).toBeGreaterThan(-1);
  expect(html.slice(start, start + 200)).toContain('مقالات ذات صلة');
  return articleLinksIn(html.slice(start, html.indexOf('</section>', start)));
}

test.describe('related articles', () => {
  test('are in the server HTML: published, not the article itself, at most 6, tag-sharing first', async ({ request }) => {
    const published = publishedArticles();
    const publishedSlugs = new Set(published.map((a) => a.slug));
    const hidden = allArticles().filter((a) => !publishedSlugs.has(a.slug));
    expect(hidden.length).toBeGreaterThan(0);
    for (const subject of relatedCases) {
      const related = await serverRelated(request, subject.slug);
      const others = published.filter((a) => a.slug !== subject.slug);
      expect(related, subject.slug).toHaveLength(Math.min(6, others.length));
      expect(related, subject.slug).not.toContain(subject.slug);
      for (const slug of related) expect(publishedSlugs.has(slug), `${slug} (related to ${subject.slug}) is published`).toBe(true);
      for (const h of hidden) expect(related, `${h.slug} is not published`).not.toContain(h.slug);
      // Articles sharing a tag come first: as many as there are, up to the limit.
      const sharing = others.filter((a) => sharedTagCount(a, subject) > 0).length;
      const relatedSharing = related.filter((slug) => sharedTagCount(articleBySlug(slug), subject) > 0).length;
      expect(relatedSharing, subject.slug).toBe(Math.min(related.length, sharing));
    }
  });

  test('show the server-chosen links; scroll as a row on phones, sit in a grid on desktops', async ({ page, request, isMobile }) => {
    const expected = await serverRelated(request, updated.slug);
    await page.goto(paths.article(updated.slug));
    const region = page.getByRole('region', { name: 'مقالات ذات صلة' });
    await expect(region.getByRole('heading', { level: 2, name: 'مقالات ذات صلة' })).toBeVisible();
    const hrefs = await region.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expected.map((slug) => paths.article(slug)));
    const list = region.getByRole('list');
    const next = region.getByRole('button', { name: 'المقالات التالية' });
    const previous = region.getByRole('button', { name: 'المقالات السابقة' });
    const scrollLeft = () => list.evaluate((el) => el.scrollLeft);
    const overflow = () => list.evaluate((el) => el.scrollWidth - el.clientWidth);

    if (isMobile) {
      // The row starts where the page put it: snapping it into place at load was a scroll, and a
      // scroll during load ends Chrome's Largest Contentful Paint recording (the page had none).
      expect(await scrollLeft(), 'the related row did not scroll by itself').toBe(0);
      await region.scrollIntoViewIfNeeded();
      expect(await list.evaluate((el) => getComputedStyle(el).overflowX)).toMatch(/auto|scroll/);
      expect(await overflow(), 'the row is wider than the screen').toBeGreaterThan(0);
      await expect(next).toBeVisible();
      await expect(previous).toBeVisible();
      const before = await scrollLeft();
      await waitForHydration(next);
      await next.click();
      // Right to left: scrolling towards the inline end makes scrollLeft negative.
      await expect.poll(scrollLeft).toBeLessThan(before);
      const moved = await scrollLeft();
      await previous.click();
      await expect.poll(scrollLeft).toBeGreaterThan(moved);
    } else {
      await expect(next).toBeHidden();
      await expect(previous).toBeHidden();
      expect(await list.evaluate((el) => getComputedStyle(el).display)).toBe('grid');
      expect(await overflow()).toBeLessThanOrEqual(0);
      for (const item of await list.getByRole('listitem').all()) await expect(item).toBeVisible();
    }
  });
});

test.describe('loading', () => {
  test('the browser records a Largest Contentful Paint for the article', async ({ page }) => {
    await page.goto(paths.article(updatedArticle().slug));
    const entries = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => resolve(list.getEntries().length)).observe({ type: 'largest-contentful-paint', buffered: true });
          // The buffered entry normally answers at once; the fallback only ends a failing wait (a loaded machine can paint late).
          setTimeout(() => resolve(0), 10_000);
        }),
    );
    expect(entries, 'largest-contentful-paint entries').toBeGreaterThan(0);
  });

  test('the lead picture is fetched first, the others only when needed, each in a reserved box', async ({ page, request }) => {
    let subject: Article | undefined;
    for (const a of publishedArticles()) {
      if ((await (await request.get(paths.article(a.slug))).text()).includes('<figure')) {
        subject = a;
        break;
      }
    }
    expect(subject, 'an article with a lead picture').toBeDefined();
    await page.goto(paths.article(subject!.slug));
    const lead = page.locator('main article figure img');
    await expect(lead).toHaveAttribute('fetchpriority', 'high');
    expect(await lead.getAttribute('loading')).not.toBe('lazy');
    const related = page.getByRole('region', { name: 'مقالات ذات صلة' }).locator('img');
    expect(await related.count()).toBeGreaterThan(0);
    for (const img of [lead, ...(await related.all())]) {
      // Optimised copies in the configured widths, and a 16:9 box before the file arrives.
      expect(await img.getAttribute('srcset')).toMatch(/\/_next\/image\?url=%2Fimages%2F.+ 360w, .+ 1200w$/);
      expect(await img.getAttribute('sizes')).toBeTruthy();
      await expect(img).toHaveAttribute('width', '1200');
      await expect(img).toHaveAttribute('height', '675');
    }
    for (const img of await related.all()) await expect(img).toHaveAttribute('loading', 'lazy');
  });
});
