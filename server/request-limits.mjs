// What server/serve.mjs refuses before a request reaches Next, and how it answers: requests that
// cost a lot to parse and nothing to send, request targets Next cannot read, and server action
// bodies Next would fail on with a 500 and a stack trace in the log.
//
// Measured on a production build (docs/reliability.md): a 14 KB URL of 3,500 repeated query keys
// cost ~400 ms of CPU inside Next before any of our code ran; refused here it costs under 1 ms.

/** Longer request targets are answered 414 (nginx's default large_client_header_buffers is 8 KB). */
export const maxUrlBytes = 8 * 1024;
/** More query parameters than any page reads, by far. */
export const maxQueryParameters = 100;
/** The body limit of server actions: next.config.js and lib/routing.ts say the same (a unit test checks). */
export const actionBodyBytes = 24 * 1024;

/** A refusal in the API's shape: `{ error: { code, message } }`, the message in Arabic. */
export function refuse(res, status, code, message, extraHeaders = {}) {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
  res.end(body);
}

/** How many `&`-separated parameters a query string holds, counting no further than `limit + 1`. */
export function countQueryParameters(query, limit = maxQueryParameters) {
  let count = 0;
  let start = 0;
  while (start <= query.length && count <= limit) {
    let end = query.indexOf('&', start);
    if (end === -1) end = query.length;
    if (end > start) count++;
    start = end + 1;
  }
  return count;
}

/**
 * Checks a request line before Next sees it. Returns undefined when it may go on, possibly with
 * `req.url` rewritten from absolute form to origin form; otherwise the refusal to send.
 */
export function checkRequestTarget(req) {
  const url = req.url ?? '';
  if (Buffer.byteLength(url) > maxUrlBytes) {
    return { status: 414, code: 'uri_too_long', message: 'عنوان الطلب أطول من المسموح.' };
  }
  if (!url.startsWith('/')) {
    // `*` (OPTIONS * and GET *) and authority form name no page; absolute form is accepted only
    // for this very host, as HTTP/1.1 requires, and turned into the path Next expects.
    const absolute = /^https?:\/\//i.test(url) && URL.canParse(url) ? new URL(url) : undefined;
    if (!absolute || absolute.host.toLowerCase() !== String(req.headers.host ?? '').toLowerCase()) {
      return { status: 400, code: 'bad_request_target', message: 'صيغة عنوان الطلب غير صالحة.' };
    }
    req.url = `${absolute.pathname}${absolute.search}`;
  }
  const query = req.url.indexOf('?');
  if (query !== -1 && countQueryParameters(req.url.slice(query + 1)) > maxQueryParameters) {
    return { status: 400, code: 'too_many_parameters', message: `يحمل العنوان أكثر من ${maxQueryParameters} معامل.` };
  }
  return undefined;
}

/** A server action post as Next recognises one: a Next-Action header, or a no-script multipart form. */
export function isActionPost(req) {
  if (req.method !== 'POST') return false;
  const path = req.url ?? '';
  // Route handlers read their own bodies (and answer 415 to a multipart post themselves).
  if (path.startsWith('/api/') || path.startsWith('/_next/')) return false;
  return req.headers['next-action'] !== undefined || /^multipart\/form-data/i.test(req.headers['content-type'] ?? '');
}

/**
 * Whether Next could decode this action body: multipart must parse as form data, and the
 * text/plain body of a fetch action must be JSON. Anything else is handed to Next unchanged.
 */
export async function actionBodyReadable(headers, body) {
  const type = String(headers['content-type'] ?? '');
  if (/^multipart\/form-data/i.test(type)) {
    try {
      await new Response(body, { headers: { 'content-type': type } }).formData();
      return true;
    } catch {
      return false;
    }
  }
  if (headers['next-action'] !== undefined && /^text\/plain/i.test(type)) {
    try {
      JSON.parse(body.toString('utf8'));
      return true;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * Reads an action post's body, counting as it streams (a chunked body declares no length), and
 * puts it back for Next to read as if nothing had happened. Resolves to the body; to undefined
 * when it passed `limit` (the rest is not read) or the client went away; to null when it was
 * called too late to see the body (it must be called from the request event itself). The body is held back by intercepting the
 * stream's `push`, through which Node's HTTP parser delivers it, before anything else reads it.
 */
export function holdBody(req, limit = actionBodyBytes) {
  return new Promise((resolve, reject) => {
    const push = req.push;
    const chunks = [];
    let size = 0;
    let done = false;
    const finish = (value) => {
      if (done) return;
      done = true;
      req.push = push;
      req.off('error', reject);
      resolve(value);
    };
    req.on('error', reject);
    req.push = function (chunk, encoding) {
      if (done) return push.call(this, chunk, encoding);
      if (chunk === null) {
        const body = Buffer.concat(chunks);
        req.push = push;
        if (body.length > 0) push.call(this, body);
        push.call(this, null);
        finish(body);
        return false;
      }
      size += chunk.length;
      if (size > limit) {
        finish(undefined);
        return false;
      }
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding));
      return true;
    };
    // A client that gives up mid-body is answered nothing; the promise must still settle.
    req.once('close', () => finish(undefined));
    // Called later than the request event, the body may already be buffered: it cannot be inspected.
    if (req.complete) finish(null);
  });
}
