import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fillHours, startOfDay } from '@/lib/views/desk';
import { formatViewCount } from '@/lib/views/format';
import { hourMs } from '@/lib/views/store';

describe('the editors’ figures', () => {
  test('«today» starts at midnight in the site’s time zone', () => {
    // 01:30 in Riyadh (UTC+3) on 21 November is 22:30 UTC on the 20th.
    const now = Date.UTC(2026, 10, 20, 22, 30);
    assert.equal(new Date(startOfDay(now, 'Asia/Riyadh')).toISOString(), '2026-11-20T21:00:00.000Z');
    assert.equal(new Date(startOfDay(now, 'UTC')).toISOString(), '2026-11-20T00:00:00.000Z');
    assert.equal(new Date(startOfDay(Date.UTC(2026, 6, 1, 12), 'America/New_York')).toISOString(), '2026-07-01T04:00:00.000Z');
  });

  test('the chart has 48 hours, oldest first, ending with the current one; hours without views are 0', () => {
    const now = Date.UTC(2026, 10, 20, 12, 40);
    const current = Date.UTC(2026, 10, 20, 12);
    const hours = fillHours([{ hour: current, views: 5 }, { hour: current - 47 * hourMs, views: 2 }, { hour: current - 48 * hourMs, views: 9 }], now, 48);
    assert.equal(hours.length, 48);
    assert.deepEqual(hours[0], { hour: current - 47 * hourMs, views: 2 });
    assert.deepEqual(hours.at(-1), { hour: current, views: 5 });
    assert.equal(hours.reduce((sum, h) => sum + h.views, 0), 7, 'the 49th hour back is outside');
  });

  test('counts are worded with Arabic plurals and Latin digits', () => {
    assert.deepEqual([0, 1, 2, 7, 11, 100].map(formatViewCount), ['لا مشاهدات', 'مشاهدة واحدة', 'مشاهدتان', '7 مشاهدات', '11 مشاهدة', '100 مشاهدة']);
  });
});
