import 'server-only';
import { addressGroup, clientAddress } from '@/lib/comments/reader-address';
import { processSingleton } from '@/server/runtime.mjs';

/**
 * Guesses at a secret (the editor password, PREVIEW_SECRET, REVALIDATE_SECRET) are limited per
 * client before the secret is looked at:
 *
 * - every attempt counts as a failure from the moment it arrives, so parallel attempts cannot all
 *   slip in before the first one is judged: the eleventh concurrent guess is refused at once;
 * - every admitted attempt waits the same delay before the secret is compared, right or wrong, so
 *   cutting requests off early tells nothing (the wrong ones used to wait and the right one not);
 * - after `limit` failures in the window the client is answered 429 with Retry-After, even with
 *   the right secret, until the window has passed;
 * - a right secret gives its attempt back, so an editor's typo does not stay held against them.
 *
 * Clients are IPv4 addresses or IPv6 /64s (addressGroup). The table holds at most `maxClients`
 * windows; when it is full, finished windows are dropped first, then the oldest running ones: it
 * is never emptied all at once, which would hand every attacker a fresh allowance.
 */
export type ThrottleOptions = { limit?: number; windowMs?: number; maxClients?: number; now?: () => number };

export type Admission = { admitted: true; settle: (success: boolean) => void } | { admitted: false; retryAfterSeconds: number };

type Window = { start: number; count: number };

export function createThrottle({ limit = 10, windowMs = 15 * 60_000, maxClients = 10_000, now = Date.now }: ThrottleOptions = {}) {
  // Insertion order is start order: a window is inserted when it starts and never moved.
  const windows = new Map<string, Window>();

  /** Drops the oldest windows (finished ones come first, being older) until one more fits. */
  function makeRoom(): void {
    for (const key of windows.keys()) {
      if (windows.size < maxClients) return;
      windows.delete(key);
    }
  }

  function admit(client: string): Admission {
    const at = now();
    let window = windows.get(client);
    if (window && at - window.start >= windowMs) {
      windows.delete(client);
      window = undefined;
    }
    if (window && window.count >= limit) {
      return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + windowMs - at) / 1000)) };
    }
    if (!window) {
      if (windows.size >= maxClients) makeRoom();
      window = { start: at, count: 0 };
      windows.set(client, window);
    }
    window.count += 1;
    const counted = window;
    let settled = false;
    return {
      admitted: true,
      settle(success) {
        if (settled) return;
        settled = true;
        if (success && windows.get(client) === counted) counted.count = Math.max(0, counted.count - 1);
      },
    };
  }

  return { admit, get size() { return windows.size; } };
}

/** How long every admitted attempt waits before its secret is compared. */
export const attemptDelayMs = 1_000;

export type SecretScope = 'editor' | 'preview' | 'revalidate';

export type GuardResult = { ok: true } | { ok: false; status: 401 } | { ok: false; status: 429; retryAfter: number };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `matches` (a constant-time comparison) for this request's client only once the limit and
 * the delay allow it. The caller maps the result to its own 401 and 429 answers.
 */
export async function guardSecret(scope: SecretScope, headers: Headers, matches: () => boolean): Promise<GuardResult> {
  const throttle = processSingleton('auth-throttle', () => createThrottle());
  const admission = throttle.admit(`${scope} ${addressGroup(clientAddress(headers))}`);
  if (!admission.admitted) return { ok: false, status: 429, retryAfter: admission.retryAfterSeconds };
  let success = false;
  try {
    await sleep(attemptDelayMs);
    success = matches();
  } finally {
    admission.settle(success);
  }
  return success ? { ok: true } : { ok: false, status: 401 };
}

/** The Arabic wording of a 429 from guardSecret. */
export function tooManyAttemptsMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `محاولات خاطئة كثيرة من هذا العنوان. حاول مرة أخرى بعد ${minutes} دقيقة.`;
}
