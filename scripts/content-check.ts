/**
 * Validates CONTENT_DIR (default ./content) and lists every problem as
 * `path: field: what was expected`. Exits 1 when there is any.
 *
 *   npm run content:check
 */
import path from 'node:path';
import { everything } from '@/lib/content/archive';
import { checkLiveEntries } from '@/lib/content/live-coverage';
import { ContentLoader } from '@/lib/content/load';
import { formatProblem } from '@/lib/content/problems';

async function main() {
  const contentDir = path.resolve(process.env.CONTENT_DIR ?? 'content');
  const index = await new ContentLoader({ contentDir, publicDir: path.resolve('public') }).scan();
  const articles = index.archive.list({}, everything);
  const problems = [...index.problems, ...(await checkLiveEntries(articles, new Set(index.authorBySlug.keys())))];
  if (problems.length) {
    for (const problem of problems) console.error(formatProblem(problem));
    console.error(`\n${problems.length} problem(s) in ${path.relative(process.cwd(), contentDir) || '.'}`);
    process.exit(1);
  }
  const now = Date.now();
  const drafts = articles.filter((a) => a.draft).length;
  const scheduled = articles.filter((a) => !a.draft && a.publishedAt > now).length;
  console.log(
    `content ok: ${articles.length} articles (${drafts} draft, ${scheduled} scheduled), ` +
      `${index.categories.length} categories, ${index.authors.length} authors`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
