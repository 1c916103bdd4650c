import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { settings } from '@/lib/settings.mjs';

/** Next's draft-mode cookie. */
export const draftModeCookie = '__prerender_bypass';

const previewPropsSchema = z.object({ previewModeId: z.string().min(1) });

let previewModeId: string | null | undefined;

/**
 * The value Next's draft-mode cookie must have in this build, from the build's own record of it
 * (`server/preview-props.json`). The proxy cannot ask `draftMode()`: Next gives a Node.js proxy no
 * preview keys, so there it is always off. `null` when the file cannot be read.
 */
function expectedId(): string | null {
  if (previewModeId !== undefined) return previewModeId;
  try {
    const file = path.join(/*turbopackIgnore: true*/ process.cwd(), settings().distDir, 'server', 'preview-props.json');
    previewModeId = previewPropsSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).previewModeId;
  } catch (error) {
    console.error('[draft-mode] cannot read the build’s preview id; draft-mode cookies are refused:', (error as Error).message);
    previewModeId = null;
  }
  return previewModeId;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether a request's draft-mode cookie is the one this build gave out, as the pages' own
 * `draftMode()` will judge it. A leftover cookie from an earlier build, or a made-up one, is
 * not draft mode: the proxy must not let a draft through that the page would then refuse.
 */
export function isDraftModeCookie(value: string | undefined): boolean {
  if (!value) return false;
  // `next dev` keeps no such file and its draftMode() accepts its own development id.
  if (settings().development) return true;
  const expected = expectedId();
  return !!expected && timingSafeEqual(digest(value), digest(expected));
}
