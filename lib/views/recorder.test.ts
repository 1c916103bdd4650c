import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createViewRecorder, viewLimits } from '@/lib/views/recorder';
import { openSqliteViewStore } from '@/lib/views/sqlite-store';
import { dayMs, hourMs, type PendingView, type ViewStore } from '@/lib/views/store';

const temps: string[] = [];
after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});
function freshStore(): ViewStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khabar-recorder-'));
  temps.push(dir);
  return openSqliteViewStore(path.join(dir, 'views.db'));
}

/** A store that records what it is asked, and fails while `failing` is set. */
function spyStore(inner: ViewStore) {
  const calls: { record: number[]; compact: number[]; forget: number[] } = { record: [], compact: [], forget: [] };
  const state = { failing: false };
  const store: ViewStore = {
    ...inner,
    async record(views, dedupMs) {
      if (state.failing) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      calls.record.push(views.length);
      return inner.record(views, dedupMs);
    },
    async compact(before) {
      calls.compact.push(before);
      return inner.compact(before);
    },
    async forgetReaders(before) {
      calls.forget.push(before);
      return inner.forgetReaders(before);
    },
  };
  return { store, calls, state };
}

const base = Date.UTC(2026, 10, 20, 9, 0, 0);
const total = async (store: ViewStore) => (await store.totals()).reduce((sum, t) => sum + t.views, 0);
const quiet = () => {};

describe('the recorder: batches', () => {
  test('a burst is written as one batch per flush, and the timer flushes within a second', async () => {
    const inner = freshStore();
    const { store, calls } = spyStore(inner);
    const recorder = createViewRecorder(store, { flushMs: 50, now: () => base, log: quiet });
    for (let i = 0; i < 300; i++) recorder.add({ article: 'a', reader: `r${i}`, at: base + i });
    assert.equal(recorder.pending(), 300);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(calls.record, [300]);
    assert.equal(recorder.pending(), 0);
    assert.equal(await total(inner), 300);
    await recorder.stop();
    await inner.close();
  });

  test('stop() writes what is pending (the shutdown hook)', async () => {
    const inner = freshStore();
    const recorder = createViewRecorder(inner, { flushMs: 60_000, now: () => base, log: quiet });
    for (let i = 0; i < 25; i++) recorder.add({ article: 'a', reader: `r${i}`, at: base });
    await recorder.stop();
    assert.equal(await total(inner), 25);
    await inner.close();
  });

  test('a failed write keeps the batch for the next flush, counted once', async () => {
    const inner = freshStore();
    const { store, state } = spyStore(inner);
    const recorder = createViewRecorder(store, { flushMs: 60_000, now: () => base, log: quiet });
    for (let i = 0; i < 10; i++) recorder.add({ article: 'a', reader: `r${i}`, at: base });
    state.failing = true;
    await assert.rejects(recorder.flush(), /locked/);
    assert.equal(recorder.pending(), 10);
    recorder.add({ article: 'b', reader: 'late', at: base + 1 });
    state.failing = false;
    assert.equal(await recorder.flush(), 11);
    assert.equal(await recorder.flush(), 0);
    assert.deepEqual(await inner.totals(), [
      { article: 'a', views: 10 },
      { article: 'b', views: 1 },
    ]);
    await recorder.stop();
    await inner.close();
  });

  test('concurrent flushes never write a view twice', async () => {
    const inner = freshStore();
    const recorder = createViewRecorder(inner, { flushMs: 60_000, now: () => base, log: quiet });
    const flushes: Promise<number>[] = [];
    for (let i = 0; i < 100; i++) {
      recorder.add({ article: 'a', reader: `r${i}`, at: base });
      if (i % 10 === 0) flushes.push(recorder.flush());
    }
    flushes.push(recorder.flush());
    const counted = (await Promise.all(flushes)).reduce((a, b) => a + b, 0);
    assert.equal(counted, 100);
    assert.equal(await total(inner), 100);
    await recorder.stop();
    await inner.close();
  });
});

describe('the recorder: dedup window', () => {
  test('one reader, one article: once in an hour, again after it; other articles and readers count', async () => {
    const inner = freshStore();
    const recorder = createViewRecorder(inner, { flushMs: 60_000, now: () => base, log: quiet });
    const send = async (views: PendingView[]) => {
      for (const v of views) recorder.add(v);
      return recorder.flush();
    };
    assert.equal(await send([{ article: 'a', reader: 'r', at: base }, { article: 'a', reader: 'r', at: base + 5_000 }]), 1, 'a reload');
    assert.equal(await send([{ article: 'a', reader: 'r', at: base + 59 * 60_000 }]), 0, 'after 59 minutes');
    assert.equal(await send([{ article: 'a', reader: 'r', at: base + viewLimits.dedupMs }]), 1, 'after an hour');
    assert.equal(await send([{ article: 'b', reader: 'r', at: base + 10 }, { article: 'a', reader: 'r2', at: base + 10 }]), 2);
    await recorder.stop();
    await inner.close();
  });
});

describe('the recorder: upkeep', () => {
  test('hourly buckets older than 90 days are compacted, and reader hashes older than the window forgotten, once an hour', async () => {
    const inner = freshStore();
    const { store, calls } = spyStore(inner);
    let now = base;
    const recorder = createViewRecorder(store, { flushMs: 60_000, now: () => now, log: quiet });
    recorder.add({ article: 'a', reader: 'old', at: base - 91 * dayMs });
    recorder.add({ article: 'a', reader: 'new', at: base });
    await recorder.flush();
    assert.deepEqual(calls.compact, [base - 90 * dayMs]);
    assert.deepEqual(calls.forget, [base - hourMs]);
    assert.deepEqual(await inner.hourly(0), [{ hour: base, views: 1 }], 'the old hour went into its day');
    assert.deepEqual(await inner.totals(), [{ article: 'a', views: 2 }]);
    now += 10 * 60_000;
    await recorder.flush();
    assert.equal(calls.compact.length, 1, 'not again within the hour');
    now += hourMs;
    await recorder.flush();
    assert.equal(calls.compact.length, 2);
    await recorder.stop();
    await inner.close();
  });
});
