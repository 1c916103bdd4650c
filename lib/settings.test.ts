/** lib/settings.mjs: the one reader of the environment, and the rule that it is the only one. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readSettings, settingNames, SettingsError } from '@/lib/settings.mjs';

describe('readSettings', () => {
  test('an empty environment gives the documented defaults', () => {
    const s = readSettings({}, '/srv/khabar');
    assert.equal(s.port, 3000);
    assert.equal(s.hostname, '0.0.0.0');
    assert.equal(s.siteUrl, 'http://localhost:3000');
    assert.equal(s.timeZone, 'Asia/Riyadh');
    assert.equal(s.contentDir, '/srv/khabar/content');
    assert.equal(s.dataDir, '/srv/khabar/data');
    assert.equal(s.trustProxy, false);
    assert.equal(s.database, undefined);
    assert.equal(s.redisUrl, undefined);
    assert.equal(s.editorPassword, undefined);
    assert.equal(s.microCacheMs, 1000);
    assert.equal(s.distDir, '.next');
    assert.equal(s.development, false);
    assert.equal(s.building, false);
  });

  test('values are parsed: numbers, flags, URLs reduced to their origin, empty meaning unset', () => {
    const s = readSettings({ PORT: '8080', SITE_URL: 'https://khabar.example/ar/', TRUST_PROXY: '1', KHABAR_MICROCACHE_MS: '0', EDITOR_PASSWORD: '', DATA_DIR: '/var/lib/khabar' });
    assert.equal(s.port, 8080);
    assert.equal(s.siteUrl, 'https://khabar.example');
    assert.equal(s.trustProxy, true);
    assert.equal(s.microCacheMs, 0);
    assert.equal(s.editorPassword, undefined);
    assert.equal(s.dataDir, '/var/lib/khabar');
    assert.equal(readSettings({ PORT: '8080' }).siteUrl, 'http://localhost:8080', 'the default site URL follows PORT');
  });

  test('DATABASE_URL brings the pool settings with it', () => {
    const s = readSettings({ DATABASE_URL: 'postgres://khabar@db/khabar', DATABASE_POOL_MAX: '4' });
    assert.deepEqual(s.database, {
      url: 'postgres://khabar@db/khabar',
      poolMax: 4,
      idleTimeoutMs: 30_000,
      connectTimeoutMs: 5_000,
      statementTimeoutMs: 5_000,
      applicationName: 'khabar',
    });
  });

  test('a bad value is refused with the variable named, in Arabic and English, with what was expected and given', () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ PORT: '80a' }, 'PORT', /whole number from 1 to 65535 \(got "80a"\)/],
      [{ PORT: '70000' }, 'PORT', /whole number/],
      [{ SITE_URL: 'khabar.example' }, 'SITE_URL', /absolute http\(s\) URL/],
      [{ SITE_TIME_ZONE: 'Mars/Olympus' }, 'SITE_TIME_ZONE', /IANA time zone/],
      [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY', /expected 1 \(on\) or 0 \(off\)/],
      [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL', /redis:\/\//],
      [{ DATABASE_URL: 'mysql://db/khabar' }, 'DATABASE_URL', /expected postgres:\/\//],
      [{ DATABASE_URL: 'postgres://db/k', DATABASE_STATEMENT_TIMEOUT_MS: '1.5' }, 'DATABASE_STATEMENT_TIMEOUT_MS', /whole number/],
      [{ KHABAR_MICROCACHE_MS: '-1' }, 'KHABAR_MICROCACHE_MS', /whole number from 0/],
      [{ NEXT_OUTPUT: 'export' }, 'NEXT_OUTPUT', /standalone/],
      [{ EDITOR_PASSWORD: 'hunter2' }, 'EDITOR_PASSWORD', /at least 16 characters/],
      [{ PREVIEW_SECRET: '123456789012345' }, 'PREVIEW_SECRET', /at least 16 characters/],
      [{ REVALIDATE_SECRET: 'short' }, 'REVALIDATE_SECRET', /16 حرفًا على الأقل/],
    ];
    for (const [env, name, expected] of cases) {
      assert.throws(
        () => readSettings(env),
        (error: unknown) => {
          assert.ok(error instanceof SettingsError, String(error));
          assert.match(error.message, /قيمة غير صالحة في متغيرات البيئة/);
          assert.match(error.message, new RegExp(`^  ${name}: `, 'm'));
          assert.match(error.message, expected);
          assert.deepEqual(error.problems.map((p) => p.name), [name]);
          return true;
        },
        JSON.stringify(env),
      );
    }
  });

  test('secrets of 16 characters or more are taken as they are', () => {
    const s = readSettings({ EDITOR_PASSWORD: 'sixteen-chars-ok', PREVIEW_SECRET: 'a'.repeat(64), REVALIDATE_SECRET: 'كلمة-سر-عربية-طويلة' });
    assert.equal(s.editorPassword, 'sixteen-chars-ok');
    assert.equal(s.previewSecret, 'a'.repeat(64));
    assert.equal(s.revalidateSecret, 'كلمة-سر-عربية-طويلة');
  });

  test('every bad variable is named at once, not one per restart', () => {
    assert.throws(() => readSettings({ PORT: 'x', TRUST_PROXY: 'x' }), (error: unknown) => {
      assert.ok(error instanceof SettingsError);
      assert.deepEqual(error.problems.map((p) => p.name).sort(), ['PORT', 'TRUST_PROXY']);
      return true;
    });
  });

  test('README documents every variable', () => {
    const readme = readFileSync('README.md', 'utf8');
    const settingsSection = readme.slice(readme.indexOf('## Settings'), readme.indexOf('\n## ', readme.indexOf('## Settings') + 1));
    for (const name of settingNames) assert.ok(settingsSection.includes(`\`${name}\``), `${name} is missing from README's Settings table`);
  });
});

/** The site and the server around it: where no hidden wiring may live. */
const roots = ['app', 'components', 'lib', 'server'];
const singleFiles = ['proxy.ts', 'instrumentation.ts', 'next.config.js'];
const owners = new Set(['lib/settings.mjs', 'server/runtime.mjs']);

function sourceFiles(): string[] {
  const files = roots.flatMap((root) =>
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(ts|tsx|mjs|js)$/.test(e.name) && !/\.(test|d)\.m?ts$/.test(e.name))
      .map((e) => path.join(e.parentPath, e.name)),
  );
  return [...files, ...singleFiles];
}

describe('no hidden wiring', () => {
  test('sanity: the scan sees the site and the server', () => {
    const files = sourceFiles();
    assert.ok(files.includes('server/serve.mjs') && files.includes('lib/content/live.ts') && files.includes('app/layout.tsx'));
  });

  for (const [what, pattern] of [
    ['process.env', /\bprocess\.env\b/],
    ['globalThis', /\bglobalThis\b/],
  ] as const) {
    test(`only ${[...owners].join(' and ')} use ${what}`, () => {
      const offenders = sourceFiles().flatMap((file) => {
        if (owners.has(file)) return [];
        return readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) => (pattern.test(line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '')) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
      });
      assert.deepEqual(offenders, [], `${what} outside its owner:\n${offenders.join('\n')}`);
    });
  }
});
