// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Benchmarks build archives of other sizes side by side without touching the main build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // With each route's `revalidate = 30`: Cache-Control: s-maxage=30, stale-while-revalidate=30,
  // so a shared cache serves an edit within a minute (lib/site.ts, publicCacheControl).
  expireTime: 60,
  reactStrictMode: true,
  experimental: {
    // The only server actions post a comment (2,000 characters) or moderate one: 64 KB is ample.
    serverActions: { bodySizeLimit: '64kb' },
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
