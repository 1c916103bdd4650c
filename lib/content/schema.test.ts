/**
 * Front matter validation, checked the way editors see it: as
 * `path: field: message` lines from ContentLoader.scan() and formatProblem.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, md, slugsOf, articlesOf } from '@/testing/fixtures/content-folder';
import { ContentLoader } from '@/lib/content/load';
import { formatProblem } from '@/lib/content/problems';
import { authorSchema, categorySchema, frontMatterSchema, isIsoDateTimeWithOffset, slugPattern } from '@/lib/content/schema';

// ---------------------------------------------------------------- fixtures


async function scan(files: Record<string, string>) {
  const fx = fixture(files);
  const index = await new ContentLoader({ contentDir: fx.contentDir, publicDir: fx.publicDir, cwd: fx.tmp }).scan();
  return { index, lines: index.problems.map(formatProblem) };
}

const dateMessage = 'expected an ISO 8601 date-time with offset, e.g. 2026-11-20T09:30:00+03:00';

// ------------------------------------------------------------------ tests

describe('front matter schema through ContentLoader.scan()', () => {
  test('a complete article has no problems and is served (baseline for the tests below)', async () => {
    const { index, lines } = await scan({ 'content/articles/gulf-summit.md': md() });
    assert.deepEqual(lines, []);
    assert.deepEqual(slugsOf(index), ['gulf-summit']);
  });

  test('missing title', async () => {
    const { index, lines } = await scan({ 'content/articles/a.md': md({ title: undefined }) });
    assert.deepEqual(lines, ['content/articles/a.md: title: required: a non-empty headline']);
    assert.equal((index.archive.article('a') !== undefined), false);
    assert.equal((index.archive.problemsOf('a').length > 0), true);
  });

  test('blank title (only spaces) counts as missing', async () => {
    const { lines } = await scan({ 'content/articles/a.md': md({ title: '"   "' }) });
    assert.deepEqual(lines, ['content/articles/a.md: title: required: a non-empty headline']);
  });

  test('a title that is not text (a YAML number) is refused', async () => {
    const { lines } = await scan({ 'content/articles/a.md': md({ title: '2026' }) });
    assert.deepEqual(lines, ['content/articles/a.md: title: expected text: a non-empty headline']);
  });

  test('missing description', async () => {
    const { lines } = await scan({ 'content/articles/a.md': md({ description: undefined }) });
    assert.deepEqual(lines, ['content/articles/a.md: description: required: a one- or two-sentence summary (the standfirst)']);
  });

  test('missing date', async () => {
    const { lines } = await scan({ 'content/articles/a.md': md({ date: undefined }) });
    assert.deepEqual(lines, [
      'content/articles/a.md: date: required: an ISO 8601 date-time with offset, e.g. 2026-11-20T09:30:00+03:00',
    ]);
  });

  const badDates: [string, string][] = [
    ['not-iso', '"20/11/2026 09:30"'],
    ['words', '"yesterday"'],
    ['date-only', '"2026-11-20"'],
    ['date-only-unquoted', '2026-11-20'],
    ['no-offset', '"2026-11-20T09:30:00"'],
    ['no-offset-unquoted', '2026-11-20T09:30:00'],
    ['impossible-day', '"2026-02-30T10:00:00+03:00"'],
    ['not-a-leap-year', '"2026-02-29T10:00:00+03:00"'],
    ['april-31', '"2026-04-31T10:00:00+03:00"'],
    ['month-13', '"2026-13-01T10:00:00+03:00"'],
    ['hour-25', '"2026-11-20T25:00:00+03:00"'],
    ['hour-24', '"2026-11-20T24:00:00+03:00"'],
    ['minute-60', '"2026-11-20T09:60:00+03:00"'],
    ['second-60', '"2026-11-20T09:30:60+03:00"'],
    ['offset-15h', '"2026-11-20T09:30:00+15:00"'],
    ['space-separator', '"2026-11-20 09:30:00+03:00"'],
    ['a-number', '20261120'],
  ];
  test('bad dates are each reported on the date field', async () => {
    const files = Object.fromEntries(badDates.map(([slug, value]) => [`content/articles/${slug}.md`, md({ date: value })]));
    const { index, lines } = await scan(files);
    const expected = badDates.map(([slug]) => `content/articles/${slug}.md: date: ${dateMessage}`).sort();
    assert.deepEqual([...lines].sort(), expected);
    assert.equal(articlesOf(index).length, 0);
  });

  test('valid ISO date-times with an offset are accepted (leap day, Z, no seconds, fraction, negative offset)', async () => {
    const good: [string, string, number][] = [
      ['leap-day', '"2024-02-29T10:00:00+03:00"', Date.UTC(2024, 1, 29, 7, 0)],
      ['zulu', '"2026-11-20T06:30:00Z"', Date.UTC(2026, 10, 20, 6, 30)],
      ['no-seconds', '"2026-11-20T09:30+03:00"', Date.UTC(2026, 10, 20, 6, 30)],
      ['fraction', '"2026-11-20T09:30:00.500-05:00"', Date.UTC(2026, 10, 20, 14, 30, 0, 500)],
    ];
    const { index, lines } = await scan(Object.fromEntries(good.map(([slug, value]) => [`content/articles/${slug}.md`, md({ date: value })])));
    assert.deepEqual(lines, []);
    for (const [slug, , instant] of good) assert.equal(index.archive.article(slug)?.publishedAt, instant, slug);
  });

  test('quoted and unquoted dates are both accepted; the unquoted one stays the string the editor wrote', async () => {
    const { index, lines } = await scan({
      'content/articles/quoted.md': md({ date: '"2026-11-20T09:30:00+03:00"' }),
      'content/articles/unquoted.md': md({ date: '2026-11-20T09:30:00+03:00' }),
      'content/articles/single-quoted.md': md({ date: "'2026-11-20T09:30:00+03:00'" }),
    });
    assert.deepEqual(lines, []);
    for (const slug of ['quoted', 'unquoted', 'single-quoted']) {
      const article = index.archive.article(slug);
      assert.ok(article, slug);
      assert.equal(typeof article.date, 'string');
      assert.equal(article.date, '2026-11-20T09:30:00+03:00', slug);
      // 09:30 at +03:00 is 06:30 UTC.
      assert.equal(article.publishedAt, Date.UTC(2026, 10, 20, 6, 30), slug);
    }
  });

  test('updated before date is refused', async () => {
    const { lines } = await scan({
      'content/articles/a.md': md({ date: '"2026-11-20T09:30:00+03:00"', updated: '"2026-11-20T09:29:00+03:00"' }),
    });
    assert.deepEqual(lines, ['content/articles/a.md: updated: expected a date-time on or after date']);
  });

  test('updated is compared as an instant: the same moment in another offset, and later times, are fine', async () => {
    const { index, lines } = await scan({
      'content/articles/same-instant.md': md({ date: '"2026-11-20T09:30:00+03:00"', updated: '2026-11-20T07:30:00+01:00' }),
      'content/articles/later.md': md({ date: '"2026-11-20T09:30:00+03:00"', updated: '"2026-11-21T08:00:00+03:00"' }),
    });
    assert.deepEqual(lines, []);
    const later = index.archive.article('later');
    assert.equal(later?.updated, '2026-11-21T08:00:00+03:00');
    assert.equal(later?.updatedAt, Date.UTC(2026, 10, 21, 5, 0));
  });

  test('a bad updated date is reported on the updated field', async () => {
    const { lines } = await scan({ 'content/articles/a.md': md({ updated: '"2026-11-21"' }) });
    assert.deepEqual(lines, [`content/articles/a.md: updated: ${dateMessage}`]);
  });

  test('image without imageAlt', async () => {
    const { lines } = await scan({
      'public/images/articles/summit.jpg': 'jpeg',
      'content/articles/a.md': md({ image: '/images/articles/summit.jpg' }),
    });
    assert.deepEqual(lines, [
      'content/articles/a.md: imageAlt: required when image is given: a description of the image for screen readers',
    ]);
  });

  test('image paths with "..", without a leading slash, or not an image are refused', async () => {
    const cases: [string, string][] = [
      ['dot-dot', '/images/../../etc/passwd.jpg'],
      ['dot-dot-inside', '/images/..hidden/a.jpg'],
      ['relative', 'images/articles/summit.jpg'],
      ['url', 'https://cdn.example/summit.jpg'],
      ['not-an-image', '/images/articles/summit.html'],
    ];
    const { lines } = await scan({
      'public/images/articles/summit.jpg': 'jpeg',
      ...Object.fromEntries(cases.map(([slug, src]) => [`content/articles/${slug}.md`, md({ image: `"${src}"`, imageAlt: 'صورة القمة' })])),
    });
    const expected = cases
      .map(([slug]) => `content/articles/${slug}.md: image: expected a path under public/ such as /images/articles/example.jpg`)
      .sort();
    assert.deepEqual([...lines].sort(), expected);
  });

  test('unknown front matter field (a typo such as "titel")', async () => {
    const { lines } = await scan({ 'content/articles/a.md': md({ titel: 'عنوان' }) });
    assert.deepEqual(lines, [
      'content/articles/a.md: titel: unknown field; expected one of title, description, date, updated, category, author, tags, image, imageAlt, draft, breaking, breakingUntil, live, liveEnded, corrections',
    ]);
  });

  test('tags that are not a list', async () => {
    const { lines } = await scan({ 'content/articles/a.md': md({ tags: 'المناخ' }) });
    assert.deepEqual(lines, ['content/articles/a.md: tags: expected a list of non-empty tags, e.g. ["المناخ", "الطاقة"]']);
  });

  test('tags given as a list in either YAML style are accepted', async () => {
    const { index, lines } = await scan({
      'content/articles/flow.md': md({ tags: '[المناخ, الطاقة]' }),
      'content/articles/block.md': md({ tags: '\n  - المناخ\n  - الطاقة' }),
    });
    assert.deepEqual(lines, []);
    assert.deepEqual(index.archive.article('flow')?.tags, ['المناخ', 'الطاقة']);
    assert.deepEqual(index.archive.article('block')?.tags, ['المناخ', 'الطاقة']);
  });

  test('draft that is not a boolean (yes, "true", 1)', async () => {
    const { lines } = await scan({
      'content/articles/yes.md': md({ draft: 'yes' }),
      'content/articles/quoted.md': md({ draft: '"true"' }),
      'content/articles/one.md': md({ draft: '1' }),
    });
    assert.deepEqual([...lines].sort(), [
      'content/articles/one.md: draft: expected true or false',
      'content/articles/quoted.md: draft: expected true or false',
      'content/articles/yes.md: draft: expected true or false',
    ]);
  });

  test('front matter that is not a block of key: value lines', async () => {
    const { lines } = await scan({ 'content/articles/a.md': '---\n- title\n- date\n---\nنص\n' });
    assert.deepEqual(lines, ['content/articles/a.md: (front matter): expected a front matter block of key: value lines']);
  });

  test('several problems in one file are all listed', async () => {
    const { lines } = await scan({
      'content/articles/a.md': md({ title: undefined, date: '"2026-11-20"', titel: 'x', draft: 'yes' }),
    });
    assert.deepEqual([...lines].sort(), [
      `content/articles/a.md: date: ${dateMessage}`,
      'content/articles/a.md: draft: expected true or false',
      'content/articles/a.md: title: required: a non-empty headline',
      'content/articles/a.md: titel: unknown field; expected one of title, description, date, updated, category, author, tags, image, imageAlt, draft, breaking, breakingUntil, live, liveEnded, corrections',
    ].sort());
  });

  // BUG: zod skips the object-level superRefine (imageAlt / updated checks) when
  // any field has a type error, so these problems only surface on a second run.
  test('cross-field problems (imageAlt, updated) are listed together with a missing title', async () => {
    const { lines } = await scan({
      'public/images/a.jpg': 'jpeg',
      'content/articles/a.md': md({
        title: undefined,
        image: '/images/a.jpg',
        date: '"2026-11-20T09:30:00+03:00"',
        updated: '"2026-11-19T09:30:00+03:00"',
      }),
    });
    assert.deepEqual([...lines].sort(), [
      'content/articles/a.md: imageAlt: required when image is given: a description of the image for screen readers',
      'content/articles/a.md: title: required: a non-empty headline',
      'content/articles/a.md: updated: expected a date-time on or after date',
    ]);
  });
});

describe('isIsoDateTimeWithOffset', () => {
  test('accepts date-times with Z or ±hh:mm', () => {
    for (const value of [
      '2026-11-20T09:30:00+03:00',
      '2026-11-20T09:30:00Z',
      '2026-11-20T09:30+03:00',
      '2026-11-20T23:59:59.999-12:00',
      '2024-02-29T00:00:00+14:00',
      '2026-12-31T00:00:00+05:45',
    ]) {
      assert.equal(isIsoDateTimeWithOffset(value), true, value);
    }
  });

  test('refuses dates without an offset, impossible calendar dates and out-of-range times', () => {
    for (const value of [
      '',
      '2026-11-20',
      '2026-11-20T09:30:00',
      '2026-11-20T09:30:00+0300',
      '2026-11-20T09:30:00 +03:00',
      '2026-02-30T10:00:00+03:00',
      '2026-02-29T10:00:00+03:00',
      '2026-06-31T10:00:00+03:00',
      '2026-00-10T10:00:00+03:00',
      '2026-11-00T10:00:00+03:00',
      '2026-11-20T25:00:00+03:00',
      '2026-11-20T24:00:00+03:00',
      '2026-11-20T09:61:00+03:00',
      '2026-11-20T09:30:61+03:00',
      '2026-11-20T09:30:00+15:00',
      '2026-11-20T09:30:00+03:60',
      'Fri, 20 Nov 2026 09:30:00 +0300',
    ]) {
      assert.equal(isIsoDateTimeWithOffset(value), false, value);
    }
  });
});

describe('schemas used directly', () => {
  test('frontMatterSchema trims text fields', () => {
    const result = frontMatterSchema.safeParse({
      title: '  عنوان  ',
      description: 'وصف',
      date: '2026-11-20T09:30:00+03:00',
      category: 'world',
      author: 'layla-haddad',
    });
    assert.equal(result.success, true);
    assert.equal(result.success && result.data.title, 'عنوان');
  });

  test('slugPattern: lower-case ASCII words joined by single hyphens', () => {
    for (const ok of ['a', 'gulf-summit-opens', '2026-budget', 'a1-b2']) assert.equal(slugPattern.test(ok), true, ok);
    for (const bad of ['', 'Bad_Slug', 'trailing-', '-leading', 'UPPER', 'double--hyphen', 'قمة', 'has space', 'dot.ted']) {
      assert.equal(slugPattern.test(bad), false, bad);
    }
  });

  test('categorySchema and authorSchema require a slug and a name; bio is optional', () => {
    assert.equal(categorySchema.safeParse({ slug: 'world', name: 'العالم', description: 'وصف' }).success, true);
    assert.equal(categorySchema.safeParse({ slug: 'World', name: 'العالم', description: 'وصف' }).success, false);
    assert.equal(categorySchema.safeParse({ slug: 'world', name: 'العالم' }).success, false);
    assert.equal(categorySchema.safeParse({ slug: 'world', name: 'العالم', description: 'وصف', extra: 1 }).success, false);
    assert.equal(authorSchema.safeParse({ slug: 'huda-saleh', name: 'هدى صالح' }).success, true);
    assert.equal(authorSchema.safeParse({ slug: 'huda-saleh', name: ' ' }).success, false);
  });
});
