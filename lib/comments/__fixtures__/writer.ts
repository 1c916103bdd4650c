/**
 * Child process for the concurrency tests of the store suite:
 *   node --conditions=react-server --import tsx writer.ts <location> <writer index> <count> [own|shared]
 * <location> is a SQLite file or a postgres:// URL (see open-store.ts).
 *
 * own (default): posts <count> comments as client `writer-<index>`, each body
 * unique to this writer, with a policy that never refuses.
 * shared: opens the store first, then on the signal sends <count> posts at
 * once as the one client every shared writer uses, bodies `تعليق مشترك <i>`
 * (the same in every writer), with a policy of at most `sharedLimit` comments
 * per window and no duplicate bodies.
 *
 * Prints `ready` once loaded (own) or opened (shared), then waits for a line
 * on stdin, so the parent can start every writer at the same instant: own
 * writers then open the store together, shared ones post together.
 * Prints one JSON line at the end: { writer, ids, refused }.
 */
import { createHash } from 'node:crypto';
import { openStoreAt } from '@/lib/comments/__fixtures__/open-store';

export const sharedLimit = 3;
export const sharedClient = 'shared-client';

async function main() {
  const [location, writerArg, countArg, mode = 'own'] = process.argv.slice(2);
  if (!location || writerArg === undefined || countArg === undefined) throw new Error('usage: writer.ts <location> <writer> <count> [own|shared]');
  const writer = Number(writerArg);
  const count = Number(countArg);
  const shared = mode === 'shared';
  const early = shared ? await openStoreAt(location) : undefined;
  // Connections (for a pool) are made now, so the posts start together on the signal.
  if (early) await Promise.all(Array.from({ length: count }, () => early.countApproved('warm-up')));
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => {
    process.stdin.once('data', () => resolve());
  });
  process.stdin.pause();
  const store = early ?? (await openStoreAt(location));
  const ids: number[] = [];
  const refused: Record<string, number> = {};
  const postOne = async (i: number) => {
    const body = shared ? `تعليق مشترك ${i}` : `تعليق ${i} من الكاتب ${writer}`;
    const now = Date.now();
    const result = await store.post(
      {
        article: 'gulf-summit-opens',
        parentId: null,
        name: `قارئ ${writer}`,
        body,
        bodyHash: createHash('sha256').update(body).digest('base64url'),
        clientHash: shared ? sharedClient : `writer-${writer}`,
        status: 'approved',
        createdAt: now,
      },
      { sinceMs: now - 600_000, duplicateSinceMs: now - 600_000 },
      ({ recent, duplicate }) => {
        if (!shared) return undefined;
        if (recent.length >= sharedLimit) return 'limited';
        return duplicate ? 'duplicate' : undefined;
      },
    );
    if (result.ok) ids.push(result.comment.id);
    else if (!shared) throw new Error('the policy refused a post');
    else refused[result.rejection] = (refused[result.rejection] ?? 0) + 1;
  };
  if (shared) await Promise.all(Array.from({ length: count }, (_, i) => postOne(i)));
  else for (let i = 0; i < count; i++) await postOne(i);
  await store.close();
  process.stdout.write(`${JSON.stringify({ writer, ids, refused })}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
