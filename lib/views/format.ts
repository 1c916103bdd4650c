import { pluralize } from '@/lib/arabic';

/** «مشاهدة واحدة», «مشاهدتان», «7 مشاهدات», «11 مشاهدة»: Latin digits, as everywhere on the site. */
export function formatViewCount(n: number): string {
  return pluralize(n, { zero: 'لا مشاهدات', one: 'مشاهدة واحدة', two: 'مشاهدتان', few: '{n} مشاهدات', many: '{n} مشاهدة', other: '{n} مشاهدة' });
}
