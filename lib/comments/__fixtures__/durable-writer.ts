/**
 * Child process for the durability test:
 *   node --conditions=react-server --import tsx durable-writer.ts <location>
 * (a SQLite file or a postgres:// URL, see open-store.ts).
 * Posts comments in a loop, forever; after each post resolves it prints
 * `ack <id> <n>` (comment n has name `قارئ n` and body `تعليق رقم n …`).
 * The parent SIGKILLs it; every acknowledged comment must be in the store.
 */
import { createHash } from 'node:crypto';
import { writeSync } from 'node:fs';
import { openStoreAt } from '@/lib/comments/__fixtures__/open-store';

export const durableName = (n: number) => `قارئ ${n}`;
export const durableBody = (n: number) => `تعليق رقم ${n}: الخبر مهم، شكرًا للمحررين. ${'ـ'.repeat(n % 50)}`;

async function main() {
  const location = process.argv[2];
  if (!location) throw new Error('usage: durable-writer.ts <location>');
  const store = await openStoreAt(location);
  for (let n = 0; ; n++) {
    const now = Date.now();
    const body = durableBody(n);
    const result = await store.post(
      {
        article: 'gulf-summit-opens',
        parentId: null,
        name: durableName(n),
        body,
        bodyHash: createHash('sha256').update(body).digest('base64url'),
        clientHash: 'durable-writer',
        status: 'approved',
        createdAt: now,
      },
      { sinceMs: now - 600_000, duplicateSinceMs: now - 600_000 },
      () => undefined,
    );
    if (!result.ok) throw new Error('the policy refused a post');
    // Synchronous write: once the line is out, the post had returned.
    writeSync(1, `ack ${result.comment.id} ${n}\n`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
