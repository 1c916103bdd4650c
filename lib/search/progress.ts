import type { IndexProgress } from '@/lib/search/index';

const percent = new Intl.NumberFormat('ar-EG', { maximumFractionDigits: 0 });

/**
 * What the search page says while the index does not yet hold the whole archive
 * («يجري تحديث فهرس البحث: ٦٠٪»); `undefined` once it does. Rounded down, so it never
 * claims ١٠٠٪ before the last article is in.
 */
export function indexingNotice({ indexed, total }: IndexProgress): string | undefined {
  if (indexed >= total) return undefined;
  return `يجري تحديث فهرس البحث: ${percent.format(Math.floor((100 * indexed) / total))}٪`;
}
