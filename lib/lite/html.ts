import 'server-only';
import { formatDate } from '@/lib/format';
import { absoluteUrl, paths, publicCacheControl, site } from '@/lib/site';

/**
 * The lite edition (/lite, /lite/articles/<slug>) for poor networks: whole documents written here as
 * strings and sent by route handlers, outside the root layout, so that no Next script, web font or
 * image is ever part of them. One small stylesheet in the page, system fonts, dark by system setting.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const style = `body{font-family:system-ui,-apple-system,'Segoe UI',Tahoma,sans-serif;max-width:40rem;margin:0 auto;padding:0.75rem 1rem;line-height:1.8;color:#1c1917;background:#fff;overflow-wrap:break-word}
a{color:#8f1d17}h1{line-height:1.35}header,footer{border-block:1px solid #d6d3d1;padding-block:0.5rem}small,.meta{color:#57534e}
table{border-collapse:collapse;display:block;overflow-x:auto}td,th{border:1px solid #d6d3d1;padding:0.25rem 0.5rem}
pre,code{direction:ltr;unicode-bidi:isolate}pre{overflow-x:auto}li{margin-block:0.35rem}
@media (prefers-color-scheme:dark){body{color:#ece7e4;background:#1a1716}a{color:#ff9d93}small,.meta{color:#b8afaa}header,footer,td,th{border-color:#5c5450}}`;

export type LiteDocument = { title: string; description: string; canonicalPath: string; body: string };

export function liteDocument({ title, description, canonicalPath, body }: LiteDocument): string {
  return `<!doctype html>
<html lang="${site.locale}" dir="${site.dir}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="description" content="${escapeHtml(description)}">
<link rel="canonical" href="${escapeHtml(absoluteUrl(canonicalPath))}">
<style>${style}</style></head>
<body><header><a href="${paths.lite()}"><strong>${escapeHtml(site.name)}</strong></a> · <small>نسخة خفيفة</small></header>
<main>${body}</main>
<footer><a href="${escapeHtml(canonicalPath)}">النسخة الكاملة</a></footer></body></html>`;
}

export type LiteListItem = { slug: string; title: string; description: string; date: string };

export function liteList(items: LiteListItem[]): string {
  return `<ul>${items
    .map(
      (item) =>
        `<li><a href="${paths.liteArticle(item.slug)}">${escapeHtml(item.title)}</a><br><small>${escapeHtml(formatDate(item.date, site.timeZone).gregorian)}</small></li>`,
    )
    .join('')}</ul>`;
}

export type LiteArticle = {
  slug: string;
  title: string;
  description: string;
  date: string;
  updated?: string;
  author?: string;
  category?: string;
  /** Sanitised body HTML with images already replaced (lib/content renderLiteArticle). */
  html: string;
  image?: { src: string; alt: string };
};

export function liteArticleBody(article: LiteArticle): string {
  const date = (iso: string) => {
    const d = formatDate(iso, site.timeZone);
    return `<time datetime="${d.iso}">${escapeHtml(`${d.gregorian} ${d.time}`)}</time>`;
  };
  const meta = [
    article.category ? escapeHtml(article.category) : '',
    article.author ? `بقلم ${escapeHtml(article.author)}` : '',
    `نُشر في ${date(article.date)}`,
    article.updated ? `حُدّث في ${date(article.updated)}` : '',
  ].filter(Boolean);
  const image = article.image
    ? `<p><a href="${escapeHtml(article.image.src)}">[صورة: ${escapeHtml(article.image.alt)}]</a></p>`
    : '';
  return `<article><h1>${escapeHtml(article.title)}</h1>
<p><strong>${escapeHtml(article.description)}</strong></p>
<p class="meta">${meta.join(' · ')}</p>${image}
${article.html}</article>`;
}

export function liteResponse(html: string, status = 200): Response {
  return new Response(html, {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      // A missing article may be published later: only found pages are shared-cacheable.
      'Cache-Control': status === 200 ? publicCacheControl : 'private, no-store',
    },
  });
}

export function liteNotFound(): Response {
  return liteResponse(
    liteDocument({
      title: `الصفحة غير موجودة | ${site.name}`,
      description: site.description,
      canonicalPath: paths.home(),
      body: `<h1>الصفحة غير موجودة</h1><p>لم نجد هذا المقال. <a href="${paths.lite()}">عُد إلى الصفحة الرئيسية الخفيفة</a>.</p>`,
    }),
    404,
  );
}
