/**
 * The structured line written for each failed request (instrumentation.ts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { requestErrorLine, requestErrorRecord } from '@/lib/request-error-log';

const context = { routerKind: 'App Router', routePath: '/articles/[slug]', routeType: 'render', renderSource: 'server-rendering', revalidateReason: undefined } as const;

describe('request error log line', () => {
  test('one JSON object on one line with what an operator searches by', () => {
    const error = Object.assign(new Error('boom\nsecond line'), { digest: '2412937153' });
    const line = requestErrorLine(
      error,
      { method: 'GET', path: '/articles/gulf-summit?secret=abc', headers: { 'x-request-id': 'req-7' } },
      context,
      new Date('2026-11-20T09:30:00Z'),
    );
    assert.doesNotMatch(line, /\n/);
    assert.deepEqual(JSON.parse(line), {
      time: '2026-11-20T09:30:00.000Z',
      level: 'error',
      msg: 'request failed',
      method: 'GET',
      path: '/articles/gulf-summit',
      route: '/articles/[slug]',
      routeType: 'render',
      routerKind: 'App Router',
      renderSource: 'server-rendering',
      digest: '2412937153',
      requestId: 'req-7',
      error: { name: 'Error', message: 'boom\nsecond line' },
    });
  });

  test('the query string never reaches the log (preview secrets, readers’ input)', () => {
    const record = requestErrorRecord(new Error('x'), { method: 'GET', path: '/api/draft?secret=s3cret&slug=a', headers: {} }, context);
    assert.equal(record.path, '/api/draft');
    assert.doesNotMatch(JSON.stringify(record), /s3cret/);
  });

  test('something thrown that is not an Error is still recorded', () => {
    const record = requestErrorRecord('plain string', { method: 'POST', path: '/api/comments', headers: {} }, { ...context, routeType: 'route' });
    assert.deepEqual(record.error, { name: 'string', message: 'plain string' });
    assert.equal(record.digest, undefined);
    assert.equal(record.routeType, 'route');
  });
});
