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

/** The query with the word being typed taken as a whole word. */
export function wholeWords(query: ParsedQuery): ParsedQuery {
  return query.prefix ? { ...query, words: [...query.words, query.prefix], prefix: undefined } : query;
}

/** Every word the results page marks in headlines and standfirsts. */
export function markedWords(query: ParsedQuery): QueryWord[] {
  return [...query.words, ...query.phrases.flat()];
}

/** Where words are looked for: columns for words as written, for their stems, and for a prefix (by its stem). */
export type Scope = { exact: string; stem?: string; joined?: string; prefix: string };

const stems = '{title_stem description_stem tags_stem body_stem}';
/** Every field; the stems after a joined letter only for long enough stems (lib/search/analysis.ts). */
export const anywhere: Scope = { exact: '{title description tags body}', stem: stems, joined: '{title_stem description_stem tags_stem body_stem joined}', prefix: stems };

/**
 * The ranking, best first: every word in the headline as written, in the headline, in headline or
 * standfirst, in those or the tags, anywhere. Newer first within each. Each is a plain FTS5 match
 * read in rowid order, so a page costs a few index lookups however many articles match; bm25
 * first counted every article holding each word, which at 250,000 articles was most of a search.
 * The scopes before the last take the word being typed as a whole word (see prefixExpression).
 */
export const rankingScopes: Scope[] = [
  { exact: '{title}', prefix: '{title_stem}' },
  { exact: '{title}', stem: '{title_stem}', prefix: '{title_stem}' },
  { exact: '{title description}', stem: '{title_stem description_stem}', prefix: '{title_stem description_stem}' },
  { exact: '{title description tags}', stem: '{title_stem description_stem tags_stem}', prefix: '{title_stem description_stem tags_stem}' },
  anywhere,
];

/**
 * Tokens reach FTS5 only inside double quotes, where every character is text:
 * «NEAR», «OR», «*», «:», «^» and brackets typed by a reader never become
 * syntax. Tokens hold letters and digits only; doubling quotes is the FTS5
 * escape, kept in case that ever changes.
 */
const quoted = (token: string) => `"${token.replaceAll('"', '""')}"`;

function wordExpression(word: QueryWord, scope: Scope): string {
  const stemColumns = word.joined && scope.joined ? scope.joined : scope.stem;
  const exact = `${scope.exact} : ${quoted(word.exact)}`;
  return stemColumns ? `(${exact} OR ${stemColumns} : ${quoted(word.stem)})` : exact;
}

/**
 * The word being typed, by its stem only: FTS5 builds a prefix's list of articles by merging those
 * of every word that starts with it, and one such merge per query is what keeps a search quick.
 */
function prefixExpression(word: QueryWord, scope: Scope): string {
  return `${word.joined && scope.joined ? scope.joined : scope.prefix} : ${quoted(word.stem)}*`;
}

/**
 * A phrase is found as written or by the stems of its words, in order: each field's stem column
 * holds one stem per word, so positions line up with the words as written.
 */
function phraseExpression(phrase: QueryWord[], scope: Scope): string {
  const exact = `${scope.exact} : ${quoted(phrase.map((w) => w.exact).join(' '))}`;
  return scope.stem ? `(${exact} OR ${scope.stem} : ${quoted(phrase.map((w) => w.stem).join(' '))})` : exact;
}

/** The FTS5 MATCH expression, or undefined when there is nothing to look for; `scope` narrows where (ranking). */
export function matchExpression(query: ParsedQuery, scope: Scope = anywhere): string | undefined {
  if (!hasTerms(query)) return undefined;
  const required = [
    ...query.words.map((word) => wordExpression(word, scope)),
    ...query.phrases.map((phrase) => phraseExpression(phrase, scope)),
    ...(query.prefix ? [prefixExpression(query.prefix, scope)] : []),
  ];
  let expression = `(${required.join(' AND ')})`;
  // Excluded anywhere, whatever the scope.
  for (const word of query.excluded) expression = `(${expression} NOT ${wordExpression(word, anywhere)})`;
  return expression;
}
