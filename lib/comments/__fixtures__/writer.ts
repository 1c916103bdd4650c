/**
 * Child process for the concurrency test:
 *   node --conditions=react-server --import tsx writer.ts <db file> <writer index> <count>
 * Opens the shared SQLite file with openSqliteStore and posts <count> comments,
 * each with a body unique to this writer, with a policy that never refuses.
 * Prints `ready` once loaded, then waits for a line on stdin before opening the
 * file, so the parent can start every writer at the same instant.
 * Prints one JSON line at the end: { writer, ids }.
 */
import { createHash } from 'node:crypto';
import { openSqliteStore } from '@/lib/comments/sqlite-store';

async function main() {
  const [file, writerArg, countArg] = process.argv.slice(2);
  if (!file || writerArg === undefined || countArg === undefined) throw new Error('usage: writer.ts <file> <writer> <count>');
  const writer = Number(writerArg);
  const count = Number(countArg);
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => {
    process.stdin.once('data', () => resolve());
  });
  process.stdin.pause();
  const store = openSqliteStore(file);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const body = `تعليق ${i} من الكاتب ${writer}`;
    const now = Date.now();
    const result = await store.post(
      {
        article: 'gulf-summit-opens',
        parentId: null,
        name: `قارئ ${writer}`,
        body,
        bodyHash: createHash('sha256').update(body).digest('base64url'),
        clientHash: `writer-${writer}`,
        status: 'approved',
        createdAt: now,
      },
      { sinceMs: now - 600_000, duplicateSinceMs: now - 600_000 },
      () => undefined,
    );
    if (!result.ok) throw new Error('the policy refused a post');
    ids.push(result.comment.id);
  }
  store.close();
  process.stdout.write(`${JSON.stringify({ writer, ids })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
