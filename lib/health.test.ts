/**
 * The health answers a load balancer acts on: liveness, readiness, and what makes an instance unready.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { healthResponse, runCheck, type HealthProbes } from '@/lib/health';

const request = (query = '') => new Request(`http://127.0.0.1/api/health${query}`);
const healthy: HealthProbes = {
  content: async () => '42 articles, 0 problems',
  comments: async () => 'reachable',
  cache: () => 'ok',
};
const quietly = async <T>(run: () => Promise<T>): Promise<T> => {
  const original = console.error;
  console.error = () => {};
  try {
    return await run();
  } finally {
    console.error = original;
  }
};

describe('GET /api/health', () => {
  test('ready: 200 with every check, never cached', async () => {
    const response = await healthResponse(request(), healthy);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = await response.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.checks.content.status, 'ok');
    assert.equal(body.checks.content.detail, '42 articles, 0 problems');
    assert.equal(body.checks.comments.status, 'ok');
    assert.deepEqual(body.checks.cache, { status: 'ok' });
  });

  test('a comment store that fails makes the instance unready: 503 with the error shape and the checks', async () => {
    const broken: HealthProbes = { ...healthy, comments: async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' })) };
    const response = await quietly(() => healthResponse(request(), broken));
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = await response.json();
    assert.equal(body.error.code, 'not_ready');
    assert.match(body.error.message, /التعليقات/);
    assert.equal(body.checks.comments.status, 'failed');
    assert.equal(body.checks.comments.error, 'ECONNREFUSED');
    assert.doesNotMatch(JSON.stringify(body), /10\.0\.0\.5/, 'no host names or addresses in a public answer');
    assert.equal(body.checks.content.status, 'ok');
  });

  test('content that cannot be loaded makes the instance unready', async () => {
    const response = await quietly(() => healthResponse(request('?probe=ready'), { ...healthy, content: async () => Promise.reject(new Error('ENOENT')) }));
    assert.equal(response.status, 503);
    assert.equal((await response.json()).checks.content.status, 'failed');
  });

  test('Redis down leaves the instance ready: pages are rendered locally meanwhile', async () => {
    const response = await healthResponse(request(), { ...healthy, cache: () => 'unavailable' });
    assert.equal(response.status, 200);
    assert.deepEqual((await response.json()).checks.cache, { status: 'unavailable' });
  });

  test('liveness does not touch the stores', async () => {
    const failing: HealthProbes = { content: async () => assert.fail('content probed'), comments: async () => assert.fail('store probed'), cache: () => 'off' };
    const response = await healthResponse(request('?probe=live'), failing);
    assert.equal(response.status, 200);
    assert.equal((await response.json()).status, 'ok');
  });

  test('an unknown probe is a 400 with the error shape', async () => {
    const response = await healthResponse(request('?probe=deep'), healthy);
    assert.equal(response.status, 400);
    assert.equal((await response.json()).error.code, 'invalid_probe');
  });
});

describe('runCheck', () => {
  test('a probe that hangs fails at the deadline instead of holding the answer', async () => {
    const started = Date.now();
    const check = await quietly(() => runCheck('slow', () => new Promise(() => {}), 100));
    assert.equal(check.status, 'failed');
    assert.equal(check.error, 'timeout');
    assert.ok(Date.now() - started < 1_000);
  });
});
