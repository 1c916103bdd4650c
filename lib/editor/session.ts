import 'server-only';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getCommentStore } from '@/lib/comments/service';
import { settings } from '@/lib/settings.mjs';
import { site } from '@/lib/site';

const cookieName = 'khabar_editor';
const sessionSeconds = 12 * 3600;

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

/** Changing EDITOR_PASSWORD signs every editor out; the random part stays with the data. */
async function signingKey(): Promise<Buffer> {
  const secret = await getCommentStore().setting('session_secret', () => randomBytes(32).toString('base64url'));
  return createHash('sha256').update(`${secret}\0${settings().editorPassword ?? ''}`).digest();
}

async function sign(expires: number): Promise<string> {
  return createHmac('sha256', await signingKey()).update(`editor:${expires}`).digest('base64url');
}

export async function createSession(): Promise<void> {
  const expires = Math.floor(Date.now() / 1000) + sessionSeconds;
  (await cookies()).set(cookieName, `${expires}.${await sign(expires)}`, {
    httpOnly: true,
    sameSite: 'strict',
    secure: site.url.startsWith('https:'),
    path: '/',
    maxAge: sessionSeconds,
  });
}

export async function endSession(): Promise<void> {
  (await cookies()).delete(cookieName);
}

export async function isEditor(): Promise<boolean> {
  if (!editorEnabled()) return false;
  const value = (await cookies()).get(cookieName)?.value ?? '';
  const [expiresText, signature = ''] = value.split('.');
  const expires = Number(expiresText);
  if (!Number.isInteger(expires) || expires * 1000 < Date.now()) return false;
  const expected = Buffer.from(await sign(expires));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
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

type Failures = { count: number; last: number };
const failures = new Map<string, Failures>();

/**
 * Wrong passwords are slowed down per client: half a second, doubling with
 * each failure in the last 15 minutes, up to eight seconds.
 */
export async function slowDownFailure(client: string): Promise<void> {
  const now = Date.now();
  const previous = failures.get(client);
  const count = previous && now - previous.last < 15 * 60_000 ? previous.count + 1 : 1;
  failures.set(client, { count, last: now });
  if (failures.size > 10_000) failures.clear();
  await new Promise((resolve) => setTimeout(resolve, Math.min(8_000, 500 * 2 ** (count - 1))));
}

export function clearFailures(client: string): void {
  failures.delete(client);
}
