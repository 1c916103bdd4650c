// Child process for views.test.mjs and scripts/bench/views.mjs: sends view beacons as a browser
// would (text/plain JSON, a browser's user agent), each from a reader address of its own.
//   node tests/reliability/view-sender.mjs <base> <sender index> <count> <slug,slug,…> [concurrency]
// Prints one JSON line: { sent, statuses, latencies } (latencies in ms, one per beacon).
import { Agent, request } from 'node:http';

const [base, senderArg, countArg, slugsArg, concurrencyArg = '4'] = process.argv.slice(2);
const sender = Number(senderArg);
const count = Number(countArg);
const slugs = slugsArg.split(',');
const agent = new Agent({ keepAlive: true, maxSockets: Number(concurrencyArg) });
const userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

function beacon(i) {
  const body = JSON.stringify({ article: slugs[i % slugs.length] });
  // 10.<sender+100>.x.y: a reader of its own for every beacon, apart from every other sender's.
  const address = `10.${sender + 100}.${(i >> 8) & 255}.${i & 255}`;
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      `${base}/api/views`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'text/plain;charset=UTF-8', 'content-length': Buffer.byteLength(body), 'user-agent': userAgent, 'x-forwarded-for': address },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
      },
    );
    req.on('error', (error) => resolve({ status: error.code ?? 'error', ms: performance.now() - started }));
    req.end(body);
  });
}

const statuses = {};
const latencies = [];
let next = 0;
async function worker() {
  while (next < count) {
    const result = await beacon(next++);
    statuses[result.status] = (statuses[result.status] ?? 0) + 1;
    latencies.push(Math.round(result.ms * 100) / 100);
  }
}
await Promise.all(Array.from({ length: Number(concurrencyArg) }, worker));
agent.destroy();
process.stdout.write(`${JSON.stringify({ sent: count, statuses, latencies })}\n`);
