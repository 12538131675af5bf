// The second factor by text message, through a real HTTP SMS gateway
// receiver on loopback (the contract in docs/SMS.md): a JSON POST of "to"
// and "message" with the API key as a Bearer token. Set up by confirming a
// texted code; each sign-in then texts a code that works once.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';

import { BACKEND, PATIENCE_MS, pgAdmin, request, run, sqlite, startServer, stopClean } from './lib.mjs';

const texts = [];
let gateway, srv;
before(async () => {
  gateway = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      texts.push({ auth: req.headers.authorization, type: req.headers['content-type'], json: JSON.parse(body) });
      res.writeHead(202, { 'Content-Type': 'application/json' });
      res.end('{"id":"accepted"}');
    });
  });
  await new Promise((r) => gateway.listen(0, '127.0.0.1', r));
  srv = await startServer({
    args: ['--sms-gateway-url', `http://127.0.0.1:${gateway.address().port}/messages`],
    env: { MATHSHUBS_SMS_API_KEY: 'test-key-123' },
  });
});
after(async () => { await stopClean(srv); await new Promise((r) => gateway.close(r)); });

const dbArgs = () => (BACKEND === 'postgres' ? ['--postgres', srv.pg.url] : ['--db', srv.db]);
const sql = (q) => (BACKEND === 'postgres' ? pgAdmin(q, srv.pg.name) : sqlite(srv.db, q));

function client() {
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

async function nextText(count) {
  const end = Date.now() + PATIENCE_MS;
  while (texts.length < count) {
    if (Date.now() > end) throw new Error(`no text message ${count} within ${PATIENCE_MS} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const t = texts[count - 1];
  const m = /(\d{6})/.exec(t.json.message);
  assert.ok(m, `a code in ${t.json.message}`);
  return { ...t, code: m[1] };
}

test('codes by text message: a number confirmed by a texted code; each sign-in texts a code that works once', async () => {
  const email = 'tia@school.example';
  const created = await run(['admin', 'create', '--email', email, '--name', 'Tia Text', ...dbArgs()]);
  assert.equal(created.code, 0, created.stderr);
  const link = new URL(created.stdout.trim().split('\n').pop()).pathname;
  const go = client();
  let page = await go(link);
  assert.equal((await go(link, { method: 'POST', page, fields: { password: 'a long and unusual passphrase' } })).status, 303);
  page = await go('/account/authenticator');
  assert.match(page.body, /Text me a code each time instead/);
  const bad = await go('/account/phone', { method: 'POST', page, fields: { phone: '0123' } });
  assert.equal(bad.status, 400);
  assert.match(bad.body, /Enter a UK mobile number/);
  let r = await go('/account/phone', { method: 'POST', page, fields: { phone: '07700 900 982' } });
  assert.equal(r.status, 200);
  assert.match(r.body, /07\*\*\* \*\*\*982/);
  const first = await nextText(1);
  assert.equal(first.json.to, '+447700900982');
  assert.equal(first.auth, 'Bearer test-key-123');
  assert.match(first.type, /application\/json/);
  const wrong = await go('/account/phone/confirm', { method: 'POST', page: r, fields: { code: first.code === '000000' ? '111111' : '000000' } });
  assert.equal(wrong.status, 400);
  r = await go('/account/phone/confirm', { method: 'POST', page: r, fields: { code: first.code } });
  assert.equal(r.status, 200);
  assert.equal([...r.body.matchAll(/<code>[a-z0-9-]+<\/code>/g)].length, 10, 'recovery codes');
  page = await go('/account');
  assert.match(page.body, /A code by text message to 07\*\*\* \*\*\*982/);
  await go('/sign-out', { method: 'POST', page });

  const again = client();
  page = await again('/sign-in');
  r = await again('/sign-in', { method: 'POST', page, fields: { email, password: 'a long and unusual passphrase' } });
  assert.equal(r.headers.location, '/sign-in/code');
  page = await again('/sign-in/code');
  assert.match(page.body, /Enter the code we texted you/);
  const second = await nextText(2);
  assert.equal(second.json.to, '+447700900982');
  r = await again('/sign-in/code', { method: 'POST', page, fields: { code: second.code } });
  assert.equal(r.headers.location, '/account');
  // used once: the same code in a new sign-in is refused
  const third = client();
  page = await third('/sign-in');
  await third('/sign-in', { method: 'POST', page, fields: { email, password: 'a long and unusual passphrase' } });
  page = await third('/sign-in/code');
  r = await third('/sign-in/code', { method: 'POST', page, fields: { code: second.code } });
  assert.equal(r.status, 400);
  assert.match(r.body, /Enter the code from the text message we sent/);
  // the outbox holds the texts as sent, and no code ever reaches the logs
  assert.ok(Number((await sql("SELECT count(*) FROM outbox WHERE channel = 'sms' AND sent_at IS NOT NULL")).trim()) >= 2, 'the texts waited for are marked sent');
  assert.ok(!JSON.stringify(srv.log).includes(second.code));
});
