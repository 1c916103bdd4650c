/**
 * The POST /api/comments property, shared by lib/comments/fuzz.test.ts (1,000
 * payloads) and scripts/bench/comments-fuzz.ts (10,000 by default).
 *
 * Payloads: arbitrary JSON values, objects with arbitrary / Unicode / huge /
 * missing / mistyped fields, random parentIds (including ids of comments
 * posted earlier in the run: approved, replies, held, spam, on another
 * article), random honeypot values, and raw text that is not JSON. Each
 * request comes from its own x-khabar-peer, so rate limits never apply.
 *
 * For every response: status < 500, a JSON body, the error shape with an
 * Arabic message, the status and code a small model of the rules predicts;
 * for every 201, the comment as GET lists it equals the response and the
 * NFC-trimmed input. Strings are well-formed Unicode: lone surrogates are a
 * known bug with a test of their own (http.test.ts).
 *
 * Import only after setupTempSite(): it loads lib/comments/http.ts.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { commentRequest, slugs } from '@/lib/comments/__fixtures__/site';
import { newPeer, postRaw, listPage, findListed, shapeProblems, type ApiResult } from '@/lib/comments/__fixtures__/api';
import { commentLimits, countLinks, normalizeComment, type PublicComment } from '@/lib/comments/schema';

// ------------------------------------------------------------------ payloads

/** `parentRef` picks, at run time, the id of a comment posted earlier in the run. */
export type FuzzCase = { kind: 'json'; value: unknown; parentRef?: number } | { kind: 'raw'; text: string };

const letters = [...'ابتثجحخدذرزسشصضطظعغفقكلمنهويءةى'];
const arabicUnit = fc.constantFrom(
  ...letters,
  ' ',
  ' ',
  '\u064E', // fatha
  '\u0650', // kasra
  '\u0651', // shadda
  'ا\u0654', // alef + hamza above: «أ» after NFC
  'ا\u0653', // alef + madda: «آ» after NFC
  'و\u0654',
  'ي\u0654',
  '\u0640', // tatweel
  '٣',
  '،',
  '؟',
  '😀',
  '🇸🇦',
  '\n',
  '\t',
  '\r\n',
  '\u00a0',
);
const arabicText = (maxLength: number, minLength = 0) => fc.string({ unit: arabicUnit, minLength, maxLength });
const unicodeText = (maxLength: number) =>
  fc.oneof(fc.string({ unit: 'grapheme', maxLength }), fc.string({ unit: 'binary', maxLength }), fc.string({ unit: 'grapheme-composite', maxLength }));
const repeated = (char: fc.Arbitrary<string>, lengths: number[]) =>
  fc.tuple(char, fc.constantFrom(...lengths)).map(([c, n]) => c.repeat(n));
const boundaryChar = fc.constantFrom('ن', 'x', '🌙', 'ا\u0654', ' ');

const url = fc.constantFrom('http://a.example', 'https://khabar.example/x?y=1', 'www.b.example', 'WWW.C.EXAMPLE/مسار', 'javascript:alert(1)', 'ftp://d.example');
const linkText = fc.array(fc.oneof(arabicText(12), url), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(' '));

const anyJson = fc.jsonValue({ maxDepth: 3 });

const nameArb = fc.oneof(
  { weight: 10, arbitrary: arabicText(40, 2) },
  { weight: 1, arbitrary: arabicText(6) },
  { weight: 3, arbitrary: unicodeText(90) },
  { weight: 2, arbitrary: repeated(boundaryChar, [0, 1, 2, 3, 79, 80, 81, 82, 160]) },
  { weight: 1, arbitrary: repeated(fc.constant('ع'), [999, 1000, 1001, 4000]) },
  { weight: 1, arbitrary: anyJson },
);
const bodyArb = fc.oneof(
  { weight: 10, arbitrary: arabicText(120, 3) },
  { weight: 1, arbitrary: arabicText(6) },
  { weight: 3, arbitrary: linkText },
  { weight: 3, arbitrary: unicodeText(200) },
  { weight: 2, arbitrary: repeated(boundaryChar, [0, 2, 3, 4, 1999, 2000, 2001]) },
  { weight: 1, arbitrary: repeated(fc.constantFrom('x', 'ب'), [5000, 16_500, 20_000, 20_001]) },
  { weight: 1, arbitrary: anyJson },
);
const articleArb = fc.oneof(
  { weight: 24, arbitrary: fc.constant<string>(slugs.published) },
  { weight: 6, arbitrary: fc.constant<string>(slugs.otherPublished) },
  { weight: 1, arbitrary: fc.constantFrom<string>(slugs.draft, slugs.scheduled, 'no-such-article', '', 'GULF-SUMMIT-OPENS', '../secrets') },
  { weight: 1, arbitrary: fc.string({ maxLength: 250 }) },
  { weight: 1, arbitrary: anyJson },
);
const parentArb: fc.Arbitrary<{ ref?: number; value?: unknown; absent?: true }> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ absent: true as const }) },
  { weight: 2, arbitrary: fc.constant({ value: null }) },
  { weight: 6, arbitrary: fc.nat().map((ref) => ({ ref })) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1.5, 2 ** 53, 9_999_999), fc.string({ maxLength: 5 }), fc.boolean(), anyJson)
      .map((value) => ({ value })),
  },
);
const websiteArb: fc.Arbitrary<{ value?: unknown; absent?: true }> = fc.oneof(
  { weight: 10, arbitrary: fc.constant({ absent: true as const }) },
  { weight: 2, arbitrary: fc.constantFrom('', '   ', '\n').map((value) => ({ value })) },
  { weight: 2, arbitrary: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('x'.repeat(1001))).map((value) => ({ value })) },
  { weight: 1, arbitrary: anyJson.map((value) => ({ value })) },
);

const objectCase: fc.Arbitrary<FuzzCase> = fc
  .record(
    {
      article: articleArb,
      name: nameArb,
      body: bodyArb,
      parent: parentArb,
      website: websiteArb,
      extra: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 3 }), { nil: undefined }),
      drop: fc.oneof(
        { weight: 30, arbitrary: fc.constant([] as ('article' | 'name' | 'body')[]) },
        { weight: 1, arbitrary: fc.subarray(['article', 'name', 'body'] as ('article' | 'name' | 'body')[], { minLength: 1 }) },
      ),
    },
    { requiredKeys: ['article', 'name', 'body', 'parent', 'website', 'drop'] },
  )
  .map(({ article, name, body, parent, website, extra, drop }) => {
    const value: Record<string, unknown> = { ...extra, article, name, body };
    // Now and then fields go missing altogether.
    for (const key of drop) delete value[key];
    if (parent.value !== undefined || 'value' in parent) value.parentId = parent.value;
    if (!website.absent) value.website = website.value;
    return { kind: 'json' as const, value, parentRef: parent.ref };
  });

const rawCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.tuple(anyJson, fc.nat()).map(([v, cut]) => {
    const text = JSON.stringify(v) ?? '';
    return text.slice(0, cut % (text.length + 1));
  }),
  fc.constantFrom('{', '{"article":', '{"name": "ليلى",}', "{'body': 'x'}", '[1,2', 'NaN', '\uFEFF{"a":1}'),
).map((text) => ({ kind: 'raw' as const, text }));

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  { weight: 16, arbitrary: objectCase },
  { weight: 2, arbitrary: anyJson.map((value) => ({ kind: 'json' as const, value })) },
  { weight: 1, arbitrary: rawCase },
);

// --------------------------------------------------------------------- model

type Known = { article: string; parentId: number | null; status: 'approved' | 'pending' | 'spam' };
type Expected = { status: number; code?: string; fields?: string[]; name?: string; body?: string; article?: string; spam?: boolean };

const published = new Set<string>([slugs.published, slugs.otherPublished]);
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const codePoints = (s: string) => [...s].length;

/** The rules of POST /api/comments, written out independently of service.ts. */
function predict(text: string, known: Map<number, Known>): Expected {
  if (Buffer.byteLength(text) > commentLimits.requestBytes) return { status: 413, code: 'payload_too_large' };
  let v: unknown;
  try {
    v = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { status: 400, code: 'malformed_json' };
  }
  const invalid = { status: 400, code: 'invalid_request' };
  if (!isRecord(v)) return invalid;
  const { article, name, body, parentId, website } = v;
  if (typeof article !== 'string' || article.length > 200) return invalid;
  if (typeof name !== 'string' || name.length > 1000) return invalid;
  if (typeof body !== 'string' || body.length > 20_000) return invalid;
  if (parentId !== undefined && parentId !== null && !(typeof parentId === 'number' && Number.isSafeInteger(parentId) && parentId > 0)) return invalid;
  if (website !== undefined && (typeof website !== 'string' || website.length > 1000)) return invalid;

  const cleanName = normalizeComment(name).replace(/\s+/g, ' ');
  const cleanBody = normalizeComment(body);
  const fields: string[] = [];
  if (codePoints(cleanName) < commentLimits.nameMin || codePoints(cleanName) > commentLimits.nameMax) fields.push('name');
  if (codePoints(cleanBody) < commentLimits.bodyMin || codePoints(cleanBody) > commentLimits.bodyMax) fields.push('body');
  if (fields.length) return { status: 400, code: 'validation_failed', fields: fields.sort() };
  if (!published.has(article)) return { status: 404, code: 'article_not_found' };
  if (typeof parentId === 'number') {
    const parent = known.get(parentId);
    if (!parent || parent.article !== article || parent.parentId !== null || parent.status !== 'approved') return { status: 400, code: 'invalid_parent' };
  }
  const spam = typeof website === 'string' && website.trim() !== '';
  const held = countLinks(cleanBody) >= commentLimits.linksBeforeModeration;
  return { status: spam || held ? 202 : 201, name: cleanName, body: cleanBody, article, spam };
}

// -------------------------------------------------------------------- runner

export type FuzzStats = { runs: number; byStatus: Record<number, number>; byCode: Record<string, number>; serverErrors: number };

export function createFuzzRunner(options: { store: () => Promise<{ get(id: number): Promise<{ status: string; name: string; body: string } | undefined> }> }) {
  const known = new Map<number, Known>();
  const ids: number[] = [];
  /** Approved top-level comments per article, oldest first: where a thread sits in GET. */
  const threads = new Map<string, number[]>();
  const stats: FuzzStats = { runs: 0, byStatus: {}, byCode: {}, serverErrors: 0 };

  async function listed(article: string, comment: PublicComment): Promise<PublicComment | undefined> {
    const order = threads.get(article) ?? [];
    const threadId = comment.parentId ?? comment.id;
    const index = order.length - 1 - order.indexOf(threadId);
    const page = await listPage(article, Math.floor(index / commentLimits.pageSize) + 1, 'newest');
    const thread = page.comments.find((c) => c.id === threadId);
    const found = comment.parentId === null ? thread : thread?.replies?.find((r) => r.id === comment.id);
    // Equal timestamps could reorder threads; fall back to reading every page.
    return found ?? (await findListed(article, comment.id));
  }

  async function run(c: FuzzCase): Promise<ApiResult> {
    let text: string;
    if (c.kind === 'raw') text = c.text;
    else {
      let value = c.value;
      if (c.parentRef !== undefined && ids.length && isRecord(value)) value = { ...value, parentId: ids[c.parentRef % ids.length] };
      text = JSON.stringify(value) ?? 'null';
    }
    const expected = predict(text, known);
    const result = await postRaw(commentRequest(undefined, { peer: newPeer('fuzz'), raw: text }));
    stats.runs++;
    stats.byStatus[result.status] = (stats.byStatus[result.status] ?? 0) + 1;
    if (result.status >= 500) stats.serverErrors++;
    const code = result.json?.error?.code ?? String(result.status);
    stats.byCode[code] = (stats.byCode[code] ?? 0) + 1;
    const context = `request ${JSON.stringify(text.length > 400 ? `${text.slice(0, 400)}… (${text.length} chars)` : text)}\nresponse ${result.status} ${result.text.slice(0, 400)}`;

    assert.deepEqual(shapeProblems(result), [], context);
    assert.equal(result.status, expected.status, `status\n${context}`);
    if (result.status >= 400) {
      assert.equal(result.json.error?.code, expected.code, `code\n${context}`);
      if (expected.fields) assert.deepEqual(Object.keys(result.json.error?.fields ?? {}).sort(), expected.fields, `fields\n${context}`);
      return result;
    }

    const comment = result.json.comment!;
    assert.deepEqual(Object.keys(result.json).sort(), ['comment', 'held'], context);
    assert.equal(result.json.held, result.status === 202, context);
    assert.equal(result.published, result.status === 201 ? expected.article : undefined, context);
    assert.equal(comment.name, expected.name, `name\n${context}`);
    assert.equal(comment.body, expected.body, `body\n${context}`);
    // The NFC-trimmed input, when nothing else (control characters, CR, blank-line runs) applied.
    const input = JSON.parse(text.replace(/^\uFEFF/, '')) as { name: string; body: string; parentId?: number | null };
    const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
    if (!controls.test(input.body) && !/\r|\n{3,}/.test(input.body)) {
      assert.equal(comment.body, input.body.normalize('NFC').trim(), `NFC-trimmed body\n${context}`);
    }
    if (!controls.test(input.name)) {
      assert.equal(comment.name, input.name.normalize('NFC').trim().replace(/\s+/g, ' '), `NFC-trimmed name\n${context}`);
    }
    assert.equal(comment.parentId, input.parentId ?? null, context);
    assert.equal(known.has(comment.id), false, `id ${comment.id} handed out twice`);

    const status = result.status === 201 ? 'approved' : expected.spam ? 'spam' : 'pending';
    known.set(comment.id, { article: expected.article!, parentId: comment.parentId, status });
    ids.push(comment.id);
    const stored = await (await options.store()).get(comment.id);
    assert.equal(stored?.status, status, `stored status\n${context}`);
    assert.equal(stored?.name, comment.name, `stored name\n${context}`);
    assert.equal(stored?.body, comment.body, `stored body\n${context}`);

    if (result.status === 201) {
      if (comment.parentId === null) {
        const order = threads.get(expected.article!) ?? [];
        order.push(comment.id);
        threads.set(expected.article!, order);
      }
      const shown = await listed(expected.article!, comment);
      assert.ok(shown, `201 comment ${comment.id} is not listed by GET\n${context}`);
      const { replies, ...withoutReplies } = shown;
      if (comment.parentId === null) assert.deepEqual(replies, [], context);
      assert.deepEqual(withoutReplies, comment, `GET differs from the 201 response\n${context}`);
    }
    return result;
  }

  return { run, stats, known };
}

export function formatStats(stats: FuzzStats, elapsedMs: number): string {
  const accepted = stats.byStatus[201] ?? 0;
  const held = stats.byStatus[202] ?? 0;
  const rejected = Object.entries(stats.byStatus)
    .filter(([s]) => Number(s) >= 400)
    .sort(([a], [b]) => Number(a) - Number(b));
  const rejectedTotal = rejected.reduce((n, [, c]) => n + c, 0);
  return [
    `runs: ${stats.runs}`,
    `accepted (201): ${accepted}`,
    `held (202): ${held}`,
    `rejected: ${rejectedTotal} (${rejected.map(([s, c]) => `${s}: ${c}`).join(', ')})`,
    `by code: ${Object.entries(stats.byCode)
      .sort(([, a], [, b]) => b - a)
      .map(([code, n]) => `${code} ${n}`)
      .join(', ')}`,
    `5xx: ${stats.serverErrors}`,
    `elapsed: ${(elapsedMs / 1000).toFixed(2)} s`,
    `payloads/s: ${(stats.runs / (elapsedMs / 1000)).toFixed(0)}`,
  ].join('\n');
}
