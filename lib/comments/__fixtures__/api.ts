/**
 * Calls into lib/comments/http.ts as the route does, and checks what every
 * response must be. Import lib/comments/http.ts only after setupTempSite().
 */
import assert from 'node:assert/strict';
import { commentRequest, listRequest, type PostOptions } from '@/lib/comments/__fixtures__/site';
import type { CommentPage, PublicComment } from '@/lib/comments/schema';

export const arabicLetter = /[\u0621-\u064A]/;

type Http = typeof import('@/lib/comments/http');
let http: Promise<Http> | undefined;
const api = () => (http ??= import('@/lib/comments/http'));

export type ApiError = { code: string; message: string; fields?: Record<string, string> };
/** The parsed body, typed loosely: whatever the status, the fields a test may look at. */
export type ApiJson = { error?: ApiError; comment?: PublicComment; held?: boolean } & Partial<CommentPage>;
export type ApiResult = { status: number; json: ApiJson; headers: Headers; published?: string; text: string };

let peers = 0;
/** A fresh reader address, so one reader's rate limit never touches another's. */
export const newPeer = (prefix = 'reader') => `${prefix}-${process.pid}-${++peers}`;

/** Problems with the response's shape; empty when it is as the API promises. */
export function shapeProblems(result: ApiResult): string[] {
  const problems: string[] = [];
  if (result.status >= 500) problems.push(`status ${result.status}`);
  if (result.headers.get('cache-control') !== 'no-store') problems.push(`Cache-Control: ${result.headers.get('cache-control')}`);
  if (!/^application\/json/.test(result.headers.get('content-type') ?? '')) problems.push(`Content-Type: ${result.headers.get('content-type')}`);
  if (result.json === undefined) {
    problems.push(`body is not JSON: ${result.text.slice(0, 200)}`);
    return problems;
  }
  if (result.status >= 400) {
    const body = result.json as unknown as Record<string, unknown> | null;
    if (!body || typeof body !== 'object' || Array.isArray(body)) problems.push('error body is not an object');
    else {
      const keys = Object.keys(body);
      if (keys.length !== 1 || keys[0] !== 'error') problems.push(`error body keys: ${keys.join(', ')}`);
      const error = body.error as Record<string, unknown> | undefined;
      if (!error || typeof error !== 'object') problems.push('no error object');
      else {
        const extra = Object.keys(error).filter((k) => !['code', 'message', 'fields'].includes(k));
        if (extra.length) problems.push(`unexpected error fields: ${extra.join(', ')}`);
        if (typeof error.code !== 'string' || !/^[a-z_]+$/.test(error.code)) problems.push(`code: ${JSON.stringify(error.code)}`);
        if (typeof error.message !== 'string' || !arabicLetter.test(error.message)) problems.push(`message not Arabic: ${JSON.stringify(error.message)}`);
        if ('fields' in error) {
          const fields = error.fields;
          if (!fields || typeof fields !== 'object') problems.push('fields is not an object');
          else
            for (const [k, v] of Object.entries(fields)) {
              if (!['name', 'body'].includes(k)) problems.push(`unknown field ${k}`);
              if (typeof v !== 'string' || !arabicLetter.test(v)) problems.push(`field message not Arabic: ${JSON.stringify(v)}`);
            }
        }
      }
    }
    if (result.status === 429) {
      const retry = result.headers.get('retry-after') ?? '';
      if (!/^[1-9]\d*$/.test(retry)) problems.push(`Retry-After: ${JSON.stringify(retry)}`);
    }
  }
  return problems;
}

async function read(response: Response, published?: string): Promise<ApiResult> {
  const text = await response.text();
  let json: ApiJson;
  try {
    json = JSON.parse(text) as ApiJson;
  } catch {
    json = undefined as unknown as ApiJson;
  }
  return { status: response.status, json, headers: response.headers, published, text };
}

export async function postRaw(request: Request): Promise<ApiResult> {
  const { postCommentResponse } = await api();
  const { response, published } = await postCommentResponse(request);
  return read(response, published);
}

/** POST /api/comments; asserts the response shape. A fresh peer unless one is given. */
export async function post(payload: unknown, options: PostOptions = {}): Promise<ApiResult> {
  const result = await postRaw(commentRequest(payload, { peer: newPeer(), ...options }));
  assert.deepEqual(shapeProblems(result), [], `shape of ${result.status} ${result.text.slice(0, 300)}`);
  return result;
}

export async function get(params: Record<string, string>): Promise<ApiResult> {
  const { getCommentsResponse } = await api();
  const result = await read(await getCommentsResponse(listRequest(params)));
  assert.deepEqual(shapeProblems(result), [], `shape of ${result.status} ${result.text.slice(0, 300)}`);
  return result;
}

export async function listPage(article: string, page = 1, sort: 'newest' | 'oldest' = 'newest'): Promise<CommentPage> {
  const result = await get({ article, page: String(page), sort });
  assert.equal(result.status, 200, result.text);
  return result.json as CommentPage;
}

/** Every approved thread of an article, all pages. */
export async function listAll(article: string): Promise<PublicComment[]> {
  const all: PublicComment[] = [];
  for (let page = 1; ; page++) {
    const data = await listPage(article, page, 'oldest');
    all.push(...data.comments);
    if (!data.hasMore) return all;
  }
}

/** A comment as GET shows it (top level or reply), or undefined. */
export async function findListed(article: string, id: number): Promise<PublicComment | undefined> {
  for (const thread of await listAll(article)) {
    if (thread.id === id) return thread;
    const reply = thread.replies?.find((r) => r.id === id);
    if (reply) return reply;
  }
  return undefined;
}

export function expectError(result: ApiResult, status: number, code: string): void {
  assert.equal(result.status, status, result.text);
  assert.equal(result.json.error?.code, code, result.text);
}
