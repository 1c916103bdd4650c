import 'server-only';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { getPublishedArticle } from '@/lib/content';
import { settings } from '@/lib/settings.mjs';
import { onShutdown, processSingleton } from '@/server/runtime.mjs';
import { readerKey, saltDay, viewBeaconSchema, type NotCounted } from '@/lib/views/beacon';
import { openConfiguredViewStore } from '@/lib/views/open-store';
import { createViewRecorder, type ViewRecorder } from '@/lib/views/recorder';
import type { ViewStore } from '@/lib/views/store';

/** One view store per process: PostgreSQL when DATABASE_URL is set, else DATA_DIR/views.db. */
export function getViewStore(): ViewStore {
  return processSingleton('views', () => openConfiguredViewStore(settings().database, path.join(settings().dataDir, 'views.db')));
}

/** The process's one accumulator; on SIGTERM server/serve.mjs has it write what is pending, then close the store. */
export function getViewRecorder(): ViewRecorder {
  return processSingleton('views-recorder', () => {
    const store = getViewStore();
    const recorder = createViewRecorder(store);
    onShutdown(async () => {
      await recorder.stop();
      await store.close();
    });
    return recorder;
  });
}

let salt: { day: string; value: Promise<string> } | undefined;

/** Today's salt, asked of the store once a day per process (several instances share it). */
function dailySalt(at: number): Promise<string> {
  const day = saltDay(at);
  if (salt?.day !== day) {
    const value = getViewStore().dailySalt(day, () => randomBytes(32).toString('base64url'));
    salt = { day, value };
    value.catch(() => {
      if (salt?.value === value) salt = undefined;
    });
  }
  return salt.value;
}

export type BeaconResult =
  | { ok: true; counted: boolean; reason?: NotCounted }
  | { ok: false; error: { status: 400 | 404 | 503; code: string; message: string } };

export type BeaconContext = { address: string; userAgent: string; notCounted: NotCounted | undefined; now?: number };

/** Checks a beacon's payload and queues the view; the caller has read and parsed the body. */
export async function recordBeacon(input: unknown, context: BeaconContext): Promise<BeaconResult> {
  const parsed = viewBeaconSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: { status: 400, code: 'invalid_request', message: 'صيغة الطلب غير صحيحة: الحقل article مطلوب.' } };
  const article = await getPublishedArticle(parsed.data.article);
  if (!article) return { ok: false, error: { status: 404, code: 'article_not_found', message: 'المقال غير موجود أو غير منشور.' } };
  if (context.notCounted) return { ok: true, counted: false, reason: context.notCounted };
  const at = context.now ?? Date.now();
  let value: string;
  try {
    value = await dailySalt(at);
  } catch (error) {
    console.error('[views] salt unavailable', error);
    return { ok: false, error: { status: 503, code: 'storage_unavailable', message: 'تعذّر تسجيل المشاهدة مؤقتًا.' } };
  }
  getViewRecorder().add({ article: article.slug, reader: readerKey(context.address, context.userAgent, value), at });
  return { ok: true, counted: true };
}
