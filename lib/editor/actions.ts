'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { clientAddress } from '@/lib/comments/reader-address';
import { refreshArticle } from '@/lib/comments/refresh';
import { getCommentStore } from '@/lib/comments/service';
import {
  clearFailures,
  createSession,
  editorEnabled,
  endSession,
  passwordMatches,
  requireEditorAction,
  slowDownFailure,
} from '@/lib/editor/session';
import { paths } from '@/lib/site';

/** Only same-site paths under /editor: `next` comes from the query string. */
function safeNext(value: FormDataEntryValue | null): string {
  const next = typeof value === 'string' ? value : '';
  return /^\/editor(\/[\w\-/]*)?$/.test(next) ? next : '/editor';
}

export async function signIn(form: FormData): Promise<void> {
  if (!editorEnabled()) redirect('/');
  const client = clientAddress(await headers());
  const password = form.get('password');
  const next = safeNext(form.get('next'));
  if (typeof password !== 'string' || !passwordMatches(password)) {
    await slowDownFailure(client);
    redirect(`/editor/login?failed=1&next=${encodeURIComponent(next)}`);
  }
  clearFailures(client);
  await createSession();
  redirect(next);
}

export async function signOut(): Promise<void> {
  await endSession();
  redirect('/editor/login');
}

const operations = ['approve', 'reject', 'delete'] as const;

export async function moderateComment(form: FormData): Promise<void> {
  await requireEditorAction('/editor/comments');
  const id = Number(form.get('id'));
  const operation = form.get('operation');
  if (!Number.isInteger(id) || id < 1 || !operations.includes(operation as (typeof operations)[number])) return;
  const store = getCommentStore();
  const comment = await store.get(id);
  if (!comment) return;
  if (operation === 'delete') await store.remove(id);
  else await store.setStatus(id, operation === 'approve' ? 'approved' : 'rejected');
  refreshArticle(paths.article(comment.article));
  revalidatePath('/editor/comments');
}
