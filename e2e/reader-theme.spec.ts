import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { longArticleWithTable, paginatedCategory, paths, publishedArticles, waitForHydration } from './helpers';

/** The dark page surface (app/globals.css, --color-white in the dark theme) and the light one. */
const darkSurface = 'rgb(26, 23, 22)';
const lightSurface = 'rgb(255, 255, 255)';

const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

/** Records, before anything else runs, what the first frame is drawn with, and every console error. */
async function watchFirstFrame(page: Page) {
  await page.addInitScript(() => {
    requestAnimationFrame(() => {
      const root = document.documentElement;
      (window as unknown as { __firstFrame: object }).__firstFrame = {
        theme: root.getAttribute('data-theme'),
        background: document.body ? getComputedStyle(document.body).backgroundColor : null,
      };
    });
  });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || (message.type() === 'warning' && /hydrat/i.test(message.text()))) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

const firstFrame = (page: Page) =>
  page.evaluate(() => (window as unknown as { __firstFrame?: { theme: string | null; background: string | null } }).__firstFrame);

async function chooseTheme(page: Page, name: 'فاتح' | 'داكن' | 'تلقائي') {
  const summary = page.getByRole('banner').getByText('العرض', { exact: true });
  // Found by name so that the closed panel's hidden inputs count too.
  await waitForHydration(page.locator('input[name="reader-theme"]').first());
  await summary.click();
  const radio = page.getByRole('group', { name: 'المظهر' }).getByRole('radio', { name });
  await radio.check();
  await summary.click();
}

/** The stored choice as the control shows it once hydrated. */
const checkedTheme = async (page: Page) => {
  await waitForHydration(page.locator('input[name="reader-theme"]').first());
  return page.locator('input[name="reader-theme"]:checked').getAttribute('value');
};

test.describe('dark mode', () => {
  test('follows a dark system setting on first paint without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: 'dark', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(paths.article(publishedArticles()[0]!.slug));
    expect(await bodyBackground(page)).toBe(darkSurface);
    await expect(page.locator('meta[name="theme-color"][media*="dark"]')).toHaveAttribute('content', '#1a1716');
    // The controls need JavaScript, so they are not offered without it.
    await expect(page.getByRole('banner').getByText('العرض', { exact: true })).toBeHidden();
    await context.close();
  });

  test('the header control switches, persists across pages and reloads with no flash or hydration warning', async ({ browser }) => {
    // Six page loads, each waiting for hydration: slow when the machine is busy.
    test.setTimeout(120_000);
    const context = await browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    const errors = await watchFirstFrame(page);
    await page.goto('/');
    expect(await bodyBackground(page)).toBe(lightSurface);

    await chooseTheme(page, 'داكن');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await bodyBackground(page)).toBe(darkSurface);
    await expect(page.locator('meta[name="theme-color"]').first()).toHaveAttribute('content', '#1a1716');
    // On the device, not in a cookie: pages stay the same for every reader and shared-cacheable.
    expect(await context.cookies()).toEqual([]);

    for (const url of [paths.article(publishedArticles()[1]!.slug), paths.category(paginatedCategory().slug)]) {
      await page.goto(url);
      expect(await firstFrame(page)).toEqual({ theme: 'dark', background: darkSurface });
      expect(await checkedTheme(page)).toBe('dark');
    }

    await chooseTheme(page, 'تلقائي');
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
    await page.reload();
    expect(await firstFrame(page)).toEqual({ theme: null, background: lightSurface });

    await chooseTheme(page, 'فاتح');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    expect(await firstFrame(page)).toEqual({ theme: 'light', background: lightSurface });
    expect(await checkedTheme(page)).toBe('light');
    expect(errors).toEqual([]);
    await context.close();
  });
});

const axePages = [
  { name: 'home', url: () => '/' },
  { name: 'category', url: () => paths.category(paginatedCategory().slug) },
  { name: 'article', url: () => paths.article(longArticleWithTable().slug) },
  { name: 'search', url: () => `/search?q=${encodeURIComponent(publishedArticles()[0]!.title.split(' ')[0]!)}` },
  { name: 'comments', url: () => `${paths.article(publishedArticles()[2]!.slug)}#comments` },
];

test.describe('both themes pass axe', () => {
  for (const theme of ['light', 'dark'] as const) {
    for (const { name, url } of axePages) {
      // Light home, category and article pages are checked by accessibility.spec.ts.
      if (theme === 'light' && ['home', 'category', 'article'].includes(name)) continue;
      test(`${theme}: ${name}`, async ({ browser }) => {
        // axe walks the whole page in the browser: slow with the machine's cores saturated.
        test.setTimeout(120_000);
        const context = await browser.newContext({ colorScheme: theme });
        const page = await context.newPage();
        await page.goto(url(), { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        let builder = new AxeBuilder({ page });
        if (name === 'comments') {
          await expect(page.getByRole('button', { name: 'الأحدث أولًا' })).toBeVisible();
          builder = builder.include('#comments');
        }
        expect(await bodyBackground(page)).toBe(theme === 'dark' ? darkSurface : lightSurface);
        const results = await builder.analyze();
        const violations = results.violations.map((v) => ({
          rule: v.id,
          help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target.join(' '), message: n.failureSummary })),
        }));
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
        await context.close();
      });
    }
  }
});
