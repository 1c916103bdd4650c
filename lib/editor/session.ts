import 'server-only';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getCommentStore } from '@/lib/comments/service';
import { sessionAbsoluteMs, sessionAlive, sessionIdleMs } from '@/lib/editor/session-age';
import { settings } from '@/lib/settings.mjs';
import { site } from '@/lib/site';

const cookieName = 'khabar_editor';
/** Last use is written at most once a minute per session, not on every page view. */
const touchEveryMs = 60_000;

/** Editor pages exist only when a password is configured. */
export function editorEnabled(): boolean {
  return !!settings().editorPassword;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

export function passwordMatches(candidate: string): boolean {
  const password = settings().editorPassword;
  if (!password) return false;
  // Equal-length digests compared in constant time: neither length nor prefix leaks.
  return timingSafeEqual(digest(candidate), digest(password));
}

/**
 * The store keeps only this keyed hash of the id the browser holds: a copy of the table opens no
 * session, and changing EDITOR_PASSWORD changes every hash, which ends every session.
 */
function sessionHash(id: string): string {
  return createHmac('sha256', digest(`khabar-editor-session\0${settings().editorPassword ?? ''}`)).update(id).digest('base64url');
}

/**
 * Signs in: a new random id every time (the id a browser held before, if any, is ended, so a
 * planted or copied id never becomes a signed-in one), stored as its hash only.
 */
export async function createSession(): Promise<void> {
  const jar = await cookies();
  const store = getCommentStore();
  const previous = jar.get(cookieName)?.value;
  if (previous) await store.deleteSession(sessionHash(previous));
  const now = Date.now();
  // Ended sessions are removed at the next sign-in; until then they are refused by their age.
  await store.pruneSessions(now - sessionIdleMs, now - sessionAbsoluteMs);
  const id = randomBytes(32).toString('base64url');
  await store.createSession({ idHash: sessionHash(id), createdAt: now, lastSeenAt: now });
  jar.set(cookieName, id, {
    httpOnly: true,
    sameSite: 'strict',
    secure: site.url.startsWith('https:'),
    path: '/',
    maxAge: sessionAbsoluteMs / 1000,
  });
}

/** Signs out: this browser's session is ended on the server, not only forgotten by the browser. */
export async function endSession(): Promise<void> {
  const jar = await cookies();
  const id = jar.get(cookieName)?.value;
  if (id) await getCommentStore().deleteSession(sessionHash(id));
  jar.delete(cookieName);
}

/** «تسجيل الخروج من كل الأجهزة»: every editor session, on every device, ends at once. */
export async function endAllSessions(): Promise<void> {
  await getCommentStore().deleteAllSessions();
  (await cookies()).delete(cookieName);
}

export async function isEditor(): Promise<boolean> {
  if (!editorEnabled()) return false;
  const id = (await cookies()).get(cookieName)?.value;
  if (!id || !/^[\w-]{43}$/.test(id)) return false;
  const store = getCommentStore();
  const hash = sessionHash(id);
  const session = await store.findSession(hash);
  const now = Date.now();
  if (!session) return false;
  if (!sessionAlive(session, now)) {
    await store.deleteSession(hash);
    return false;
  }
  if (now - session.lastSeenAt >= touchEveryMs) await store.touchSession(hash, now);
  return true;
}

/** The stored hash of this browser's editor session, when it is a live one: audit lines name sessions by it. */
export async function editorSessionHash(): Promise<string | undefined> {
  if (!(await isEditor())) return undefined;
  const id = (await cookies()).get(cookieName)?.value;
  return id && sessionHash(id);
}

/** For editor pages: 404 when editing is off, the sign-in page when not signed in. */
export async function requireEditorPage(next: string): Promise<void> {
  if (!editorEnabled()) notFound();
  if (!(await isEditor())) redirect(`/editor/login?next=${encodeURIComponent(next)}`);
}

/**
 * For editor actions: checked inside each one, never only at the edge (an action is an endpoint
 * anyone can post to). Without a valid session nothing is done and the browser goes to the
 * sign-in page, as an editor whose session expired mid-task would want.
 */
export async function requireEditorAction(next: string): Promise<void> {
  if (!(await isEditor())) redirect(`/editor/login?next=${encodeURIComponent(next)}`);
}
