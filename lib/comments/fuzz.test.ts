/**
 * Property test of POST /api/comments (postCommentResponse) with fast-check:
 * 1,000 generated payloads against one temporary database. The payloads and
 * the checks are in __fixtures__/fuzz.ts, shared with scripts/bench/comments-fuzz.ts.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { closeStoreSingleton, releaseContent, setupTempSite } from '@/testing/fixtures/comments/site';

const site = setupTempSite('khabar-fuzz-');
after(async () => {
  closeStoreSingleton();
  await releaseContent();
  site.cleanup();
});

test('postCommentResponse: 1,000 generated payloads; never 5xx, always the promised shape, every 201 reads back identical', { timeout: 120_000 }, async () => {
  const { createFuzzRunner, formatStats, fuzzCase } = await import('@/testing/fixtures/comments/fuzz');
  const { getCommentStore } = await import('@/lib/comments/service');
  const runner = createFuzzRunner({ store: async () => getCommentStore() });
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(fuzzCase, async (c) => {
      await runner.run(c);
    }),
    { numRuns: 1000 },
  );
  const { stats } = runner;
  console.log(formatStats(stats, performance.now() - started).replace(/^/gm, '# '));
  assert.equal(stats.serverErrors, 0);
  // The generator is worth something only if every outcome shows up.
  for (const status of [201, 202, 400, 404, 413]) assert.ok((stats.byStatus[status] ?? 0) > 0, `no ${status} in ${JSON.stringify(stats.byStatus)}`);
  assert.ok((stats.byStatus[201] ?? 0) >= 100, `only ${stats.byStatus[201]} accepted`);
  const replies = [...runner.known.values()].filter((k) => k.parentId !== null && k.status === 'approved').length;
  assert.ok(replies > 0, 'some generated replies were accepted');
});
