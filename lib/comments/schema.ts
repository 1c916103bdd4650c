// Comment rules shared by the form (client) and the server: nothing here may pull in server code or zod.

/** Limits anchored on WordPress, Isso and Remark42 defaults. */
export const commentLimits = {
  nameMin: 2,
  nameMax: 80,
  bodyMin: 3,
  bodyMax: 2000,
  requestBytes: 16 * 1024,
  pageSize: 20,
  /** Two or more links hold a comment for moderation. */
  linksBeforeModeration: 2,
  minIntervalMs: 15_000,
  windowMs: 10 * 60_000,
  postsPerWindow: 5,
  duplicateWindowMs: 10 * 60_000,
} as const;

/** Length as a reader counts it: code points, not UTF-16 units. */
export function visibleLength(text: string): number {
  return [...text].length;
}

/**
 * Characters that show nothing or turn the text around them: zero-width space, ZWNJ, ZWJ, the
 * LRM/RLM/ALM marks, the bidi embeddings, overrides and isolates, word joiner and invisible
 * operators, and the BOM. A name made of them looks empty, U+202E makes «ليلى» display as another
 * word, and one of them added to a text defeats a plain duplicate check.
 */
const invisibleCharacters = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

// Scripts whose letters join or form conjuncts, where ZWNJ/ZWJ changes how a word is written:
// Persian «می‌خواهم» or Urdu words quoted in Arabic text, and the Indic scripts.
const joiningLetter =
  /^(?=\p{L})[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}]$/u;
const pictograph = /^\p{Extended_Pictographic}$/u;
// Marks (harakat, the emoji variation selector) and skin tones belong to the character before them.
const attached = /^[\p{M}\u{1f3fb}-\u{1f3ff}]$/u;

function codePointBefore(text: string, index: number): string {
  let i = index;
  while (i > 0) {
    const low = text.charCodeAt(i - 1);
    const start = i >= 2 && low >= 0xdc00 && low <= 0xdfff ? i - 2 : i - 1;
    const char = String.fromCodePoint(text.codePointAt(start)!);
    if (!attached.test(char)) return char;
    i = start;
  }
  return '';
}

function codePointAt(text: string, index: number): string {
  const code = text.codePointAt(index);
  return code === undefined ? '' : String.fromCodePoint(code);
}

/** A ZWNJ/ZWJ that changes how the word it sits in is written: kept in comment bodies. */
function joinerNeeded(char: string, text: string, index: number): boolean {
  if (char !== '\u200c' && char !== '\u200d') return false;
  const before = codePointBefore(text, index);
  const after = codePointAt(text, index + 1);
  if (joiningLetter.test(before) && joiningLetter.test(after)) return true;
  // 👩‍💻 and the family emoji are ZWJ sequences.
  return char === '\u200d' && pictograph.test(before) && pictograph.test(after);
}

/** Removes every invisible or direction-changing character; `keepJoiners` keeps the needed ZWNJ/ZWJ. */
export function stripInvisible(text: string, { keepJoiners = false }: { keepJoiners?: boolean } = {}): string {
  return text.replace(invisibleCharacters, (char, index: number, whole: string) => (keepJoiners && joinerNeeded(char, whole, index) ? char : ''));
}

/** Unicode NFC, trimmed; line breaks inside are kept, runs of blank lines folded. */
export function normalizeComment(text: string, { keepJoiners = true }: { keepJoiners?: boolean } = {}): string {
  return (
    stripInvisible(
      text
        // A lone surrogate cannot be stored as UTF-8; it becomes U+FFFD here, not silently in the database.
        .toWellFormed()
        .replace(/\r\n?/g, '\n')
        // Control characters go before NFC, so a letter and its mark they separated still compose.
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ''),
      { keepJoiners },
    )
      .normalize('NFC')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** A name as stored and shown: no invisible characters at all, one line, single spaces. */
export function cleanCommentName(text: string): string {
  return normalizeComment(text, { keepJoiners: false }).replace(/\s+/g, ' ');
}

/** A body as stored and shown: invisible characters gone except joiners inside words that need them. */
export function cleanCommentBody(text: string): string {
  return normalizeComment(text, { keepJoiners: true });
}

/**
 * What the duplicate check compares: NFKC (presentation forms and full-width letters fold to the
 * plain ones), no invisible characters, whitespace collapsed. Two bodies a reader cannot tell apart
 * have the same canonical form.
 */
export function canonicalComment(text: string): string {
  return stripInvisible(text.toWellFormed().normalize('NFKC')).replace(/\s+/g, ' ').trim();
}

export type FieldErrors = Partial<Record<'name' | 'body', string>>;

/** Arabic messages shown next to the field; the same text on the server and in the form. */
export function validateCommentFields(name: string, body: string): FieldErrors {
  const errors: FieldErrors = {};
  const nameLength = visibleLength(name);
  const bodyLength = visibleLength(body);
  if (nameLength === 0) errors.name = 'الاسم مطلوب.';
  else if (nameLength < commentLimits.nameMin) errors.name = "الاسم قصير جدًا: حرفان على الأقل.";
  else if (nameLength > commentLimits.nameMax) errors.name = `الاسم طويل جدًا: ${commentLimits.nameMax} حرفًا على الأكثر.`;
  if (bodyLength === 0) errors.body = 'نص التعليق مطلوب.';
  else if (bodyLength < commentLimits.bodyMin) errors.body = `التعليق قصير جدًا: ${commentLimits.bodyMin} أحرف على الأقل.`;
  else if (bodyLength > commentLimits.bodyMax) errors.body = `التعليق طويل جدًا: ${commentLimits.bodyMax} حرف على الأكثر.`;
  return errors;
}

// A host must start with a letter or digit: "www..." or "http://." are not links.
const urlPattern = /\bhttps?:\/\/[\p{L}\p{N}][^\s<>"']*|\bwww\.[\p{L}\p{N}][^\s<>"']*/giu;
const trailingPunctuation = new Set([...'.,;:!?؟،؛)]}»”\'"']);

/** Punctuation after a link belongs to the sentence, but a ")" closing a "(" inside the link is part of it. */
function trimTrailing(url: string): string {
  let end = url.length;
  while (end > 0 && trailingPunctuation.has(url[end - 1]!)) {
    if (url[end - 1] === ')') {
      const head = url.slice(0, end);
      if (head.split('(').length > head.split(')').length - 1) break;
    }
    end--;
  }
  return url.slice(0, end);
}

/** Links as a spammer writes them: http(s):// and bare www. addresses. */
export function countLinks(text: string): number {
  return text.match(urlPattern)?.length ?? 0;
}

export type TextSegment = { type: 'text'; text: string } | { type: 'link'; text: string; href: string };

/**
 * Splits plain comment text into text and link segments. Rendering goes
 * through React, which escapes the text: nothing in a comment is ever HTML.
 * Trailing punctuation stays outside the link, as readers expect.
 */
export function linkify(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    const url = trimTrailing(match[0]);
    const start = match.index;
    if (start > last) segments.push({ type: 'text', text: text.slice(last, start) });
    const href = url.toLowerCase().startsWith('www.') ? `https://${url}` : url;
    segments.push({ type: 'link', text: url, href });
    last = start + url.length;
  }
  if (last < text.length) segments.push({ type: 'text', text: text.slice(last) });
  return segments;
}

/** What readers (and the API) see of a comment: no status, no client fingerprint. */
export type PublicComment = {
  id: number;
  parentId: number | null;
  name: string;
  body: string;
  /** ISO 8601 instant */
  createdAt: string;
  replies?: PublicComment[];
};

export type CommentPage = {
  comments: PublicComment[];
  /** Approved comments on the article, replies included: the number in the heading. */
  total: number;
  page: number;
  /** Top-level threads on all pages, for «المزيد من التعليقات». */
  threads: number;
  hasMore: boolean;
};

export type CommentSort = 'newest' | 'oldest';
