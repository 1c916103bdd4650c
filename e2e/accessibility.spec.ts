import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { longArticleWithTable, paginatedCategory, paths } from './helpers';

const pages = [
  { name: 'home', url: '/' },
  { name: 'category', url: paths.category(paginatedCategory().slug) },
  { name: 'article with a table', url: paths.article(longArticleWithTable().slug) },
];

test.describe('accessibility (axe)', () => {
  for (const { name, url } of pages) {
    test(`no violations on the ${name} page`, async ({ page }) => {
      // axe walks the whole page in the browser: 35-41 s with the machine's cores saturated.
      test.setTimeout(120_000);
      await page.goto(url, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const results = await new AxeBuilder({ page }).analyze();
      const violations = results.violations.map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), message: n.failureSummary })),
      }));
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    });
  }
});
