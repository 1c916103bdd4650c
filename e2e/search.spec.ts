import { expect, test } from '@playwright/test';
import { hiddenArticles, publishedArticles } from './helpers';

test.describe('site search', () => {
  test('finds an article whatever the hamza, tashkeel, ta marbuta or alef maqsura', async ({ page }) => {
    // A published headline with a hamza on alef, searched without it.
    const article = publishedArticles().find((a) => /[أإآ]/.test(a.title))!;
    const word = article.title.split(/\s+/).find((w) => /[أإآ]/.test(w))!;
    const plain = word.replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه').replace(/ى/g, 'ي');
    await page.goto(`/search?q=${encodeURIComponent(plain)}`);
    await expect(page.getByRole('link', { name: article.title })).toBeVisible();
    await expect(page.getByRole('link', { name: article.title }).locator('mark').first()).toBeVisible();

    const withTashkeel = [...plain].map((ch, i) => (i === 1 ? `${ch}\u064e` : ch)).join('');
    await page.goto(`/search?q=${encodeURIComponent(withTashkeel)}`);
    await expect(page.getByRole('link', { name: article.title })).toBeVisible();
  });

  test('never lists drafts or scheduled articles, and is not indexed', async ({ page }) => {
    for (const hidden of hiddenArticles()) {
      const word = hidden.title.split(/\s+/).sort((a, b) => b.length - a.length)[0]!;
      await page.goto(`/search?q=${encodeURIComponent(word)}`);
      await expect(page.getByRole('link', { name: hidden.title })).toHaveCount(0);
    }
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  });

  test('markup in a query is shown back as text; an empty query gets help', async ({ page }) => {
    await page.goto(`/search?q=${encodeURIComponent('<img src=x onerror="window.__xss=1">')}`);
    await expect(page.getByRole('status')).toContainText('<img src=x onerror="window.__xss=1">');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.goto('/search');
    await expect(page.getByRole('heading', { name: 'كيف تبحث' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'ابحث في خبر' }).fill('المناخ');
    await page.getByRole('button', { name: 'بحث', exact: true }).click();
    await expect(page).toHaveURL(/\/search\?q=/);
    const count = publishedArticles().filter((a) => a.tags.includes('المناخ') || a.title.includes('المناخ')).length;
    expect(count).toBeGreaterThan(0);
    await expect(page.getByRole('main').getByRole('listitem')).not.toHaveCount(0);
    await expect(page.getByRole('main').getByRole('link').first()).toHaveAttribute('href', /^\/articles\//);
  });
});
