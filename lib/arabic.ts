/**
 * Arabic wording that depends on numbers. Safe for client components: no
 * server settings, no Node APIs.
 */
export type PluralForms = {
  zero: string;
  one: string;
  two: string;
  /** 3–10; `{n}` is replaced by the number */
  few: string;
  /** 11–99; `{n}` is replaced by the number */
  many: string;
  /** 100, 101, 102…; `{n}` is replaced by the number */
  other: string;
};

const arabicPlurals = new Intl.PluralRules('ar');

/** Picks the Arabic plural form CLDR prescribes for `n` (Arabic has six). */
export function pluralize(n: number, forms: PluralForms): string {
  const form = arabicPlurals.select(n) as keyof PluralForms;
  return forms[form].replace('{n}', String(n));
}

export function formatCommentCount(n: number): string {
  return pluralize(n, {
    zero: 'لا توجد تعليقات',
    one: 'تعليق واحد',
    two: 'تعليقان',
    few: '{n} تعليقات',
    many: '{n} تعليقًا',
    other: '{n} تعليق',
  });
}

const units = [
  { seconds: 86_400, forms: { zero: '', one: 'منذ يوم', two: 'منذ يومين', few: 'منذ {n} أيام', many: 'منذ {n} يومًا', other: 'منذ {n} يوم' } },
  { seconds: 3_600, forms: { zero: '', one: 'منذ ساعة', two: 'منذ ساعتين', few: 'منذ {n} ساعات', many: 'منذ {n} ساعة', other: 'منذ {n} ساعة' } },
  { seconds: 60, forms: { zero: '', one: 'منذ دقيقة', two: 'منذ دقيقتين', few: 'منذ {n} دقائق', many: 'منذ {n} دقيقة', other: 'منذ {n} دقيقة' } },
] as const;

/**
 * «منذ 5 دقائق», «منذ ساعتين», «منذ 11 يومًا»; «الآن» under a minute. Older
 * than 30 days gets `fallback` (the absolute date), as news sites print it.
 */
export function relativeTime(date: Date, now: Date, fallback: string): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - date.getTime()) / 1000));
  if (seconds < 60) return 'الآن';
  if (seconds >= 30 * 86_400) return fallback;
  for (const unit of units) {
    const n = Math.floor(seconds / unit.seconds);
    if (n >= 1) return pluralize(n, unit.forms);
  }
  return 'الآن';
}
