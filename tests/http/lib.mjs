// Helpers for the HTTP suite: what tests/lib shares with the browser suite
// (the server harness, the reference data, the HTTP client and cookie jar,
// SQL on either backend, people and sign-in), re-exported, and what only
// the HTTP suite needs: filters, HTML helpers, raw sockets, processes.
import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import { after, before } from 'node:test';

import { get } from '../lib/client.mjs';
import { BIN, PATIENCE_MS, followLog, startServer } from '../lib/server.mjs';

export {
  BACKEND, BIN, PATIENCE_MS, ROOT, SANITIZED, freePort, freePorts, pgAdmin, pgAdminUrl, pgCreateDatabase, pgDropDatabase, run, schemaVersion,
  startServer,
} from '../lib/server.mjs';
export { HUBS, PROJECTS, csvRecords, expectProjects, parseCsv, readCsv } from '../lib/csv.mjs';
export { CookieJar, csrfOf, formClient, formPost, get, jarRequest, multipartBody, request, uploadPost } from '../lib/client.mjs';
export { dbArgs, dbQuery, sqlite } from '../lib/db.mjs';
export { check } from '../lib/openapi.mjs';
export {
  PASSWORD, adminCreateRun, createAdmin, emailCodePerson, lastEmailedCode, personSession, setUpByEmail, setUpPassword,
  signInByEmail, tokenHashes,
} from '../lib/people.mjs';
export { freshCode, stepNow, totpAt } from '../lib/totp.mjs';
export { multipart, roleSession, roleSessions, sessionFor, sessionOn } from '../lib/areas-fixtures.mjs';
export {
  FEW_SCHOOLS, QUERIES, expectOrder, expectSearch, fixture, fold, hubOf, hubSchools, school, seedSchools,
} from '../lib/schools.mjs';

// ---- filters of the catalogue ----

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

/** Text of an HTML fragment: tags dropped, entities of esc() undone, spaces collapsed. */
export function plain(html) {
  return html.replace(/<[^>]*>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

/** The error summary's entries: [[href, message]]. */
export function errorSummary(html) {
  const box = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html);
  return box ? [...box[0].matchAll(/<li><a href="([^"]*)">([\s\S]*?)<\/a><\/li>/g)].map((m) => [m[1], plain(m[2])]) : [];
}

/** The body rows of the table whose caption is caption: each row's cells as plain text. */
export function tableRows(html, caption) {
  let at = html.indexOf(`${esc(caption)}</caption>`);
  if (at < 0) {
    // or named by a heading (govuk_table_begin_named): <hN id="x">caption</hN> ... <table ... aria-labelledby="x">
    const heading = [...html.matchAll(/<h[1-6]\b[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/h[1-6]>/g)].find((m) => m[2] === esc(caption));
    at = heading ? html.search(new RegExp(`<table\\b[^>]*\\baria-labelledby="${heading[1]}"`)) : -1;
  }
  if (at < 0) return null;
  const start = html.indexOf('<tbody', at);
  const body = html.slice(start, html.indexOf('</table>', at));
  return [...body.matchAll(/<tr class="govuk-table__row"[^>]*>([\s\S]*?)<\/tr>/g)]
    .map((m) => [...m[1].matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => plain(c[1])));
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

/** Polls fn (sync or async) until it gives something truthy, and resolves to that; rejects after ms. */
export async function waitFor(fn, ms = PATIENCE_MS, what = 'condition') {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
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
  let onListen;
  const listening = new Promise((resolve) => { onListen = resolve; });
  followLog(child, log, onListen);
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
  const out = execFileSync(BIN, ['routes', '--json'], { encoding: 'utf8' });
  const rows = JSON.parse(out).map(({ method, pattern, capability, flags }) => ({ method, pattern, cap: capability, flags }));
  assertOk(rows.length >= 40, `mathshubs routes listed ${rows.length} routes`);
  return rows;
}

/**
 * A server (startServer options) for the tests of the file or describe
 * block this is called in: started before them, stopped after them with
 * stopClean. The handle is filled in when the server has started (srv.base,
 * srv.db, srv.log ...); srv.started resolves to it then. (Node 20 runs a
 * file's before hooks concurrently: another hook that needs the server
 * awaits srv.started.)
 */
export function useServer(options = {}, what = 'server') {
  let ready;
  const srv = {};
  Object.defineProperty(srv, 'started', { value: new Promise((resolve) => { ready = resolve; }) });
  before(async () => { ready(Object.assign(srv, await startServer(options))); });
  after(async () => { if (srv.stop) await stopClean(srv, what); });
  return srv;
}
