import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { getPublishedArticle } from '@/lib/content';
import { hashClient } from '@/lib/comments/reader-address';
import { commentRequestSchema } from '@/lib/comments/post-body';
import {
  commentLimits,
  countLinks,
  canonicalComment,
  cleanCommentBody,
  cleanCommentName,
  validateCommentFields,
  type CommentPage,
  type CommentSort,
  type FieldErrors,
  type PublicComment,
} from '@/lib/comments/schema';
import { openConfiguredStore } from '@/lib/comments/open-store';
import { toPublic, type CommentStore } from '@/lib/comments/store';
import { settings } from '@/lib/settings.mjs';
import { onShutdown, processSingleton } from '@/server/runtime.mjs';

export type CommentError = {
  status: 400 | 403 | 404 | 409 | 413 | 415 | 429 | 503;
  code: string;
  message: string;
  fields?: FieldErrors;
  retryAfter?: number;
};

export type SubmitResult =
  | { ok: true; status: 201 | 202; held: boolean; article: string; comment: PublicComment }
  | { ok: false; error: CommentError };

/** One store per process, opened (and migrated) on first use: PostgreSQL when DATABASE_URL is set, else SQLite. */
export function getCommentStore(): CommentStore {
  return processSingleton('comments', () => {
    const store = openConfiguredStore(settings().database, path.join(settings().dataDir, 'comments.db'));
    // server/serve.mjs closes the database after the last request on SIGTERM (WAL checkpointed,
    // pool ended); under `next dev` and in unit tests nothing runs the hook.
    onShutdown(() => store.close());
    return store;
  });
}

// STORE_UNAVAILABLE is how the PostgreSQL store reports a database it cannot reach or use.
const storageCodes = new Set(['STORE_UNAVAILABLE', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_BUSY', 'SQLITE_PERM', 'EACCES', 'EROFS', 'ENOSPC']);

/** A disk that is full or read-only is the server's problem, not the reader's: 503, nothing lost. */
export function isStorageFailure(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && [...storageCodes].some((c) => code.startsWith(c));
}

export const storageUnavailable: CommentError = {
  status: 503,
  code: 'storage_unavailable',
  message: 'تعذّر حفظ التعليقات مؤقتًا. لم يُحفظ تعليقك، حاول مرة أخرى بعد قليل.',
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

type Rejection = CommentError;

export async function submitComment(input: unknown, client: string, now = Date.now()): Promise<SubmitResult> {
  const parsed = commentRequestSchema.safeParse(input);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'الطلب';
    return { ok: false, error: { status: 400, code: 'invalid_request', message: `صيغة الطلب غير صحيحة (الحقل: ${field}).` } };
  }
  const request = parsed.data;
  // Lengths and emptiness are judged on the text as it will be shown, invisible characters gone.
  const name = cleanCommentName(request.name);
  const body = cleanCommentBody(request.body);
  const fields = validateCommentFields(name, body);
  if (fields.name || fields.body) {
    return { ok: false, error: { status: 400, code: 'validation_failed', message: 'يرجى تصحيح الحقول المشار إليها.', fields } };
  }
  const article = await getPublishedArticle(request.article);
  if (!article) {
    return { ok: false, error: { status: 404, code: 'article_not_found', message: 'المقال غير موجود أو غير منشور.' } };
  }

  try {
    const store = getCommentStore();
    const parentId = request.parentId ?? null;
    if (parentId !== null) {
      const parent = await store.get(parentId);
      if (!parent || parent.article !== article.slug || parent.parentId !== null || parent.status !== 'approved') {
        return { ok: false, error: { status: 400, code: 'invalid_parent', message: 'لا يمكن الرد على هذا التعليق.' } };
      }
    }
    const salt = await store.setting('client_salt', () => randomBytes(32).toString('base64url'));
    const spam = !!request.website?.trim();
    const held = countLinks(body) >= commentLimits.linksBeforeModeration;
    const result = await store.post<Rejection>(
      {
        article: article.slug,
        parentId,
        name,
        body,
        bodyHash: sha256(canonicalComment(body)),
        clientHash: hashClient(client, salt),
        status: spam ? 'spam' : held ? 'pending' : 'approved',
        createdAt: now,
      },
      { sinceMs: now - commentLimits.windowMs, duplicateSinceMs: now - commentLimits.duplicateWindowMs },
      (activity) => decide(activity, now),
    );
    // A bot that filled the honeypot is told nothing, limited or not: it is answered like a held comment.
    if (!result.ok && spam) return { ok: true, status: 202, held: true, article: article.slug, comment: heldEcho(name, body, parentId, now) };
    if (!result.ok) return { ok: false, error: result.rejection };
    const stored = result.comment;
    const accepted = stored.status === 'approved';
    return { ok: true, status: accepted ? 201 : 202, held: !accepted, article: article.slug, comment: toPublic(stored) };
  } catch (error) {
    if (isStorageFailure(error)) {
      console.error('[comments] storage failure', error);
      return { ok: false, error: storageUnavailable };
    }
    throw error;
  }
}

/** What a limited honeypot post is answered with: the shape of a held comment, stored nowhere. */
function heldEcho(name: string, body: string, parentId: number | null, now: number): PublicComment {
  return { id: 0, parentId, name, body, createdAt: new Date(now).toISOString() };
}

/** The rate and duplicate policy; `activity` is read in the insert's own transaction. */
export function decide(activity: { recent: number[]; duplicate: boolean }, now: number): Rejection | undefined {
  const { recent, duplicate } = activity;
  const last = recent.at(-1);
  if (last !== undefined && now - last < commentLimits.minIntervalMs) {
    return rateLimited(Math.ceil((last + commentLimits.minIntervalMs - now) / 1000));
  }
  if (recent.length >= commentLimits.postsPerWindow) {
    const oldestCounted = recent[recent.length - commentLimits.postsPerWindow]!;
    return rateLimited(Math.ceil((oldestCounted + commentLimits.windowMs - now) / 1000));
  }
  if (duplicate) {
    return { status: 409, code: 'duplicate', message: 'سبق أن أرسلت هذا التعليق نفسه.' };
  }
  return undefined;
}

function rateLimited(seconds: number): Rejection {
  const wait = Math.max(1, seconds);
  return {
    status: 429,
    code: 'rate_limited',
    message: `أرسلت تعليقات كثيرة في وقت قصير. يرجى الانتظار ${wait} ثانية ثم المحاولة مرة أخرى.`,
    retryAfter: wait,
  };
}

export type ListResult = { ok: true; page: CommentPage } | { ok: false; error: CommentError };

export async function listComments(articleSlug: string, page: number, sort: CommentSort): Promise<ListResult> {
  const article = await getPublishedArticle(articleSlug);
  if (!article) return { ok: false, error: { status: 404, code: 'article_not_found', message: 'المقال غير موجود أو غير منشور.' } };
  try {
    const { comments, total, threads } = await getCommentStore().listApproved(article.slug, {
      page,
      pageSize: commentLimits.pageSize,
      sort,
    });
    return { ok: true, page: { comments, total, page, threads, hasMore: page * commentLimits.pageSize < threads } };
  } catch (error) {
    if (isStorageFailure(error)) return { ok: false, error: { ...storageUnavailable, message: 'تعذّر تحميل التعليقات مؤقتًا.' } };
    throw error;
  }
}

/** The count in the article header; 0 rather than a broken page when the store is unavailable. */
export async function approvedCount(articleSlug: string): Promise<number> {
  try {
    return await getCommentStore().countApproved(articleSlug);
  } catch (error) {
    console.error('[comments] count unavailable', error);
    return 0;
  }
}
