// Rate limits per address, shared by every process through the database:
// failed sign-in attempts (20 in 15 minutes) and emailed links (10 an hour)
// answer 429 with Retry-After beyond the limit, while a whole school signing
// in from one address is never refused; behind a trusted reverse proxy the
// client's address comes from X-Forwarded-For, and from nobody else; an
// IPv6 client is counted by its /64.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  CookieJar, PASSWORD, createAdmin, csrfOf, dbQuery, formPost, jarRequest, lastEmailedCode, request, setUpByEmail,
  useServer,
} from './lib.mjs';

const srv = useServer({ args: ['--trusted-proxies', '127.0.0.1'] });

// GETs a form page of server for a session cookie and token, then POSTs fields
// (with the same headers, and no Origin).
async function post(path, fields, headers = {}, server = srv) {
  const jar = new CookieJar();
  const page = await jarRequest(server, jar, path, { headers });
  return jarRequest(server, jar, path, { method: 'POST', form: { csrf_token: csrfOf(page.body), ...fields }, headers });
}

// Signs email in from the address in headers (password, then the emailed
// code) in a browser of its own; resolves to the last answer.
async function signInFrom(server, email, headers, password = PASSWORD) {
  const jar = new CookieJar();
  let page = await jarRequest(server, jar, '/sign-in', { headers });
  const r = await formPost(server, jar, '/sign-in', { csrf_token: csrfOf(page.body), email, password }, headers);
  if (r.status !== 303) return r;
  page = await jarRequest(server, jar, '/sign-in/code', { headers });
  const code = await lastEmailedCode(server, email);
  return formPost(server, jar, '/sign-in/code', { csrf_token: csrfOf(page.body), code }, headers);
}

describe('a school behind one address', () => {
  const school = useServer({ args: ['--trusted-proxies', '127.0.0.1'] });
  const STAFF = 40;

  test(`${STAFF} people sign in from one address in 15 minutes: none refused; failures from it still are`, async () => {
    const people = [];
    for (let i = 1; i <= STAFF; i++) {
      const { link } = await createAdmin(school, `teacher${i}@school.example`);
      await setUpByEmail(school, link);
      people.push(`teacher${i}@school.example`);
    }
    await dbQuery(school, 'DELETE FROM rate_limits'); // set-up is not what is measured
    const from = { 'X-Forwarded-For': '198.51.100.20' };
    for (const email of people) {
      const r = await signInFrom(school, email, from);
      assert.equal(r.status, 303, `${email} signs in: ${r.status}`);
      assert.equal(r.headers.location, '/account', `${email} signs in`);
    }
    // the limit still protects: 20 wrong passwords, then 429
    for (let i = 1; i <= 20; i++) {
      const r = await signInFrom(school, people[i % STAFF], from, 'not the password at all');
      assert.equal(r.status, 400, `failure ${i}`);
    }
    for (let i = 21; i <= 25; i++) {
      const r = await signInFrom(school, people[i % STAFF], from, 'not the password at all');
      assert.equal(r.status, 429, `failure ${i}`);
      assert.match(r.body, /Too many attempts from your network/);
    }
    // and refuses even the right password from that address until the window ends
    assert.equal((await signInFrom(school, people[0], from)).status, 429);
  });
});

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
    // refusals are logged once per address and window, not once per request
    for (let i = 0; i < 30; i++) {
      assert.equal((await post('/sign-in', { email: `more${i}@example.org`, password: 'not the password at all' }, from)).status, 429);
    }
    const logged = (await dbQuery(srv, "SELECT detail FROM audit_log WHERE action = 'rate_limited' AND ip = '198.51.100.7'")).trim().split('\n');
    assert.equal(logged.length, 1, `one row for 31 refusals: ${logged}`);
    assert.match(logged[0], /^sign_in: further attempts from this address in the next 15 minutes are refused, and not logged one by one$/);
    const other = await post('/sign-in', { email: 'nobody@example.org', password: 'not the password at all' },
      { 'X-Forwarded-For': '203.0.113.50' });
    assert.equal(other.status, 400, 'a different client behind the proxy is not limited');
  });

  test('IPv6 clients count by their /64 (any address in it, in any form); IPv4-mapped ones as the IPv4 address', async () => {
    const wrong = (address) => post('/sign-in', { email: 'nobody@example.org', password: 'not the password at all' },
      { 'X-Forwarded-For': address });
    for (let i = 1; i <= 20; i++) // one household's /64: each device, and each privacy address, differs
      assert.equal((await wrong(`2001:db8:5:6:${i.toString(16)}::${i}`)).status, 400, `attempt ${i}`);
    assert.equal((await wrong('2001:0db8:0005:0006:ffff:ffff:ffff:ffff')).status, 429, 'another address of the /64');
    assert.equal((await wrong('2001:db8:5:6::')).status, 429, 'the /64 compressed');
    assert.equal((await wrong('2001:db8:5:7::1')).status, 400, 'the next /64 is another client');
    for (let i = 1; i <= 20; i++)
      assert.equal((await wrong(i % 2 ? '192.0.2.80' : '::ffff:192.0.2.80')).status, 400, `IPv4 attempt ${i}`);
    assert.equal((await wrong('192.0.2.80')).status, 429, 'an IPv4 address and its IPv4-mapped form are one client');
    assert.equal((await wrong('::ffff:192.0.2.80')).status, 429);
    assert.equal((await wrong('192.0.2.81')).status, 400, 'IPv4 addresses are each their own');
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
  const SCHOOL = 1000; // pupils and staff opening the service on one morning
  const LIMIT = 5000; // new anonymous sessions an hour from one address

  test(`a school's ${SCHOOL} new visitors from one address in an hour are all served`, async () => {
    const from = { 'X-Forwarded-For': '198.51.100.99' };
    for (let i = 1; i <= SCHOOL; i++) {
      const r = await request(s.base, '/sign-in', { headers: from });
      assert.equal(r.status, 200, `visit ${i}`);
    }
  });

  test(`still bounded: at most ${LIMIT} new anonymous sessions an hour from one address; beyond, 429 with Retry-After`, async () => {
    const from = { 'X-Forwarded-For': '198.51.100.98' };
    assert.equal((await request(s.base, '/sign-in', { headers: from })).status, 200);
    // the visits between, as the counter they would leave
    const key = "key = 'anonymous_session:198.51.100.98'";
    assert.equal(await dbQuery(s, `SELECT attempts FROM rate_limits WHERE ${key}`), '1');
    await dbQuery(s, `UPDATE rate_limits SET attempts = ${LIMIT - 1} WHERE ${key}`);
    assert.equal((await request(s.base, '/sign-in', { headers: from })).status, 200, `visit ${LIMIT}`);
    const r = await request(s.base, '/sign-in', { headers: from });
    assert.equal(r.status, 429);
    assert.ok(Number(r.headers['retry-after']) > 0);
    assert.match(r.body, /Too many requests/);
    assert.equal((await request(s.base, '/sign-in', { headers: { 'X-Forwarded-For': '198.51.100.100' } })).status, 200);
  });
});
