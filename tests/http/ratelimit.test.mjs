// Rate limits per address, shared by every process through the database:
// sign-in attempts (20 in 15 minutes) and emailed links (10 an hour) answer
// 429 with Retry-After beyond the limit; behind a trusted reverse proxy the
// client's address comes from X-Forwarded-For, and from nobody else.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { request, startServer, stopClean } from './lib.mjs';

let srv;
before(async () => { srv = await startServer({ args: ['--trusted-proxies', '127.0.0.1'] }); });
after(async () => { await stopClean(srv); });

// GETs a form page for a session cookie and token, then POSTs fields.
async function post(path, fields, headers = {}) {
  const page = await request(srv.base, path, { headers });
  const cookie = (page.headers['set-cookie'] || []).map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(page.body)[1];
  const body = new URLSearchParams({ csrf_token: csrf, ...fields }).toString();
  return request(srv.base, path, { method: 'POST', body, headers: { ...headers, Cookie: cookie,
    'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)) } });
}

describe('rate limits per address', () => {
  test('the 21st sign-in attempt from one address in 15 minutes gets 429 and Retry-After; another address does not', async () => {
    const from = { 'X-Forwarded-For': '198.51.100.7' };
    for (let i = 1; i <= 20; i++) {
      const r = await post('/sign-in', { email: `nobody${i}@example.org`, password: 'not the password at all' }, from);
      assert.equal(r.status, 400, `attempt ${i}`);
    }
    const r = await post('/sign-in', { email: 'nobody@example.org', password: 'not the password at all' }, from);
    assert.equal(r.status, 429);
    assert.ok(Number(r.headers['retry-after']) > 0 && Number(r.headers['retry-after']) <= 900);
    assert.match(r.body, /Too many attempts from your network/);
    assert.match(r.body, /govuk-error-summary/);
    const other = await post('/sign-in', { email: 'nobody@example.org', password: 'not the password at all' },
      { 'X-Forwarded-For': '203.0.113.50' });
    assert.equal(other.status, 400, 'a different client behind the proxy is not limited');
  });

  test('sign-up and password-reset links: 10 an hour from one address', async () => {
    const from = { 'X-Forwarded-For': '192.0.2.44' };
    for (let i = 1; i <= 10; i++)
      assert.equal((await post('/password-reset', { email: `someone${i}@example.org` }, from)).status, 303, `request ${i}`);
    const r = await post('/password-reset', { email: 'someone@example.org' }, from);
    assert.equal(r.status, 429);
    assert.ok(Number(r.headers['retry-after']) > 0);
  });
});

describe('X-Forwarded-For is believed only from a trusted proxy', () => {
  let direct;
  before(async () => { direct = await startServer(); });
  after(async () => { await stopClean(direct); });

  test('without --trusted-proxies, X-Forwarded-For cannot dodge the limit', async () => {
    async function postDirect(i) {
      const headers = { 'X-Forwarded-For': `198.51.100.${i}` }; // a different lie each time
      const page = await request(direct.base, '/sign-in', { headers });
      const cookie = (page.headers['set-cookie'] || []).map((c) => c.split(';')[0]).join('; ');
      const csrf = /name="csrf_token" value="([^"]+)"/.exec(page.body)[1];
      const body = new URLSearchParams({ csrf_token: csrf, email: 'x@example.org', password: 'not the password at all' }).toString();
      return request(direct.base, '/sign-in', { method: 'POST', body, headers: { ...headers, Cookie: cookie,
        'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)) } });
    }
    for (let i = 1; i <= 20; i++) assert.equal((await postDirect(i)).status, 400);
    assert.equal((await postDirect(99)).status, 429);
  });
});

describe('anonymous sessions', () => {
  let s;
  before(async () => { s = await startServer({ args: ['--trusted-proxies', '127.0.0.1'] }); });
  after(async () => { await stopClean(s); });

  test('at most 200 new anonymous sessions an hour from one address; beyond, 429 with Retry-After', async () => {
    const from = { 'X-Forwarded-For': '198.51.100.99' };
    for (let i = 1; i <= 200; i++) assert.equal((await request(s.base, '/sign-in', { headers: from })).status, 200, `visit ${i}`);
    const r = await request(s.base, '/sign-in', { headers: from });
    assert.equal(r.status, 429);
    assert.ok(Number(r.headers['retry-after']) > 0);
    assert.match(r.body, /Too many requests/);
    assert.equal((await request(s.base, '/sign-in', { headers: { 'X-Forwarded-For': '198.51.100.100' } })).status, 200);
  });
});
