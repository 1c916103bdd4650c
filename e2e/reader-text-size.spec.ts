import { expect, test, type Page } from '@playwright/test';
import { longArticleWithTable, paths, publishedArticles, waitForHydration } from './helpers';

const bodySize = (page: Page) => page.locator('.reader-body').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test.describe('text size', () => {
  test('«حجم الخط» enlarges the article body and comments, persists, and shifts nothing at load', async ({ page }) => {
    test.setTimeout(90_000);
    const article = longArticleWithTable();
    await page.goto(paths.article(article.slug));
    const normal = await bodySize(page);
    const control = page.getByRole('group', { name: 'حجم الخط' });
    await waitForHydration(page.locator('input[name="reader-text-size"]').first());
    await page.getByRole('banner').getByText('العرض', { exact: true }).click();
    await expect(control.getByRole('radio')).toHaveCount(4);
    await control.getByRole('radio', { name: 'أكبر' }).check();
    expect(await bodySize(page)).toBeGreaterThan(normal * 1.3);

    // Measured from the first byte of the next page: the size is applied before the first paint.
    await page.addInitScript(() => {
      const w = window as unknown as { __shift: number };
      w.__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) w.__shift += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const next = paths.article(publishedArticles()[3]!.slug);
    await page.goto(next);
    await waitForHydration(page.locator('a[href="#top"]'));
    expect(await bodySize(page)).toBeGreaterThan(normal * 1.3);
    expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
    // Opened at the comments (the thread loads below the reader there, which may move what follows).
    await page.goto(`${next}#comments`);
    const commentsSize = await page.locator('.reader-comments').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(commentsSize).toBeGreaterThan(16 * 1.3);

    await waitForHydration(page.locator('input[name="reader-text-size"]').first());
    await page.getByRole('banner').getByText('العرض', { exact: true }).click();
    await expect(page.getByRole('group', { name: 'حجم الخط' }).getByRole('radio', { name: 'أكبر' })).toBeChecked();
    await page.getByRole('group', { name: 'حجم الخط' }).getByRole('radio', { name: 'صغير' }).check();
    expect(await bodySize(page)).toBeLessThan(normal);
  });

  test('the largest size never scrolls sideways at 360 px, nor at 200 % zoom', async ({ browser }) => {
    test.setTimeout(120_000);
    // 200 % browser zoom on a 360 px screen lays the page out in 180 CSS pixels.
    for (const width of [360, 180]) {
      const context = await browser.newContext({ viewport: { width, height: 740 } });
      await context.addInitScript(() => localStorage.setItem('khabar:text-size', 'xlarge'));
      const page = await context.newPage();
      const pages = [paths.article(longArticleWithTable().slug), `${paths.article(publishedArticles()[0]!.slug)}#comments`, '/', '/search?q=النفط'];
      for (const url of [...pages, `/lite/articles/${longArticleWithTable().slug}`]) {
        await page.goto(url);
        // The lite edition has no script, so no stored size: its text is the reader's own browser setting.
        if (pages.includes(url)) await expect(page.locator('html')).toHaveAttribute('data-text-size', 'xlarge');
        expect(await horizontalOverflow(page), `${url} at ${width} px`).toBe(0);
      }
      await context.close();
    }
  });
});
