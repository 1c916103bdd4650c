import 'server-only';
import { revalidatePath } from 'next/cache';
import { requestRevalidation } from '@/lib/revalidation';

/**
 * After a comment is published the article's cached page (its count and
 * no-script thread) is refreshed now, and once more a few seconds later: a
 * background regeneration that started before the comment was saved would
 * otherwise write the old page back over the fresh one.
 */
export function refreshArticle(path: string): void {
  revalidatePath(path);
  requestRevalidation('comment', path, 3_000);
}
