import 'server-only';
import { isbot } from 'isbot';
import { z } from 'zod';
import { hashClient } from '@/lib/comments/reader-address';

/** The beacon carries a slug and nothing else: anything larger than this is not ours. */
export const beaconBodyBytes = 1_024;

export const viewBeaconSchema = z.object({ article: z.string().min(1).max(200) });

export type NotCounted = 'bot' | 'prefetch' | 'preview';

/**
 * Why a beacon is answered but not counted: a crawler (or a client that says
 * nothing about itself), a prefetch or prerender the reader may never see, or
 * an editor looking at the site in draft mode.
 */
export function notCountedReason(headers: Headers, draftMode: boolean): NotCounted | undefined {
  if (draftMode) return 'preview';
  const purpose = [headers.get('sec-purpose'), headers.get('purpose'), headers.get('x-purpose'), headers.get('x-moz')].join(' ');
  if (/prefetch|prerender|preview/i.test(purpose) || headers.has('next-router-prefetch')) return 'prefetch';
  const agent = headers.get('user-agent')?.trim() ?? '';
  if (!agent || isbot(agent)) return 'bot';
  return undefined;
}

/** The UTC day a salt belongs to: the salt changes at midnight UTC. */
export const saltDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * What the store keeps of a reader: a hash of the address (as the comments'
 * rate limits decide it) and the user agent under the day's salt. Neither is
 * stored, and once the salt is deleted the next day nobody can recompute it.
 */
export function readerKey(address: string, userAgent: string, salt: string): string {
  return hashClient(`${address}\0${userAgent}`, salt);
}
