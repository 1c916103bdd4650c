/**
 * Reader links fetch the next page's RSC payload when the reader reaches for them (pointer, touch,
 * keyboard focus), never merely for being on screen: on a phone those viewport prefetches blocked
 * the main thread while the page loaded (issue 19, components/intent-link.tsx).
 */
import { expect, test, type Page } from '@playwright/test';
import { paths, publishedArticles, waitForHydration } from './helpers';

/** Paths whose payload Next's router fetched ahead of a navigation (it marks those requests). */
function watchPrefetches(page: Page): string[] {
  const prefetched: string[] = [];
  page.on('request', (request) => {
    if (request.headers()['next-router-prefetch']) prefetched.push(new URL(request.url()).pathname);
  });
  return prefetched;
}

test.describe('link prefetching', () => {
  test('on pointer, touch or focus, not on scrolling into view; a click still navigates in the page', async ({ page, hasTouch }) => {
    const [, hovered, focused, touched] = publishedArticles();
    expect(touched, 'content has four published articles').toBeDefined();
    const prefetched = watchPrefetches(page);
    await page.goto('/');
    const latest = page.getByRole('region', { name: 'آخر الأخبار' });
    const hoverLink = latest.getByRole('link', { name: hovered!.title, exact: true });
    const focusLink = latest.getByRole('link', { name: focused!.title, exact: true });
    await waitForHydration(hoverLink);

    await test.step('scrolling the whole page prefetches nothing', async () => {
      // Parked in the page's margin, the pointer enters no link while the page scrolls under it.
      await page.mouse.move(1, 1);
      for (let y = 0; ; ) {
        const bottom = await page.evaluate((top) => {
          window.scrollTo(0, top);
          return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
        }, y);
        await page.waitForTimeout(150);
        if (bottom) break;
        y += page.viewportSize()!.height;
      }
      // Next's viewport prefetches start right after hydration and as links appear: give them time.
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(1_000);
      expect(prefetched, 'RSC prefetches made without any intent').toEqual([]);
    });

    await test.step('the pointer entering a link prefetches its page', async () => {
      await hoverLink.hover();
      await expect.poll(() => prefetched).toContain(paths.article(hovered!.slug));
    });

    await test.step('keyboard focus on a link prefetches its page', async () => {
      await focusLink.focus();
      await expect.poll(() => prefetched).toContain(paths.article(focused!.slug));
    });

    if (hasTouch) {
      await test.step('a touch starting on a link prefetches its page', async () => {
        await latest.getByRole('link', { name: touched!.title, exact: true }).dispatchEvent('touchstart');
        await expect.poll(() => prefetched).toContain(paths.article(touched!.slug));
      });
    }

    await test.step('a click navigates without loading a new document', async () => {
      await page.evaluate(() => ((window as { __sameDocument?: string }).__sameDocument = 'yes'));
      await hoverLink.click();
      await page.waitForURL((url) => url.pathname === paths.article(hovered!.slug));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(hovered!.title);
      expect(await page.evaluate(() => (window as { __sameDocument?: string }).__sameDocument)).toBe('yes');
    });
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('the links are plain links that work', async ({ page }) => {
      const [, article] = publishedArticles();
      await page.goto('/');
      await page.getByRole('region', { name: 'آخر الأخبار' }).getByRole('link', { name: article!.title, exact: true }).click();
      await page.waitForURL((url) => url.pathname === paths.article(article!.slug));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(article!.title);
    });
  });
});

test.describe("a phone's main thread", () => {
  test('every script the page loads asks to be compiled as it streams in (scripts/compile-hints.mjs)', async ({ page, request }) => {
    await page.goto(paths.article(publishedArticles()[0]!.slug));
    const sources = await page.locator('script[src]').evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).src));
    expect(sources.length, 'the page loads scripts').toBeGreaterThan(0);
    for (const source of sources) {
      const code = await (await request.get(source)).text();
      expect(code.startsWith('//# allFunctionsCalledOnLoad\n'), `${new URL(source).pathname} starts with the compile hint`).toBe(true);
    }
  });
});
