import type { Instrumentation } from 'next';
import { requestErrorLine } from '@/lib/request-error-log';
import { settings } from '@/lib/settings.mjs';

/**
 * Load the content index, start its file watcher and the search index's sync when the server starts, not on the first
 * request that happens to need it: prerendered pages (the home page) never ask, and until the
 * watcher runs, a new file would reach them only on the pages' revalidation timer.
 */
export async function register() {
  if (settings().nextRuntime !== 'nodejs') return;
  const { warmContent } = await import('@/lib/content');
  warmContent().catch((error: unknown) => console.error('[content] first scan failed', error));
  // The search index checks (or builds) itself from the first scan on, not at the first search.
  const { warmSearch } = await import('@/lib/search');
  warmSearch();
}

/** Every server-side request failure as one JSON line on stderr (Next still prints the stack). */
export const onRequestError: Instrumentation.onRequestError = (error, request, context) => {
  console.error(requestErrorLine(error, request, context));
};
