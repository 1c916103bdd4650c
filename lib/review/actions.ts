'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { editorSessionHash, requireEditorAction } from '@/lib/editor/session';
import { createReviewLink, editorTag, revokeArticleLinks, revokeReviewLink } from '@/lib/review/links';

/** The desk's review-link buttons. Each checks the session itself: an action is an endpoint anyone can post to. */
async function editor(): Promise<string> {
  await requireEditorAction('/editor');
  const hash = await editorSessionHash();
  if (!hash) redirect('/editor/login?next=%2Feditor');
  return editorTag(hash);
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

export async function createReviewLinkAction(form: FormData): Promise<void> {
  const tag = await editor();
  const result = await createReviewLink(text(form, 'article'), text(form, 'duration'), tag);
  revalidatePath('/editor');
  // The desk lists the new link with its address; the fragment scrolls to it. A refusal (the article
  // was published meanwhile, a forged duration) simply adds no link.
  redirect('error' in result ? '/editor#review-links' : `/editor#review-link-${result.link.id}`);
}

export async function revokeReviewLinkAction(form: FormData): Promise<void> {
  const tag = await editor();
  await revokeReviewLink(text(form, 'id'), tag);
  revalidatePath('/editor');
  redirect('/editor#review-links');
}

export async function revokeArticleLinksAction(form: FormData): Promise<void> {
  const tag = await editor();
  await revokeArticleLinks(text(form, 'article'), tag);
  revalidatePath('/editor');
  redirect('/editor#review-links');
}
