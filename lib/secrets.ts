import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares a presented secret with the configured one in constant time; false when none is configured. */
export function secretMatches(presented: string | null | undefined, configured: string | undefined): boolean {
  if (!configured || presented === null || presented === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(configured));
}
