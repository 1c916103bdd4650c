import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyOf, splitFrontMatter } from '@/lib/content/front-matter';

function ok(source: string) {
  const result = splitFrontMatter(source);
  assert.ok('body' in result, `expected front matter to parse, got ${JSON.stringify(result)}`);
  return result;
}

function err(source: string) {
  const result = splitFrontMatter(source);
  assert.ok('error' in result, `expected an error, got ${JSON.stringify(result)}`);
  return result.error;
}

describe('splitFrontMatter', () => {
  test('splits YAML from the Markdown body', () => {
    const { data, body } = ok('---\ntitle: قمة الخليج\ntags: [المناخ, الطاقة]\ndraft: true\n---\n# عنوان\n\nنص.\n');
    assert.deepEqual(data, { title: 'قمة الخليج', tags: ['المناخ', 'الطاقة'], draft: true });
    assert.equal(body, '# عنوان\n\nنص.\n');
  });

  test('a UTF-8 byte order mark before the opening --- is ignored', () => {
    const { data, body } = ok('\uFEFF---\ntitle: عنوان\n---\nنص');
    assert.deepEqual(data, { title: 'عنوان' });
    assert.equal(body, 'نص');
  });

  test('CRLF line endings (Windows editors) are accepted and normalised', () => {
    const { data, body } = ok('---\r\ntitle: عنوان\r\ndate: 2026-11-20T09:30:00+03:00\r\n---\r\nسطر أول\r\nسطر ثان\r\n');
    assert.deepEqual(data, { title: 'عنوان', date: '2026-11-20T09:30:00+03:00' });
    assert.equal(body, 'سطر أول\nسطر ثان\n');
  });

  test('old Mac CR line endings are accepted', () => {
    const { data, body } = ok('---\rtitle: عنوان\r---\rنص\r');
    assert.deepEqual(data, { title: 'عنوان' });
    assert.equal(body, 'نص\n');
  });

  test('a --- horizontal rule in the body is not taken for the front matter end', () => {
    const { data, body } = ok('---\ntitle: عنوان\n---\nالجزء الأول\n\n---\n\nالجزء الثاني\n---\n');
    assert.deepEqual(data, { title: 'عنوان' });
    assert.equal(body, 'الجزء الأول\n\n---\n\nالجزء الثاني\n---\n');
  });

  test('"---" at the start of an indented block scalar line does not close the block', () => {
    const { data, body } = ok('---\ndescription: |\n  ---سطر\n---\nنص');
    assert.deepEqual(data, { description: '---سطر\n' });
    assert.equal(body, 'نص');
  });

  test('the closing --- may be the last line of the file, with or without a newline', () => {
    assert.deepEqual(ok('---\ntitle: a\n---').body, '');
    assert.deepEqual(ok('---\ntitle: a\n---\n').body, '');
  });

  test('an empty front matter block gives an empty object', () => {
    assert.deepEqual(ok('---\n---\nنص').data, {});
    assert.deepEqual(ok('---\n\n---\nنص').data, {});
  });

  test('YAML 1.2 core schema: unquoted ISO dates stay strings with their offset; yes/no stay strings', () => {
    const { data } = ok('---\ndate: 2026-11-20T09:30:00+03:00\nday: 2026-11-20\ndraft: yes\ncount: 3\nflag: false\nnothing: null\n---\n');
    assert.deepEqual(data, {
      date: '2026-11-20T09:30:00+03:00',
      day: '2026-11-20',
      draft: 'yes',
      count: 3,
      flag: false,
      nothing: null,
    });
  });

  test('no opening --- is an error', () => {
    assert.equal(err('title: عنوان\n---\nنص'), 'expected the file to start with a --- front matter block');
    assert.equal(err(''), 'expected the file to start with a --- front matter block');
    assert.equal(err('\n---\ntitle: a\n---\n'), 'expected the file to start with a --- front matter block');
  });

  test('no closing --- is an error', () => {
    assert.equal(err('---\ntitle: عنوان\nنص بلا نهاية\n'), 'expected a closing --- line after the front matter');
    assert.equal(err('---\ntitle: عنوان\n---نص'), 'expected a closing --- line after the front matter');
  });

  test('invalid YAML and duplicate keys are errors naming the YAML problem', () => {
    assert.match(err('---\ntitle: [غير مغلق\n---\n'), /^expected valid YAML \(.+\)$/);
    assert.match(err('---\ntitle: a\ntitle: b\n---\n'), /^expected valid YAML \(.*duplicate.*\)$/i);
  });
});

describe('bodyOf', () => {
  test('returns the body alone', () => {
    assert.equal(bodyOf('\uFEFF---\r\ntitle: a\r\n---\r\n# نص\r\n'), '# نص\n');
  });

  test('returns an empty string for a file whose front matter does not parse', () => {
    assert.equal(bodyOf('no front matter'), '');
    assert.equal(bodyOf('---\ntitle: [\n---\nنص'), '');
  });
});
