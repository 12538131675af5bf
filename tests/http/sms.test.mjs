// The second factor by phone, through real HTTP gateway receivers on
// loopback (the contract in docs/SMS.md): a JSON POST of "to" and
// "message" with the API key as a Bearer token, to the text gateway or the
// call gateway. Set up by confirming a code sent to the number; each
// sign-in then sends a code that works once, by text or by a call that
// reads it aloud (a landline can take calls).
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';

import {
  BACKEND, PASSWORD, PATIENCE_MS, createAdmin, dbQuery, formClient, lastEmailedCode, setUpByEmail, setUpPassword,
  startServer, stopClean,
} from './lib.mjs';

const texts = [];
let gateway, srv;
before(async () => {
  gateway = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      texts.push({ path: req.url, auth: req.headers.authorization, type: req.headers['content-type'], json: JSON.parse(body) });
      res.writeHead(202, { 'Content-Type': 'application/json' });
      res.end('{"id":"accepted"}');
    });
  });
  await new Promise((r) => gateway.listen(0, '127.0.0.1', r));
  srv = await startServer({
    args: ['--sms-gateway-url', `http://127.0.0.1:${gateway.address().port}/messages`,
      '--voice-gateway-url', `http://127.0.0.1:${gateway.address().port}/calls`],
    env: { MATHSHUBS_SMS_API_KEY: 'test-key-123', MATHSHUBS_VOICE_API_KEY: 'voice-key-456' },
  });
});
after(async () => { await stopClean(srv); await new Promise((r) => gateway.close(r)); });

const sql = (q) => dbQuery(srv, q);

const client = () => formClient(srv);

/** The count-th message the gateways received (to one number, when given). */
async function nextText(count, to) {
  const end = Date.now() + PATIENCE_MS;
  const mine = () => texts.filter((t) => !to || t.json.to === to);
  while (mine().length < count) {
    if (Date.now() > end) throw new Error(`no message ${count}${to ? ` to ${to}` : ''} within ${PATIENCE_MS} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const t = mine()[count - 1];
  // a text says "123456"; a call reads "1, 2, 3, 4, 5, 6" (twice)
  const m = /(\d{6})/.exec(t.json.message) || /(\d(?:, \d){5})/.exec(t.json.message)?.map((x) => x.replaceAll(', ', ''));
  assert.ok(m, `a code in ${t.json.message}`);
  return { ...t, code: m[1] };
}

test('codes by text message: a number confirmed by a texted code; each sign-in texts a code that works once', async () => {
  const email = 'tia@school.example';
  const { link } = await createAdmin(srv, email, 'Tia Text');
  const go = await setUpPassword(srv, link, 'a long and unusual passphrase');
  let page = await go('/account/authenticator');
  assert.match(page.body, /Send codes to my phone instead/);
  assert.match(page.body, /By phone call/, 'both gateways: the person chooses text or call');
  const bad = await go('/account/phone', { method: 'POST', page, fields: { phone: '0123' } });
  assert.equal(bad.status, 400);
  assert.match(bad.body, /Enter a UK mobile number/);
  const odd = await go('/account/phone', { method: 'POST', page, fields: { by: 'pigeon', phone: '' } });
  assert.equal(odd.status, 400, 'a way not offered, and no number: the form says both');
  assert.match(odd.body, /<a href="#by">Select how we should send you codes<\/a>/);
  assert.match(odd.body, /<a href="#phone">Enter a UK phone number, like 07700 900 982 or 01632 960 001<\/a>/);
  let r = await go('/account/phone', { method: 'POST', page, fields: { phone: '07700 900 982' } });
  assert.equal(r.status, 303, 'post/redirect/get: a refresh never sends another text');
  assert.equal(r.headers.location, '/account/phone/confirm');
  r = await go('/account/phone/confirm');
  assert.equal(r.status, 200);
  assert.match(r.body, /07\*\*\* \*\*\*982/);
  const first = await nextText(1);
  assert.equal(first.json.to, '+447700900982');
  assert.equal(first.auth, 'Bearer test-key-123');
  assert.equal(first.path, '/messages');
  assert.match(first.type, /application\/json/);
  const none = await go('/account/phone/confirm', { method: 'POST', page: r, fields: { code: ' ' } });
  assert.equal(none.status, 400);
  assert.match(none.body, /<a href="#code">Enter the 6-digit code from the text message<\/a>/);
  assert.equal((await sql(`SELECT failed_attempts FROM people WHERE email = '${email}'`)).trim(), '0', 'no code is not a guess');
  const wrong = await go('/account/phone/confirm', { method: 'POST', page: r, fields: { code: first.code === '000000' ? '111111' : '000000' } });
  assert.equal(wrong.status, 400);
  assert.match(wrong.body, /Enter the 6-digit code from the text message/);
  assert.equal((await sql(`SELECT failed_attempts FROM people WHERE email = '${email}'`)).trim(), '1', 'a wrong code counts');
  r = await go('/account/phone/confirm', { method: 'POST', page: r, fields: { code: first.code } });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/account/recovery-codes');
  r = await go('/account/recovery-codes');
  assert.equal([...r.body.matchAll(/<code>[a-z0-9-]+<\/code>/g)].length, 10, 'recovery codes');
  assert.equal((await go('/account/phone/confirm')).headers.location, '/account/second-factor', 'nothing left to confirm');
  page = await go('/account');
  assert.match(page.body, /Text message to 07\*\*\* \*\*\*982/);
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

test('codes by phone call: a landline confirmed by a call; each sign-in calls with a code; a text-only choice refuses a landline', async () => {
  const email = 'cal@school.example';
  const { link } = await createAdmin(srv, email, 'Cal Call');
  const go = await setUpPassword(srv, link, PASSWORD);
  let page = await go('/account/authenticator');
  const bad = await go('/account/phone', { method: 'POST', page, fields: { by: 'sms', phone: '01632 960 001' } });
  assert.equal(bad.status, 400);
  assert.match(bad.body, /Landlines cannot get text messages/);
  assert.match(bad.body, /value="01632 960 001"/, 'the number typed is shown back');
  const CAL = '+441632960001';
  let r = await go('/account/phone', { method: 'POST', page, fields: { by: 'voice', phone: '01632 960 001' } });
  assert.equal(r.status, 303);
  r = await go('/account/phone/confirm');
  assert.match(r.body, /Enter the code from our phone call/);
  assert.match(r.body, /We are calling 01\*\*\* \*\*\*001/);
  const call = await nextText(1, CAL);
  assert.equal(call.path, '/calls');
  assert.equal(call.auth, 'Bearer voice-key-456');
  assert.equal(call.json.to, '+441632960001');
  assert.match(call.json.message, /Your code is \d, \d, \d, \d, \d, \d\. Again/);
  r = await go('/account/phone/confirm', { method: 'POST', page: r, fields: { code: call.code } });
  assert.equal(r.status, 303);
  page = await go('/account');
  assert.match(page.body, /Phone call to 01\*\*\* \*\*\*001/);
  await go('/sign-out', { method: 'POST', page });

  const again = client();
  page = await again('/sign-in');
  r = await again('/sign-in', { method: 'POST', page, fields: { email, password: PASSWORD } });
  assert.equal(r.headers.location, '/sign-in/code');
  page = await again('/sign-in/code');
  assert.match(page.body, /Enter the code from our phone call/);
  assert.match(page.body, /Call me with a new code/);
  const signIn = await nextText(2, CAL);
  assert.equal(signIn.path, '/calls');
  // "call me again": a new code replaces the first, which then fails
  r = await again('/sign-in/code/send', { method: 'POST', page, fields: { by: 'phone' } });
  assert.equal(r.headers.location, '/sign-in/code');
  const resent = await nextText(3, CAL);
  if (resent.code !== signIn.code) {
    const old = await again('/sign-in/code', { method: 'POST', page, fields: { code: signIn.code } });
    assert.equal(old.status, 400, 'the code before the new one no longer works');
  }
  r = await again('/sign-in/code', { method: 'POST', page, fields: { code: resent.code } });
  assert.equal(r.headers.location, '/account');
  const events = (await sql(`SELECT detail FROM audit_log WHERE action = 'sign_in' AND subject = (SELECT 'person:' || id FROM people WHERE email = '${email}')`)).trim();
  assert.match(events, /code by phone call/);
  assert.ok(Number((await sql("SELECT count(*) FROM outbox WHERE channel = 'voice' AND sent_at IS NOT NULL")).trim()) >= 3, 'the calls are marked sent');
});

test('each code works only for its purpose; phones are rate-limited; guesses at a confirmation code lock the account', async () => {
  const email = 'pia@school.example';
  const { link } = await createAdmin(srv, email, 'Pia Purpose');
  const { go: a } = await setUpByEmail(srv, link, PASSWORD);
  let page;
  await sql('DELETE FROM rate_limits');

  // b is between password and code (an email code went); a starts to add a phone
  const b = client();
  page = await b('/sign-in');
  await b('/sign-in', { method: 'POST', page, fields: { email, password: PASSWORD } });
  const bCode = await b('/sign-in/code');
  page = await a('/account/second-factor');
  let r = await a('/account/phone', { method: 'POST', page, fields: { by: 'sms', phone: '07700 900 111' } });
  assert.equal(r.status, 303);
  const pending = await nextText(1, '+447700900111');
  // the code sent to an unconfirmed number does not sign anyone in
  r = await b('/sign-in/code', { method: 'POST', page: bCode, fields: { code: pending.code } });
  assert.equal(r.status, 400, 'a code for confirming a number is not a sign-in code');
  // and an emailed sign-in code does not confirm a number
  r = await b('/sign-in/code/send', { method: 'POST', page: bCode, fields: { by: 'email' } });
  assert.equal(r.headers.location, '/sign-in/code');
  r = await a('/account/phone/confirm', { method: 'POST', page, fields: { code: await lastEmailedCode(srv, email) } });
  assert.equal(r.status, 400, 'a sign-in code does not confirm a number');

  // a number that is not a mobile: 070 (personal numbering) is refused for texts
  r = await a('/account/phone', { method: 'POST', page, fields: { by: 'sms', phone: '07000 900 111' } });
  assert.equal(r.status, 400);
  // at most 5 codes a person in 15 minutes (the email one above counts)
  await sql('DELETE FROM rate_limits');
  let statuses = [];
  for (let i = 0; i < 6; i++) statuses.push((await a('/account/phone', { method: 'POST', page, fields: { by: 'sms', phone: '07700 900 222' } })).status);
  assert.deepEqual(statuses, [303, 303, 303, 303, 303, 429]);

  // five wrong guesses at the confirmation code lock the account
  await sql('DELETE FROM rate_limits');
  const latest = await nextText(5, '+447700900222');
  const wrongCode = latest.code === '000000' ? '111111' : '000000';
  statuses = [];
  let body = '';
  for (let i = 0; i < 5; i++) {
    r = await a('/account/phone/confirm', { method: 'POST', page, fields: { code: wrongCode } });
    statuses.push(r.status);
    body = r.body;
  }
  assert.deepEqual(statuses, [400, 400, 400, 400, 400]);
  assert.match(body, /locked for 15 minutes/);
  assert.ok(Number(await sql(`SELECT locked_until FROM people WHERE email = '${email}'`)) > Date.now() / 1000);
  r = await a('/account/phone/confirm', { method: 'POST', page, fields: { code: latest.code } });
  assert.equal(r.status, 400, 'not even the right code while locked');
  assert.equal(String(await sql(`SELECT phone IS NULL FROM people WHERE email = '${email}'`)).trim(), BACKEND === 'postgres' ? 't' : '1');
});

test('removing a phone ends the code sent to it', async () => {
  const email = 'rex@school.example';
  const { link } = await createAdmin(srv, email, 'Rex Removed');
  const { go: a } = await setUpByEmail(srv, link, PASSWORD);
  let page;
  await sql('DELETE FROM rate_limits');
  page = await a('/account/second-factor');
  let r = await a('/account/phone', { method: 'POST', page, fields: { by: 'sms', phone: '07700 900 333' } });
  r = await a('/account/phone/confirm', { method: 'POST', page: await a('/account/phone/confirm'), fields: { code: (await nextText(1, '+447700900333')).code } });
  assert.equal(r.headers.location, '/account/second-factor');
  assert.match((await a('/account/second-factor')).body, /You have a new way to sign in/);
  // b signs in: the code is texted; a removes the phone meanwhile
  const b = client();
  page = await b('/sign-in');
  await b('/sign-in', { method: 'POST', page, fields: { email, password: PASSWORD } });
  const bCode = await b('/sign-in/code');
  const texted = await nextText(2, '+447700900333');
  page = await a('/account/second-factor');
  r = await a('/account/second-factor', { method: 'POST', page, fields: { remove: 'phone' } });
  assert.equal(r.headers.location, '/account/second-factor');
  r = await b('/sign-in/code', { method: 'POST', page: bCode, fields: { code: texted.code } });
  assert.equal(r.status, 400, 'the code to a removed phone no longer works');
});
