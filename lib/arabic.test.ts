/** Arabic number agreement: comment counts and relative times (CLDR's six plural forms). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCommentCount, pluralize, relativeTime } from '@/lib/arabic';

describe('formatCommentCount', () => {
  const cases: [number, string][] = [
    [0, 'لا توجد تعليقات'],
    [1, 'تعليق واحد'],
    [2, 'تعليقان'],
    [3, '3 تعليقات'],
    [10, '10 تعليقات'],
    [11, '11 تعليقًا'],
    [99, '99 تعليقًا'],
    [100, '100 تعليق'],
    [101, '101 تعليق'],
    [102, '102 تعليق'],
    [103, '103 تعليقات'],
    [111, '111 تعليقًا'],
    [200, '200 تعليق'],
    [1000, '1000 تعليق'],
  ];
  for (const [n, expected] of cases) {
    test(`${n} → «${expected}»`, () => assert.equal(formatCommentCount(n), expected));
  }
});

describe('pluralize', () => {
  const forms = { zero: 'z', one: 'o', two: 't', few: 'f{n}', many: 'm{n}', other: 'x{n}' };
  test('each CLDR category for Arabic', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 110, 111, 199, 1000, 1003].map((n) => pluralize(n, forms)),
      ['z', 'o', 't', 'f3', 'f10', 'm11', 'm99', 'x100', 'x101', 'x102', 'f103', 'f110', 'm111', 'm199', 'x1000', 'f1003'],
    );
  });
});

describe('relativeTime', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
  const fallback = '20 أكتوبر 2026';
  const cases: [number, string][] = [
    [0, 'الآن'],
    [59, 'الآن'],
    [60, 'منذ دقيقة'],
    [119, 'منذ دقيقة'],
    [120, 'منذ دقيقتين'],
    [3 * 60, 'منذ 3 دقائق'],
    [5 * 60, 'منذ 5 دقائق'],
    [10 * 60, 'منذ 10 دقائق'],
    [11 * 60, 'منذ 11 دقيقة'],
    [59 * 60 + 59, 'منذ 59 دقيقة'],
    [3600, 'منذ ساعة'],
    [2 * 3600, 'منذ ساعتين'],
    [3 * 3600, 'منذ 3 ساعات'],
    [10 * 3600, 'منذ 10 ساعات'],
    [11 * 3600, 'منذ 11 ساعة'],
    [23 * 3600 + 3599, 'منذ 23 ساعة'],
    [86_400, 'منذ يوم'],
    [2 * 86_400, 'منذ يومين'],
    [3 * 86_400, 'منذ 3 أيام'],
    [10 * 86_400, 'منذ 10 أيام'],
    [11 * 86_400, 'منذ 11 يومًا'],
    [29 * 86_400 + 86_399, 'منذ 29 يومًا'],
    [30 * 86_400, fallback],
    [400 * 86_400, fallback],
  ];
  for (const [seconds, expected] of cases) {
    test(`${seconds} s ago → «${expected}»`, () => assert.equal(relativeTime(ago(seconds), now, fallback), expected));
  }

  test('a date in the future (clock skew) reads «الآن»', () => {
    assert.equal(relativeTime(new Date(now.getTime() + 3_600_000), now, fallback), 'الآن');
  });
});
