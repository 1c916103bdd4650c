import type { PendingView, ViewStore } from '@/lib/views/store';
import { dayMs, hourMs } from '@/lib/views/store';

export const viewLimits = {
  /** At most one view per reader per article in this long. */
  dedupMs: hourMs,
  /** Pending views are written at least this often (a kill -9 loses at most this much). */
  flushMs: 1_000,
  /** Hourly buckets older than this are folded into daily totals. */
  hourlyKeepMs: 90 * dayMs,
  /** How often a process folds old buckets and forgets old reader hashes. */
  maintenanceMs: hourMs,
  /**
   * Views held while the store cannot be written (a database restart): beyond this the oldest
   * are dropped, so an outage costs counts, never the server's memory.
   */
  maxPending: 200_000,
} as const;

export type ViewRecorder = {
  /** Queues one view; written by the next flush. */
  add(view: PendingView): void;
  /** Writes everything queued now; resolves to how many were counted. */
  flush(): Promise<number>;
  /** Views queued and not yet written. */
  pending(): number;
  /** Stops the timer and writes what is left (the shutdown hook). */
  stop(): Promise<void>;
};

type Options = { now?: () => number; flushMs?: number; log?: (message: string, error?: unknown) => void };

/**
 * Accumulates views in memory and writes them in one batch a second, so a burst
 * of readers costs one transaction a second, not one per beacon. A batch that
 * fails stays queued for the next flush (the store writes a batch whole or not
 * at all); flushes never overlap.
 */
export function createViewRecorder(store: ViewStore, options: Options = {}): ViewRecorder {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message, error) => console.error(`[views] ${message}`, error ?? ''));
  let queue: PendingView[] = [];
  let running: Promise<number> | undefined;
  let lastMaintenance = 0;
  let timer: NodeJS.Timeout | undefined;

  const maintain = async () => {
    const at = now();
    if (at - lastMaintenance < viewLimits.maintenanceMs) return;
    lastMaintenance = at;
    await store.compact(at - viewLimits.hourlyKeepMs);
    await store.forgetReaders(at - viewLimits.dedupMs);
  };

  const writeOnce = async (): Promise<number> => {
    const batch = queue;
    queue = [];
    let counted = 0;
    if (batch.length) {
      try {
        counted = await store.record(batch, viewLimits.dedupMs);
      } catch (error) {
        queue = batch.concat(queue);
        if (queue.length > viewLimits.maxPending) queue.splice(0, queue.length - viewLimits.maxPending);
        log(`could not write ${batch.length} views; kept for the next try`, error);
        throw error;
      }
    }
    await maintain().catch((error: unknown) => log('maintenance failed', error));
    return counted;
  };

  const flush = async (): Promise<number> => {
    // A flush asked for while one is running waits for it, then writes what came in meanwhile.
    while (running) await running.catch(() => 0);
    running = writeOnce();
    try {
      return await running;
    } finally {
      running = undefined;
    }
  };

  const schedule = () => {
    timer = setTimeout(() => {
      flush()
        .catch(() => {})
        .finally(() => {
          if (timer) schedule();
        });
    }, options.flushMs ?? viewLimits.flushMs);
    // The timer alone never keeps a process alive: shutdown flushes through stop().
    timer.unref();
  };
  schedule();

  return {
    add(view) {
      queue.push(view);
      if (queue.length > viewLimits.maxPending) queue.shift();
    },
    flush,
    pending: () => queue.length,
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await flush();
    },
  };
}
