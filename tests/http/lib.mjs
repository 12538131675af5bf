// Helpers for the HTTP suite: the reference data read from data/*.csv, an
// HTTP client that sends the request target exactly as given (fetch
// normalises URLs) on a fresh connection per request, raw sockets, and
// small HTML helpers. Paths are resolved from this file, not from the cwd
// (CTest runs the suite from the build directory).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/* The binary under test: $MATHSHUBS_BIN (set by CTest), else build/mathshubs
 * of the source tree, whatever the cwd. Set before the harness is loaded,
 * since it reads the variable once. */
process.env.MATHSHUBS_BIN ||= path.join(ROOT, 'build/mathshubs');
export const BIN = process.env.MATHSHUBS_BIN;
export const { startServer, BACKEND, pgAdmin, pgAdminUrl, pgCreateDatabase, pgDropDatabase } = await import('../lib/server.mjs');
export const SANITIZED = /^(on|1|true|yes)$/i.test(process.env.SANITIZED || '');
/* A generous bound for anything that waits on the server (never a timing
 * assertion: only a limit after which a test is declared stuck). */
export const PATIENCE_MS = SANITIZED ? 60000 : 20000;

// ---- reference data ----

/** Parses RFC 4180 CSV (quoted fields, "" escapes, CRLF or LF). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      rows.push(row); row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [head, ...body] = rows.filter((r) => !(r.length === 1 && r[0] === ''));
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

export function readCsv(name) {
  return parseCsv(readFileSync(path.join(ROOT, 'data', name), 'utf8'));
}

/** [{code, name, region}] from data/hubs.csv. */
export const HUBS = readCsv('hubs.csv');

/** [{code, title, kind, phases: [...], develops_llmes: bool, year}] from the 2024/25 catalogue. */
export const PROJECTS = readCsv('ncps-2024-25.csv').map((p) => ({
  code: p.code,
  title: p.title,
  kind: p.kind,
  phases: p.phases.split(';'),
  develops_llmes: p.develops_llmes === 'yes',
  year: '2024/25',
}));

/** The projects a filter {year, phase, kind} (each an array, empty = any) selects. */
export function expectProjects({ year = [], phase = [], kind = [] } = {}) {
  return PROJECTS.filter((p) =>
    (!year.length || year.includes(p.year)) &&
    (!kind.length || kind.includes(p.kind)) &&
    (!phase.length || p.phases.some((x) => phase.includes(x))));
}

/** The query string of a filter, each value repeated: ?phase=A&phase=B. */
export function filterQuery(f) {
  const q = new URLSearchParams();
  for (const [k, vs] of Object.entries(f)) for (const v of vs) q.append(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}

// ---- HTML ----

/** Escapes text the way the server's html_escape_to does. */
export function esc(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The text inside every element <tag ...class="...cls..."...>TEXT</tag>. */
export function elementTexts(html, tag, cls) {
  const re = new RegExp(`<${tag}\\b[^>]*class="[^"]*\\b${cls}\\b[^"]*"[^>]*>([\\s\\S]*?)</${tag}>`, 'g');
  return [...html.matchAll(re)].map((m) => m[1]);
}

/** Asset URLs a page links: stylesheets, icons and scripts. */
export function linkedAssets(html) {
  const out = new Set();
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const rel = /\brel="([^"]*)"/.exec(m[0]);
    const href = /\bhref="([^"]*)"/.exec(m[0]);
    if (rel && href && /\b(stylesheet|icon)\b/.test(rel[1])) out.add(href[1]);
  }
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]*)"/g)) out.add(m[1]);
  return [...out];
}

// ---- HTTP ----

/**
 * One HTTP/1.1 request on its own connection (Connection: close), with the
 * target sent exactly as given. Resolves to {status, headers, body (string),
 * raw (Buffer)}.
 */
export function request(base, target, { method = 'GET', headers = {}, body, agent = false, timeout = PATIENCE_MS } = {}) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: u.hostname,
      port: u.port,
      method,
      path: target,
      agent,
      headers: agent ? headers : { Connection: 'close', ...headers },
      timeout,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode, headers: res.headers, body: raw.toString('utf8'), raw });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${target}: no answer in ${timeout} ms`)));
    req.on('error', reject);
    if (body !== undefined) req.end(body); else req.end();
  });
}

export const get = (base, target, opts) => request(base, target, { ...opts, method: 'GET' });

/** Runs SQL on srv's database (either backend); its output, trimmed. */
export async function dbQuery(srv, query) {
  return String(await (BACKEND === 'postgres' ? pgAdmin(query, srv.pg.name) : sqlite(srv.db, query))).trim();
}

/** The code of the last sign-in code emailed to email, read from srv's outbox. */
export async function lastEmailedCode(srv, email) {
  const out = await dbQuery(srv, `SELECT body_text FROM outbox WHERE to_addr = '${email}' AND subject LIKE 'Your Maths Hubs sign-in code%' ORDER BY id DESC LIMIT 1`);
  const m = /\n\n(\d{6})\n\n/.exec(out.replace(/\r/g, ''));
  if (!m) throw new Error(`no code in the last email to ${email}: ${out}`);
  return m[1];
}

/**
 * A browser-like client of srv: a cookie jar, and forms that carry the
 * CSRF token of the page they came from (fields and page: the response the
 * form is on). Redirects are not followed.
 *   const go = formClient(srv); const page = await go('/sign-in');
 *   await go('/sign-in', { method: 'POST', page, fields: { email, password } });
 */
export function formClient(srv) {
  const jar = new Map();
  return async function go(path, { method = 'GET', fields, page } = {}) {
    const headers = { Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
    let body;
    if (method === 'POST') {
      const csrf = /name="csrf_token" value="([^"]+)"/.exec(page.body)[1];
      body = new URLSearchParams({ csrf_token: csrf, ...fields }).toString();
      Object.assign(headers, { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)), Origin: srv.base });
    }
    const r = await request(srv.base, path, { method, headers, body });
    for (const c of [].concat(r.headers['set-cookie'] || [])) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      if (/Max-Age=0/.test(c)) jar.delete(kv.slice(0, i)); else jar.set(kv.slice(0, i), kv.slice(i + 1));
    }
    return r;
  };
}

/** GET and parse JSON; also returns the response. */
export async function getJson(base, target, opts) {
  const r = await get(base, target, opts);
  let json;
  try { json = JSON.parse(r.body); } catch (e) {
    throw new Error(`${target}: not JSON (${r.status} ${r.headers['content-type']}): ${r.body.slice(0, 200)}`);
  }
  return { ...r, json };
}

/** Media type without parameters. */
export const mediaType = (r) => (r.headers['content-type'] || '').split(';')[0].trim().toLowerCase();

/** Opens a raw TCP connection; resolves once connected. */
export function connect(base) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port) }, () => resolve(s));
    s.once('error', reject);
  });
}

/**
 * Watches a raw socket: collects what it receives and records when it is
 * closed. closed resolves on 'close' (never rejects: an ECONNRESET also
 * closes the socket).
 */
export function watch(sock) {
  const w = { data: '', closed: null };
  sock.on('data', (c) => { w.data += c.toString('latin1'); });
  sock.on('error', () => {});
  w.closed = new Promise((resolve) => sock.once('close', () => resolve(true)));
  return w;
}

/** Resolves to true when p settles within ms, false otherwise. */
export function within(p, ms) {
  let t;
  return Promise.race([
    p.then(() => true, () => true),
    new Promise((resolve) => { t = setTimeout(() => resolve(false), ms); }),
  ]).finally(() => clearTimeout(t));
}

/** Polls fn until it returns something truthy, and resolves to that; rejects after ms. */
export async function waitFor(fn, ms = PATIENCE_MS, what = 'condition') {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Sends raw bytes on a new connection and resolves to everything received until the server closes it. */
export async function rawExchange(base, bytes) {
  const s = await connect(base);
  const w = watch(s);
  s.write(bytes);
  const ok = await within(w.closed, PATIENCE_MS);
  if (!ok) s.destroy();
  return w.data;
}

/** Access-log lines (those with a request_id and a status) of a server's log. */
export const accessLines = (log) => log.filter((l) => l && l.request_id && typeof l.status === 'number');

// ---- processes ----

/** Runs the binary to completion: {code, signal, stdout, stderr}. */
export function run(args, { env = {}, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { env: { ...process.env, ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    const t = setTimeout(() => child.kill('SIGKILL'), PATIENCE_MS);
    child.on('error', (e) => { clearTimeout(t); reject(e); });
    child.on('close', (code, signal) => { clearTimeout(t); resolve({ code, signal, stdout, stderr }); });
  });
}

/** Runs sqlite3 on a database file with the given SQL. */
export function sqlite(db, sql) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/sqlite3', [db, sql], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { err += c; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`sqlite3 exited ${code}: ${err}`))));
  });
}

/**
 * Parses one raw HTTP/1.1 response (as received until the server closed the
 * connection): {status, headers: [[name, value]...], header(name), body}.
 * body is everything after the header block, as latin1 text (one char a byte).
 */
export function parseRaw(text) {
  const end = text.indexOf('\r\n\r\n');
  assertOk(end >= 0, `a complete header block in ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3}) /.exec(statusLine);
  assertOk(m, `a status line: ${statusLine}`);
  const headers = lines.map((l) => {
    const i = l.indexOf(':');
    return [l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim()];
  });
  return {
    status: Number(m[1]),
    headers,
    header: (name) => headers.filter(([n]) => n === name.toLowerCase()).map(([, v]) => v).join(', ') || undefined,
    body: text.slice(end + 4),
  };
}

function assertOk(v, msg) {
  if (!v) throw new Error('expected ' + msg);
}

/** Sends one request (Connection: close) on a raw socket and parses the answer. */
export async function rawRequest(base, method, target, headers = {}) {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: ${new URL(base).host}`, 'Connection: close'];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  return parseRaw(await rawExchange(base, lines.join('\r\n') + '\r\n\r\n'));
}

/**
 * Starts `mathshubs serve` with exactly these arguments (no --db or --listen
 * added, unlike startServer). Returns {child, log, listening: Promise<base
 * URL>, exited: Promise<{code, signal}>, kill()}.
 */
export function spawnServe(args, { env = {}, cwd } = {}) {
  const child = spawn(BIN, ['serve', ...args], { env: { ...process.env, ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  let buf = '';
  let onListen;
  const listening = new Promise((resolve) => { onListen = resolve; });
  child.stderr.on('data', (chunk) => {
    buf += chunk;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      let obj;
      try { obj = JSON.parse(line); } catch { obj = { raw: line }; }
      log.push(obj);
      const m = obj.msg && /^listening on (http:\/\/[\d.]+:\d+)/.exec(obj.msg);
      if (m) onListen(m[1]);
    }
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => onListen(null));
  return {
    child,
    log,
    listening,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Lines of a server's stderr that report a sanitizer error or a crash. */
export function sanitizerReports(log) {
  return log.filter((l) => l && typeof l.raw === 'string' &&
    /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:|SUMMARY: |Segmentation fault|Aborted/.test(l.raw));
}

/** Stops a server from startServer; asserts it exited 0 with no sanitizer report. */
export async function stopClean(srv, what = 'server') {
  if (!srv) return;
  const st = await srv.stop();
  const reports = sanitizerReports(srv.log);
  if (reports.length) throw new Error(`${what}: sanitizer or crash report:\n${reports.map((l) => l.raw).join('\n')}`);
  if (st.code !== 0) throw new Error(`${what}: exited ${st.code ?? st.signal}, expected 0`);
}

/** The binary's route table (`mathshubs routes`): [{method, pattern, cap, flags}], one per method. */
export function routeTable() {
  const out = execFileSync(BIN, ['routes'], { encoding: 'utf8' });
  const rows = out.trim().split('\n').map((l) => l.split('\t'))
    .map(([method, pattern, cap, flags]) => ({ method, pattern, cap, flags: flags ? flags.split(',') : [] }));
  assertOk(rows.length >= 40, `mathshubs routes listed ${rows.length} routes`);
  return rows;
}

// ---- people: one way to make someone and sign them in, for every suite ----

/** A passphrase the password rules accept. */
export const PASSWORD = 'a long and unusual passphrase';

/** The command-line options naming srv's database (for `mathshubs admin create` ...). */
export const dbArgs = (srv) => (srv.backend === 'postgres' ? ['--postgres', srv.pg.url] : ['--db', srv.db]);

/**
 * Someone signed up with codes by email (through `mathshubs admin create`,
 * the set-up link, a password and "email me codes"); resolves to their
 * recovery codes. The per-address limits start afresh (the suites share
 * one loopback address).
 */
export async function emailCodePerson(srv, email, password = PASSWORD) {
  await dbQuery(srv, 'DELETE FROM rate_limits');
  const created = await run(['admin', 'create', '--email', email, '--name', `Person ${email}`, ...dbArgs(srv)]);
  assertOk(created.code === 0, created.stderr);
  const link = new URL(created.stdout.trim().split('\n').pop()).pathname;
  const go = formClient(srv);
  const page = await go(link);
  assertOk((await go(link, { method: 'POST', page, fields: { password } })).status === 303, 'password set');
  const r = await go('/account/email-codes', { method: 'POST', page: await go('/account/authenticator') });
  assertOk(r.headers.location === '/account/recovery-codes', `email codes chosen: ${r.status}`);
  const shown = await go('/account/recovery-codes'); // shown once, after the form that made them
  return [...shown.body.matchAll(/<code>([a-z0-9-]+)<\/code>/g)].map((m) => m[1]);
}

/** A new client (formClient) signed in with the password and the emailed code. */
export async function signInByEmail(srv, email, password = PASSWORD) {
  const go = formClient(srv);
  let page = await go('/sign-in');
  const r = await go('/sign-in', { method: 'POST', page, fields: { email, password } });
  assertOk(r.headers.location === '/sign-in/code', `signed in with the password: ${r.status}`);
  page = await go('/sign-in/code');
  const done = await go('/sign-in/code', { method: 'POST', page, fields: { code: await lastEmailedCode(srv, email) } });
  assertOk(done.headers.location === '/account', `signed in with the code: ${done.status}`);
  return go;
}
