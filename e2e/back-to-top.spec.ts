import { expect, test, type Page } from '@playwright/test';
import { longArticleWithTable, paths } from './helpers';

const long = longArticleWithTable();
const name = 'العودة إلى الأعلى';

async function scrollDown(page: Page, screens: number) {
  const { height, viewport } = await page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    viewport: window.innerHeight,
  }));
  expect(height, 'the article is long enough to scroll two screens').toBeGreaterThan(viewport * (screens + 1));
  await page.mouse.wheel(0, viewport * screens);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThanOrEqual(viewport * screens * 0.9);
}

test.describe('back to top', () => {
  test('appears after scrolling, sits at the inline-end bottom corner and returns to the top', async ({ page }) => {
    await page.goto(paths.article(long.slug));
    // Hidden links are not in the accessibility tree, so hidden ones are included in the query.
    const link = page.getByRole('link', { name, exact: true, includeHidden: true });
    await expect(link).toBeAttached();
    await expect(link).toBeHidden();

    await scrollDown(page, 2);
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute('href', '#top');

    // Right to left: the inline end is the left edge of the viewport.
    const viewport = page.viewportSize()!;
    const box = (await link.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x).toBeLessThanOrEqual(40);
    expect(box.x + box.width).toBeLessThan(viewport.width / 2);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    expect(box.y + box.height).toBeGreaterThanOrEqual(viewport.height - 40);

    await link.click();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('top');
    await expect(link).toBeHidden();
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('is a plain, always visible link to #top', async ({ page }) => {
      await page.goto(paths.article(long.slug));
      const link = page.getByRole('link', { name, exact: true });
      await expect(link).toBeVisible();
      await expect(link).toHaveAttribute('href', '#top');
      await expect(page.locator('#top')).toBeAttached();

      await scrollDown(page, 2);
      await expect(link).toBeVisible();
      await expect(link).toBeInViewport();
      await link.click();
      await expect(page).toHaveURL(/#top$/);
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    });
  });
});
