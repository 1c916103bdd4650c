import type { EditorSession } from '@/lib/comments/store';

/** A session ends 2 hours after its last use, and 12 hours after sign-in whatever its use. */
export const sessionIdleMs = 2 * 3_600_000;
export const sessionAbsoluteMs = 12 * 3_600_000;

/** Whether a stored session is still within its idle and absolute limits at `now`. */
export function sessionAlive(session: EditorSession, now: number): boolean {
  return now - session.lastSeenAt < sessionIdleMs && now - session.createdAt < sessionAbsoluteMs;
}
