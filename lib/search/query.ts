import { queryWords, type QueryWord } from '@/lib/search/analysis';

export const maxQueryLength = 200;
/** Beyond a handful of words a query only gets slower, not better. */
const maxWords = 8;

/**
 * What a reader asked for: every word must match (as written or by its stem),
 * the last one also as the start of a word while it is being typed; each
 * `"…"` phrase must appear in order, as written or by its words' stems; no `-word` may appear.
 */
export type ParsedQuery = {
  words: QueryWord[];
  prefix?: QueryWord;
  phrases: QueryWord[][];
  excluded: QueryWord[];
};

export function parseQuery(raw: string): ParsedQuery {
  const query: ParsedQuery = { words: [], phrases: [], excluded: [] };
  let count = 0;
  let lastIsWord = false;
  const seen = new Set<string>();
  const addWords = (words: QueryWord[]) => {
    for (const word of words) {
      if (seen.has(word.exact) || count >= maxWords) continue;
      seen.add(word.exact);
      query.words.push(word);
      count++;
    }
  };
  // A quote without its pair is not a phrase: the second alternative takes it, and the tokenizer drops the mark.
  for (const match of raw.slice(0, maxQueryLength).matchAll(/"([^"]*)"|(\S+)/gu)) {
    lastIsWord = false;
    if (match[1] !== undefined) {
      const phrase = queryWords(match[1]);
      if (phrase.length > 1 && count + phrase.length <= maxWords) {
        query.phrases.push(phrase);
        count += phrase.length;
      } else addWords(phrase);
      continue;
    }
    const chunk = match[2]!;
    if (/^[-\u2212]/u.test(chunk)) {
      for (const word of queryWords(chunk.slice(1))) if (query.excluded.length < maxWords) query.excluded.push(word);
      continue;
    }
    const before = query.words.length;
    addWords(queryWords(chunk));
    lastIsWord = query.words.length > before;
  }
  const last = query.words.at(-1);
  // One letter would expand to most of the vocabulary; it is matched as a whole word instead.
  if (lastIsWord && last && last.exact.length >= 2) query.prefix = query.words.pop();
  return query;
}

/** Whether there is anything to look for: exclusions alone are not a search. */
export function hasTerms(query: ParsedQuery): boolean {
  return query.words.length > 0 || query.phrases.length > 0 || query.prefix !== undefined;
}

/** Every word the results page marks in headlines and standfirsts. */
export function markedWords(query: ParsedQuery): QueryWord[] {
  return [...query.words, ...query.phrases.flat()];
}

const exactColumns = '{title description tags body}';
const stemColumns = '{title_stem description_stem tags_stem body_stem}';
const joinedColumns = '{title_stem description_stem tags_stem body_stem joined}';

/**
 * Tokens reach FTS5 only inside double quotes, where every character is text:
 * «NEAR», «OR», «*», «:», «^» and brackets typed by a reader never become
 * syntax. Tokens hold letters and digits only; doubling quotes is the FTS5
 * escape, kept in case that ever changes.
 */
const quoted = (token: string) => `"${token.replaceAll('"', '""')}"`;

function wordExpression(word: QueryWord, prefix = false): string {
  const star = prefix ? '*' : '';
  return `(${exactColumns} : ${quoted(word.exact)}${star} OR ${word.joined ? joinedColumns : stemColumns} : ${quoted(word.stem)}${star})`;
}

/**
 * A phrase is found as written or by the stems of its words, in order: each field's stem column
 * holds one stem per word, so positions line up with the words as written.
 */
function phraseExpression(phrase: QueryWord[]): string {
  const exact = quoted(phrase.map((w) => w.exact).join(' '));
  const stems = quoted(phrase.map((w) => w.stem).join(' '));
  return `(${exactColumns} : ${exact} OR ${stemColumns} : ${stems})`;
}

/** The FTS5 MATCH expression, or undefined when there is nothing to look for. */
export function matchExpression(query: ParsedQuery): string | undefined {
  if (!hasTerms(query)) return undefined;
  const required = [
    ...query.words.map((word) => wordExpression(word)),
    ...query.phrases.map(phraseExpression),
    ...(query.prefix ? [wordExpression(query.prefix, true)] : []),
  ];
  let expression = `(${required.join(' AND ')})`;
  for (const word of query.excluded) expression = `(${expression} NOT ${wordExpression(word)})`;
  return expression;
}
