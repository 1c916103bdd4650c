import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { headScript, textSizeKey, themeKey } from '@/lib/reader/preferences.mjs';
import { contentSecurityPolicy } from '@/lib/security-headers.mjs';

/** Runs the head script against a stand-in <html> and storage; returns the attributes it set. */
function runHeadScript(stored: Record<string, string> | 'throws'): Record<string, string> {
  const attributes: Record<string, string> = {};
  const localStorage = {
    getItem(key: string) {
      if (stored === 'throws') throw new Error('SecurityError');
      return stored[key] ?? null;
    },
  };
  const document = { documentElement: { setAttribute: (name: string, value: string) => (attributes[name] = value) } };
  runInNewContext(headScript, { document, localStorage });
  return attributes;
}

describe('head script', () => {
  test('applies a stored theme and text size', () => {
    assert.deepEqual(runHeadScript({ [themeKey]: 'dark', [textSizeKey]: 'xlarge' }), { 'data-theme': 'dark', 'data-text-size': 'xlarge' });
    assert.deepEqual(runHeadScript({ [themeKey]: 'light', [textSizeKey]: 'small' }), { 'data-theme': 'light', 'data-text-size': 'small' });
  });

  test('leaves the defaults (system theme, normal size) as no attribute, and ignores anything else stored', () => {
    assert.deepEqual(runHeadScript({}), {});
    assert.deepEqual(runHeadScript({ [themeKey]: 'auto', [textSizeKey]: 'medium' }), {});
    assert.deepEqual(runHeadScript({ [themeKey]: '"><script>', [textSizeKey]: 'huge' }), {});
  });

  test('a browser that refuses storage still gets the page', () => {
    assert.deepEqual(runHeadScript('throws'), {});
  });

  test('the editor pages’ nonce policy allows exactly this script by its hash', () => {
    const hash = `'sha256-${createHash('sha256').update(headScript).digest('base64')}'`;
    assert.ok(contentSecurityPolicy({ https: false, nonce: 'n' }).includes(hash));
    assert.ok(!contentSecurityPolicy({ https: false }).includes('sha256'));
  });
});
