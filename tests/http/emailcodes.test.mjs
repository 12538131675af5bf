// The second factor "a code by email": chosen instead of an authenticator
// app at set-up; at each sign-in a 6-digit code is emailed (read here from
// the outbox), works once, for 10 minutes; recovery codes still work.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createAdmin, dbQuery, formClient, lastEmailedCode, setUpPassword, useServer } from './lib.mjs';

const srv = useServer();

const sql = (q) => dbQuery(srv, q);

const client = () => ({ go: formClient(srv) });

const lastCode = (email) => lastEmailedCode(srv, email);

test('codes by email: set up, sign in with an emailed code once, recovery codes still work', async () => {
  const email = 'esme@school.example';
  const { link } = await createAdmin(srv, email, 'Esme Email');
  const c = { go: await setUpPassword(srv, link, 'a long and unusual passphrase') };
  let page = await c.go('/account/authenticator');
  assert.match(page.body, /Email me a code each time instead/);
  let r = await c.go('/account/email-codes', { method: 'POST', page });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/account/recovery-codes');
  r = await c.go('/account/recovery-codes');
  const recovery = [...r.body.matchAll(/<code>([a-z0-9-]+)<\/code>/g)].map((m) => m[1]);
  assert.equal(recovery.length, 10);
  page = await c.go('/account');
  assert.equal(page.status, 200);
  assert.match(page.body, /Email to /);
  // an app can be added at once (signing up proved who they are), but not
  // once that proof is old: then the password is asked for first
  assert.equal((await c.go('/account/authenticator')).status, 200);
  await sql(`UPDATE sessions SET authenticated_at = 0 WHERE person_id = (SELECT id FROM people WHERE email = '${email}')`);
  const swap = await c.go('/account/authenticator');
  assert.equal(swap.status, 303);
  assert.equal(swap.headers.location, '/account/confirm?next=/account/authenticator');
  await c.go('/sign-out', { method: 'POST', page });

  // sign in: password, then the emailed code
  const d = client();
  page = await d.go('/sign-in');
  r = await d.go('/sign-in', { method: 'POST', page, fields: { email, password: 'a long and unusual passphrase' } });
  assert.equal(r.headers.location, '/sign-in/code');
  page = await d.go('/sign-in/code');
  assert.match(page.body, /Enter the code we emailed you/);
  assert.ok(page.body.includes(email));
  const code = await lastCode(email);
  r = await d.go('/sign-in/code', { method: 'POST', page, fields: { code: `${code.slice(0, 3)} ${code.slice(3)}` } });
  assert.equal(r.headers.location, '/account');
  assert.equal((await d.go('/account')).status, 200);

  // the same code again, in a new sign-in: refused (used once)
  const e = client();
  page = await e.go('/sign-in');
  await e.go('/sign-in', { method: 'POST', page, fields: { email, password: 'a long and unusual passphrase' } });
  page = await e.go('/sign-in/code');
  r = await e.go('/sign-in/code', { method: 'POST', page, fields: { code } });
  assert.equal(r.status, 400);
  assert.match(r.body, /Enter the code from the email we sent/);
  // a newer code that has expired: refused
  await sql(`UPDATE people SET email_code_expires = 1 WHERE email = '${email}'`);
  r = await e.go('/sign-in/code', { method: 'POST', page, fields: { code: await lastCode(email) } });
  assert.equal(r.status, 400);
  // a recovery code works
  r = await e.go('/sign-in/code', { method: 'POST', page, fields: { code: recovery[0] } });
  assert.equal(r.headers.location, '/account');
  // and the emailed codes never reach the logs or the audit log
  const logs = JSON.stringify(srv.log) + (await sql('SELECT action, subject, detail FROM audit_log'));
  assert.ok(!logs.includes(code), 'the code is not logged');
});
