import { expect, test } from '@playwright/test';
import { articleLinksIn, categories, headingTexts, hiddenArticles, paths, publishedArticles, publishedIn, serverHtml } from './helpers';

test.describe('home page', () => {
  test('lead story, latest stories and one section per category', async ({ page }) => {
    await page.goto('/');

    await test.step('the newest published article is the lead story', async () => {
      const [lead] = publishedArticles();
      expect(lead, 'content has a published article').toBeDefined();
      const region = page.getByRole('region', { name: 'الخبر الرئيسي' });
      const link = region.getByRole('link', { name: lead!.title, exact: true });
      await expect(link).toBeVisible();
      await expect(link).toHaveAttribute('href', paths.article(lead!.slug));
      await expect(region.getByText(lead!.description)).toBeVisible();
    });

    await test.step('the next newest articles are listed under «آخر الأخبار»', async () => {
      const latest = publishedArticles().slice(1, 7);
      expect(latest.length).toBeGreaterThan(0);
      const region = page.getByRole('region', { name: 'آخر الأخبار' });
      await expect(region.getByRole('heading', { level: 2, name: 'آخر الأخبار' })).toBeVisible();
      expect(await headingTexts(page, 3, region)).toEqual(latest.map((a) => a.title));
      for (const article of latest) {
        await expect(region.getByRole('link', { name: article.title, exact: true })).toHaveAttribute('href', paths.article(article.slug));
      }
    });

    await test.step('one section per category, in the order of categories.json, with its newest articles', async () => {
      const withArticles = categories().filter((c) => publishedIn({ category: c.slug }).length > 0);
      expect(withArticles.length).toBeGreaterThan(1);
      const names = withArticles.map((c) => c.name);
      const sectionHeadings = (await headingTexts(page, 2)).filter((text) => names.includes(text));
      expect(sectionHeadings).toEqual(names);

      for (const category of withArticles) {
        const section = page.getByRole('region', { name: category.name, exact: true });
        await expect(section.getByRole('heading', { level: 2, name: category.name })).toBeVisible();
        await expect(section.getByRole('link', { name: category.name, exact: true })).toHaveAttribute('href', paths.category(category.slug));
        const newest = publishedIn({ category: category.slug }).slice(0, 4);
        expect(await headingTexts(page, 3, section)).toEqual(newest.map((a) => a.title));
      }
    });
  });

  test('never shows drafts or scheduled articles', async ({ page, request }) => {
    const hidden = hiddenArticles();
    // The sample content has both kinds; the test would prove nothing without them.
    expect(hidden.map((a) => a.slug)).toEqual(expect.arrayContaining(['draft-summit-analysis', 'scheduled-quantum-lab-opening']));
    expect(hidden.some((a) => a.draft)).toBe(true);
    expect(hidden.some((a) => !a.draft && a.publishedAt > Date.now())).toBe(true);

    const html = await serverHtml(await request.get('/'));
    const linked = articleLinksIn(html);
    expect(linked.length).toBeGreaterThan(0);
    for (const article of hidden) {
      expect(linked, `server HTML links ${article.slug}`).not.toContain(article.slug);
      expect(html.includes(article.title), `server HTML shows the title of ${article.slug}`).toBe(false);
    }

    await page.goto('/');
    for (const article of hidden) {
      await expect(page.locator(`a[href="${paths.article(article.slug)}"]`)).toHaveCount(0);
      await expect(page.getByText(article.title)).toHaveCount(0);
    }
  });
});
