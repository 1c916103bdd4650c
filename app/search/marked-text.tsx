import { highlightSegments } from '@/lib/search/highlight';
import type { ParsedQuery } from '@/lib/search/query';

/** The text as written, searched words in <mark>; React escapes every segment. */
export function MarkedText({ text, query }: { text: string; query: ParsedQuery }) {
  return (
    <>
      {highlightSegments(text, query).map((segment, i) =>
        segment.mark ? (
          <mark key={i} className="rounded bg-amber-200 px-0.5 text-ink">
            {segment.text}
          </mark>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
