// The reliability promises, one function each. A scenario starts its own production server(s),
// does the damage, and returns `{ figures, checks }`: figures are what docs/reliability.md
// reports, checks are the pass conditions (`{ what, ok, detail }`). The tests under
// tests/reliability/ assert every check; scripts/bench/reliability.mjs prints them as a table.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { siteConfigPath } from '../../testing/services/nginx.mjs';
import {
  arabicLetter,
  copyBuild,
  httpRequest,
  keepAliveAgent,
  listAllComments,
  newAddress,
  parseJson,
  postComment,
  publishedSlugs,
  removeTree,
  root,
  scratch,
  sleep,
  startServer,
  startTmpfs,
  storageUnavailableCode,
} from './harness.mjs';

const check = (what, ok, detail = '') => ({ what, ok: !!ok, detail: String(detail) });
const seconds = (ms) => Number((ms / 1000).toFixed(2));

/** The comments in a database file (after the server has exited) and its integrity check. */
function readDatabase(file, where = '') {
  const db = new Database(file, { fileMustExist: true });
  try {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'comments'").get();
    if (!hasTable) return { rows: [], integrity: db.pragma('integrity_check', { simple: true }), missingTable: true };
    const rows = db.prepare(`SELECT id, article, name, body, status FROM comments ${where}`).all();
    const integrity = db.pragma('integrity_check', { simple: true });
    return { rows, integrity };
  } finally {
    db.close();
  }
}

/**
 * Copies a stopped server's database (with its WAL, if one was left) to `dir` and returns the
 * copy's path: SQLite resolves symbolic links, so it cannot open a file through /proc/PID/root.
 */
function copyDatabase(file, dir) {
  const copy = path.join(dir, 'copy-of-comments.db');
  for (const suffix of ['', '-wal']) if (existsSync(file + suffix)) copyFileSync(file + suffix, copy + suffix);
  return copy;
}

/** Compares what the server acknowledged with what is stored: lost, changed and duplicated comments. */
function compareAcknowledged(acknowledged, rows) {
  const byId = new Map(rows.map((row) => [row.id, row]));
  let lost = 0;
  let changed = 0;
  for (const ack of acknowledged) {
    const row = byId.get(ack.id);
    if (!row) lost++;
    else if (row.body !== ack.body || row.name !== ack.name || row.article !== ack.article) changed++;
  }
  const bodies = new Map();
  for (const row of rows) bodies.set(row.body, (bodies.get(row.body) ?? 0) + 1);
  const duplicated = [...bodies.values()].filter((n) => n > 1).reduce((sum, n) => sum + n - 1, 0);
  return { lost, changed, duplicated };
}

// ------------------------------------------------------------------ concurrent writers

/** `writers` keep-alive connections post `perWriter` comments each, all at once. */
export async function concurrentWriters({ writers = 8, perWriter = 250 } = {}) {
  const build = copyBuild('writers');
  const data = scratch('writers');
  const server = await startServer({ dist: build.dist, dataDir: data.dir });
  try {
    const slugs = (await publishedSlugs(server.url)).slice(0, writers);
    const nonce = randomBytes(4).toString('hex');
    const acknowledged = [];
    const statuses = {};
    const started = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        const agent = keepAliveAgent(1);
        const article = slugs[w % slugs.length];
        for (let i = 0; i < perWriter; i++) {
          const payload = { article, name: `كاتب ${w + 1}`, body: `تعليق ${nonce} رقم ${i + 1} من الكاتب ${w + 1}: متابعة مهمة، شكرًا.` };
          const response = await postComment(server.url, payload, { agent });
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          if (response.status === 201) acknowledged.push({ id: response.json.comment.id, article, name: payload.name, body: payload.body });
        }
        agent.destroy();
      }),
    );
    const elapsed = performance.now() - started;
    let listed = 0;
    for (const slug of new Set(slugs)) listed += (await listAllComments(server.url, slug)).total;
    const stop = await server.stop();

    const { rows, integrity } = readDatabase(path.join(data.dir, 'comments.db'), `WHERE body LIKE 'تعليق ${nonce} %'`);
    const { lost, changed, duplicated } = compareAcknowledged(acknowledged, rows);
    const total = writers * perWriter;
    const ids = new Set(acknowledged.map((a) => a.id));
    return {
      figures: {
        posted: total,
        acknowledged: acknowledged.length,
        stored: rows.length,
        listed,
        lost,
        duplicated,
        integrity,
        seconds: seconds(elapsed),
        'comments/s': Math.round(total / (elapsed / 1000)),
      },
      checks: [
        check(`${total} posts answered 201`, acknowledged.length === total, JSON.stringify(statuses)),
        check('every 201 has its own id', ids.size === acknowledged.length, `${ids.size} ids`),
        check(`${total} stored`, rows.length === total, `${rows.length} rows`),
        check('0 lost or changed', lost === 0 && changed === 0, `lost ${lost}, changed ${changed}`),
        check('0 duplicated', duplicated === 0, `${duplicated}`),
        check('GET lists them all', listed === total, `${listed}`),
        check('PRAGMA integrity_check', integrity === 'ok', integrity),
        check('the server stopped cleanly', stop.code === 0, `exit ${stop.code ?? stop.signal}`),
      ],
    };
  } finally {
    await server.stop();
    build.remove();
    data.remove();
  }
}

// ------------------------------------------------------------------ kill -9

/**
 * `runs` times: start the server, post from `posters` connections at once, SIGKILL the server
 * a random 20–300 ms after its first answer. Then every comment answered 201 must be stored as sent.
 */
export async function killNine({ runs = 20, posters = 4, minMs = 20, maxMs = 300 } = {}) {
  const build = copyBuild('kill9');
  const data = scratch('kill9');
  const nonce = randomBytes(4).toString('hex');
  const acknowledged = [];
  const perRun = [];
  let interrupted = 0;
  let slugs;
  let server;
  const started = performance.now();
  try {
    for (let run = 1; run <= runs; run++) {
      server = await startServer({ dist: build.dist, dataDir: data.dir });
      slugs ??= (await publishedSlugs(server.url)).slice(0, 4);
      let killed = false;
      let acked = 0;
      let firstAck;
      const answered = new Promise((resolve) => (firstAck = resolve));
      const loops = Array.from({ length: posters }, async (_, p) => {
        const agent = keepAliveAgent(1);
        for (let i = 1; !killed; i++) {
          const article = slugs[(p + i) % slugs.length];
          const payload = { article, name: `قارئ ${p + 1}`, body: `تعليق ${nonce} في الجولة ${run}، الكاتب ${p + 1}، رقم ${i}.` };
          try {
            const response = await postComment(server.url, payload, { agent });
            if (response.status !== 201) throw new Error(`run ${run}: ${response.status} ${response.text.slice(0, 200)}`);
            acknowledged.push({ id: response.json.comment.id, article, name: payload.name, body: payload.body });
            acked++;
            firstAck();
          } catch (error) {
            // A request cut off by the kill has no answer: it may or may not be stored, and either is right.
            if (!killed && server.child.exitCode === null && server.child.signalCode === null) throw error;
            interrupted++;
            break;
          }
        }
        agent.destroy();
      });
      // The first request after start-up is slow (code loading, opening the database): kill a running loop.
      await Promise.race([answered, sleep(10_000)]);
      await sleep(minMs + Math.random() * (maxMs - minMs));
      server.kill('SIGKILL');
      killed = true;
      await server.exited;
      await Promise.all(loops);
      perRun.push(acked);
    }

    // Restarted once more: what readers see, then what the file holds.
    server = await startServer({ dist: build.dist, dataDir: data.dir });
    const listed = new Map();
    for (const slug of slugs) for (const c of (await listAllComments(server.url, slug)).comments) listed.set(c.id, c);
    const listedMissing = acknowledged.filter((a) => listed.get(a.id)?.body !== a.body).length;
    const pages = await Promise.all(['/', `/articles/${slugs[0]}`].map((url) => httpRequest(`${server.url}${url}`)));
    await server.stop();

    const { rows, integrity } = readDatabase(path.join(data.dir, 'comments.db'), `WHERE body LIKE 'تعليق ${nonce} %'`);
    const { lost, changed, duplicated } = compareAcknowledged(acknowledged, rows);
    return {
      figures: {
        runs,
        acknowledged: acknowledged.length,
        'acknowledged per run (min–max)': `${Math.min(...perRun)}–${Math.max(...perRun)}`,
        'cut off by the kill': interrupted,
        stored: rows.length,
        lost,
        changed,
        integrity,
        seconds: seconds(performance.now() - started),
      },
      checks: [
        check('every run acknowledged comments before its kill', perRun.length === runs && perRun.every((n) => n > 0), perRun.join(' ')),
        check('0 acknowledged comments lost', lost === 0, `${lost} of ${acknowledged.length}`),
        check('0 acknowledged comments changed', changed === 0, `${changed}`),
        check('every acknowledged comment listed by GET after restart', listedMissing === 0, `${listedMissing} missing`),
        check('0 duplicated', duplicated === 0, `${duplicated}`),
        check('PRAGMA integrity_check', integrity === 'ok', integrity),
        check('pages 200 after restart', pages.every((p) => p.status === 200), pages.map((p) => p.status).join(' ')),
      ],
    };
  } finally {
    await server?.stop();
    build.remove();
    data.remove();
  }
}

// ------------------------------------------------------------------ SIGTERM with requests in flight

/**
 * `requests` comment posts are in flight when SIGTERM arrives: each sent its headers with
 * `Expect: 100-continue` and got `100 Continue` (so the server has begun handling it) and sends its
 * body only after the signal. `idle` kept-alive connections sit idle. All posts must be answered 201,
 * the server must stop accepting, close every connection, close the database and exit 0.
 */
export async function sigtermInFlight({ requests = 100, idle = 5 } = {}) {
  const build = copyBuild('sigterm');
  const data = scratch('sigterm');
  const server = await startServer({ dist: build.dist, dataDir: data.dir });
  const nonce = randomBytes(4).toString('hex');
  try {
    const slugs = (await publishedSlugs(server.url)).slice(0, 4);
    // The store is open, as on any server that has taken a comment.
    const first = await postComment(server.url, { article: slugs[0], name: 'قارئ أول', body: `تعليق ${nonce} قبل الإيقاف.` });
    if (first.status !== 201) throw new Error(`first post: ${first.status} ${first.text}`);

    const idleClosed = [];
    const idleAgents = [];
    for (let i = 0; i < idle; i++) {
      const agent = keepAliveAgent(1);
      idleAgents.push(agent);
      await new Promise((resolve, reject) => {
        const req = httpRequestWithSocket(`${server.url}/api/comments?article=${slugs[0]}`, { agent }, (socket) => {
          socket.once('close', () => idleClosed.push(performance.now()));
        });
        req.then(resolve, reject);
      });
    }

    const posts = Array.from({ length: requests }, (_, i) => {
      const payload = { article: slugs[i % slugs.length], name: `قارئ ${i + 1}`, body: `تعليق ${nonce} في الطريق رقم ${i + 1}.` };
      return { payload, ...slowPost(server.url, payload, newAddress()) };
    });
    await Promise.all(posts.map((p) => p.continued));

    const signalled = performance.now();
    server.kill('SIGTERM');
    const refused = await refusesConnections(server.port, 5_000);
    for (const p of posts) p.sendBody();
    const answers = await Promise.all(posts.map((p) => p.response));
    const exit = await Promise.race([server.exited, sleep(35_000).then(() => ({ code: 'timeout', at: performance.now() }))]);
    const exitMs = exit.at - signalled;
    for (const agent of idleAgents) agent.destroy();

    const db = path.join(data.dir, 'comments.db');
    const walLeft = existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0;
    // The main file alone, as it would be copied by a backup: everything must be in it.
    const alone = scratch('sigterm-copy');
    let rows, integrity;
    try {
      copyFileSync(db, path.join(alone.dir, 'comments.db'));
      ({ rows, integrity } = readDatabase(path.join(alone.dir, 'comments.db'), `WHERE body LIKE 'تعليق ${nonce} في الطريق %'`));
    } finally {
      alone.remove();
    }
    const answered = answers.filter((a) => a.status === 201);
    const acknowledged = answered.map((a, i) => ({ id: parseJson(a.text)?.comment?.id, ...posts[i].payload }));
    const { lost } = compareAcknowledged(acknowledged, rows);
    const statuses = {};
    for (const a of answers) statuses[a.status ?? a.error] = (statuses[a.status ?? a.error] ?? 0) + 1;
    return {
      figures: {
        'in flight at SIGTERM': posts.length,
        'answered 2xx': answers.filter((a) => a.status >= 200 && a.status < 300).length,
        'exit code': exit.code,
        'exit after SIGTERM (s)': seconds(exitMs),
        'idle keep-alive closed': `${idleClosed.length}/${idle}`,
        'WAL left (bytes)': walLeft,
        'in the main file': rows.length,
      },
      checks: [
        check(`${requests} in flight answered 201`, answered.length === requests, JSON.stringify(statuses)),
        check('their connections closed after the response', answers.every((a) => a.closedByServer), `${answers.filter((a) => a.closedByServer).length}`),
        check('new connections refused after SIGTERM', refused, refused ? 'ECONNREFUSED' : 'still accepting'),
        check('idle keep-alive connections closed', idleClosed.length === idle, `${idleClosed.length}/${idle}`),
        check('exit code 0', exit.code === 0, `${exit.code ?? exit.signal}`),
        check('exit within 30 s', exitMs < 30_000, `${seconds(exitMs)} s`),
        check('database closed: WAL checkpointed into the main file', walLeft === 0 && rows.length === requests && lost === 0, `WAL ${walLeft} bytes, ${rows.length} of ${requests} in the main file alone`),
        check('PRAGMA integrity_check', integrity === 'ok', integrity),
      ],
      log: server.log(),
    };
  } finally {
    await server.stop();
    build.remove();
    data.remove();
  }
}

/** GET through `agent`, handing the socket to `onSocket`. */
function httpRequestWithSocket(url, { agent }, onSocket) {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.once('socket', onSocket);
    req.on('error', reject);
    req.end();
  });
}

/** A POST that sends its headers now and its body when told: in flight for as long as we like. */
function slowPost(base, payload, address) {
  const body = JSON.stringify(payload);
  const agent = keepAliveAgent(1);
  let req;
  let closedByServer = false;
  let responded = false;
  const continued = new Promise((resolve, reject) => {
    req = request(`${base}/api/comments`, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-forwarded-for': address,
        expect: '100-continue',
      },
    });
    req.once('continue', resolve);
    req.once('error', reject);
    req.once('socket', (socket) => socket.once('close', () => (closedByServer = responded)));
    req.flushHeaders();
  });
  const response = new Promise((resolve) => {
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        responded = true;
        // The connection must be closed by the server after this response, not left to idle.
        const socket = res.socket;
        const done = () => resolve({ status: res.statusCode, text, closedByServer: true });
        if (!socket || socket.destroyed) done();
        else {
          socket.once('close', done);
          setTimeout(() => {
            agent.destroy();
            resolve({ status: res.statusCode, text, closedByServer });
          }, 10_000).unref();
        }
      });
    });
    req.once('error', (error) => resolve({ status: undefined, error: error.code ?? error.message, closedByServer }));
  });
  return { continued, response, sendBody: () => req.end(body) };
}

/** Polls until connecting to `port` is refused. */
async function refusesConnections(port, withinMs) {
  const deadline = performance.now() + withinMs;
  while (performance.now() < deadline) {
    const refused = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', (error) => resolve(error.code === 'ECONNREFUSED'));
    });
    if (refused) return true;
    await sleep(20);
  }
  return false;
}

// ------------------------------------------------------------------ disk full, read-only

const pagesToCheck = (slug) => ['/', `/articles/${slug}`, '/feed.xml'];

/** Status of each page; all must be 200 while comments cannot be written. */
async function pageStatuses(base, slug) {
  const statuses = [];
  for (const url of pagesToCheck(slug)) statuses.push((await httpRequest(`${base}${url}`)).status);
  return statuses;
}

/** A 503 as promised: `storage_unavailable` with an Arabic message, and nothing stored. */
const isStorage503 = (response) =>
  response.status === 503 && response.json?.error?.code === storageUnavailableCode && arabicLetter.test(response.json?.error?.message ?? '');

/** Fills the file system holding `file` until it refuses another byte; returns the bytes written. */
function fillUp(file) {
  const fd = openSync(file, 'w');
  let written = 0;
  try {
    for (const size of [1 << 20, 1 << 12, 1]) {
      const chunk = Buffer.alloc(size, 0x61);
      for (;;) {
        try {
          written += writeSync(fd, chunk);
        } catch (error) {
          if (error.code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

/**
 * DATA_DIR on an 8 MiB tmpfs: comments are posted, the disk is filled up by another file, posting
 * goes on until the server answers 503. Pages must stay 200, every comment answered 201 (before or
 * while full) must still be listed, no comment answered 503 may be stored; freeing the space
 * must let posting resume without a restart, and a restarted server must list everything.
 */
export async function diskFull({ tmpfsBytes = 8 << 20, before = 20, attempts = 400 } = {}) {
  const build = copyBuild('diskfull');
  const data = scratch('diskfull');
  const dataDir = path.join(data.dir, 'data');
  const tmpfs = await startTmpfs(dataDir, tmpfsBytes);
  let server;
  try {
    server = await startServer({ dist: build.dist, dataDir, namespace: tmpfs });
    const slug = (await publishedSlugs(server.url))[0];
    const nonce = randomBytes(4).toString('hex');
    const acknowledged = [];
    const refused = [];
    const other = {};
    const long = 'ـ'.repeat(1900);
    const post = async (label) => {
      const payload = { article: slug, name: 'قارئ', body: `تعليق ${nonce} ${label} ${long}` };
      const response = await postComment(server.url, payload);
      if (response.status === 201) acknowledged.push({ id: response.json.comment.id, article: slug, name: payload.name, body: payload.body });
      else if (isStorage503(response)) refused.push(payload.body);
      else other[response.status] = (other[response.status] ?? 0) + 1;
      return response;
    };

    for (let i = 0; i < before; i++) await post(`قبل الامتلاء ${i}`);
    const beforeFull = acknowledged.length;
    const filler = tmpfs.hostPath(path.join(dataDir, 'filler'));
    const filled = fillUp(filler);
    let first503;
    for (let i = 0; i < attempts && first503 === undefined; i++) {
      const response = await post(`أثناء الامتلاء ${i}`);
      if (response.status === 503) first503 = { attempt: i + 1, message: response.json?.error?.message };
    }
    // The disk is still full: a few more posts must also be refused, cleanly.
    for (let i = 0; i < 5 && first503; i++) await post(`بعد الرفض ${i}`);
    const pagesWhileFull = await pageStatuses(server.url, slug);
    const listedWhileFull = (await listAllComments(server.url, slug)).comments;
    const acknowledgedWhileFull = acknowledged.length;

    unlinkSync(filler);
    const afterFreeing = await post('بعد تحرير المساحة');
    const stop = await server.stop();
    server = await startServer({ dist: build.dist, dataDir, namespace: tmpfs });
    const listedAfterRestart = (await listAllComments(server.url, slug)).comments;
    await server.stop();

    const missing = (listed, upTo = acknowledged.length) => acknowledged.slice(0, upTo).filter((a) => !listed.some((c) => c.id === a.id && c.body === a.body)).length;
    const storedRefused = refused.filter((body) => listedAfterRestart.some((c) => c.body === body)).length;
    const { integrity } = readDatabase(copyDatabase(tmpfs.hostPath(path.join(dataDir, 'comments.db')), data.dir));
    return {
      figures: {
        tmpfs: `${tmpfsBytes >> 20} MiB`,
        'filler (MiB)': Number((filled / (1 << 20)).toFixed(2)),
        'accepted before full': beforeFull,
        'accepted after filling, before the first 503': first503 ? first503.attempt - 1 : 'no 503',
        '503 answers': refused.length,
        'pages while full': pagesWhileFull.join(' '),
        'after freeing': afterFreeing.status,
        integrity,
      },
      checks: [
        check(`${before} comments accepted before the disk filled`, beforeFull === before, `${beforeFull}`),
        check('a full disk is answered 503 storage_unavailable with an Arabic message', !!first503 && refused.length >= 6, first503?.message ?? `no 503 in ${attempts} posts`),
        check('nothing but 201 or that 503', Object.keys(other).length === 0, JSON.stringify(other)),
        check('pages 200 while full', pagesWhileFull.every((s) => s === 200), `${pagesToCheck(slug).join(', ')}: ${pagesWhileFull.join(' ')}`),
        check('every acknowledged comment listed while full', missing(listedWhileFull, acknowledgedWhileFull) === 0, `${missing(listedWhileFull, acknowledgedWhileFull)} missing`),
        check('no comment answered 503 was stored', storedRefused === 0, `${storedRefused}`),
        check('posting resumes once space is freed, without a restart', afterFreeing.status === 201, `${afterFreeing.status}`),
        check('every acknowledged comment listed after a restart', missing(listedAfterRestart) === 0, `${missing(listedAfterRestart)} missing`),
        check('the server stopped cleanly after the fault', stop.code === 0, `exit ${stop.code ?? stop.signal}`),
        check('PRAGMA integrity_check', integrity === 'ok', integrity),
      ],
    };
  } finally {
    await server?.stop();
    await tmpfs.stop();
    build.remove();
    data.remove();
  }
}

/**
 * A DATA_DIR holding comments becomes read-only (`mount -o remount,bind,ro`): posting is answered
 * 503 with the Arabic message, pages stay 200; once the mount is writable again posting resumes
 * without a restart and everything is there. A mount cannot be made read-only while a process
 * has a file open for writing on it (EBUSY), so the server that wrote the comments is stopped and
 * a new one started on the read-only mount: a volume mounted read-only by mistake, or after the
 * kernel remounted it so.
 */
export async function readOnly({ before = 10 } = {}) {
  const build = copyBuild('readonly');
  const data = scratch('readonly');
  const dataDir = path.join(data.dir, 'data');
  const tmpfs = await startTmpfs(dataDir, 8 << 20);
  let server;
  try {
    server = await startServer({ dist: build.dist, dataDir, namespace: tmpfs });
    const slug = (await publishedSlugs(server.url))[0];
    const nonce = randomBytes(4).toString('hex');
    const acknowledged = [];
    for (let i = 0; i < before; i++) {
      const payload = { article: slug, name: 'قارئ', body: `تعليق ${nonce} رقم ${i}.` };
      const response = await postComment(server.url, payload);
      if (response.status === 201) acknowledged.push({ id: response.json.comment.id, article: slug, name: payload.name, body: payload.body });
    }
    await server.stop();

    tmpfs.run(['mount', '-o', 'remount,bind,ro', dataDir]);
    server = await startServer({ dist: build.dist, dataDir, namespace: tmpfs });
    const refused = await postComment(server.url, { article: slug, name: 'قارئ', body: `تعليق ${nonce} على قرص للقراءة فقط.` });
    const pagesReadOnly = await pageStatuses(server.url, slug);
    const listReadOnly = await httpRequest(`${server.url}/api/comments?article=${slug}`);
    const listReadOnlyJson = parseJson(listReadOnly.text);

    tmpfs.run(['mount', '-o', 'remount,bind,rw', dataDir]);
    const afterwards = await postComment(server.url, { article: slug, name: 'قارئ', body: `تعليق ${nonce} بعد عودة الكتابة.` });
    const listed = (await listAllComments(server.url, slug)).comments;
    const stop = await server.stop();
    const missing = acknowledged.filter((a) => !listed.some((c) => c.id === a.id && c.body === a.body)).length;
    const refusedStored = listed.some((c) => c.body === `تعليق ${nonce} على قرص للقراءة فقط.`);
    return {
      figures: {
        'accepted before': acknowledged.length,
        'post on read-only': `${refused.status} ${refused.json?.error?.code ?? ''}`,
        'GET comments on read-only': `${listReadOnly.status} ${listReadOnlyJson?.error?.code ?? ''}`,
        'pages on read-only': pagesReadOnly.join(' '),
        'post after remount rw': afterwards.status,
      },
      checks: [
        check(`${before} comments accepted first`, acknowledged.length === before, `${acknowledged.length}`),
        check('a read-only DATA_DIR is answered 503 storage_unavailable with an Arabic message', isStorage503(refused), `${refused.status} ${refused.text.slice(0, 200)}`),
        check('pages 200 on a read-only DATA_DIR', pagesReadOnly.every((s) => s === 200), `${pagesToCheck(slug).join(', ')}: ${pagesReadOnly.join(' ')}`),
        check('GET comments answers a JSON error, not a crash', listReadOnly.status === 503 && listReadOnlyJson?.error?.code === storageUnavailableCode, `${listReadOnly.status} ${listReadOnly.text.slice(0, 200)}`),
        check('posting resumes once writable, without a restart', afterwards.status === 201, `${afterwards.status} ${afterwards.text.slice(0, 200)}`),
        check('nothing stored before was lost', missing === 0, `${missing} missing`),
        check('the refused comment was not stored', !refusedStored, `${refusedStored}`),
        check('the server stopped cleanly', stop.code === 0, `exit ${stop.code ?? stop.signal}`),
      ],
    };
  } finally {
    await server?.stop();
    await tmpfs.stop();
    build.remove();
    data.remove();
  }
}

// ------------------------------------------------------------------ fuzzed payloads over HTTP

/** Problems with an API response's shape: JSON, and `{ error: { code, message } }` with Arabic text for errors. */
function shapeProblems(response, json) {
  const problems = [];
  if (json === undefined) return [`not JSON: ${response.text.slice(0, 120)}`];
  if (response.headers['cache-control'] !== 'no-store') problems.push(`Cache-Control ${response.headers['cache-control']}`);
  if (response.status >= 400) {
    const keys = json && typeof json === 'object' ? Object.keys(json) : [];
    if (keys.length !== 1 || keys[0] !== 'error') problems.push(`error body keys ${keys.join(',')}`);
    if (typeof json?.error?.code !== 'string') problems.push('no error code');
    if (!arabicLetter.test(json?.error?.message ?? '')) problems.push('error message not Arabic');
  } else if (typeof json?.comment?.id !== 'number') problems.push('no comment id');
  return problems;
}

/**
 * `count` payloads from the fast-check generator the comments unit tests use
 * (testing/fixtures/comments/fuzz.ts), sent over HTTP to the production server from `concurrency`
 * connections, each from its own address; one in 20 as text/plain, one in 20 with a charset.
 * Every answer must be < 500 and shaped as promised; every 201 must be listed by GET exactly as
 * answered, every 201/202 stored exactly as answered.
 */
export async function httpFuzz({ count = 10_000, seed, concurrency = 4 } = {}) {
  const work = scratch('fuzz');
  const casesFile = path.join(work.dir, 'cases.jsonl');
  const generator = spawnSync(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'tests/reliability/fuzz-cases.ts', '--count', String(count), '--out', casesFile, ...(seed === undefined ? [] : ['--seed', String(seed)])],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (generator.status !== 0) throw new Error(`fuzz-cases.ts failed: ${generator.stderr}`);
  const site = JSON.parse(generator.stdout.trim().split('\n').at(-1));
  const cases = readFileSync(casesFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  const build = copyBuild('fuzz');
  const dataDir = path.join(work.dir, 'data');
  let server;
  try {
    server = await startServer({ dist: build.dist, dataDir, contentDir: site.contentDir });
    const byStatus = {};
    const problems = [];
    const accepted = new Map();
    const ids = [];
    let transportErrors = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const agent = keepAliveAgent(1);
        for (let i = next++; i < cases.length; i = next++) {
          const c = cases[i];
          let text = c.text;
          if (c.kind === 'json') {
            let value = c.value;
            const isRecord = value && typeof value === 'object' && !Array.isArray(value);
            if (c.parentRef !== undefined && ids.length && isRecord) value = { ...value, parentId: ids[c.parentRef % ids.length] };
            text = JSON.stringify(value) ?? 'null';
          }
          const contentType = i % 20 === 0 ? 'text/plain' : i % 20 === 1 ? 'application/json; charset=utf-8' : 'application/json';
          let response;
          try {
            response = await httpRequest(`${server.url}/api/comments`, {
              method: 'POST',
              agent,
              headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(text), 'x-forwarded-for': newAddress() },
              body: text,
            });
          } catch (error) {
            transportErrors++;
            if (problems.length < 10) problems.push(`case ${i}: ${error.message}`);
            continue;
          }
          byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
          const json = parseJson(response.text);
          const shape = shapeProblems(response, json);
          if (contentType === 'text/plain' && response.status !== 415) shape.push(`text/plain answered ${response.status}`);
          if (response.status >= 500 || shape.length) {
            if (problems.length < 10) problems.push(`case ${i} (${response.status}): ${shape.join('; ')} — ${text.slice(0, 200)}`);
            continue;
          }
          if (response.status === 201 || response.status === 202) {
            accepted.set(json.comment.id, { status: response.status, comment: json.comment });
            ids.push(json.comment.id);
          }
        }
        agent.destroy();
      }),
    );
    const elapsed = performance.now() - started;

    let listedMismatches = 0;
    const listed = new Map();
    for (const slug of site.published) for (const c of (await listAllComments(server.url, slug)).comments) listed.set(c.id, c);
    for (const [id, { status, comment }] of accepted) {
      if (status !== 201) continue;
      const shown = listed.get(id);
      const withoutReplies = shown && Object.fromEntries(Object.entries(shown).filter(([key]) => key !== 'replies'));
      if (!shown || JSON.stringify(withoutReplies) !== JSON.stringify(comment)) {
        listedMismatches++;
        if (problems.length < 10) problems.push(`201 comment ${id} reads back as ${JSON.stringify(shown)?.slice(0, 200)}`);
      }
    }
    await server.stop();
    const { rows, integrity } = readDatabase(path.join(dataDir, 'comments.db'));
    const stored = new Map(rows.map((row) => [row.id, row]));
    let storedMismatches = 0;
    for (const [id, { status, comment }] of accepted) {
      const row = stored.get(id);
      const expected = status === 201 ? ['approved'] : ['pending', 'spam'];
      if (!row || row.name !== comment.name || row.body !== comment.body || !expected.includes(row.status)) storedMismatches++;
    }
    const serverErrors = Object.entries(byStatus).filter(([status]) => Number(status) >= 500).reduce((n, [, c]) => n + c, 0);
    return {
      figures: {
        payloads: cases.length,
        seed: site.seed,
        'by status': Object.entries(byStatus).map(([s, n]) => `${s}:${n}`).join(' '),
        '5xx': serverErrors,
        'accepted (201)': byStatus[201] ?? 0,
        'held (202)': byStatus[202] ?? 0,
        'read-back mismatches': listedMismatches + storedMismatches,
        seconds: seconds(elapsed),
        'payloads/s': Math.round(cases.length / (elapsed / 1000)),
      },
      checks: [
        check('0 × 5xx', serverErrors === 0, JSON.stringify(byStatus)),
        check('every answer shaped as promised, no connection errors', problems.length === 0 && transportErrors === 0, problems.join('\n')),
        check('the generator reached acceptance and every rejection', [201, 202, 400, 404, 413, 415].every((s) => byStatus[s] > 0), JSON.stringify(byStatus)),
        check('every 201 listed by GET exactly as answered', listedMismatches === 0, `${listedMismatches}`),
        check('every 201/202 stored exactly as answered', storedMismatches === 0, `${storedMismatches}`),
        check('PRAGMA integrity_check', integrity === 'ok', integrity),
      ],
    };
  } finally {
    await server?.stop();
    build.remove();
    removeTree(site.root);
    work.remove();
  }
}

// ------------------------------------------------------------------ load while posting

/**
 * autocannon: `connections` connections for `duration` s on article pages (cycling through
 * `articles` published articles) while `writers` connections post `commentsPerSecond` comments
 * to the same articles (each approved comment makes its article page regenerate). 0 errors, 0 non-2xx.
 */
export async function loadWhilePosting({ connections = 50, duration = 30, writers = 2, commentsPerSecond = 10, articles = 10 } = {}) {
  const { default: autocannon } = await import('autocannon');
  const build = copyBuild('load');
  const data = scratch('load');
  const server = await startServer({ dist: build.dist, dataDir: data.dir });
  try {
    const slugs = (await publishedSlugs(server.url)).slice(0, articles);
    const posted = {};
    let stopPosting = false;
    const postingLoops = Array.from({ length: writers }, async (_, w) => {
      const agent = keepAliveAgent(1);
      const interval = (1000 * writers) / commentsPerSecond;
      const start = performance.now() + (interval * w) / writers;
      for (let i = 0; !stopPosting; i++) {
        await sleep(Math.max(0, start + i * interval - performance.now()));
        if (stopPosting) break;
        const response = await postComment(server.url, { article: slugs[(w + i) % slugs.length], name: `قارئ ${w + 1}`, body: `تعليق تحت الحمل ${w + 1}-${i + 1}.` }, { agent });
        posted[response.status] = (posted[response.status] ?? 0) + 1;
      }
      agent.destroy();
    });
    const result = await autocannon({
      url: server.url,
      connections,
      duration,
      requests: slugs.map((slug) => ({ method: 'GET', path: `/articles/${slug}` })),
    });
    stopPosting = true;
    await Promise.all(postingLoops);
    const stop = await server.stop();
    const postedTotal = Object.values(posted).reduce((a, b) => a + b, 0);
    const statusCodes = Object.entries(result.statusCodeStats ?? {}).map(([s, { count }]) => `${s}:${count}`).join(' ');
    return {
      figures: {
        connections,
        'duration (s)': result.duration,
        requests: result.requests.total,
        'req/s (mean)': Math.round(result.requests.average),
        'latency p50 (ms)': result.latency.p50,
        'latency p99 (ms)': result.latency.p99,
        'latency max (ms)': result.latency.max,
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        'comments posted meanwhile': postedTotal,
        'comments/s': Number((postedTotal / result.duration).toFixed(1)),
      },
      checks: [
        check('0 errors', result.errors === 0 && result.timeouts === 0, `errors ${result.errors}, timeouts ${result.timeouts}`),
        check('0 non-2xx', result.non2xx === 0, statusCodes),
        check('comments posted meanwhile, all 201', postedTotal > 0 && posted[201] === postedTotal, JSON.stringify(posted)),
        check('the server stopped cleanly', stop.code === 0, `exit ${stop.code ?? stop.signal}`),
      ],
    };
  } finally {
    await server.stop();
    build.remove();
    data.remove();
  }
}

// ------------------------------------------------------------------ slow headers through nginx

/** client_header_timeout as deploy/nginx/khabar.conf sets it, in ms. */
export function clientHeaderTimeoutMs() {
  const text = readFileSync(siteConfigPath, 'utf8');
  const match = /^\s*client_header_timeout\s+(\d+)(ms|s|m)?;/m.exec(text);
  if (!match) throw new Error(`${siteConfigPath}: no client_header_timeout`);
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000 }[match[2] ?? 's'];
}

/**
 * `sockets` connections to the documented nginx configuration, each sending a request line and
 * then a header one byte every `dripMs` and never finishing. nginx must close every one within
 * client_header_timeout (plus `slackMs` for timer granularity), and the site must keep answering
 * through the same nginx meanwhile (a GET every 250 ms, alternating home and article page).
 */
export async function slowHeaders({ sockets = 200, dripMs = 1000, slackMs = 1500 } = {}) {
  const { startNginx } = await import('../../testing/services/nginx.mjs');
  const timeoutMs = clientHeaderTimeoutMs();
  const build = copyBuild('slowloris');
  const data = scratch('slowloris');
  const server = await startServer({ dist: build.dist, dataDir: data.dir });
  let nginx;
  try {
    nginx = await startNginx({ upstreams: [`127.0.0.1:${server.port}`] });
    const slug = (await publishedSlugs(server.url))[0];
    const closedAfter = [];
    const answeredBytes = [];
    const opened = await Promise.all(
      Array.from({ length: sockets }, () =>
        new Promise((resolve, reject) => {
          const socket = connect(nginx.port, '127.0.0.1');
          socket.once('error', () => {});
          socket.once('connect', () => {
            const openedAt = performance.now();
            socket.write(`GET /articles/${slug} HTTP/1.1\r\nHost: khabar.example\r\nX-Slow: `);
            const drip = setInterval(() => socket.writable && socket.write('a'), dripMs);
            let received = 0;
            socket.on('data', (chunk) => (received += chunk.length));
            socket.once('close', () => {
              clearInterval(drip);
              closedAfter.push(performance.now() - openedAt);
              answeredBytes.push(received);
            });
            resolve(socket);
          });
          setTimeout(() => reject(new Error('could not open the slow connections')), 10_000).unref();
        }),
      ),
    );
    const probes = [];
    const probeUntil = performance.now() + timeoutMs + slackMs + 500;
    for (let i = 0; performance.now() < probeUntil; i++) {
      const started = performance.now();
      try {
        const response = await httpRequest(`${nginx.url}${i % 2 ? `/articles/${slug}` : '/'}`, { timeoutMs: 5_000 });
        probes.push({ status: response.status, ms: performance.now() - started });
      } catch (error) {
        probes.push({ status: error.message, ms: performance.now() - started });
      }
      await sleep(250);
    }
    const deadline = performance.now() + 5_000;
    while (closedAfter.length < sockets && performance.now() < deadline) await sleep(100);
    for (const socket of opened) socket.destroy();
    const closedInTime = closedAfter.filter((ms) => ms <= timeoutMs + slackMs).length;
    const maxClosed = Math.max(...closedAfter, 0);
    const okProbes = probes.filter((p) => p.status === 200).length;
    return {
      figures: {
        'slow connections': sockets,
        'client_header_timeout (s)': timeoutMs / 1000,
        'closed by nginx': closedAfter.length,
        'closed after (s, min–max)': `${seconds(Math.min(...closedAfter))}–${seconds(maxClosed)}`,
        'site answers meanwhile': `${okProbes}/${probes.length} × 200`,
        'slowest answer meanwhile (ms)': Math.round(Math.max(...probes.map((p) => p.ms))),
      },
      checks: [
        check(`all ${sockets} closed within client_header_timeout (+${slackMs / 1000} s)`, closedInTime === sockets, `${closedInTime} in time, ${closedAfter.length} closed, slowest ${seconds(maxClosed)} s`),
        check('none was answered with a page', answeredBytes.every((n) => n === 0 || n < 1024), `${answeredBytes.filter((n) => n >= 1024).length} got a page`),
        check('the site answered 200 meanwhile', probes.length > 0 && okProbes === probes.length, probes.filter((p) => p.status !== 200).map((p) => p.status).join(', ')),
      ],
    };
  } finally {
    await nginx?.stop();
    await server.stop();
    build.remove();
    data.remove();
  }
}

/** The failed checks, one line each, for an assertion message. */
export function failures(checks) {
  return checks.filter((c) => !c.ok).map((c) => `✗ ${c.what}: ${c.detail}`);
}
