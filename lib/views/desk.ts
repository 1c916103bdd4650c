import 'server-only';
import { articleTitles } from '@/lib/content';
import { site } from '@/lib/site';
import { getViewStore } from '@/lib/views/service';
import { hourMs, hourOf, type HourViews } from '@/lib/views/store';

export type DeskViews = {
  top: { slug: string; title: string; views: number }[];
  /** 48 hourly buckets, oldest first, hours without views as 0. */
  hours: HourViews[];
  available: boolean;
};

/** Midnight of `now`'s day in `timeZone`, as an instant. */
export function startOfDay(now: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(now)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  const wallClock = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const offset = wallClock - Math.floor(now / 1000) * 1000;
  return Date.UTC(parts.year, parts.month - 1, parts.day) - offset;
}

/** Every hour of the last `count`, oldest first, the current one last; missing hours count 0. */
export function fillHours(rows: readonly HourViews[], now: number, count: number): HourViews[] {
  const byHour = new Map(rows.map((r) => [r.hour, r.views]));
  const last = hourOf(now);
  return Array.from({ length: count }, (_, i) => {
    const hour = last - (count - 1 - i) * hourMs;
    return { hour, views: byHour.get(hour) ?? 0 };
  });
}

/** The editors' figures: today's top 20 (drafts included, by title) and the site's last 48 hours. */
export async function deskViews(now = Date.now()): Promise<DeskViews> {
  try {
    const store = getViewStore();
    const [top, hourly] = await Promise.all([store.top(startOfDay(now, site.timeZone), 20), store.hourly(hourOf(now) - 47 * hourMs)]);
    const titles = await articleTitles(top.map((t) => t.article));
    return {
      top: top.map((t) => ({ slug: t.article, title: titles.get(t.article) ?? t.article, views: t.views })),
      hours: fillHours(hourly, now, 48),
      available: true,
    };
  } catch (error) {
    console.error('[views] editor figures unavailable', error);
    return { top: [], hours: fillHours([], now, 48), available: false };
  }
}
