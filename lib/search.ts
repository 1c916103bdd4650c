import 'server-only';
import { closeSync, openSync, readSync } from 'node:fs';
import { searchArchive, withCategories, type ArticleEntry, type ArticleMeta, type SearchArchive } from '@/lib/content';
import { splitFrontMatter } from '@/lib/content/front-matter';
import { markdownToText } from '@/lib/content/markdown';
import { searchTokens } from '@/lib/search-text';

/** Field weights: a match in the headline counts most, one in the body least. */
const weights = { title: 8, description: 4, tags: 3, body: 1 } as const;
type Field = keyof typeof weights;
const fields: Field[] = ['title', 'description', 'tags', 'body'];

export const maxQueryLength = 200;
const maxQueryTokens = 8;
/** A one-letter prefix can match thousands of words; only the most common few hundred are followed. */
const maxTermsPerToken = 300;
/** Bodies are indexed from their first part: the lead and first paragraphs carry the story. */
const bodyBytes = 4096;
const recencyDays = 30;

type FieldIndex = { terms: string[]; postings: Map<string, Int32Array> };
type SearchIndex = { byField: Record<Field, FieldIndex>; bodiesReady: Promise<void> };

function buildField(articles: ArticleMeta[], tokensOf: (a: ArticleMeta) => string[]): FieldIndex {
  const lists = new Map<string, number[]>();
  for (const article of articles) {
    for (const token of new Set(tokensOf(article))) {
      const list = lists.get(token);
      if (list) list.push(article.ord);
      else lists.set(token, [article.ord]);
    }
  }
  const postings = new Map<string, Int32Array>();
  for (const [token, list] of lists) postings.set(token, Int32Array.from(list));
  return { terms: [...postings.keys()].sort(), postings };
}

function readBodyStart(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bodyBytes);
    const read = readSync(fd, buffer, 0, bodyBytes, 0);
    const split = splitFrontMatter(buffer.subarray(0, read).toString('utf8'));
    return 'body' in split ? markdownToText(split.body) : '';
  } finally {
    closeSync(fd);
  }
}

const built = new WeakMap<SearchArchive, SearchIndex>();

/**
 * Headlines, standfirsts and tags are indexed at once; bodies in the
 * background, a slice at a time, so a large archive never blocks requests.
 * Until they are in, results come from the other fields.
 */
function searchIndexFor(index: SearchArchive): SearchIndex {
  const existing = built.get(index);
  if (existing) return existing;
  const result: SearchIndex = {
    byField: {
      title: buildField(index.articles, (a) => searchTokens(a.title)),
      description: buildField(index.articles, (a) => searchTokens(a.description)),
      tags: buildField(index.articles, (a) => a.tags.flatMap(searchTokens)),
      body: { terms: [], postings: new Map() },
    },
    bodiesReady: Promise.resolve(),
  };
  built.set(index, result);
  let ready!: () => void;
  result.bodiesReady = new Promise((resolve) => (ready = resolve));
  const bodies: string[][] = new Array(index.articles.length);
  let next = 0;
  const step = () => {
    const end = Math.min(next + 500, index.articles.length);
    for (; next < end; next++) {
      const article = index.articles[next]!;
      try {
        bodies[next] = searchTokens(readBodyStart(article.file));
      } catch {
        bodies[next] = [];
      }
    }
    if (next < index.articles.length) {
      setImmediate(step);
      return;
    }
    result.byField.body = buildField(index.articles, (a) => bodies[a.ord] ?? []);
    ready();
  };
  setImmediate(step);
  return result;
}

/** Index terms starting with `token`, found by binary search in the sorted term list. */
function termsWithPrefix(terms: string[], token: string): string[] {
  let low = 0;
  let high = terms.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (terms[mid]! < token) low = mid + 1;
    else high = mid;
  }
  const found: string[] = [];
  for (let i = low; i < terms.length && terms[i]!.startsWith(token) && found.length < maxTermsPerToken; i++) found.push(terms[i]!);
  return found;
}

export type SearchResult = { article: ArticleMeta; score: number };
export type SearchPage = { results: SearchResult[]; total: number; page: number; totalPages: number; tokens: string[] };

/**
 * Every query word must match (as a word or the start of one) in some field;
 * the score adds each field's weight per word and a boost that halves every
 * month of age. Published articles only.
 */
export function searchIndex(index: SearchArchive, query: string, page: number, pageSize: number, now: number): SearchPage {
  const tokens = [...new Set(searchTokens(query.slice(0, maxQueryLength)))].slice(0, maxQueryTokens);
  if (!tokens.length) return { results: [], total: 0, page: 1, totalPages: 0, tokens };
  const search = searchIndexFor(index);
  const n = index.articles.length;
  const scores = new Float64Array(n);
  const matched = new Uint32Array(n);
  const touched: number[] = [];
  tokens.forEach((token, t) => {
    const bit = 1 << t;
    for (const field of fields) {
      const { terms, postings } = search.byField[field];
      const seen = new Set<number>();
      for (const term of termsWithPrefix(terms, token)) {
        for (const ord of postings.get(term)!) {
          if (seen.has(ord)) continue;
          seen.add(ord);
          if (matched[ord] === 0) touched.push(ord);
          matched[ord]! |= bit;
          scores[ord]! += weights[field] * (term === token ? 1.5 : 1);
        }
      }
    }
  });
  const all = (1 << tokens.length) - 1;
  const { visibleFrom } = index.columns;
  const hits: SearchResult[] = [];
  for (const ord of touched) {
    if (matched[ord] !== all || visibleFrom[ord]! > now) continue;
    const ageDays = Math.max(0, (now - visibleFrom[ord]!) / 86_400_000);
    hits.push({ article: index.articles[ord]!, score: scores[ord]! + 4 * 0.5 ** (ageDays / recencyDays) });
  }
  hits.sort((a, b) => b.score - a.score || a.article.ord - b.article.ord);
  const totalPages = Math.ceil(hits.length / pageSize);
  return { results: hits.slice((page - 1) * pageSize, page * pageSize), total: hits.length, page, totalPages, tokens };
}

/** Resolves once article bodies are searchable too (benchmarks and tests wait for it). */
export function bodiesIndexed(index: SearchArchive): Promise<void> {
  return searchIndexFor(index).bodiesReady;
}

/** A page of results for the search page, each with its category. */
export type FoundPage = Omit<SearchPage, 'results'> & { results: ArticleEntry[] };

export async function searchArticles(query: string, page = 1, pageSize = 10): Promise<FoundPage> {
  const found = searchIndex(await searchArchive(), query, page, pageSize, Date.now());
  return { ...found, results: await withCategories(found.results.map((r) => r.article)) };
}
