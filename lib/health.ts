import 'server-only';
import { getCommentStore } from '@/lib/comments/service';
import { contentHealth } from '@/lib/content';
import { jsonResponse } from '@/lib/api-response';
import { settings } from '@/lib/settings.mjs';
import { cacheStatus, type CacheStatus } from '@/server/runtime.mjs';

/*
 * What a load balancer asks an instance. Liveness: the process answers (restart it if not).
 * Readiness: it can serve readers, so the content index is loaded and the comment store answers
 * (send it traffic only then). The shared page cache is reported but never makes an instance
 * unready: without Redis the pages are rendered locally, and taking every instance out of the
 * pool because Redis is down would turn a slower site into no site.
 */

export type Check = { status: 'ok' | 'failed'; ms: number; detail?: string; error?: string };

export type HealthProbes = {
  content: () => Promise<string>;
  comments: () => Promise<string>;
  cache: () => CacheStatus;
};

const checkTimeoutMs = 3_000;
const arabicNames = { content: 'المحتوى', comments: 'التعليقات' } as const;

export const probes: HealthProbes = {
  async content() {
    const { articles, problems } = await contentHealth();
    return `${articles} articles, ${problems} problems`;
  },
  async comments() {
    // The cheapest query the store has; it proves the database answers, whichever engine it is.
    await getCommentStore().countApproved('health-check');
    return 'reachable';
  },
  cache() {
    // Reported by server/redis-cache-handler.mjs once Next has loaded it.
    return cacheStatus() ?? (settings().redisUrl ? 'idle' : 'off');
  },
};

/** Runs one probe with a deadline; the reason for a failure goes to the log, its kind to the caller. */
export async function runCheck(name: string, probe: () => Promise<string>, timeoutMs = checkTimeoutMs): Promise<Check> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const detail = await Promise.race([
      probe(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'ok', ms: Math.round(performance.now() - started), detail };
  } catch (error) {
    console.error(`[health] ${name} check failed`, error);
    // Not the message: it may name hosts, paths or users, and this endpoint is public.
    const code = (error as { code?: unknown })?.code;
    const kind = typeof code === 'string' ? code : error instanceof Error && error.message.startsWith('no answer within') ? 'timeout' : 'error';
    return { status: 'failed', ms: Math.round(performance.now() - started), error: kind };
  } finally {
    clearTimeout(timer);
  }
}

/** GET /api/health (readiness) and GET /api/health?probe=live (liveness). */
export async function healthResponse(request: Request, checks: HealthProbes = probes): Promise<Response> {
  const probe = new URL(request.url).searchParams.get('probe') ?? 'ready';
  if (probe === 'live') {
    return jsonResponse({ status: 'ok', checks: { process: { status: 'ok', uptimeSeconds: Math.round(process.uptime()) } } });
  }
  if (probe !== 'ready') {
    return Response.json(
      { error: { code: 'invalid_probe', message: 'قيمة probe غير معروفة: استخدم live أو ready.' } },
      { status: 400, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  const [content, comments] = await Promise.all([runCheck('content', checks.content), runCheck('comments', checks.comments)]);
  const result = { content, comments, cache: { status: checks.cache() } };
  if (content.status === 'ok' && comments.status === 'ok') return jsonResponse({ status: 'ok', checks: result });
  const failed = Object.entries({ content, comments })
    .filter(([, check]) => check.status === 'failed')
    .map(([name]) => arabicNames[name as keyof typeof arabicNames]);
  return Response.json(
    {
      status: 'unavailable',
      error: { code: 'not_ready', message: `الخادم غير جاهز لخدمة القرّاء بعد (${failed.join('، ')}).` },
      checks: result,
    },
    { status: 503, headers: { 'Cache-Control': 'no-store', 'Retry-After': '5' } },
  );
}
