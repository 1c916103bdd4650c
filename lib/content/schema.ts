import { z } from 'zod';

/** File names become URLs, so they are restricted to lower-case ASCII words joined by hyphens. */
export const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const isoDateTimePattern =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

export const dateExpectation = 'expected an ISO 8601 date-time with offset, e.g. 2026-11-20T09:30:00+03:00';

/**
 * `Date.parse` quietly rolls 31 April over to 1 May, so the calendar fields
 * are checked by hand before the string is trusted.
 */
export function isIsoDateTimeWithOffset(value: string): boolean {
  const match = isoDateTimePattern.exec(value);
  if (!match) return false;
  const [, y, mo, d, h, mi, s, , oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return false;
  if (oh !== undefined && (Number(oh) > 14 || Number(om) > 59)) return false;
  return !Number.isNaN(Date.parse(value));
}

export const requiredText = (expected: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `required: ${expected}` : `expected text: ${expected}`) })
    .trim()
    .min(1, { error: `required: ${expected}` });

export const dateTime = z
  .string({ error: (issue) => (issue.input === undefined ? `required: ${dateExpectation.replace('expected ', '')}` : dateExpectation) })
  .refine(isIsoDateTimeWithOffset, { error: dateExpectation });

export const frontMatterSchema = z
  .strictObject(
    {
      title: requiredText('a non-empty headline'),
      description: requiredText('a one- or two-sentence summary (the standfirst)'),
      date: dateTime,
      updated: dateTime.optional(),
      category: requiredText('a category slug from categories.json'),
      author: requiredText('an author slug from authors.json'),
      tags: z
        .array(z.string({ error: 'expected text' }).trim().min(1, { error: 'expected a non-empty tag' }), {
          error: 'expected a list of non-empty tags, e.g. ["المناخ", "الطاقة"]',
        })
        .optional(),
      image: z
        .string({ error: 'expected a path under public/ such as /images/articles/example.jpg' })
        .regex(/^\/(?!\/)(?!.*\.\.)[\w\-./]+\.(jpe?g|png|webp|avif|gif)$/i, {
          error: 'expected a path under public/ such as /images/articles/example.jpg',
        })
        .optional(),
      imageAlt: z.string({ error: 'expected text describing the image' }).trim().min(1).optional(),
      draft: z.boolean({ error: 'expected true or false' }).optional(),
      breaking: z.boolean({ error: 'expected true or false' }).optional(),
      breakingUntil: dateTime.optional(),
      live: z.boolean({ error: 'expected true or false' }).optional(),
      liveEnded: dateTime.optional(),
      corrections: z
        .array(z.strictObject({ date: dateTime, text: requiredText('the correction as readers should see it') }), {
          error: 'expected a list of { date, text } corrections',
        })
        .optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? 'unknown field; expected one of title, description, date, updated, category, author, tags, image, imageAlt, draft, breaking, breakingUntil, live, liveEnded, corrections'
          : 'expected a front matter block of key: value lines',
    },
  );

/**
 * Checks between fields, run on the raw front matter whatever else is wrong
 * with it, so an editor sees every problem in one pass (zod skips refinements
 * once a field has failed).
 */
export function crossFieldIssues(data: unknown): { field: string; message: string }[] {
  if (!data || typeof data !== 'object') return [];
  const fm = data as Record<string, unknown>;
  const issues: { field: string; message: string }[] = [];
  const blank = (value: unknown) => typeof value !== 'string' || value.trim() === '';
  if (fm.image !== undefined && fm.image !== null && blank(fm.imageAlt)) {
    issues.push({ field: 'imageAlt', message: 'required when image is given: a description of the image for screen readers' });
  }
  if (
    typeof fm.date === 'string' &&
    typeof fm.updated === 'string' &&
    isIsoDateTimeWithOffset(fm.date) &&
    isIsoDateTimeWithOffset(fm.updated) &&
    Date.parse(fm.updated) < Date.parse(fm.date)
  ) {
    issues.push({ field: 'updated', message: 'expected a date-time on or after date' });
  }
  return issues;
}

export type FrontMatter = z.infer<typeof frontMatterSchema>;

export const categorySchema = z.strictObject({
  slug: z.string().regex(slugPattern, { error: 'expected a slug of lower-case letters, digits and hyphens' }),
  name: requiredText('the category name shown to readers'),
  description: requiredText('a sentence describing the category'),
});

export const authorSchema = z.strictObject({
  slug: z.string().regex(slugPattern, { error: 'expected a slug of lower-case letters, digits and hyphens' }),
  name: requiredText('the author name shown to readers'),
  bio: z.string().trim().min(1).optional(),
});

export type Category = z.infer<typeof categorySchema>;
export type Author = z.infer<typeof authorSchema>;

/** Dotted path of a zod issue (`tags.2`), or the key that was not recognised. */
export function issueField(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return issue.keys.join(', ');
  return issue.path.length ? issue.path.join('.') : '(front matter)';
}
