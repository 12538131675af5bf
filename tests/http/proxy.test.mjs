// nginx in front, as deployed (docs/nginx/mathshubs.conf, docs/OPERATIONS.md
// "nginx in front"). libmicrohttpd refuses some requests itself, before the
// service sees them, with a bare page and none of the security headers (and
// for a bad Content-Length sends its status line and headers twice); nginx
// refuses them first, with the service's own pages (`mathshubs error-pages`)
// and headers, and passes ordinary answers through with the service's
// headers once. The site file runs as it is but for its listen, certificate
// and upstream lines and its folder (site() below); nginx runs unprivileged
// on loopback (tests/lib/nginx.mjs). SQLite only: nothing here depends on
// the database (CMakeLists.txt).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { runNginx } from '../lib/nginx.mjs';
import { ROOT, freePorts, linkedAssets, parseRaw, rawExchange, routeTable, run, startServer, stopClean } from './lib.mjs';

const CONF = path.join(ROOT, 'docs/nginx/mathshubs.conf');
const BASE_URL = 'https://maths-hubs.example.org'; // as in production: Strict-Transport-Security too
/** The headers every answer carries (src/http/refusal.c), by name. */
const SECURITY = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'permissions-policy',
  'x-frame-options', 'cross-origin-opener-policy', 'strict-transport-security'];
const MAX_BODY = 1 << 20; // --max-body's default, and the file's client_max_body_size

/**
 * docs/nginx/mathshubs.conf on loopback: plain http on `port` (no
 * certificate), the redirect server on `plain`, one process upstream, the
 * pages in `pages`. Every replacement must find its line, so the file
 * cannot change under the test unseen.
 */
function site({ port, plain, upstream, pages }) {
  let text = readFileSync(CONF, 'utf8');
  const swap = (re, to) => {
    assert.match(text, re, `${CONF} has ${re}`);
    text = text.replace(re, to);
  };
  swap(/^ *listen 443 ssl http2;$/m, `    listen 127.0.0.1:${port};`);
  swap(/^ *ssl_certificate(_key)? .*\n/gm, '');
  swap(/(upstream mathshubs \{\n)( *server .*\n)+/, `$1    server 127.0.0.1:${upstream} max_fails=3 fail_timeout=10s;\n`);
  swap(/^ *listen 80;$/m, `    listen 127.0.0.1:${plain};`);
  swap(/\/var\/lib\/mathshubs\/error-pages/g, pages);
  return text;
}

/** A raw answer (as received until the connection closed) parsed, with what is wrong with it as an answer of ours. */
function answer(text) {
  const lines = (text.match(/(?:^|\r\n)HTTP\/\d\.\d \d{3}/g) || []).length;
  const r = parseRaw(text);
  const problems = [];
  if (lines !== 1) problems.push(`${lines} status lines`);
  const len = r.header('content-length');
  if (len !== undefined && Number(len) !== r.body.length) problems.push(`Content-Length ${len} for ${r.body.length} bytes`);
  for (const h of SECURITY) {
    const n = r.headers.filter(([name]) => name === h).length;
    if (n !== 1) problems.push(`${h} ${n} times`);
  }
  return { ...r, problems };
}

/** Sends bytes on a new connection to base; the answer. */
const send = async (base, bytes) => answer(await rawExchange(base, bytes));
const GET = (target, more = '') => `GET ${target} HTTP/1.1\r\nHost: maths-hubs.example.org\r\nConnection: close\r\n${more}\r\n`;

/** What libmicrohttpd refuses itself; nginx's status for each. */
const BODY = 'a'.repeat(2 * MAX_BODY);
const REFUSED = [
  ['a negative Content-Length', 400, 'POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n'],
  ['a Content-Length of 23 digits', 400, 'POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n'],
  ['a 200 KB header', 431, GET('/', `X-Big: ${'a'.repeat(200 * 1024)}\r\n`)],
  ['a 200 KB request target', 414, GET(`/${'a'.repeat(200 * 1024)}`)],
  ['HTTP/2.0 on the plain listener', 505, 'GET / HTTP/2.0\r\nHost: x\r\n\r\n'],
];
const TOO_LARGE = ['a 2 MB body to an ordinary page', 413,
  `POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${BODY.length}\r\nConnection: close\r\n\r\n${BODY}`];

describe('nginx in front (docs/nginx/mathshubs.conf)', () => {
  let tmp, srv, ng, proxy, redirect, pages, direct;
  const page = (status) => readFileSync(path.join(pages, `${status}.html`), 'latin1');

  before(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'mathshubs-proxy-'));
    pages = path.join(tmp, 'error-pages');
    srv = await startServer({ args: ['--base-url', BASE_URL] });
    const made = await run(['error-pages', pages, '--base-url', BASE_URL]);
    assert.equal(made.code, 0, `error-pages: ${made.stderr}`);
    assert.match(made.stdout, /wrote 9 pages, \d+ assets and security-headers\.conf \(with Strict-Transport-Security/);
    const [port, plain] = await freePorts(2);
    ng = await runNginx(path.join(tmp, 'nginx'), { port, http: site({ port, plain, upstream: new URL(srv.base).port, pages }) });
    proxy = `http://127.0.0.1:${port}`;
    redirect = `http://127.0.0.1:${plain}`;
    direct = await send(srv.base, GET('/healthz'));
    assert.deepEqual(direct.problems, [], 'the process answers /healthz with its headers');
  });

  after(async () => {
    await ng?.stop();
    await stopClean(srv, 'the process behind nginx');
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** An answer well formed, with the process's own security headers, each once. */
  function assertOurs(r, what) {
    assert.deepEqual(r.problems, [], what);
    for (const h of SECURITY) assert.equal(r.header(h), direct.header(h), `${what}: ${h} as the process sends it`);
  }

  /** nginx's page for status: the file error-pages wrote, a GOV.UK page, not stored. */
  function assertPage(r, status, what) {
    assert.equal(r.status, status, what);
    assert.equal(r.header('content-type'), 'text/html; charset=utf-8', what);
    assert.equal(r.header('cache-control'), 'no-store', what);
    assert.equal(r.body, page(status), `${what}: the page of ${status}.html`);
    assert.match(r.body, /<html lang="en" class="govuk-template">/, what);
    const h1 = /<h1 class="govuk-heading-l">([^<]+)<\/h1>/.exec(r.body)?.[1];
    assert.ok(h1, `${what}: an h1`);
    assert.ok(r.body.includes(`<title>${h1} - Maths Hubs</title>`), `${what}: the title is the h1`);
  }

  for (const [what, status, bytes] of [...REFUSED, TOO_LARGE]) {
    test(`${what}: nginx answers ${status} once, with the service's page and headers`, async () => {
      const r = await send(proxy, bytes);
      assertOurs(r, what);
      assertPage(r, status, what);
    });
  }

  test('headers of any size: nginx refuses them or the process answers, never libmicrohttpd', async () => {
    // nginx's limits (large_client_header_buffers) must stay inside the
    // process's (--connection-memory): what nginx lets through, the process takes
    for (const kb of [4, 7, 9, 12, 16, 20, 23, 26, 30, 34, 40, 64, 100]) {
      const one = await send(proxy, GET('/healthz', `X-Big: ${'a'.repeat(kb * 1024)}\r\n`));
      const many = await send(proxy, GET('/healthz', Array.from({ length: kb }, (_, i) => `X-Part-${i}: ${'a'.repeat(1000)}\r\n`).join('')));
      for (const [what, r] of [[`one header of ${kb} KB`, one], [`${kb} headers of 1 KB`, many]]) {
        assertOurs(r, what);
        if (r.status !== 200) assertPage(r, 431, what);
      }
    }
  });

  test('straight to a process, the same requests get libmicrohttpd\'s own answers (why nginx is in front)', async () => {
    for (const [what, , bytes] of REFUSED) {
      const r = await send(srv.base, bytes);
      assert.ok(r.problems.length > 0 && !r.body.includes('govuk-template'), `${what}: ${r.status} ${r.problems}`);
    }
  });

  test('the pages are the service\'s own: its 400 and 413 are the same bytes', async () => {
    const bad = await send(srv.base, GET('/hubs/%zz'));
    assert.equal(bad.status, 400);
    assert.equal(bad.body, page(400));
    // The headers alone: the process answers 413 on reading them and closes;
    // with the body still being written, the close can arrive as a reset that
    // discards the answer before the client reads it (seen in CI).
    const large = await send(srv.base, TOO_LARGE[2].slice(0, TOO_LARGE[2].indexOf('\r\n\r\n') + 4));
    assert.equal(large.status, 413);
    assert.equal(large.body, page(413));
  });

  test('an ordinary page passes through: 200, the process\'s headers once, its request id', async () => {
    for (const target of ['/', '/hubs', '/healthz']) {
      const r = await send(proxy, GET(target));
      assert.equal(r.status, 200, target);
      assertOurs(r, target);
      assert.match(r.header('x-request-id') || '', /^[0-9a-f]{16}$/, `${target}: the process's X-Request-Id`);
    }
    const notFound = await send(proxy, GET('/nothing'));
    assert.equal(notFound.status, 404, 'the process\'s own refusals pass as they are');
    assertOurs(notFound, '/nothing');
    assert.ok(notFound.header('x-request-id'), '/nothing is the process\'s page');
  });

  test('the assets, from nginx\'s copies, are the process\'s bytes and types', async () => {
    const assets = linkedAssets(page(502));
    assert.ok(assets.length >= 4, `the page links its assets: ${assets}`);
    for (const a of assets) {
      const [ours, theirs] = [await send(srv.base, GET(a)), await send(proxy, GET(a))];
      assert.equal(theirs.status, 200, a);
      assertOurs(theirs, a);
      assert.ok(!theirs.header('x-request-id'), `${a}: served by nginx`);
      assert.equal(theirs.body, ours.body, a);
      assert.equal(theirs.header('content-type'), ours.header('content-type'), a);
      assert.equal(theirs.header('cache-control'), ours.header('cache-control'), a);
    }
  });

  test('the pages that take a large file take more than --max-body through nginx', async () => {
    const uploads = routeTable().filter((r) => r.flags.includes('upload'));
    assert.ok(uploads.length >= 2, 'routes flagged upload');
    for (const { method, pattern } of uploads) {
      const target = pattern.replace(/\{[^}]+\}/g, '1');
      const r = await send(proxy, `${method} ${target} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
        `Content-Length: ${BODY.length}\r\nConnection: close\r\n\r\n${BODY}`);
      assert.ok(r.header('x-request-id') && r.status !== 413, `${target}: answered by the process (${r.status})`);
    }
  });

  test('plain http only redirects to https', async () => {
    const r = await send(redirect, GET('/hubs?x=1'));
    assert.equal(r.status, 301);
    assert.equal(r.header('location'), 'https://maths-hubs.example.org/hubs?x=1');
  });

  test('no process answering: nginx answers 502 once, with the service\'s page, styled', async () => {
    await stopClean(srv, 'the process behind nginx');
    srv = null;
    const r = await send(proxy, GET('/hubs'));
    assertOurs(r, '502');
    assertPage(r, 502, '502');
    const css = linkedAssets(r.body).find((a) => a.endsWith('.css') && a.includes('/app-'));
    const style = await send(proxy, GET(css));
    assert.equal(style.status, 200, `${css} while no process answers`);
    assert.equal(style.header('content-type'), 'text/css; charset=utf-8');
  });
});

describe('mathshubs error-pages', () => {
  test('Strict-Transport-Security only when the base URL is https, as serve sends it; a folder is needed', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'mathshubs-error-pages-'));
    try {
      const plain = path.join(tmp, 'plain');
      const r = await run(['error-pages', plain]);
      assert.equal(r.code, 0, r.stderr);
      const conf = readFileSync(path.join(plain, 'security-headers.conf'), 'utf8');
      const names = [...conf.matchAll(/^add_header (\S+) "[^"]+" always;$/gm)].map((m) => m[1].toLowerCase());
      assert.deepEqual(names, SECURITY.filter((h) => h !== 'strict-transport-security'));
      const none = await run(['error-pages']);
      assert.equal(none.code, 2);
      assert.match(none.stderr, /which folder/);
      const blocked = await run(['error-pages', path.join(plain, '400.html')]); // a file, not a folder
      assert.equal(blocked.code, 1);
      assert.match(blocked.stderr, /cannot make the folder/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
