// A full or read-only DATA_DIR: posting answers 503 with the Arabic message, pages stay up,
// nothing stored is lost. DATA_DIR is a small tmpfs in a private mount namespace: as root (CI)
// or with unprivileged user namespaces; elsewhere these tests fail and say why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diskFull, failures, readOnly } from './scenarios.mjs';

test('disk full while posting: 503 storage_unavailable, pages 200, nothing stored lost, posting resumes when space is freed', { timeout: 120_000 }, async (t) => {
  const { figures, checks } = await diskFull();
  t.diagnostic(JSON.stringify(figures));
  assert.deepEqual(failures(checks), []);
});

test('read-only DATA_DIR: 503 storage_unavailable, pages 200, nothing stored lost, posting resumes when writable', { timeout: 120_000 }, async (t) => {
  const { figures, checks } = await readOnly();
  t.diagnostic(JSON.stringify(figures));
  assert.deepEqual(failures(checks), []);
});
