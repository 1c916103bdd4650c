import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { highlightSegments } from '@/lib/search/highlight';
import { hasTerms, matchExpression, maxQueryLength, parseQuery } from '@/lib/search/query';
import { openSqliteSearch } from '@/lib/search/sqlite-search';

describe('query parsing', () => {
  test('words, the last as a prefix, phrases and exclusions', () => {
    const q = parseQuery('قمة "الطاقة النظيفة" -النفط COP31 اقتص');
    assert.deepEqual(q.words.map((w) => w.exact), ['قمه', 'cop31']);
    assert.equal(q.prefix?.exact, 'اقتص');
    assert.deepEqual(q.phrases.map((p) => p.map((w) => w.exact)), [['الطاقه', 'النظيفه']]);
    assert.deepEqual(q.excluded.map((w) => w.exact), ['النفط']);
  });

  test('empty, punctuation-only and exclusion-only queries are no search', () => {
    for (const raw of ['', '   ', '"""', '*', '()', '-نفط', '؟!،', '- -']) assert.equal(hasTerms(parseQuery(raw)), false, raw);
  });

  test('at most 200 characters are read', () => {
    const q = parseQuery(`${'س'.repeat(maxQueryLength)} نفط`);
    assert.equal(q.prefix?.exact.length, maxQueryLength);
    assert.equal(q.words.length, 0);
  });

  test('any input gives a MATCH expression SQLite accepts, made of quoted tokens only', async () => {
    const db = openSqliteSearch(':memory:');
    const alphabet = fc.constantFrom(...'"*:^()-+ {}\'\\NEAROTDnearotd نفطالأ١٢3،؛'.split(''), ' AND ', ' OR ', ' NOT ', ' NEAR(', 'title:');
    await fc.assert(
      fc.asyncProperty(fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join('')), async (raw) => {
        const query = parseQuery(raw);
        const match = matchExpression(query);
        if (!match) return;
        // Outside quotes only our own operators, brackets, column sets and prefix stars.
        const outside = match.replace(/"(?:[^"]|"")*"/g, '');
        assert.match(outside, /^(?:[\s()*:{}]|AND|OR|NOT|title|description|tags|body|_stem|joined)*$/);
        await db.search(query, { page: 1, pageSize: 10, sort: 'relevance', now: 0 });
      }),
      { numRuns: 500 },
    );
    db.close();
  });
});

describe('highlighting', () => {
  const marked = (text: string, query: string) =>
    highlightSegments(text, parseQuery(query))
      .filter((s) => s.mark)
      .map((s) => s.text);

  test('marks words as written in the text', () => {
    assert.deepEqual(marked('أسعار النفط ترتفع', 'نفط'), ['النفط']);
    assert.deepEqual(marked('فرض العقوبات على الشركات', 'عقوبة شركة'), ['العقوبات', 'الشركات']);
    assert.deepEqual(marked('اجتماع في الكِرملين', 'الكرملين'), ['الكِرملين']);
    assert.deepEqual(marked('نمو الاقتصاد العالمي', 'اقتص'), ['الاقتصاد']);
    assert.deepEqual(marked('وزارة الخارجية', 'زار'), []);
  });

  test('text is returned whole, as plain segments', () => {
    const text = '<b>النفط</b> & "نفط"';
    const segments = highlightSegments(text, parseQuery('نفط'));
    assert.equal(segments.map((s) => s.text).join(''), text);
    assert.deepEqual(segments.filter((s) => s.mark).map((s) => s.text), ['النفط', 'نفط']);
  });
});
