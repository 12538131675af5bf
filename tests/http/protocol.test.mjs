// HTTP behaviour shared by every address: security headers, assets and
// caching, HEAD, methods, malformed targets, body limits, operations
// endpoints, request ids and the access log, timeouts and concurrency.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';

import {
  schemaVersion, BACKEND, PATIENCE_MS, accessLines, connect, get, getJson, linkedAssets, mediaType, parseRaw, rawRequest, request,
  startServer, stopClean, useServer, waitFor, watch, within,
} from './lib.mjs';

let srv; // default options
let lim; // --max-body 2048 --connection-timeout 2
let base;

before(async () => {
  [srv, lim] = await Promise.all([
    startServer(),
    startServer({ args: ['--max-body', '2048', '--connection-timeout', '2'] }),
  ]);
  base = srv.base;
});

after(() => Promise.all([stopClean(srv, 'default server'), stopClean(lim, 'limits server')]));

/** Every public GET route, with its parameters filled in. */
const GET_ROUTES = [
  '/', '/hubs', '/hubs/SW4', '/projects', '/projects/NCP24-09', '/api',
  '/api/v1/hubs', '/api/v1/hubs/SW4', '/api/v1/projects', '/api/v1/projects/NCP24-09',
  '/api/v1/openapi.json', '/healthz', '/metrics',
];

function assertSecurityHeaders(h, what) {
  const get = (n) => (typeof h === 'function' ? h(n) : h[n]);
  const csp = get('content-security-policy');
  assert.ok(csp, `${what}: Content-Security-Policy`);
  assert.ok(csp.includes("frame-ancestors 'none'"), `${what}: CSP frame-ancestors 'none': ${csp}`);
  assert.ok(!csp.includes('unsafe-inline'), `${what}: CSP without 'unsafe-inline'`);
  assert.ok(!csp.includes('unsafe-eval'), `${what}: CSP without 'unsafe-eval'`);
  assert.match(csp, /default-src 'none'/, `${what}: CSP default-src 'none'`);
  assert.equal(get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
  assert.ok(get('referrer-policy'), `${what}: Referrer-Policy`);
  assert.ok(get('permissions-policy'), `${what}: Permissions-Policy`);
}

/** The value of one metric sample in Prometheus text, or 0 when absent. */
function sample(text, name) {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    if (line.slice(0, i) === name) return Number(line.slice(i + 1));
  }
  return 0;
}

describe('security headers', () => {
  let assets;
  before(async () => {
    assets = linkedAssets((await get(base, '/')).body);
  });

  const cases = [
    ['pages', ['/', '/hubs', '/hubs/SW4', '/projects', '/projects/NCP24-09', '/api']],
    ['API and operations', ['/api/v1/hubs', '/api/v1/projects/NCP24-09', '/api/v1/openapi.json', '/healthz', '/metrics']],
    ['errors', ['/nothing', '/hubs/ZZ9', '/api/v1/nothing', '/api/v1/hubs/ZZ9', '/projects?phase=Tertiary', '/hubs/%zz', '/hubs/', '/assets/app-000000000000.css']],
  ];
  for (const [name, targets] of cases) {
    test(`on ${name}`, async () => {
      for (const t of targets) {
        const r = await get(base, t);
        assertSecurityHeaders(r.headers, `${t} (${r.status})`);
      }
    });
  }

  test('on assets, 304s, 405s and 413s', async () => {
    assert.ok(assets.length > 0);
    for (const a of assets) {
      const r = await get(base, a);
      assertSecurityHeaders(r.headers, a);
      const nm = await get(base, a, { headers: { 'If-None-Match': r.headers.etag } });
      assert.equal(nm.status, 304);
      assertSecurityHeaders(nm.headers, `${a} (304)`);
    }
    assertSecurityHeaders((await request(base, '/hubs', { method: 'POST', body: '' })).headers, 'POST /hubs');
    assertSecurityHeaders((await request(lim.base, '/hubs', { method: 'POST', body: Buffer.alloc(4096) })).headers, '413');
  });

  test('Strict-Transport-Security on every response when the base URL is https, never on plain http', async () => {
    const tls = await startServer({ args: ['--base-url', 'https://maths-hubs.example.org'] });
    try {
      const hsts = 'max-age=31536000; includeSubDomains';
      const asset = assets[0];
      const etag = (await get(tls.base, asset)).headers.etag;
      const responses = [
        ...await Promise.all(['/', '/hubs/SW4', '/sign-in', '/api/v1/hubs', '/healthz', '/nothing', '/api/v1/nothing', '/hubs/%zz', asset]
          .map((t) => get(tls.base, t).then((r) => [t, r]))),
        [`${asset} (304)`, await get(tls.base, asset, { headers: { 'If-None-Match': etag } })],
        ['POST /hubs', await request(tls.base, '/hubs', { method: 'POST', body: '' })],
      ];
      for (const [t, r] of responses) {
        assert.equal(r.headers['strict-transport-security'], hsts, `${t} (${r.status})`);
        assertSecurityHeaders(r.headers, t);
      }
      for (const t of ['/', '/api/v1/hubs', '/nothing', asset]) {
        const r = await get(base, t);
        assert.equal(r.headers['strict-transport-security'], undefined, `${t} on http://`);
      }
    } finally {
      await stopClean(tls, 'https base URL server');
    }
  });

  test('pages carry no inline script or style (the CSP would block them)', async () => {
    for (const t of ['/', '/hubs', '/projects', '/projects?phase=Tertiary', '/nothing']) {
      const { body } = await get(base, t);
      assert.doesNotMatch(body, /<script(?![^>]*\bsrc=)[^>]*>/, `${t}: every script has a src`);
      assert.doesNotMatch(body, /<style\b|\sstyle="|\son[a-z]+="/, `${t}: no inline style or handler`);
    }
  });
});

describe('assets', () => {
  let assets;
  before(async () => {
    assets = linkedAssets((await get(base, '/hubs')).body);
  });

  test('a page links a stylesheet, an icon and scripts, all fingerprinted', () => {
    assert.ok(assets.some((a) => a.endsWith('.css')), 'a stylesheet');
    assert.ok(assets.some((a) => a.endsWith('.svg')), 'an icon');
    assert.ok(assets.filter((a) => a.endsWith('.js')).length >= 1, 'scripts');
    for (const a of assets) assert.match(a, /^\/assets\/[\w.-]+-[0-9a-f]{12}\.\w+$/, a);
  });

  test('every linked asset is 200, cached for a year, immutable, with an ETag; If-None-Match gives 304', async () => {
    const types = { css: 'text/css', js: 'text/javascript', svg: 'image/svg+xml' };
    for (const a of assets) {
      const r = await get(base, a);
      assert.equal(r.status, 200, a);
      assert.ok(r.raw.length > 0, `${a} has content`);
      assert.equal(Number(r.headers['content-length']), r.raw.length, `${a}: Content-Length`);
      assert.equal(mediaType(r), types[a.split('.').pop()], `${a}: content type`);
      const cc = r.headers['cache-control'];
      assert.ok(cc && cc.includes('max-age=31536000') && cc.includes('immutable'), `${a}: Cache-Control ${cc}`);
      const etag = r.headers.etag;
      assert.match(etag || '', /^"[^"]+"$/, `${a}: ETag`);
      const nm = await get(base, a, { headers: { 'If-None-Match': etag } });
      assert.equal(nm.status, 304, `${a}: If-None-Match`);
      assert.equal(nm.raw.length, 0, `${a}: 304 has no body`);
      assert.equal(nm.headers.etag, etag);
      const other = await get(base, a, { headers: { 'If-None-Match': '"0000000000000000"' } });
      assert.equal(other.status, 200, `${a}: another ETag gets the asset`);
    }
  });

  test('a wrong fingerprint is 404', async () => {
    for (const t of ['/assets/app-000000000000.css', '/assets/app.css', '/assets/']) {
      const r = await get(base, t);
      // "/assets/" is not a page either: a trailing slash only redirects to a page that exists
      assert.equal(r.status, 404, t);
    }
    const r = await get(base, '/assets/app-000000000000.css');
    assert.equal(mediaType(r), 'text/html');
    assert.ok(!(r.headers['cache-control'] || '').includes('immutable'), 'a 404 is not cached for a year');
  });
});

describe('methods', () => {
  test('HEAD of every GET route: same status and headers, Content-Length equal, no body', async () => {
    const targets = [...GET_ROUTES, '/hubs/ZZ9', '/api/v1/hubs/ZZ9', '/nothing', '/hubs/', '/projects?phase=Tertiary',
      ...linkedAssets((await get(base, '/')).body)];
    const varying = new Set(['date', 'x-request-id']);
    for (const t of targets) {
      const g = await rawRequest(base, 'GET', t);
      const h = await rawRequest(base, 'HEAD', t);
      assert.equal(h.status, g.status, `HEAD ${t}: status`);
      assert.equal(h.body, '', `HEAD ${t}: no body`);
      const names = (r) => [...new Set(r.headers.map(([n]) => n))].sort();
      assert.deepEqual(names(h), names(g), `HEAD ${t}: the same header names`);
      for (const [n] of g.headers) {
        if (varying.has(n)) continue;
        // /metrics counts the GET itself, so its length may change between the two
        if (n === 'content-length' && t === '/metrics') continue;
        assert.equal(h.header(n), g.header(n), `HEAD ${t}: header ${n}`);
      }
      assert.equal(Number(g.header('content-length')), Buffer.byteLength(g.body, 'latin1'), `GET ${t}: Content-Length is the body's`);
    }
  });

  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
    test(`${method} /hubs is 405 with Allow: GET, HEAD and a GOV.UK page`, async () => {
      for (const t of ['/hubs', '/hubs/SW4', '/projects']) {
        const r = await request(base, t, { method, body: method === 'DELETE' ? undefined : 'a=b',
          headers: method === 'DELETE' ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' } });
        assert.equal(r.status, 405, `${method} ${t}`);
        assert.equal(r.headers.allow, 'GET, HEAD', `${method} ${t}: Allow`);
        assert.equal(mediaType(r), 'text/html');
        assert.match(r.body, /<h1 class="govuk-heading-l">Method not allowed<\/h1>/);
        assert.match(r.body, /class="govuk-template"/);
      }
    });
  }

  test('POST to an API address is a 405 problem document with Allow', async () => {
    for (const t of ['/api/v1/hubs', '/api/v1/projects/NCP24-09', '/api/v1/openapi.json']) {
      const r = await request(base, t, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
      assert.equal(r.status, 405, t);
      assert.equal(r.headers.allow, 'GET, HEAD', t);
      assert.equal(mediaType(r), 'application/problem+json', t);
      const j = JSON.parse(r.body);
      assert.equal(j.status, 405);
      assert.equal(typeof j.title, 'string');
    }
  });
});

describe('malformed requests', () => {
  for (const t of ['/hubs/%zz', '/%', '/hubs/%4', '/projects?phase=%G1', '/projects?phase=%', '/hubs/%00', '/hubs/%C3%28', '/projects?phase=%FF']) {
    test(`bad percent-encoding ${t} is 400`, async () => {
      const r = await get(base, t);
      assert.equal(r.status, 400, `${t}: ${r.status}`);
      assert.equal(mediaType(r), 'text/html');
      assert.match(r.body, /There is a problem with the request/);
    });
  }

  test('the server keeps serving after malformed requests', async () => {
    const r = await get(base, '/hubs');
    assert.equal(r.status, 200);
  });
});

describe('request body limit (--max-body 2048)', () => {
  test('a 100 kB POST with Content-Length is 413', async () => {
    const r = await request(lim.base, '/hubs', {
      method: 'POST', body: Buffer.alloc(100 * 1024, 'a'), headers: { 'Content-Type': 'application/octet-stream' },
    });
    assert.equal(r.status, 413);
    assert.equal(mediaType(r), 'text/html');
    assert.match(r.body, /The request is too large/);
  });

  test('a chunked body over the limit is 413', async () => {
    const r = await request(lim.base, '/hubs', {
      method: 'POST', body: Buffer.alloc(10 * 1024, 'a'), headers: { 'Transfer-Encoding': 'chunked' },
    });
    assert.equal(r.status, 413);
  });

  test('a body within the limit is read (POST /hubs is then 405, GET with a body 200)', async () => {
    const p = await request(lim.base, '/hubs', { method: 'POST', body: Buffer.alloc(2048, 'a') });
    assert.equal(p.status, 405);
    const g = await request(lim.base, '/hubs', { method: 'GET', body: Buffer.alloc(100, 'a') });
    assert.equal(g.status, 200);
  });

  test('a body over the limit on an API address is a 413 problem document', async () => {
    const r = await request(lim.base, '/api/v1/hubs', { method: 'POST', body: Buffer.alloc(100 * 1024, 'a') });
    assert.equal(r.status, 413);
    assert.equal(mediaType(r), 'application/problem+json', `content type ${r.headers['content-type']}`);
  });

  test('the server still serves after refusing large bodies', async () => {
    assert.equal((await get(lim.base, '/hubs')).status, 200);
  });
});

describe('operations', () => {
  test('/healthz is 200 JSON {status: "ok", database: {...}}', async () => {
    const r = await getJson(base, '/healthz');
    assert.equal(r.status, 200);
    assert.equal(mediaType(r), 'application/json');
    assert.equal(r.json.status, 'ok');
    assert.equal(typeof r.json.database, 'object');
    assert.equal(r.json.database.status, 'ok');
    assert.equal(r.json.database.dialect, BACKEND === 'postgres' ? 'postgresql' : 'sqlite');
    assert.equal(r.json.database.schema_version, schemaVersion());
    assert.match(r.headers['cache-control'], /no-store/);
  });

  test('/metrics counts requests by route and status, with a histogram and uptime', async () => {
    const name = 'mathshubs_http_requests_total{route="/hubs",status="200"}';
    const m0 = await get(base, '/metrics');
    assert.equal(m0.status, 200);
    assert.equal(mediaType(m0), 'text/plain');
    const before = sample(m0.body, name);
    for (let i = 0; i < 3; i++) assert.equal((await get(base, '/hubs')).status, 200);
    await get(base, '/hubs/ZZ9');
    let text = '';
    const end = Date.now() + PATIENCE_MS;
    for (;;) {
      text = (await get(base, '/metrics')).body;
      if (sample(text, name) >= before + 3 || Date.now() > end) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(sample(text, name) >= before + 3, `${name}: ${before} -> ${sample(text, name)}`);
    assert.ok(sample(text, 'mathshubs_http_requests_total{route="/hubs/{code}",status="404"}') >= 1, 'a 404 of /hubs/{code}');
    assert.match(text, /^# TYPE mathshubs_http_requests_total counter$/m);
    assert.match(text, /^# TYPE mathshubs_http_request_duration_seconds histogram$/m);
    const inf = sample(text, 'mathshubs_http_request_duration_seconds_bucket{le="+Inf"}');
    const count = sample(text, 'mathshubs_http_request_duration_seconds_count');
    assert.ok(inf > 0, 'the +Inf bucket counts requests');
    assert.equal(inf, count, '+Inf bucket equals _count');
    assert.match(text, /^mathshubs_http_request_duration_seconds_sum \d+(\.\d+)?$/m);
    const buckets = [...text.matchAll(/^mathshubs_http_request_duration_seconds_bucket\{le="([^"]+)"\} (\d+)$/gm)]
      .map((m) => Number(m[2]));
    assert.ok(buckets.length >= 2);
    for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i] >= buckets[i - 1], 'buckets are cumulative');
    assert.match(text, /^# TYPE mathshubs_uptime_seconds gauge$/m);
    assert.match(text, /^mathshubs_uptime_seconds \d+(\.\d+)?$/m);
  });

  test('/metrics counts assets under route "static"', async () => {
    const asset = linkedAssets((await get(base, '/')).body)[0];
    assert.equal((await get(base, asset)).status, 200);
    const end = Date.now() + PATIENCE_MS;
    let n = 0;
    while (!(n = sample((await get(base, '/metrics')).body, 'mathshubs_http_requests_total{route="static",status="200"}')) && Date.now() < end)
      await new Promise((r) => setTimeout(r, 50));
    assert.ok(n >= 1);
  });
});

describe('request ids and the access log', () => {
  /** Waits until the access log has a line with this request id. */
  const logged = (s, id) => waitFor(() => accessLines(s.log).find((l) => l.request_id === id), PATIENCE_MS, `log line ${id}`);

  test('every response carries a distinct X-Request-Id, logged with it', async () => {
    const ids = new Set();
    for (const t of ['/', '/hubs', '/api/v1/hubs', '/nothing', '/api/v1/nothing', '/hubs/%zz', '/healthz', '/hubs/']) {
      const r = await get(base, t);
      const id = r.headers['x-request-id'];
      assert.match(id || '', /^[0-9a-f]{16}$/, `${t}: X-Request-Id ${id}`);
      assert.ok(!ids.has(id), 'ids are distinct');
      ids.add(id);
      const line = await logged(srv, id);
      assert.equal(line.status, r.status, `${t}: logged status`);
      assert.equal(line.path, t.split('?')[0], `${t}: logged path`);
    }
    const p = await request(base, '/hubs', { method: 'POST', body: 'x' });
    assert.match(p.headers['x-request-id'] || '', /^[0-9a-f]{16}$/, 'a 405 too');
    const big = await request(lim.base, '/hubs', { method: 'POST', body: Buffer.alloc(4096) });
    assert.match(big.headers['x-request-id'] || '', /^[0-9a-f]{16}$/, 'a 413 too');
  });

  test('assets and their 304s carry an X-Request-Id too', async () => {
    const asset = linkedAssets((await get(base, '/')).body)[0];
    const a = await get(base, asset);
    assert.equal(a.status, 200);
    assert.match(a.headers['x-request-id'] || '', /^[0-9a-f]{16}$/, `${asset}: X-Request-Id`);
    const nm = await get(base, asset, { headers: { 'If-None-Match': a.headers.etag } });
    assert.equal(nm.status, 304);
    assert.match(nm.headers['x-request-id'] || '', /^[0-9a-f]{16}$/, `${asset} (304): X-Request-Id`);
  });

  test('one access-log line per request, with every field', async () => {
    const tag = randomBytes(6).toString('hex');
    const targets = Array.from({ length: 6 }, (_, i) => `/hubs/LOG${tag}${i}`);
    for (const t of targets) assert.equal((await get(base, t)).status, 404);
    for (const t of targets) {
      await waitFor(() => accessLines(srv.log).some((l) => l.path === t), PATIENCE_MS, t);
    }
    await new Promise((r) => setTimeout(r, 200));
    for (const t of targets) {
      const lines = accessLines(srv.log).filter((l) => l.path === t);
      assert.equal(lines.length, 1, `${t}: one line`);
      const l = lines[0];
      assert.deepEqual(Object.keys(l).sort(),
        ['bytes', 'duration_us', 'method', 'path', 'request_id', 'route', 'statements', 'status', 'time', 'transactions'].sort());
      assert.equal(l.transactions, 'hubs_lookup_read', 'the handler read in one named transaction');
      assert.ok(Number.isInteger(l.statements) && l.statements >= 1, `the statements it ran: ${l.statements}`);
      assert.match(l.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      assert.equal(l.method, 'GET');
      assert.equal(l.route, '/hubs/{code}');
      assert.equal(l.status, 404);
      assert.ok(Number.isInteger(l.bytes) && l.bytes > 0);
      assert.ok(Number.isInteger(l.duration_us) && l.duration_us >= 0);
    }
  });

  test('the log has the path without the query string', async () => {
    const r = await get(base, '/projects?phase=Primary');
    assert.equal(r.status, 200);
    const r2 = await get(base, '/projects?phase=%G1&secret=1');
    assert.equal(r2.status, 400);
    const id = r.headers['x-request-id'];
    const line = await logged(srv, id);
    assert.equal(line.path, '/projects');
    assert.equal((await logged(srv, r2.headers['x-request-id'])).path, '/projects');
    for (const l of srv.log) {
      const s = JSON.stringify(l);
      assert.ok(!s.includes('phase='), `no query in ${s}`);
      assert.ok(!s.includes('secret='), `no query in ${s}`);
    }
  });

  test('the log never has a cookie or authorization value', async () => {
    const secret = 'cookie' + randomBytes(12).toString('hex');
    const auth = 'auth' + randomBytes(12).toString('hex');
    const headers = { Cookie: `session=${secret}; other=${secret}x`, Authorization: `Bearer ${auth}` };
    const ids = [];
    for (const t of ['/hubs', '/nothing', '/api/v1/hubs', '/hubs/%zz']) ids.push((await get(base, t, { headers })).headers['x-request-id']);
    ids.push((await request(base, '/hubs', { method: 'POST', body: 'x', headers })).headers['x-request-id']);
    for (const id of ids) await logged(srv, id);
    for (const l of srv.log) {
      const s = JSON.stringify(l);
      assert.ok(!s.includes(secret), `cookie value in ${s}`);
      assert.ok(!s.includes(auth), `authorization value in ${s}`);
    }
  });
});

describe('connections (--connection-timeout 2)', { concurrency: true }, () => {
  const bound = PATIENCE_MS;

  test('an idle connection that sent nothing is closed by the server', async () => {
    const s = await connect(lim.base);
    const w = watch(s);
    const closed = await within(w.closed, bound);
    if (!closed) s.destroy();
    assert.ok(closed, `the server closed the idle connection (waited up to ${bound} ms)`);
    assert.equal(w.data, '', 'nothing was sent');
  });

  test('a keep-alive connection is reused, then closed once idle', async () => {
    const s = await connect(lim.base);
    const w = watch(s);
    const req = `GET /hubs HTTP/1.1\r\nHost: ${new URL(lim.base).host}\r\n\r\n`;
    s.write(req);
    await waitFor(() => /\r\n\r\n[\s\S]*<\/html>\n$/.test(w.data), bound, 'first response');
    assert.match(w.data, /^HTTP\/1\.1 200 /);
    assert.doesNotMatch(w.data.split('\r\n\r\n')[0], /^connection: close/im, 'kept alive');
    const first = w.data.length;
    s.write(req);
    await waitFor(() => w.data.length >= 2 * first - 64 && w.data.endsWith('</html>\n'), bound, 'second response');
    assert.equal((w.data.match(/HTTP\/1\.1 200 /g) || []).length, 2, 'two responses on one connection');
    const closed = await within(w.closed, bound);
    if (!closed) s.destroy();
    assert.ok(closed, `the server closed the idle keep-alive connection (waited up to ${bound} ms)`);
  });

  test('a request whose headers never finish is closed', async () => {
    const s = await connect(lim.base);
    const w = watch(s);
    s.write('GET /hubs HTTP/1.1\r\nHost: x\r\n');
    const closed = await within(w.closed, bound);
    if (!closed) s.destroy();
    assert.ok(closed, 'closed');
    assert.ok(!/^HTTP\/1\.1 200/.test(w.data), 'never answered 200');
  });
});

describe('concurrency', () => {
  test('50 concurrent clients all get 200 and identical bodies per URL', async () => {
    const urls = ['/hubs', '/api/v1/projects'];
    const agents = [];
    const jobs = [];
    for (let i = 0; i < 50; i++) {
      const agent = new http.Agent({ keepAlive: false, maxSockets: 1 });
      agents.push(agent);
      const t = urls[i % urls.length];
      jobs.push(request(base, t, { agent, headers: { Connection: 'close' } }).then((r) => ({ t, r })));
    }
    const results = await Promise.all(jobs);
    for (const a of agents) a.destroy();
    const bodies = new Map();
    for (const { t, r } of results) {
      assert.equal(r.status, 200, t);
      if (!bodies.has(t)) bodies.set(t, r.body);
      else assert.equal(r.body, bodies.get(t), `${t}: same body`);
    }
    assert.equal(bodies.size, 2);
    assert.equal(JSON.parse(bodies.get('/api/v1/projects')).count, 34);
    const ids = new Set(results.map(({ r }) => r.headers['x-request-id']));
    assert.equal(ids.size, 50, 'distinct request ids');
  });

  test('50 raw connections opened first, then all send: all answered', async () => {
    const socks = await Promise.all(Array.from({ length: 50 }, () => connect(base)));
    const ws = socks.map(watch);
    socks.forEach((s, i) => s.write(`GET ${i % 2 ? '/hubs' : '/api/v1/hubs'} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    const ok = await within(Promise.all(ws.map((w) => w.closed)), PATIENCE_MS);
    socks.forEach((s) => s.destroy());
    assert.ok(ok, 'every connection answered and closed');
    const bodies = [new Set(), new Set()];
    ws.forEach((w, i) => {
      const r = parseRaw(w.data);
      assert.equal(r.status, 200);
      bodies[i % 2].add(r.body);
    });
    assert.equal(bodies[0].size, 1);
    assert.equal(bodies[1].size, 1);
  });
});

describe('found in review', () => {
  const s = useServer();

  test('a trailing slash never redirects off the site ("/%2Fevil.example/" is not "//evil.example")', async () => {
    for (const t of ['/%2Fevil.example/', '/%5Cevil.example/', '/%2F%2Fevil.example/']) {
      const r = await rawRequest(s.base, 'GET', t);
      assert.equal(r.status, 404, t);
      assert.equal(r.header('location'), undefined, t);
    }
    const ok = await rawRequest(s.base, 'GET', '/hubs/');
    assert.equal(ok.status, 301);
    assert.equal(ok.header('location'), '/hubs');
  });

  test('a request with invalid UTF-8 in its path is still logged, and a set-up token never is, whatever the method', async () => {
    await rawRequest(s.base, 'GET', '/\xff\xfe');
    await rawRequest(s.base, 'PUT', '/set-up/SECRETTOKEN123');
    await rawRequest(s.base, 'GET', '/set-up/SECRETTOKEN456?%zz');
    await waitFor(() => accessLines(s.log).length >= 3, PATIENCE_MS, 'three access lines');
    const lines = accessLines(s.log);
    assert.ok(lines.some((l) => l.status === 400 && l.path.startsWith('/')), 'the invalid request is logged');
    assert.ok(!JSON.stringify(s.log).includes('SECRETTOKEN'), 'no token in the log');
  });
});
