import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixture, md } from '@/testing/fixtures/content-folder';
import { bodiesIndexed, maxQueryLength, searchIndex } from '@/lib/search';

const now = Date.parse('2026-11-29T12:00:00Z');
const day = 86_400_000;

async function indexOf(files: Record<string, string>) {
  const index = await fixture(files).loader.scan();
  assert.deepEqual(index.problems, []);
  await bodiesIndexed(index);
  return index;
}

const date = (ms: number) => `"${new Date(ms).toISOString().replace(/\.\d+Z$/, '+00:00')}"`;
const slugs = (found: ReturnType<typeof searchIndex>) => found.results.map((r) => r.article.slug);

describe('site search', () => {
  test('spelling variants meet: hamza, tashkeel, ta marbuta, alef maqsura, tatweel', async () => {
    const index = await indexOf({
      'content/articles/a.md': md({ title: '"أحمد يزور الكرملين"', date: date(now - day) }),
      'content/articles/b.md': md({ title: '"افتتاح مدرسة جديدة في المدينة"', date: date(now - day) }),
      'content/articles/c.md': md({ title: '"مستشفى ميداني على الحدود"', date: date(now - day) }),
    });
    assert.deepEqual(slugs(searchIndex(index, 'احمد', 1, 10, now)), ['a']);
    assert.deepEqual(slugs(searchIndex(index, 'الكِرملين', 1, 10, now)), ['a']);
    assert.deepEqual(slugs(searchIndex(index, 'مدرسه', 1, 10, now)), ['b']);
    assert.deepEqual(slugs(searchIndex(index, 'مستشفي', 1, 10, now)), ['c']);
    assert.deepEqual(slugs(searchIndex(index, 'المديـــنة', 1, 10, now)), ['b']);
  });

  test('ranks title over description over tags over body, and matches word starts', async () => {
    const index = await indexOf({
      'content/articles/in-body.md': md({ date: date(now - day) }, 'الطاقة المتجددة في الفقرة الأولى.\n'),
      'content/articles/in-tags.md': md({ tags: '["الطاقة"]', date: date(now - day) }),
      'content/articles/in-description.md': md({ description: '"مشروع الطاقة الشمسية"', date: date(now - day) }),
      'content/articles/prefixed.md': md({ description: '"تمويل للطاقة النظيفة"', date: date(now - day) }),
      'content/articles/in-title.md': md({ title: '"الطاقة في الخليج"', date: date(now - day) }),
    });
    const order = slugs(searchIndex(index, 'الطاقة', 1, 10, now));
    assert.deepEqual(order, ['in-title', 'in-description', 'in-tags', 'in-body']);
    assert.ok(order.includes('in-body'), 'body text is searched');
    // Prefixes match the start of a word: «للطاق» finds «للطاقة» and nothing else.
    assert.deepEqual(slugs(searchIndex(index, 'للطاق', 1, 10, now)), ['prefixed']);
  });

  test('every word must match; drafts and scheduled articles never appear', async () => {
    const index = await indexOf({
      'content/articles/both.md': md({ title: '"قمة المناخ في الرياض"', date: date(now - day) }),
      'content/articles/one.md': md({ title: '"قمة اقتصادية"', date: date(now - day) }),
      'content/articles/draft.md': md({ title: '"قمة المناخ مسودة"', draft: 'true', date: date(now - day) }),
      'content/articles/later.md': md({ title: '"قمة المناخ المقبلة"', date: date(now + day) }),
    });
    assert.deepEqual(slugs(searchIndex(index, 'قمة المناخ', 1, 10, now)), ['both']);
    assert.deepEqual(slugs(searchIndex(index, 'قمة', 1, 10, now)).sort(), ['both', 'one']);
  });

  test('newer articles win ties; results are paginated; long queries are cut at 200 characters', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`content/articles/n${i}.md`] = md({ title: '"أسواق النفط"', date: date(now - (i + 1) * day) });
    const index = await indexOf(files);
    const first = searchIndex(index, 'النفط', 1, 5, now);
    assert.equal(first.total, 12);
    assert.equal(first.totalPages, 3);
    assert.deepEqual(slugs(first), ['n0', 'n1', 'n2', 'n3', 'n4']);
    assert.deepEqual(slugs(searchIndex(index, 'النفط', 3, 5, now)), ['n10', 'n11']);
    const long = `النفط ${'س'.repeat(maxQueryLength)}`;
    assert.equal(searchIndex(index, long, 1, 5, now).tokens.join('').length <= maxQueryLength, true);
    assert.equal(searchIndex(index, '   ', 1, 5, now).total, 0);
  });
});
