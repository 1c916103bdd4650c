import { normalizeArabic, searchTokens } from '@/lib/search-text';

/*
 * The light stemmer, applied alike to the index and the query. Hand-written in
 * the manner of Larkey's light10: the Snowball Arabic stemmer (tried as
 * `snowball-stemmers` 0.6 and `@nlpjs/lang-ar` 4.26, which ship the same
 * algorithm) over-reaches on news words («وزارة» → «زار», «فلسطين» → «لسط»)
 * and stems singular and plural apart («عقوبة» → «عقوب», «عقوبات» → «عقوبا»).
 * Words arrive normalised (lib/search-text.ts): ة is ه, ى is ي, hamza seats
 * are plain, digits are Latin.
 */

/** Bump when the analysis or the index's schema changes: an index built with another version is rebuilt. */
export const analysisVersion = 3;

/** No stem is shorter than this: «سنة» must not become «سن», «بين» not «ب». */
const minStem = 3;
/**
 * The bare article alone may leave two letters («الطب» → «طب», «الفن» → «فن»), so the word a
 * reader types meets them; its joined forms may not («والدة» is not «و» + «ال» + «دة»), nor
 * the common four-letter words that merely start with «ال».
 */
const notArticle = new Set(['الذي', 'التي', 'الان', 'الله', 'اليه', 'الاف', 'الات', 'الهه', 'اليك', 'الوف']);

// Longest first, so «وال» is taken before «ال».
const articlePrefixes = ['وال', 'فال', 'بال', 'كال', 'ولل', 'فلل', 'لل', 'ال'];
/** Conjunctions and prepositions written joined to the next word. */
const attached = new Set(['و', 'ف', 'ب', 'ك', 'ل']);
/** Attached pronouns: after one, a ت was a ta marbuta («حكومتها» is «حكومة» + «ها»). */
const pronouns = ['هما', 'كما', 'ها', 'هم', 'هن', 'كم', 'نا'];
/** Plural, dual and adjective endings; «ان» keeps four letters so «لبنان» and «ايران» stay whole. */
const endings: [string, number][] = [
  ['ات', minStem],
  ['ون', minStem],
  ['ين', minStem],
  ['ان', 4],
  ['يه', minStem],
  ['ه', minStem],
  ['ي', minStem],
];

function stripArticle(word: string): string {
  for (const prefix of articlePrefixes) {
    if (word.startsWith(prefix) && word.length - prefix.length >= minStem) return word.slice(prefix.length);
  }
  return word.length === 4 && word.startsWith('ال') && !notArticle.has(word) ? word.slice(2) : word;
}

function stripSuffixes(word: string): string {
  let stem = word;
  for (const pronoun of pronouns) {
    if (stem.endsWith(pronoun) && stem.length - pronoun.length >= minStem) {
      stem = stem.slice(0, -pronoun.length);
      if (stem.endsWith('ت')) stem = `${stem.slice(0, -1)}ه`;
      break;
    }
  }
  // Up to three rounds: «مصريين» → «مصري» → «مصر», «فلسطينيون» → «فلسطيني» → «فلسطين» → «فلسط».
  for (let round = 0; round < 3; round++) {
    const before = stem;
    for (const [ending, keep] of endings) {
      if (stem.endsWith(ending) && stem.length - ending.length >= keep) {
        stem = stem.slice(0, -ending.length);
        break;
      }
    }
    if (stem === before) break;
  }
  return stem;
}

const isArabic = (word: string) => /^[\u0621-\u064a]+$/u.test(word);

/** The stem of one normalised word; Latin words and numbers are their own stem. */
export function stem(word: string): string {
  if (!isArabic(word)) return word;
  return stripSuffixes(stripArticle(word));
}

/** Joined stems are asked for only by query stems this long: «زار» must not find «وزارة». */
const minJoined = 4;

/**
 * The stem of the rest of a word that starts with a joined «و ف ب ك ل», when
 * at least four letters follow and it differs from the word's own stem:
 * «وكتاب» → «كتاب», «للقاء» → «لقاء». Kept in a column of its own, asked only
 * for query stems of four letters or more, so «كتاب» finds «وكتاب» while
 * «زير» does not find «وزير» nor «زار» «وزارة».
 */
export function joinedStem(word: string): string | undefined {
  if (!isArabic(word) || !attached.has(word[0]!)) return undefined;
  const rest = word.slice(1);
  if (rest.length < minJoined) return undefined;
  const other = stem(rest);
  return other.length >= minJoined && other !== stem(word) ? other : undefined;
}

/** The forms a field is stored in: normalised words, their stems, and the stems after a joined letter. */
export type AnalysedText = { exact: string; stems: string; joined: string };

export function analyse(text: string): AnalysedText {
  const words = searchTokens(text);
  return {
    exact: words.join(' '),
    stems: words.map(stem).join(' '),
    joined: words.map(joinedStem).filter((s) => s !== undefined).join(' '),
  };
}

/** A query word: as typed (normalised), its stem, and whether joined stems may answer it. */
export type QueryWord = { exact: string; stem: string; joined: boolean };

export function queryWords(text: string): QueryWord[] {
  return searchTokens(text).map((exact) => {
    const own = stem(exact);
    return { exact, stem: own, joined: isArabic(own) && own.length >= minJoined };
  });
}

/** Whether a word of the text (as written) is one the query asks for. */
export function wordMatches(written: string, words: readonly QueryWord[], prefix?: QueryWord): boolean {
  const exact = normalizeArabic(written);
  if (!/^[\p{L}\p{N}]+$/u.test(exact)) return false;
  const own = stem(exact);
  const joined = joinedStem(exact);
  const meets = (w: QueryWord) => w.exact === exact || w.stem === own || (w.joined && w.stem === joined);
  if (words.some(meets)) return true;
  if (!prefix) return false;
  return meets(prefix) || exact.startsWith(prefix.exact) || own.startsWith(prefix.stem) || (prefix.joined && joined?.startsWith(prefix.stem) === true);
}
