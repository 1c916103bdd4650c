// @ts-check
// Security headers for every response. Plain JavaScript so next.config.js (CommonJS, read before
// any bundling) and proxy.ts share one definition; types are in security-headers.d.mts.
import { createHash } from 'node:crypto';
import { headScript } from './reader/preferences.mjs';

const headScriptHash = `'sha256-${createHash('sha256').update(headScript).digest('base64')}'`;

/**
 * The page policy. No third-party origin appears anywhere: fonts, images and scripts are all served
 * by the site itself.
 *
 * `script-src` keeps 'unsafe-inline' for pages because Next's App Router writes its bootstrap and
 * the page's RSC payload as inline <script> elements whose text differs on every page (and on
 * every regeneration of an ISR page). A nonce would have to be fresh per response, which makes
 * every page dynamic and throws away the static/ISR HTML and CDN caching; a list of hashes cannot
 * be sent in a header fixed at build time for text that changes after it. What protects readers
 * instead is that no untrusted markup reaches the HTML: Markdown goes through an allow-list
 * sanitiser and comments are rendered as text (see e2e/security-xss.spec.ts), and the rest of
 * the policy still forbids foreign scripts, plugins, <base> hijacking, foreign form targets and
 * framing. The editor pages, which are dynamic anyway, get the strict nonce policy below, plus the
 * hash of the reader-preferences head script: it is rendered by the root layout, which has no nonce.
 *
 * `style-src` needs 'unsafe-inline' for React's `style` attributes and the inline <style> Next
 * adds to its built-in error pages.
 *
 * @param {{ https: boolean, nonce?: string }} options
 * @returns {string}
 */
export function contentSecurityPolicy({ https, nonce }) {
  const script = nonce ? `'self' 'nonce-${nonce}' ${headScriptHash} 'strict-dynamic'` : `'self' 'unsafe-inline'`;
  const directives = [
    `default-src 'self'`,
    `script-src ${script}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `media-src 'self'`,
    `object-src 'none'`,
    `frame-src 'none'`,
    `worker-src 'self'`,
    `manifest-src 'self'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/**
 * Features the site never uses, switched off for it and anything it might embed. Only features
 * Chromium knows are listed: an unknown name (such as the retired FLoC `interest-cohort`, whose
 * successor is `browsing-topics`) makes it log an error on every page.
 */
export const permissionsPolicy = [
  'accelerometer=()',
  'autoplay=()',
  'browsing-topics=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
].join(', ');

/** @param {string | undefined} siteUrl */
export function isHttpsSite(siteUrl) {
  return typeof siteUrl === 'string' && /^https:\/\//i.test(siteUrl.trim());
}

/**
 * The headers every response carries, the page CSP included.
 *
 * @param {{ siteUrl: string | undefined }} options
 * @returns {{ key: string, value: string }[]}
 */
export function securityHeaders({ siteUrl }) {
  const https = isHttpsSite(siteUrl);
  return [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy({ https }) },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'Permissions-Policy', value: permissionsPolicy },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
    // For browsers without CSP frame-ancestors.
    { key: 'X-Frame-Options', value: 'DENY' },
    // Only over HTTPS: on plain HTTP the header is ignored, and a test site on http://localhost
    // must not pin a browser to HTTPS for every port on that name.
    ...(https ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
  ];
}

/**
 * The `headers()` entries for next.config.js: every path, static files and not-found answers
 * included.
 *
 * @param {{ siteUrl: string | undefined }} options
 */
export function nextConfigHeaders({ siteUrl }) {
  return [{ source: '/:path*', headers: securityHeaders({ siteUrl }) }];
}
