// @ts-check
// Next reads this file as CommonJS; Node (20.19 and later) loads the ES module synchronously.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { settings } = require('./lib/settings.mjs');

const { distDir, standalone, siteUrl } = settings();

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Benchmarks build archives of other sizes side by side without touching the main build.
  distDir,
  poweredByHeader: false,
  // `NEXT_OUTPUT=standalone` (scripts/package-standalone.mjs) makes a self-contained folder for
  // servers without the project's node_modules (README: Deployment); `npm start` serves the ordinary build.
  output: standalone ? 'standalone' : undefined,
  outputFileTracingIncludes: {
    // Read from the file system by Pango, so the tracer cannot see it.
    '/articles/[slug]/opengraph-image': ['./node_modules/@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf'],
  },
  outputFileTracingExcludes: {
    // Content ships on its own (CONTENT_DIR) and must not be frozen into the server bundle.
    '*': ['./content/**', './app/**', './e2e/**', './docs/**'],
  },
  // With each route's `revalidate = 30`: Cache-Control: s-maxage=30, stale-while-revalidate=30,
  // so a shared cache serves an edit within a minute (lib/site.ts, publicCacheControl).
  expireTime: 60,
  reactStrictMode: true,
  // Security headers (CSP, HSTS over HTTPS, …) on every response: lib/security-headers.mjs.
  async headers() {
    const { nextConfigHeaders } = await import('./lib/security-headers.mjs');
    return nextConfigHeaders({ siteUrl });
  },
  // Several instances share one page cache in Redis when REDIS_URL is set where the server starts
  // (`next start` and server/serve.mjs read this file again, and a standalone package keeps the
  // configuration recorded at build time, so the handler is always named). Without Redis the
  // handler is Next's own file cache, memory layer included, with its disk writes moved after the
  // response. With Redis, Next's per-process memory copy is off, so no instance answers from a
  // private, possibly outdated copy (the handler keeps its own, checked against Redis).
  cacheHandler: require.resolve('./server/redis-cache-handler.mjs'),
  cacheMaxMemorySize: 0,
  experimental: {
    // The server actions post a comment, sign in or moderate. The largest legitimate request is a
    // second 2,000-emoji comment from the same form (the first comes back in the form state):
    // 17-18 KB, measured by e2e/security-forgery.spec.ts. 24 KB leaves a margin; proxy.ts refuses
    // larger posts with a 413 (lib/routing.ts serverActionBodyBytes must match).
    serverActions: { bodySizeLimit: '24kb' },
  },
  images: {
    // Only the site's own images under public/ are optimised; no remote hosts.
    localPatterns: [{ pathname: '/images/**', search: '' }],
    formats: ['image/avif', 'image/webp'],
    deviceSizes: [360, 640, 828, 1200],
    imageSizes: [256, 384],
    minimumCacheTTL: 60 * 60 * 24 * 30,
  },
};

module.exports = nextConfig;
