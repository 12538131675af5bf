// Rate limits per address, shared by every process through the database:
// sign-in attempts (20 in 15 minutes) and emailed links (10 an hour) answer
// 429 with Retry-After beyond the limit; behind a trusted reverse proxy the
// client's address comes from X-Forwarded-For, and from nobody else.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { CookieJar, csrfOf, jarRequest, request, useServer } from './lib.mjs';

const srv = useServer({ args: ['--trusted-proxies', '127.0.0.1'] });

// GETs a form page of server for a session cookie and token, then POSTs fields
// (with the same headers, and no Origin).
async function post(path, fields, headers = {}, server = srv) {
  const jar = new CookieJar();
  const page = await jarRequest(server, jar, path, { headers });
  return jarRequest(server, jar, path, { method: 'POST', form: { csrf_token: csrfOf(page.body), ...fields }, headers });
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
  const direct = useServer();

  test('without --trusted-proxies, X-Forwarded-For cannot dodge the limit', async () => {
    const postDirect = (i) => post('/sign-in', { email: 'x@example.org', password: 'not the password at all' },
      { 'X-Forwarded-For': `198.51.100.${i}` }, direct); // a different lie each time
    for (let i = 1; i <= 20; i++) assert.equal((await postDirect(i)).status, 400);
    assert.equal((await postDirect(99)).status, 429);
  });
});

describe('anonymous sessions', () => {
  const s = useServer({ args: ['--trusted-proxies', '127.0.0.1'] });

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
