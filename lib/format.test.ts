/**
 * Dates, plurals and reading time as the site prints them. Expected strings
 * are written out by hand (Arabic month names, Umm al-Qura dates known from
 * the published calendar, CLDR plural forms), never computed with Intl here.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatArticleCount, formatDate, formatReadingTime, pluralize, readingMinutes, type PluralForms } from '@/lib/format';
import { readSettings } from '@/lib/settings.mjs';
import { site } from '@/lib/site';

const riyadh = 'Asia/Riyadh';

describe('formatDate: Gregorian', () => {
  test('Arabic month name with Latin digits', () => {
    assert.equal(formatDate('2026-11-20T09:30:00+03:00', riyadh).gregorian, '20 نوفمبر 2026');
  });

  test('all twelve month names', () => {
    const months = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
    months.forEach((name, i) => {
      const iso = `2026-${String(i + 1).padStart(2, '0')}-15T12:00:00+03:00`;
      assert.equal(formatDate(iso, riyadh).gregorian, `15 ${name} 2026`, iso);
    });
  });

  test('no Arabic-Indic digits and no bidi control characters in the output', () => {
    const { gregorian, hijri, time } = formatDate('2026-11-20T09:30:00+03:00', riyadh);
    for (const text of [gregorian, hijri, time]) {
      assert.doesNotMatch(text, /[\u0660-\u0669\u06F0-\u06F9]/, text);
      assert.doesNotMatch(text, /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/, JSON.stringify(text));
    }
  });

  test('the site time zone decides the day', () => {
    const late = '2026-11-20T22:30:00+00:00';
    assert.equal(formatDate(late, riyadh).gregorian, '21 نوفمبر 2026');
    assert.equal(formatDate(late, 'UTC').gregorian, '20 نوفمبر 2026');
    // Asking for UTC must not have replaced the cached Riyadh formatter (and vice versa).
    assert.equal(formatDate(late, riyadh).gregorian, '21 نوفمبر 2026');
    assert.equal(formatDate('2026-11-20T09:30:00-08:00', 'America/Los_Angeles').gregorian, '20 نوفمبر 2026');
    assert.equal(formatDate('2026-11-20T09:30:00-08:00', 'Asia/Tokyo').gregorian, '21 نوفمبر 2026');
  });

  test('the site prints dates in SITE_TIME_ZONE, Asia/Riyadh when unset: a late-evening UTC story is dated the next day', () => {
    assert.equal(site.timeZone, readSettings(process.env).timeZone);
    assert.equal(readSettings({}).timeZone, 'Asia/Riyadh');
    assert.equal(formatDate('2026-11-20T22:30:00Z', 'Asia/Riyadh').gregorian, '21 نوفمبر 2026');
  });

  test('accepts a Date as well as a string', () => {
    const date = new Date(Date.UTC(2026, 10, 20, 6, 30));
    assert.deepEqual(formatDate(date, riyadh), formatDate('2026-11-20T09:30:00+03:00', riyadh));
  });
});

describe('formatDate: Hijri (Umm al-Qura)', () => {
  test('1 Ramadan 1447 is 18 February 2026', () => {
    assert.equal(formatDate('2026-02-18T12:00:00+03:00', riyadh).hijri, '1 رمضان 1447 هـ');
    assert.equal(formatDate('2026-02-17T12:00:00+03:00', riyadh).hijri, '29 شعبان 1447 هـ');
  });

  test('1 Muharram 1448 (new year) is 16 June 2026', () => {
    assert.equal(formatDate('2026-06-16T12:00:00+03:00', riyadh).hijri, '1 محرم 1448 هـ');
    assert.equal(formatDate('2026-06-15T12:00:00+03:00', riyadh).hijri, '29 ذو الحجة 1447 هـ');
  });

  test('29 November 2026 is 19 Jumada al-Akhirah 1448', () => {
    assert.equal(formatDate('2026-11-29T12:00:00+03:00', riyadh).hijri, '19 جمادى الآخرة 1448 هـ');
  });

  test('the time zone shifts the Hijri day too', () => {
    // 22:30 UTC on 17 February is already 01:30 on the 18th in Riyadh.
    const instant = '2026-02-17T22:30:00Z';
    assert.equal(formatDate(instant, riyadh).hijri, '1 رمضان 1447 هـ');
    assert.equal(formatDate(instant, 'UTC').hijri, '29 شعبان 1447 هـ');
  });
});

describe('formatDate: time and iso', () => {
  test('24-hour clock, Latin digits, in the given zone', () => {
    assert.equal(formatDate('2026-11-20T09:30:00+03:00', riyadh).time, '09:30');
    assert.equal(formatDate('2026-11-20T22:05:00+03:00', riyadh).time, '22:05');
    assert.equal(formatDate('2026-11-20T21:05:00Z', riyadh).time, '00:05');
    assert.equal(formatDate('2026-11-20T21:05:00Z', 'UTC').time, '21:05');
    assert.doesNotMatch(formatDate('2026-11-20T15:00:00+03:00', riyadh).time, /[صم]|AM|PM/i);
  });

  test('iso is the same instant, in UTC', () => {
    const { iso } = formatDate('2026-11-20T09:30:00+03:00', riyadh);
    assert.equal(iso, '2026-11-20T06:30:00.000Z');
    assert.equal(Date.parse(iso), Date.parse('2026-11-20T09:30:00+03:00'));
    assert.equal(formatDate('2026-11-20T09:30:00+03:00', 'UTC').iso, iso, 'iso does not depend on the display zone');
  });
});

describe('pluralize', () => {
  const forms: PluralForms = { zero: 'Z', one: 'O', two: 'T', few: 'F{n}', many: 'M{n}', other: 'X{n}' };
  const expected: [number, string][] = [
    [0, 'Z'],
    [1, 'O'],
    [2, 'T'],
    [3, 'F3'],
    [10, 'F10'],
    [11, 'M11'],
    [99, 'M99'],
    [100, 'X100'],
    [101, 'X101'],
    [102, 'X102'],
    [103, 'F103'],
    [111, 'M111'],
    [1000, 'X1000'],
  ];
  for (const [n, form] of expected) {
    test(`${n} → ${form}`, () => assert.equal(pluralize(n, forms), form));
  }
});

describe('formatReadingTime', () => {
  const expected: [number, string][] = [
    [0, 'أقل من دقيقة للقراءة'],
    [1, 'دقيقة واحدة للقراءة'],
    [2, 'دقيقتان للقراءة'],
    [3, '3 دقائق للقراءة'],
    [10, '10 دقائق للقراءة'],
    [11, '11 دقيقة للقراءة'],
    [99, '99 دقيقة للقراءة'],
    [100, '100 دقيقة للقراءة'],
    [101, '101 دقيقة للقراءة'],
    [102, '102 دقيقة للقراءة'],
  ];
  for (const [n, text] of expected) {
    test(`${n} minutes`, () => assert.equal(formatReadingTime(n), text));
  }
});

describe('formatArticleCount', () => {
  const expected: [number, string][] = [
    [0, 'لا توجد مقالات'],
    [1, 'مقال واحد'],
    [2, 'مقالان'],
    [3, '3 مقالات'],
    [10, '10 مقالات'],
    [11, '11 مقالًا'],
    [99, '99 مقالًا'],
    [100, '100 مقال'],
    [101, '101 مقال'],
    [102, '102 مقال'],
  ];
  for (const [n, text] of expected) {
    test(`${n} articles`, () => assert.equal(formatArticleCount(n), text));
  }
});

describe('readingMinutes', () => {
  const words = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? 'كلمة' : 'خبر')).join(' ');

  test('at least one minute, even for no text', () => {
    assert.equal(readingMinutes(''), 1);
    assert.equal(readingMinutes('   \n\t '), 1);
    assert.equal(readingMinutes(words(1)), 1);
    assert.equal(readingMinutes(words(89)), 1);
  });

  test('180 words a minute, rounded to the nearest minute', () => {
    assert.equal(readingMinutes(words(180)), 1);
    assert.equal(readingMinutes(words(269)), 1);
    assert.equal(readingMinutes(words(270)), 2);
    assert.equal(readingMinutes(words(360)), 2);
    assert.equal(readingMinutes(words(449)), 2);
    assert.equal(readingMinutes(words(451)), 3);
    assert.equal(readingMinutes(words(1800)), 10);
  });

  test('any run of whitespace separates words', () => {
    const text = Array.from({ length: 270 }, () => 'كلمة').join(' \n\t\u00a0 ');
    assert.equal(readingMinutes(`  ${text}  `), 2);
  });
});
