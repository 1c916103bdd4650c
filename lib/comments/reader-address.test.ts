/** Who a reader is, for rate limits: the peer address or the proxy's X-Forwarded-For entry, stored only as a salted hash. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addressGroup, clientAddress, hashClient } from '@/lib/comments/reader-address';
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

describe('addressGroup', () => {
  test('IPv6 addresses count per /64, however they are written', () => {
    assert.equal(addressGroup('2001:db8:1:2:aaaa:bbbb:cccc:dddd'), '2001:db8:1:2::/64');
    assert.equal(addressGroup('2001:db8:1:2::1'), '2001:db8:1:2::/64');
    assert.equal(addressGroup('2001:DB8:0001:0002:0:0:0:ffff'), '2001:db8:1:2::/64');
    assert.equal(addressGroup('fe80::1%eth0'), 'fe80:0:0:0::/64');
    assert.notEqual(addressGroup('2001:db8:1:3::1'), addressGroup('2001:db8:1:2::1'));
  });

  test('IPv4, and IPv4 mapped into IPv6, count per address', () => {
    assert.equal(addressGroup('203.0.113.7'), '203.0.113.7');
    assert.equal(addressGroup('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(addressGroup('::ffff:cb00:7107'), '203.0.113.7');
  });

  test('anything else is its own group, never a shared one', () => {
    assert.equal(addressGroup('unknown'), 'unknown');
    assert.equal(addressGroup('1:2:3'), '1:2:3');
    assert.equal(addressGroup('1::2::3'), '1::2::3');
  });
});
