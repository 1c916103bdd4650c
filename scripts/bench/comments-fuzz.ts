// Comments API fuzz benchmark: the property of lib/comments/fuzz.test.ts, at scale.
//
//   node --conditions=react-server --import tsx scripts/bench/comments-fuzz.ts [--count 10000] [--seed 42] [--keep]
//
// Generated payloads go through postCommentResponse (lib/comments/api.ts)
// against a temporary CONTENT_DIR and DATA_DIR, each from its own reader
// address. Every response must be < 500, JSON, shaped as the API promises and
// as the model of the rules predicts; every 201 must read back identical via
// GET. Prints runs, outcomes by status and code, 5xx count, elapsed time and
// payloads/s; exits 1 on any failure. --keep leaves the temporary folder.
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { closeStoreSingleton, releaseContent, setupTempSite } from '@/testing/fixtures/comments/site';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '10000' },
      seed: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--count: expected a positive integer, got ${values.count}`);
  const seed = values.seed === undefined ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(values.seed);

  // The modules below read CONTENT_DIR / DATA_DIR when first imported.
  const site = setupTempSite('khabar-fuzz-bench-');
  const { createFuzzRunner, formatStats, fuzzCase } = await import('@/testing/fixtures/comments/fuzz');
  const { getCommentStore } = await import('@/lib/comments/service');
  const runner = createFuzzRunner({ store: async () => getCommentStore() });

  console.log(`comments fuzz: ${count} payloads, seed ${seed}, data in ${site.root}`);
  const started = performance.now();
  let failure: unknown;
  try {
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (c) => {
        await runner.run(c);
      }),
      { numRuns: count, seed },
    );
  } catch (error) {
    failure = error;
  }
  const elapsed = performance.now() - started;
  console.log(formatStats(runner.stats, elapsed));

  closeStoreSingleton();
  await releaseContent();
  if (!values.keep) site.cleanup();

  if (failure) {
    console.error('\nFAILED (runs above include fast-check shrinking):');
    console.error(failure instanceof Error ? `${failure.message}${failure.cause ? `\ncause: ${String((failure.cause as Error).message ?? failure.cause)}` : ''}` : failure);
    return 1;
  }
  if (runner.stats.serverErrors > 0) {
    console.error(`\nFAILED: ${runner.stats.serverErrors} responses with status ≥ 500`);
    return 1;
  }
  console.log('OK');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
