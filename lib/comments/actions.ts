'use server';

import { headers } from 'next/headers';
import { clientAddress } from '@/lib/comments/reader-address';
import type { FieldErrors, PublicComment } from '@/lib/comments/schema';
import { submitComment } from '@/lib/comments/service';
import { refreshArticle } from '@/lib/comments/refresh';
import { paths } from '@/lib/site';

export type CommentFormState = {
  status: 'idle' | 'posted' | 'held' | 'error';
  message?: string;
  fields?: FieldErrors;
  /** What the reader typed, handed back on error so nothing is lost (also without JavaScript). */
  values: { name: string; body: string };
  comment?: PublicComment;
  /** Changes on every submission so the form can tell one result from the next. */
  submission: number;
};

const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === 'string' ? value : '';
};

/** The comment form's mutation; the same checks as POST /api/comments, through the same service. */
export async function postCommentAction(previous: CommentFormState, form: FormData): Promise<CommentFormState> {
  const values = { name: text(form, 'name'), body: text(form, 'body') };
  const parent = text(form, 'parentId');
  const result = await submitComment(
    {
      article: text(form, 'article'),
      name: values.name,
      body: values.body,
      parentId: /^\d+$/.test(parent) ? Number(parent) : null,
      website: text(form, 'website'),
    },
    clientAddress(await headers()),
  );
  const submission = previous.submission + 1;
  if (!result.ok) {
    return { status: 'error', message: result.error.message, fields: result.error.fields, values, submission };
  }
  if (!result.held) refreshArticle(paths.article(result.article));
  return {
    status: result.held ? 'held' : 'posted',
    message: result.held ? 'شكرًا لك. سيظهر تعليقك بعد مراجعته من المحررين.' : 'نُشر تعليقك.',
    values: { name: values.name, body: '' },
    comment: result.comment,
    submission,
  };
}
