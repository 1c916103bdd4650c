import { expect, test } from '@playwright/test';
import { article, authors, expectNotFoundPage, headingTexts, pageOf, paths, publishedArticles, publishedIn } from './helpers';

// The most prolific author: the longest list to get right.
const writer = [...authors()].sort((a, b) => publishedIn({ author: b.slug }).length - publishedIn({ author: a.slug }).length)[0]!;
const theirs = publishedIn({ author: writer.slug });

test.describe('author pages', () => {
  test(`/authors/<slug> lists the author's articles, newest first`, async ({ page }) => {
    expect(theirs.length).toBeGreaterThan(1);
    const response = await page.goto(paths.author(writer.slug));
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(writer.name);
    if (writer.bio) await expect(page.getByText(writer.bio, { exact: true })).toBeVisible();
    const titles = await headingTexts(page, 2);
    expect(titles).toEqual(pageOf(theirs, 1).map((a) => a.title));
    // Nobody else's articles.
    for (const other of publishedArticles().filter((a) => a.author !== writer.slug)) {
      expect(titles).not.toContain(other.title);
    }
  });

  test('the byline of an article leads to its author page', async ({ page }) => {
    const story = article(theirs[0]!.slug);
    await page.goto(paths.article(story.slug));
    await page.getByRole('main').getByRole('link', { name: writer.name, exact: true }).click();
    await expect(page).toHaveURL(paths.author(writer.slug));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(writer.name);
  });

  test('an unknown author is a 404', async ({ page }) => {
    const slug = 'no-such-author';
    expect(authors().some((a) => a.slug === slug)).toBe(false);
    const response = await page.goto(paths.author(slug));
    expect(response?.status()).toBe(404);
    await expectNotFoundPage(page);
  });
});
