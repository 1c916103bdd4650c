import { expect, test } from '@playwright/test';
import { article as articleBySlug, authors, paths, publishedArticles } from './helpers';

test('an article prints as an article, with its address and without the site around it', async ({ page, baseURL }) => {
  const article = publishedArticles().find((a) => a.tags.length)!;
  await page.goto(`${paths.article(article.slug)}#comments`);
  await expect(page.getByRole('button', { name: 'الأحدث أولًا' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });

  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1, name: articleBySlug(article.slug).title })).toBeVisible();
  await expect(main.getByText(article.description, { exact: true })).toBeVisible();
  await expect(main.getByRole('link', { name: authors().find((a) => a.slug === article.author)!.name })).toBeVisible();
  await expect(main.locator('header time').first()).toBeVisible();
  await expect(main.locator('.reader-body')).toBeVisible();
  await expect(main.getByText(`${baseURL}${paths.article(article.slug)}`, { exact: true })).toBeVisible();

  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('contentinfo')).toBeHidden();
  for (const nav of await page.locator('nav').all()) await expect(nav).toBeHidden();
  await expect(page.getByRole('heading', { name: 'شارك الخبر' })).toBeHidden();
  await expect(page.locator('#comments')).toBeHidden();
  await expect(page.locator('#related-heading')).toBeHidden();
  await expect(page.getByRole('link', { name: 'نسخة خفيفة' })).toBeHidden();
  for (const button of await page.locator('button, a[href="#top"]').all()) await expect(button).toBeHidden();

  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(main.getByText(`${baseURL}${paths.article(article.slug)}`, { exact: true })).toBeHidden();
});
