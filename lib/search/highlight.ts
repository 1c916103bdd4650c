import { wordMatches } from '@/lib/search/analysis';
import { markedWords, type ParsedQuery } from '@/lib/search/query';

/** A run of text as written, and whether it is a word the reader searched for. */
export type Segment = { text: string; mark: boolean };

/**
 * Splits text into words and the rest, and marks the words the query matches
 * by the same analysis the index uses: «نفط» marks «النفط», «عقوبة» marks
 * «العقوبات». Segments are plain text; React escapes them, so only <mark> is added.
 */
export function highlightSegments(text: string, query: ParsedQuery): Segment[] {
  const words = markedWords(query);
  const segments: Segment[] = [];
  // Marks and tatweel belong to the word they are written in.
  text.split(/([\p{L}\p{N}\p{M}\u0640]+)/u).forEach((part, i) => {
    if (!part) return;
    const mark = i % 2 === 1 && wordMatches(part, words, query.prefix);
    const previous = segments.at(-1);
    if (previous && !previous.mark && !mark) previous.text += part;
    else segments.push({ text: part, mark });
  });
  return segments;
}
