/**
 * Child process for the store selection test:
 *   node --conditions=react-server --import tsx store-selection.ts
 * Uses the comment store the environment selects (DATABASE_URL, else the
 * SQLite file in DATA_DIR) the way the site does, then prints one JSON line:
 * { count, pgLoaded } where pgLoaded says whether the `pg` driver was loaded.
 */
async function main() {
  const { getCommentStore } = await import('@/lib/comments/service');
  const store = getCommentStore();
  const count = await store.countApproved('gulf-summit-opens');
  await store.close();
  const pgLoaded = Object.keys(require.cache).some((file) => /[\\/]node_modules[\\/]pg[\\/]/.test(file));
  process.stdout.write(`${JSON.stringify({ count, pgLoaded })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
