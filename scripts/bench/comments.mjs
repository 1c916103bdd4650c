// Comments under load: POST /api/comments throughput over HTTP, and the generated-payload fuzz
// run of scripts/bench/comments-fuzz.ts.
//
// The POST run uses the bare server with TRUST_PROXY=1 and gives every request its own
// X-Forwarded-For address and its own text, so neither the per-reader rate limit nor the
// duplicate check answers instead of the store: every request should be stored (201). Each
// published comment also invalidates its article page, as in production.
import { spawn } from 'node:child_process';
import { atMost, figure, articleLinks, load, markdownTable, rawGet, root, startSite, track } from './common.mjs';

/** Address number `n` in the documentation range 2001:db8::/32: never a real reader. */
const readerAddress = (run, n) => `2001:db8:${run.toString(16)}::${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;

async function postThroughput({ connections, duration, log }) {
  const site = await startSite({ trustProxy: true });
  try {
    const home = await rawGet(site.url + '/');
    const articles = articleLinks(home.text).map((p) => p.replace('/articles/', ''));
    if (!articles.length) throw new Error('no article linked from the home page');
    const run = Math.floor(Math.random() * 0xffff);
    let n = 0;
    const result = await load({
      url: site.url,
      connections,
      duration,
      requests: [
        {
          method: 'POST',
          path: '/api/comments',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => {
            n += 1;
            return {
              ...request,
              headers: { ...request.headers, 'x-forwarded-for': readerAddress(run, n) },
              body: JSON.stringify({
                article: articles[n % articles.length],
                name: 'قارئ القياس',
                body: `تعليق رقم ${n} يكتبه سكربت القياس ليقيس سرعة حفظ التعليقات.`,
              }),
            };
          },
        },
      ],
    });
    // Every 201 must be readable back: the totals the API reports add up to the accepted posts.
    let stored = 0;
    for (const article of articles) {
      const response = await rawGet(`${site.url}/api/comments?article=${encodeURIComponent(article)}`);
      stored += JSON.parse(response.text).total ?? 0;
    }
    log(`  POST: ${result.reqPerSec.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, statuses ${JSON.stringify(result.statusCodes)}; ${stored} stored`);
    return { ...result, stored, articles: articles.length };
  } finally {
    await site.stop();
  }
}

/** Runs comments-fuzz.ts in its own process and reads its summary lines. */
function fuzz({ count, log }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/bench/comments-fuzz.ts', '--count', String(count)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stop = track({
      stop: async () => child.kill('SIGTERM'),
      stopSync: () => child.kill('SIGKILL'),
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', async (code) => {
      await stop();
      const read = (label) => new RegExp(`^${label}: (.+)$`, 'm').exec(output)?.[1];
      const runs = Number(read('runs'));
      const serverErrors = Number(read('5xx'));
      const perSecond = Number(read('payloads/s'));
      if (!Number.isFinite(runs) || !Number.isFinite(serverErrors)) {
        reject(new Error(`comments-fuzz.ts printed no summary (exit ${code}):\n${output.slice(-4000)}`));
        return;
      }
      log(output.trim().split('\n').map((line) => `  ${line}`).join('\n'));
      resolve({
        exitCode: code,
        runs,
        serverErrors,
        perSecond,
        accepted: read('accepted \\(201\\)'),
        held: read('held \\(202\\)'),
        rejected: read('rejected'),
        elapsed: read('elapsed'),
        failure: code === 0 ? '' : output.split('FAILED')[1]?.trim().split('\n')[0] ?? `exit ${code}`,
      });
    });
  });
}

export async function run(options, { log = console.log } = {}) {
  const { connections = 10, duration = 6, fuzzCount = 10_000 } = options;
  const post = await postThroughput({ connections, duration, log });
  const fuzzed = await fuzz({ count: fuzzCount, log });
  const accepted = post.statusCodes['201'] ?? 0;
  const markdown =
    `POST /api/comments over HTTP: autocannon, ${connections} connections, ${duration} s, bare server with TRUST_PROXY=1, ` +
    `each request from its own X-Forwarded-For address with its own text, spread over ${post.articles} articles.\n\n` +
    markdownTable([
      {
        'req/s': post.reqPerSec.toFixed(0),
        'p50 ms': post.p50,
        'p99 ms': post.p99,
        requests: post.total,
        statuses: Object.entries(post.statusCodes)
          .map(([code, count]) => `${code}: ${count}`)
          .join(', '),
        'connection errors': post.errors + post.timeouts,
        'stored (read back)': post.stored,
      },
    ]) +
    `\nFuzz (\`scripts/bench/comments-fuzz.ts --count ${fuzzCount}\`, the POST handler in-process on a temporary site):\n\n` +
    markdownTable([
      {
        payloads: fuzzed.runs,
        'payloads/s': fuzzed.perSecond,
        'accepted (201)': fuzzed.accepted,
        'held (202)': fuzzed.held,
        rejected: fuzzed.rejected,
        '5xx': fuzzed.serverErrors,
        result: fuzzed.exitCode === 0 ? 'OK' : `FAILED ${fuzzed.failure}`,
      },
    ]);
  const figures = [
    figure('comment POST throughput', Math.round(post.reqPerSec), `req/s, p50 ${post.p50} ms, p99 ${post.p99} ms`),
    figure('comment POSTs not stored (non-201 or lost)', post.total - Math.min(accepted, post.stored) + post.errors + post.timeouts, `of ${post.total}`, atMost(0)),
    figure('fuzz payloads answered 5xx', fuzzed.serverErrors, `of ${fuzzed.runs} (${fuzzed.perSecond} payloads/s)`, atMost(0)),
    figure('fuzz property (shapes, model, read-back)', fuzzed.exitCode === 0, fuzzed.exitCode === 0 ? 'OK' : fuzzed.failure, { text: 'holds', check: (v) => v === true }),
  ];
  return { figures, markdown, data: { post, fuzz: fuzzed } };
}
