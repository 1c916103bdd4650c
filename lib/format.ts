import { pluralize } from '@/lib/arabic';

export { pluralize, type PluralForms } from '@/lib/arabic';

/**
 * One formatter for every date the site prints: Arabic month names with
 * Latin digits (as Arabic newsrooms in the Gulf and Egypt print them), in the
 * site's time zone, with the Umm al-Qura Hijri date beside the Gregorian one.
 */
const gregorianFormats = new Map<string, Intl.DateTimeFormat>();
const hijriFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, zone: string, make: () => Intl.DateTimeFormat) {
  let format = map.get(zone);
  if (!format) {
    format = make();
    map.set(zone, format);
  }
  return format;
}

export type FormattedDate = {
  /** ISO 8601 instant for `<time datetime>`. */
  iso: string;
  /** e.g. «20 نوفمبر 2026» */
  gregorian: string;
  /** e.g. «19 جمادى الأولى 1448 هـ» */
  hijri: string;
  /** e.g. «09:30» on a 24-hour clock */
  time: string;
};

export function formatDate(value: string | Date, timeZone: string): FormattedDate {
  const date = typeof value === 'string' ? new Date(value) : value;
  const gregorian = cached(gregorianFormats, timeZone, () =>
    new Intl.DateTimeFormat('ar-u-nu-latn', { day: 'numeric', month: 'long', year: 'numeric', timeZone }),
  );
  const hijri = cached(hijriFormats, timeZone, () =>
    new Intl.DateTimeFormat('ar-SA-u-ca-islamic-umalqura-nu-latn', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone,
    }),
  );
  const time = cached(timeFormats, timeZone, () =>
    new Intl.DateTimeFormat('ar-u-nu-latn', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }),
  );
  return {
    iso: date.toISOString(),
    gregorian: gregorian.format(date),
    hijri: hijri.format(date),
    time: time.format(date),
  };
}

/** Arabic prose is read a little slower than English; 180 words a minute is the usual figure. */
const wordsPerMinute = 180;

export function readingMinutes(text: string): number {
  const words = text.split(/\s+/u).filter(Boolean).length;
  return Math.max(1, Math.round(words / wordsPerMinute));
}

export function formatReadingTime(minutes: number): string {
  return pluralize(minutes, {
    zero: 'أقل من دقيقة للقراءة',
    one: 'دقيقة واحدة للقراءة',
    two: 'دقيقتان للقراءة',
    few: '{n} دقائق للقراءة',
    many: '{n} دقيقة للقراءة',
    other: '{n} دقيقة للقراءة',
  });
}

export function formatArticleCount(n: number): string {
  return pluralize(n, {
    zero: 'لا توجد مقالات',
    one: 'مقال واحد',
    two: 'مقالان',
    few: '{n} مقالات',
    many: '{n} مقالًا',
    other: '{n} مقال',
  });
}
