/** Who a reader is, for rate limits: the peer address or the proxy's X-Forwarded-For entry, stored only as a salted hash. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientAddress, hashClient } from '@/lib/comments/reader-address';
import { readSettings } from '@/lib/settings.mjs';

const h = (init: Record<string, string>) => new Headers(init);

describe('clientAddress', () => {
  test('without a trusted proxy the server-set x-khabar-peer wins over a client-sent X-Forwarded-For', () => {
    assert.equal(clientAddress(h({ 'x-khabar-peer': '203.0.113.7', 'x-forwarded-for': '198.51.100.1' }), false), '203.0.113.7');
    assert.equal(clientAddress(h({ 'x-khabar-peer': ' 2001:db8::1 ' }), false), '2001:db8::1');
  });

  test('without x-khabar-peer (plain next start) X-Forwarded-For is used, its last entry', () => {
    assert.equal(clientAddress(h({ 'x-forwarded-for': '198.51.100.1, 10.0.0.2' }), false), '10.0.0.2');
    assert.equal(clientAddress(h({}), false), 'unknown');
  });

  test('behind a trusted proxy the last X-Forwarded-For entry is the reader, whatever the client claimed before it', () => {
    const headers = h({ 'x-khabar-peer': '10.0.0.1', 'x-forwarded-for': '1.2.3.4, 198.51.100.9' });
    assert.equal(clientAddress(headers, true), '198.51.100.9');
    assert.equal(clientAddress(h({ 'x-forwarded-for': ' 1.2.3.4 ,  198.51.100.9 , ' }), true), '198.51.100.9', 'blanks and empty entries');
    assert.equal(clientAddress(h({ 'x-khabar-peer': '10.0.0.1' }), true), '10.0.0.1', 'no header: the peer');
    assert.equal(clientAddress(h({}), true), 'unknown');
  });

  test('TRUST_PROXY=1 trusts the proxy; unset or 0 does not', () => {
    const headers = h({ 'x-khabar-peer': '10.0.0.1', 'x-forwarded-for': '198.51.100.9' });
    assert.equal(clientAddress(headers, readSettings({ TRUST_PROXY: '1' }).trustProxy), '198.51.100.9');
    assert.equal(clientAddress(headers, readSettings({ TRUST_PROXY: '0' }).trustProxy), '10.0.0.1');
    assert.equal(clientAddress(headers, readSettings({}).trustProxy), '10.0.0.1');
  });
});

describe('hashClient', () => {
  test('deterministic for one salt, different across salts and addresses', () => {
    const a = hashClient('203.0.113.7', 'salt-1');
    assert.equal(a, hashClient('203.0.113.7', 'salt-1'));
    assert.notEqual(a, hashClient('203.0.113.7', 'salt-2'));
    assert.notEqual(a, hashClient('203.0.113.8', 'salt-1'));
    assert.match(a, /^[A-Za-z0-9_-]{43}$/, 'sha256, base64url');
  });

  test('the salt and the address are kept apart (no "ab"+"c" = "a"+"bc" collision)', () => {
    assert.notEqual(hashClient('c', 'ab'), hashClient('bc', 'a'));
  });

  test('never contains the address', () => {
    for (const address of ['203.0.113.7', '2001:db8::1', '198.51.100.23', '::ffff:192.0.2.128']) {
      const hash = hashClient(address, 'salt');
      assert.equal(hash.includes(address), false, `${address} → ${hash}`);
    }
  });
});
