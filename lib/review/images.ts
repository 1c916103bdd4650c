import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { imageEmbargo } from '@/lib/content/queries';
import { reviewTokenShowsImage } from '@/lib/review/links';

const imageTypes: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
};

/** The private route's one path segment for a picture: its path in base64url. */
export function imageKey(src: string): string {
  return Buffer.from(src).toString('base64url');
}

export function decodeImageKey(key: string): string | null {
  if (!/^[\w-]{1,400}$/.test(key)) return null;
  const src = Buffer.from(key, 'base64url').toString('utf8');
  return src.startsWith('/images/') ? src : null;
}

export type EmbargoedImage =
  | { kind: 'file'; body: Buffer; type: string }
  /** Published meanwhile: the public address serves it. */
  | { kind: 'public'; location: string }
  | { kind: 'refused' };

/**
 * An embargoed picture for a viewer who may see it: an editor in draft mode, or a browser holding
 * a live review link of the article it belongs to. The file is the one the content index names
 * (the `src` only picks among those), so no request can reach any other file under public/.
 */
export async function embargoedImage(src: string, viewer: { draftMode: boolean; reviewToken: string | undefined }): Promise<EmbargoedImage> {
  const users = await imageEmbargo(src);
  if (!users) return { kind: 'public', location: src };
  const known = users[0]?.image?.src;
  const type = known && imageTypes[path.extname(known).toLowerCase()];
  if (!known || !type) return { kind: 'refused' };
  if (!viewer.draftMode && !(await reviewTokenShowsImage(viewer.reviewToken, known))) return { kind: 'refused' };
  const body = await readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), 'public', known));
  return { kind: 'file', body, type };
}
