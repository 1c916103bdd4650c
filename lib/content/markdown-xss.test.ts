/**
 * Every payload of e2e/fixtures/xss-vectors.ts through the Markdown renderer, one at a time and
 * all in one body: nothing executable may come out. The browser-side check (the same payloads
 * in real article pages, in Chromium) is e2e/security-xss.spec.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown } from '@/lib/content/markdown';
import { xssVectors } from '@/e2e/fixtures/xss-vectors';

/** Elements that run script, load a document or change where the page's links and forms go. */
const forbiddenElements = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'form',
  'button', 'textarea', 'select', 'keygen', 'isindex', 'svg', 'math', 'template', 'portal', 'noscript', 'video',
  'audio', 'body', 'html', 'dialog', 'marquee',
]);

/** Attributes whose value is fetched or navigated to. */
const urlAttributes = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'data', 'background', 'poster', 'xlink:href', 'cite', 'longdesc', 'ping']);

type Tag = { name: string; attributes: { name: string; value: string }[] };

/**
 * The start tags of serialised HTML. rehype-stringify writes `<` in text as `&lt;` and quotes
 * every attribute value, so a `<` followed by a letter always opens a real element.
 */
function startTags(html: string): Tag[] {
  return [...html.matchAll(/<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attributes: [...m[2]!.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)].map((a) => ({
      name: a[1]!.toLowerCase(),
      value: decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''),
    })),
  }));
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;/gi, '\t')
    .replace(/&newline;/gi, '\n')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** What a browser makes of a URL's scheme: controls and whitespace are dropped before it is read. */
function scheme(url: string): string {
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f\u00a0\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g, '').toLowerCase();
  return /^([a-z][a-z0-9+.-]*):/.exec(compact)?.[1] ?? '';
}

/** Everything executable found in rendered HTML; empty when it is safe. */
function executableParts(html: string): string[] {
  const found: string[] = [];
  for (const tag of startTags(html)) {
    if (forbiddenElements.has(tag.name)) found.push(`<${tag.name}> element`);
    for (const { name, value } of tag.attributes) {
      if (name.startsWith('on')) found.push(`${name} handler on <${tag.name}>`);
      if (name === 'style' || name === 'srcdoc') found.push(`${name} attribute on <${tag.name}>`);
      if (urlAttributes.has(name) && !['', 'http', 'https', 'mailto'].includes(scheme(value))) {
        found.push(`${name}="${value}" on <${tag.name}>`);
      }
    }
  }
  return found;
}

describe('renderMarkdown against the XSS payload list', () => {
  test('the list is large and numbered without gaps', () => {
    assert.ok(xssVectors.length >= 100, `only ${xssVectors.length} payloads`);
    assert.deepEqual(
      xssVectors.map((v) => v.id),
      xssVectors.map((_, i) => i + 1),
    );
    assert.equal(new Set(xssVectors.map((v) => v.payload)).size, xssVectors.length, 'payloads are distinct');
  });

  test('the checker itself finds executable markup', () => {
    assert.deepEqual(executableParts('<p>نص</p><a href="https://example.org">x</a>'), []);
    assert.ok(executableParts('<img src="x" onerror="__xss(1)">').length);
    assert.ok(executableParts('<a href="jav&#x09;ascript:__xss(1)">x</a>').length);
    assert.ok(executableParts('<svg></svg>').length);
  });

  for (const vector of xssVectors) {
    test(`#${vector.id} ${vector.family}: ${JSON.stringify(vector.payload).slice(0, 80)}`, () => {
      const html = renderMarkdown(vector.payload);
      assert.deepEqual(executableParts(html), [], html);
    });
  }

  test('payloads not marked swallowsRest leave the rest of a body in place, one after another', () => {
    const kept = xssVectors.filter((v) => !v.swallowsRest);
    const html = renderMarkdown(kept.map((v) => `فقرة ⟦m${v.id}⟧\n\n${v.payload}`).join('\n\n'));
    assert.deepEqual(
      kept.filter((v) => !html.includes(`⟦m${v.id}⟧`)).map((v) => v.id),
      [],
    );
  });

  test('all payloads in one body, each in its own paragraph, and run together on one line', () => {
    for (const body of [xssVectors.map((v) => v.payload).join('\n\n'), xssVectors.map((v) => v.payload).join(' ')]) {
      const html = renderMarkdown(body);
      assert.deepEqual(executableParts(html), []);
    }
  });
});
