import { normalizeArabic } from '@/lib/search-text';

/** The text as written, with words that start with a searched word marked. React escapes every part. */
export function HighlightedText({ text, tokens }: { text: string; tokens: string[] }) {
  const parts = text.split(/([\p{L}\p{N}\p{M}\u0640]+)/u);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 && tokens.some((token) => normalizeArabic(part).startsWith(token)) ? (
          <mark key={i} className="rounded bg-amber-200 px-0.5 text-ink">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}
