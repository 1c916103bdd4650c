import { expect, test } from '@playwright/test';
import { allArticles, expectNotFoundPage, headingTexts, pageOf, paths, publishedArticles, publishedIn } from './helpers';

const tag = 'المناخ';
const tagged = publishedIn({ tag });

test.describe('tag pages', () => {
  test('an Arabic tag URL lists only the articles with that tag, newest first', async ({ page }) => {
    expect(tagged.length, `several published articles carry «${tag}»`).toBeGreaterThan(1);
    const url = `/tags/${encodeURIComponent(tag)}`;
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(tag);
    await expect(page.getByRole('main').getByText('وسم', { exact: true })).toBeVisible();

    const expected = pageOf(tagged, 1);
    expect(await headingTexts(page, 2)).toEqual(expected.map((a) => a.title));
    // Articles without the tag are not listed.
    for (const other of publishedArticles().filter((a) => !a.tags.includes(tag)).slice(0, 8)) {
      await expect(page.getByRole('main').getByRole('link', { name: other.title, exact: true })).toHaveCount(0);
    }
  });

  test('is reached from an article\'s tag link', async ({ page }) => {
    const [first] = tagged;
    await page.goto(paths.article(first!.slug));
    await page.getByRole('main').getByRole('link', { name: `#${tag}`, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(tag);
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/tags/${tag}`);
  });

  test('an unknown tag is a 404', async ({ page }) => {
    const unknown = 'وسم غير موجود';
    expect(allArticles().some((a) => a.tags.includes(unknown))).toBe(false);
    const response = await page.goto(`/tags/${encodeURIComponent(unknown)}`);
    expect(response?.status()).toBe(404);
    await expectNotFoundPage(page);
  });
});
