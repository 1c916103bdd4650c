import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  checkLiveEntries,
  entriesAfter,
  entriesBefore,
  liveEntriesPerPage,
  liveTimeline,
  newestEntryFirst,
  parseLiveEntry,
  readLiveEntries,
  streamPage,
  type LiveEntry,
} from '@/lib/content/live-coverage';
import { withEntryFolders } from '@/lib/content/live-entry-files';
import { formatProblem } from '@/lib/content/problems';
import { fixture, md, articlesOf } from '@/testing/fixtures/content-folder';

const authors = new Set(['layla-haddad', 'omar-khalidi']);
const parse = (source: string, id = '20261202-0930') => parseLiveEntry(source, { id, shown: `content/articles/2026/12/story/${id}.md`, authors });
const messages = (source: string, id?: string) => parse(source, id).problems.map(formatProblem);

describe('live entry front matter', () => {
  test('a valid entry keeps every field, with its body sanitised like an article', () => {
    const { entry, problems } = parse(
      '---\ntime: 2026-12-02T09:30:00+03:00\ntitle: "بدء الاجتماع"\nkey: true\npinned: true\nauthor: omar-khalidi\n---\nوصل الوفد **الآن**.<script>alert(1)</script>\n',
    );
    assert.deepEqual(problems, []);
    assert.equal(entry?.id, '20261202-0930');
    assert.equal(entry?.at, Date.parse('2026-12-02T06:30:00Z'));
    assert.equal(entry?.title, 'بدء الاجتماع');
    assert.equal(entry?.key, true);
    assert.equal(entry?.pinned, true);
    assert.equal(entry?.author, 'omar-khalidi');
    assert.match(entry?.html ?? '', /<strong>الآن<\/strong>/);
    assert.doesNotMatch(entry?.html ?? '', /script|alert/);
  });

  test('time is required, with an offset', () => {
    assert.deepEqual(messages('---\ntitle: "بلا وقت"\n---\nنص\n'), [
      'content/articles/2026/12/story/20261202-0930.md: time: required: an ISO 8601 date-time with offset, e.g. 2026-11-20T09:30:00+03:00',
    ]);
    assert.deepEqual(messages('---\ntime: "2026-12-02 09:30"\n---\nنص\n'), [
      'content/articles/2026/12/story/20261202-0930.md: time: expected an ISO 8601 date-time with offset, e.g. 2026-11-20T09:30:00+03:00',
    ]);
  });

  test('wrong types, unknown fields, unknown authors, a bad file name and an empty body are each named', () => {
    assert.deepEqual(messages('---\ntime: 2026-12-02T09:30:00+03:00\nkey: "yes"\n---\nنص\n'), [
      'content/articles/2026/12/story/20261202-0930.md: key: expected true or false',
    ]);
    assert.deepEqual(messages('---\ntime: 2026-12-02T09:30:00+03:00\nheadline: x\n---\nنص\n'), [
      'content/articles/2026/12/story/20261202-0930.md: headline: unknown field; expected one of time, title, key, pinned, author',
    ]);
    assert.deepEqual(messages('---\ntime: 2026-12-02T09:30:00+03:00\nauthor: nobody\n---\nنص\n'), [
      'content/articles/2026/12/story/20261202-0930.md: author: expected one of layla-haddad, omar-khalidi; got "nobody"',
    ]);
    assert.deepEqual(messages('---\ntime: 2026-12-02T09:30:00+03:00\n---\nنص\n', 'Entry One'), [
      'content/articles/2026/12/story/Entry One.md: (file name): expected lower-case letters, digits and single hyphens (e.g. 20261202-0930.md); got "Entry One"',
    ]);
    assert.deepEqual(messages('---\ntime: 2026-12-02T09:30:00+03:00\n---\n\n'), [
      'content/articles/2026/12/story/20261202-0930.md: (body): expected the text of the entry below the front matter',
    ]);
  });
});

const entry = (id: string, minute: number, extra: Partial<LiveEntry> = {}): LiveEntry => ({
  id,
  time: new Date(Date.UTC(2026, 11, 2, 9, minute)).toISOString(),
  at: Date.UTC(2026, 11, 2, 9, minute),
  key: false,
  pinned: false,
  html: `<p>${id}</p>`,
  text: id,
  ...extra,
});

describe('the live timeline', () => {
  const now = Date.UTC(2026, 11, 2, 9, 30);
  const entries = [entry('later', 45), entry('c', 20, { key: true }), entry('pin', 5, { pinned: true, key: true }), entry('b', 10), entry('a', 1)];
  const timeline = liveTimeline(entries, now);
  const ids = (list: { id: string }[]) => list.map((e) => e.id);

  test('the pinned entry first, then the rest newest first; a scheduled entry only once due', () => {
    assert.equal(timeline.pinned?.id, 'pin');
    assert.deepEqual(ids(timeline.stream), ['c', 'b', 'a']);
    assert.deepEqual(ids(timeline.keyEvents), ['c', 'pin']);
    assert.equal(timeline.latestId, 'c');
    assert.deepEqual(ids(liveTimeline(entries, Date.UTC(2026, 11, 2, 9, 45)).stream), ['later', 'c', 'b', 'a']);
  });

  test('after: the entries newer than a known id; an unknown or not yet due id is refused', () => {
    assert.deepEqual(ids(entriesAfter(timeline, 'b') ?? []), ['c', 'pin']);
    assert.deepEqual(entriesAfter(timeline, 'c'), []);
    assert.equal(entriesAfter(timeline, 'nope'), null);
    assert.equal(entriesAfter(timeline, 'later'), null);
  });

  test('before and pages: older entries 20 at a time', () => {
    const many = Array.from({ length: 45 }, (_, i) => entry(`e${String(i).padStart(2, '0')}`, 0, { at: i, time: new Date(i).toISOString() })).sort(newestEntryFirst);
    const long = liveTimeline(many, now);
    assert.equal(liveEntriesPerPage, 20);
    assert.deepEqual(streamPage(long, 1)?.entries.map((e) => e.id).slice(0, 2), ['e44', 'e43']);
    assert.equal(streamPage(long, 3)?.entries.length, 5);
    assert.equal(streamPage(long, 3)?.totalPages, 3);
    assert.equal(streamPage(long, 4), null);
    const older = entriesBefore(long, 'e25');
    assert.deepEqual([older?.entries[0]?.id, older?.entries.length, older?.hasMore], ['e24', 20, true]);
    assert.equal(entriesBefore(long, 'e20')?.hasMore, false);
    assert.equal(entriesBefore(long, 'missing'), null);
  });
});

describe('entry files on disk', () => {
  test('entries beside an article are not articles; a broken entry is skipped and reported, the rest read', async () => {
    const { loader, tmp } = fixture({
      'content/articles/2026/12/story.md': md({ live: 'true' }),
      'content/articles/2026/12/story/20261202-0900.md': '---\ntime: 2026-12-02T09:00:00+03:00\n---\nالأول\n',
      'content/articles/2026/12/story/20261202-0910.md': '---\ntime: 2026-12-02T09:10:00+03:00\ntitle: "الثاني"\n---\nالثاني\n',
      'content/articles/2026/12/story/broken.md': '---\ntime: tomorrow\n---\nمكسور\n',
    });
    const index = await loader.scan();
    assert.deepEqual(index.problems, []);
    assert.deepEqual(articlesOf(index).map((a) => a.slug), ['story']);
    const story = articlesOf(index)[0]!;
    assert.deepEqual(story.live, {});
    const read = await readLiveEntries(story, { authors, cwd: tmp });
    assert.deepEqual(read.entries.map((e) => e.id), ['20261202-0910', '20261202-0900']);
    assert.deepEqual(read.problems.map(formatProblem), [
      'content/articles/2026/12/story/broken.md: time: expected an ISO 8601 date-time with offset, e.g. 2026-11-20T09:30:00+03:00',
    ]);
    assert.deepEqual((await checkLiveEntries(await withEntryFolders(articlesOf(index)), authors, tmp)).map(formatProblem), read.problems.map(formatProblem));
  });

  test('withEntryFolders: the articles with a folder (or a link to one) named after them, in their order', async () => {
    const { tmp } = fixture({
      'content/articles/2026/12/b-story.md': md(),
      'content/articles/2026/12/b-story/first.md': '---\ntime: 2026-12-02T09:00:00+03:00\n---\nنص\n',
      'content/articles/2026/12/plain.md': md(),
      // a file, not a folder, named after the article
      'content/articles/2026/12/not-a-folder.md': md(),
      'content/articles/2026/12/not-a-folder': 'نص',
      'content/articles/2025/a-story.md': md(),
      'content/articles/2025/a-story/first.md': '---\ntime: 2026-12-02T09:00:00+03:00\n---\nنص\n',
      'content/articles/2025/linked.md': md(),
      'elsewhere/first.md': '---\ntime: 2026-12-02T09:00:00+03:00\n---\nنص\n',
    });
    fs.symlinkSync(path.join(tmp, 'elsewhere'), path.join(tmp, 'content/articles/2025/linked'));
    const articles = ['2026/12/b-story', '2026/12/plain', '2026/12/not-a-folder', '2025/a-story', '2025/linked', 'gone/missing'].map((rel) => ({
      file: path.join(tmp, 'content/articles', `${rel}.md`),
    }));
    const found = await withEntryFolders(articles);
    assert.deepEqual(found, [articles[0], articles[3], articles[4]]);
  });

  test('a changed entry is read again; an article with entries but no live: true is named', async () => {
    const { loader, tmp } = fixture({
      'content/articles/quiet.md': md(),
      'content/articles/quiet/first.md': '---\ntime: 2026-12-02T09:00:00+03:00\n---\nنص\n',
    });
    const index = await loader.scan();
    assert.deepEqual((await checkLiveEntries(await withEntryFolders(articlesOf(index)), authors, tmp)).map(formatProblem), [
      'content/articles/quiet.md: live: expected live: true, since content/articles/quiet/ holds live entries',
    ]);
    const quiet = articlesOf(index)[0]!;
    // Past the look checkLiveEntries just took.
    const later = Date.now() + 5000;
    const file = path.join(tmp, 'content/articles/quiet/first.md');
    assert.equal((await readLiveEntries(quiet, { authors, cwd: tmp, now: later })).entries[0]?.text, 'نص');
    fs.writeFileSync(file, '---\ntime: 2026-12-02T09:00:00+03:00\n---\nنص مصحح\n');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    assert.equal((await readLiveEntries(quiet, { authors, cwd: tmp, now: later + 500 })).entries[0]?.text, 'نص', 'within a second the folder is not looked at again');
    assert.equal((await readLiveEntries(quiet, { authors, cwd: tmp, now: later + 1000 })).entries[0]?.text, 'نص مصحح');
  });
});
