/**
 * Validates CONTENT_DIR (default ./content) and lists every problem as
 * `path: field: what was expected`. Exits 1 when there is any.
 *
 *   npm run content:check
 */
import path from 'node:path';
import { ContentLoader } from '@/lib/content/load';
import { withEntryFolders } from '@/lib/content/live-entry-files';
import { formatProblem } from '@/lib/content/problems';

async function main() {
  const contentDir = path.resolve(process.env.CONTENT_DIR ?? 'content');
  const index = await new ContentLoader({ contentDir, publicDir: path.resolve('public'), oneShot: true }).scan();
  const { archive } = index;
  // Only articles with entries beside them (a few, usually none) are read whole: reading every
  // article took half a second at 50,000. The live check is loaded only when there are some: the
  // Markdown pipeline entries need takes a third of a second to load.
  const beside = (await withEntryFolders(archive.files())).flatMap(({ slug }) => archive.article(slug) ?? []);
  const liveProblems = beside.length
    ? await (await import('@/lib/content/live-coverage')).checkLiveEntries(beside, new Set(index.authorBySlug.keys()))
    : [];
  const problems = [...index.problems, ...liveProblems];
  if (problems.length) {
    for (const problem of problems) console.error(formatProblem(problem));
    console.error(`\n${problems.length} problem(s) in ${path.relative(process.cwd(), contentDir) || '.'}`);
    process.exit(1);
  }
  // Drafts and scheduled articles are the ones not yet visible.
  const unpublished = archive.unpublished(Date.now());
  const drafts = unpublished.filter((a) => a.draft).length;
  console.log(
    `content ok: ${index.size} articles (${drafts} draft, ${unpublished.length - drafts} scheduled), ` +
      `${index.categories.length} categories, ${index.authors.length} authors`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
