import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { notCountedReason, readerKey, saltDay } from '@/lib/views/beacon';

const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const headers = (fields: Record<string, string>) => new Headers(fields);

describe('which beacons count', () => {
  test('browsers count', () => {
    for (const agent of [chrome, iphone]) assert.equal(notCountedReason(headers({ 'user-agent': agent }), false), undefined, agent);
  });

  test('crawlers, headless browsers, scripts and clients without a user agent do not', () => {
    for (const agent of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
      'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
      'Twitterbot/1.0',
      'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/130.0.0.0 Safari/537.36',
      'curl/8.5.0',
      'python-requests/2.32.3',
      '',
    ]) {
      assert.equal(notCountedReason(headers({ 'user-agent': agent }), false), 'bot', agent || '(empty)');
    }
    assert.equal(notCountedReason(headers({}), false), 'bot', 'no user agent at all');
  });

  test('prefetches and prerenders do not', () => {
    const prefetches: Record<string, string>[] = [{ 'sec-purpose': 'prefetch' }, { 'sec-purpose': 'prefetch;prerender' }, { purpose: 'prefetch' }, { 'x-moz': 'prefetch' }, { 'next-router-prefetch': '1' }];
    for (const extra of prefetches) {
      assert.equal(notCountedReason(headers({ 'user-agent': chrome, ...extra }), false), 'prefetch', JSON.stringify(extra));
    }
  });

  test('editors in draft mode do not', () => {
    assert.equal(notCountedReason(headers({ 'user-agent': chrome }), true), 'preview');
  });
});

describe('reader keys and the daily salt', () => {
  test('the same address and browser give the same key under one salt, different keys under the next day’s', () => {
    const today = readerKey('203.0.113.7', chrome, 'salt-of-today');
    assert.equal(readerKey('203.0.113.7', chrome, 'salt-of-today'), today);
    assert.notEqual(readerKey('203.0.113.7', chrome, 'salt-of-tomorrow'), today);
    assert.notEqual(readerKey('203.0.113.8', chrome, 'salt-of-today'), today, 'another address');
    assert.notEqual(readerKey('203.0.113.7', iphone, 'salt-of-today'), today, 'another browser at the same address');
    assert.ok(!today.includes('203.0.113.7') && !/Chrome/.test(today), 'the key carries neither the address nor the agent');
  });

  test('the salt’s day changes at midnight UTC', () => {
    assert.equal(saltDay(Date.UTC(2026, 10, 20, 23, 59, 59, 999)), '2026-11-20');
    assert.equal(saltDay(Date.UTC(2026, 10, 21, 0, 0, 0)), '2026-11-21');
  });
});
