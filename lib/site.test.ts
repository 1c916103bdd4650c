import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';
import { publicCacheControl } from '@/lib/site';

const seconds = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(publicCacheControl)?.[1]);

describe('publicCacheControl and the routes’ revalidate', () => {
  const routes = readdirSync('app', { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /^(page\.tsx|route\.ts)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
  const revalidating = routes.flatMap((file) => {
    const match = /^export const revalidate = (\d+);$/m.exec(readFileSync(file, 'utf8'));
    return match ? [{ file, revalidate: Number(match[1]) }] : [];
  });

  test('every page and route that revalidates does so after s-maxage', () => {
    assert.ok(revalidating.some((r) => r.file === path.join('app', 'page.tsx')), 'the home page revalidates');
    for (const { file, revalidate } of revalidating) assert.equal(revalidate, seconds('s-maxage'), file);
  });

  test('Next’s own header for pages matches: stale-while-revalidate is expireTime - revalidate', () => {
    const config = createRequire(import.meta.url)('../next.config.js') as { expireTime: number };
    assert.equal(config.expireTime - seconds('s-maxage'), seconds('stale-while-revalidate'));
  });
});
