/** server/request-limits.mjs: what serve.mjs refuses before Next, on the pure checks and on a real HTTP server. */
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serverActionBodyBytes } from '@/lib/routing';
import {
  actionBodyBytes,
  actionBodyReadable,
  checkRequestTarget,
  countQueryParameters,
  holdBody,
  isActionPost,
  maxQueryParameters,
  maxUrlBytes,
  refuse,
} from './request-limits.mjs';

const fake = (url: string, host = 'khabar.example', method = 'GET', headers: Record<string, string> = {}) =>
  ({ url, method, headers: { host, ...headers } }) as unknown as IncomingMessage;

describe('checkRequestTarget', () => {
  test('ordinary paths pass untouched', () => {
    for (const url of ['/', '/articles/x', '/search?q=%D8%A7&page=2', `/?${'a=1&'.repeat(99)}a=1`]) {
      const req = fake(url);
      assert.equal(checkRequestTarget(req), undefined, url.slice(0, 40));
      assert.equal(req.url, url);
    }
  });

  test(`over ${maxUrlBytes} bytes → 414`, () => {
    assert.equal(checkRequestTarget(fake(`/${'a'.repeat(maxUrlBytes - 1)}`)), undefined, 'exactly the limit');
    assert.equal(checkRequestTarget(fake(`/${'a'.repeat(maxUrlBytes)}`))?.status, 414);
    // Bytes, not characters: Arabic is two bytes a letter when sent raw.
    assert.equal(checkRequestTarget(fake(`/${'ب'.repeat(maxUrlBytes / 2)}`))?.status, 414);
  });

  test(`more than ${maxQueryParameters} query parameters → 400`, () => {
    assert.equal(checkRequestTarget(fake(`/?${Array(maxQueryParameters).fill('k=1').join('&')}`)), undefined);
    const refusal = checkRequestTarget(fake(`/?${Array(maxQueryParameters + 1).fill('k=1').join('&')}`));
    assert.equal(refusal?.status, 400);
    assert.equal(refusal?.code, 'too_many_parameters');
    assert.equal(countQueryParameters('a&&b&'), 2, 'empty pieces are not parameters');
    assert.equal(countQueryParameters('k&'.repeat(100_000)), maxQueryParameters + 1, 'counting stops past the limit');
  });

  test('`*`, authority form and absolute form naming another host → 400; absolute form for this host becomes a path', () => {
    for (const url of ['*', 'khabar.example:443', 'http://evil.example/', 'https://evil.example/articles/x', 'ftp://khabar.example/', 'http://']) {
      assert.equal(checkRequestTarget(fake(url))?.status, 400, url);
    }
    const own = fake('http://khabar.example/articles/x?q=1');
    assert.equal(checkRequestTarget(own), undefined);
    assert.equal(own.url, '/articles/x?q=1');
  });
});

describe('action posts', () => {
  test('the limit is the one next.config.js and lib/routing.ts use', () => {
    assert.equal(actionBodyBytes, serverActionBodyBytes);
  });

  test('isActionPost: POST with Next-Action or multipart, never to the API', () => {
    assert.equal(isActionPost(fake('/articles/x', 'h', 'POST', { 'next-action': 'a' })), true);
    assert.equal(isActionPost(fake('/articles/x', 'h', 'POST', { 'content-type': 'multipart/form-data; boundary=x' })), true);
    assert.equal(isActionPost(fake('/articles/x', 'h', 'POST', { 'content-type': 'application/json' })), false);
    assert.equal(isActionPost(fake('/api/comments', 'h', 'POST', { 'content-type': 'multipart/form-data; boundary=x' })), false);
    assert.equal(isActionPost(fake('/articles/x', 'h', 'GET', { 'next-action': 'a' })), false);
  });

  test('actionBodyReadable: malformed multipart and non-JSON fetch bodies are not', async () => {
    const multipart = { 'content-type': 'multipart/form-data; boundary=xyz' };
    assert.equal(await actionBodyReadable(multipart, Buffer.from('garbage!!!!')), false);
    assert.equal(await actionBodyReadable(multipart, Buffer.from('--xyz')), false);
    assert.equal(await actionBodyReadable(multipart, Buffer.from('--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--\r\n')), true);
    const fetchAction = { 'next-action': 'a', 'content-type': 'text/plain;charset=UTF-8' };
    assert.equal(await actionBodyReadable(fetchAction, Buffer.from('[{{{{')), false);
    assert.equal(await actionBodyReadable(fetchAction, Buffer.from('["$K1"]')), true);
  });
});

describe('holdBody on a real server', () => {
  let base = { port: 0 };
  const seen: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = await holdBody(req, 1024);
      if (body === undefined) return refuse(res, 413, 'payload_too_large', 'كبير', { Connection: 'close' });
      // The body is still there for the next reader, as Next reads it.
      let again = '';
      for await (const chunk of req) again += chunk;
      seen.push(again);
      res.end(`read ${again.length}`);
    })();
  });
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = server.address() as AddressInfo;
  });
  after(() => server.close());

  const post = (chunks: string[], chunked: boolean) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const total = chunks.join('').length;
      const req = httpRequest(
        { host: '127.0.0.1', port: base.port, method: 'POST', path: '/', headers: chunked ? {} : { 'content-length': String(total) } },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      for (const c of chunks) req.write(c);
      req.end();
    });

  test('a body under the limit reaches the next reader whole, chunked or not', async () => {
    assert.deepEqual(await post(['a'.repeat(500), 'b'.repeat(500)], false), { status: 200, text: 'read 1000' });
    assert.deepEqual(await post(['a'.repeat(500), 'b'.repeat(500)], true), { status: 200, text: 'read 1000' });
    assert.deepEqual(await post([], false), { status: 200, text: 'read 0' });
    assert.equal(seen.at(-2), 'a'.repeat(500) + 'b'.repeat(500));
  });

  test('a chunked body over the limit is refused as it streams, with no length declared', async () => {
    const result = await post(Array(10).fill('x'.repeat(500)), true);
    assert.equal(result.status, 413);
    assert.equal(JSON.parse(result.text).error.code, 'payload_too_large');
  });

  test('eleven pipelined requests on one kept-alive connection each get their own body', async () => {
    const socket = connect(base.port, '127.0.0.1');
    let data = '';
    socket.on('data', (d) => (data += d));
    for (let i = 0; i < 11; i++) socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n${i % 10}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.end();
    assert.equal(data.match(/HTTP\/1\.1 200/g)?.length, 11);
  });
});
