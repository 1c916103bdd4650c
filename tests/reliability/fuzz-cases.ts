/**
 * Writes `--count` fuzz cases for POST /api/comments, one JSON line each, drawn from the generator
 * that lib/comments/fuzz.test.ts and scripts/bench/comments-fuzz.ts use in-process; the
 * reliability benchmark sends them to the production server over HTTP. Also creates the
 * temporary content folder those cases refer to and prints `{ root, contentDir, seed }`.
 *
 *   node --conditions=react-server --import tsx tests/reliability/fuzz-cases.ts --count 10000 --out cases.jsonl [--seed 42]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { fuzzCase } from '@/testing/fixtures/comments/fuzz';
import { createTempSite, slugs } from '@/testing/fixtures/comments/site';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' }, out: { type: 'string' }, seed: { type: 'string' } } });
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1) throw new Error(`--count: expected a positive integer, got ${values.count}`);
if (!values.out) throw new Error('--out: the file to write the cases to');
const seed = values.seed === undefined ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(values.seed);

const cases = fc.sample(fuzzCase, { numRuns: count, seed });
writeFileSync(values.out, cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
const site = createTempSite('khabar-rel-fuzz-content-');
console.log(JSON.stringify({ root: site.root, contentDir: site.contentDir, seed, published: [slugs.published, slugs.otherPublished] }));
