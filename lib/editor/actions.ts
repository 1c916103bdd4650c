'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { refreshArticle } from '@/lib/comments/refresh';
import { getCommentStore } from '@/lib/comments/service';
import { endAllSessions, endSession, requireEditorAction } from '@/lib/editor/session';
import { paths } from '@/lib/site';

export async function signOut(): Promise<void> {
  await endSession();
  redirect('/editor/login');
}

/** Ends every editor session on every device, this one included (a lost laptop, a shared password). */
export async function signOutEverywhere(): Promise<void> {
  await requireEditorAction('/editor');
  await endAllSessions();
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
