// Managing one's own account: change the password (the current one is
// asked for; other devices are signed out), confirm it is you (the
// password again) before changing how you sign in, add and remove ways of
// getting codes (never the last one), get new recovery codes, and at
// sign-in ask for a code by another way. Every change is audited and
// emailed to the owner (read here from the outbox).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  BACKEND, PASSWORD, createAdmin, dbQuery, emailCodePerson, formClient, lastEmailedCode, pgDropDatabase, run,
  setUpByEmail, setUpPassword, signInByEmail, startServer, stepNow, stopClean, totpAt, useServer, waitFor,
} from './lib.mjs';

const srv = useServer();

const sql = (q) => dbQuery(srv, q);
const idOf = (email) => `(SELECT id FROM people WHERE email = '${email}')`;

const lastCode = (email) => lastEmailedCode(srv, email);

const person = (email) => emailCodePerson(srv, email);
const signIn = (email, password = PASSWORD) => signInByEmail(srv, email, password);

const notices = (email) => sql(`SELECT subject FROM outbox WHERE to_addr = '${email}' ORDER BY id`);

// The password rules (auth/password.h): a guessable password, or one made
// of the person's own name and email address, is refused on both forms that
// set one, with what to do instead; nothing is stored.
test('a guessable new password is refused on the set-up and change-password forms, saying what to do', async () => {
  const email = 'ada.lovelace@school.example';
  await sql('DELETE FROM rate_limits');
  const { link } = await createAdmin(srv, email, 'Ada Lovelace');
  const message = 'Choose a password that is harder to guess: a few unrelated words work well';
  const refused = (r, password) => {
    assert.equal(r.status, 400, password);
    assert.ok(r.body.includes(`<a href="#password">${message}</a>`), `${password}: in the error summary`);
    assert.ok(r.body.includes(`<p class="govuk-error-message" id="password-error"><span class="govuk-visually-hidden">Error:</span> ${message}</p>`), `${password}: at the field`);
  };
  const setUp = formClient(srv);
  let page = await setUp(link);
  // the review's passwords, and her own name (fine for anyone else: test_password.c)
  for (const password of ['password1234', 'qwertyuiopas', 'Ada Lovelace 2024']) {
    page = await setUp(link, { method: 'POST', page, fields: { password } });
    refused(page, password);
  }
  assert.equal(await sql(`SELECT count(*) FROM people WHERE email = '${email}' AND password_hash IS NULL`), '1', 'no password stored');

  await setUpByEmail(srv, link);
  const here = await signIn(email);
  page = await here('/account/password');
  for (const password of ['iloveyou1234', 'Ada Lovelace 2024']) {
    page = await here('/account/password', { method: 'POST', page, fields: { current: PASSWORD, password } });
    refused(page, password);
  }
  assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'password_changed' AND subject = 'person:' || ${idOf(email)}`), '0', 'not changed');
  await signIn(email); // the password is still the first one
});

test('change password: the current one is needed; other devices are signed out; the owner is emailed', async () => {
  const email = 'pat@school.example';
  await person(email);
  const here = await signIn(email);
  const elsewhere = await signIn(email);
  let page = await here('/account/password');
  assert.equal(page.status, 200);
  assert.match(page.body, /Change your password/);

  let r = await here('/account/password', { method: 'POST', page, fields: { current: '', password: 'short' } });
  assert.equal(r.status, 400);
  assert.match(r.body, /govuk-error-summary/);
  assert.match(r.body, /Enter your current password/);
  assert.match(r.body, /href="#password"/);
  r = await here('/account/password', { method: 'POST', page, fields: { current: 'my secret current one', password: '' } });
  assert.equal(r.status, 400);
  assert.match(r.body, /<a href="#password">Enter a new password<\/a>/);
  assert.doesNotMatch(r.body, /my secret current one/, 'a password is never shown back');
  const failures = async () => Number(await sql('SELECT coalesce(sum(failures), 0) FROM sign_in_locks'));
  const before = await failures();
  r = await here('/account/password', { method: 'POST', page, fields: { current: 'not my password at all', password: 'a brand new long passphrase' } });
  assert.equal(r.status, 400);
  assert.match(r.body, /Your current password is not right/);
  assert.equal(await failures(), before + 1, 'a wrong current password counts toward the lock (nothing was checked before)');

  r = await here('/account/password', { method: 'POST', page, fields: { current: PASSWORD, password: 'a brand new long passphrase' } });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/account');
  const account = await here('/account');
  assert.equal(account.status, 200, 'still signed in here');
  assert.match(account.body, /govuk-notification-banner__heading">Your password has been changed\./);
  assert.doesNotMatch((await here('/account')).body, /Your password has been changed/, 'said once');
  const gone = await elsewhere('/account');
  assert.equal(gone.status, 303, 'signed out elsewhere');
  assert.equal(gone.headers.location, '/sign-in');
  assert.match(await notices(email), /Your Maths Hubs password was changed/);
  assert.match(await sql(`SELECT action FROM audit_log WHERE subject = 'person:' || ${idOf(email)}`), /password_changed/);

  // the old password no longer signs in; the new one does
  const go = formClient(srv);
  page = await go('/sign-in');
  r = await go('/sign-in', { method: 'POST', page, fields: { email, password: PASSWORD } });
  assert.equal(r.status, 400);
  await signIn(email, 'a brand new long passphrase');
});

test('confirm it is you: an old proof sends factor and recovery-code pages to the password, which returns there', async () => {
  const email = 'rea@school.example';
  await person(email);
  const go = await signIn(email);
  assert.equal((await go('/account/second-factor')).status, 200, 'just signed in: no need to confirm');
  await sql(`UPDATE sessions SET authenticated_at = 0 WHERE person_id = ${idOf(email)}`);
  let r = await go('/account/second-factor');
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/account/confirm?next=/account/second-factor');
  // an unsafe request with an old proof changes nothing
  const before = await sql(`SELECT code_hash FROM recovery_codes WHERE person_id = ${idOf(email)} ORDER BY code_hash`);
  const acct = await go('/account');
  r = await go('/account/recovery-codes', { method: 'POST', page: acct });
  assert.equal(r.headers.location, '/account/confirm?next=/account/recovery-codes');
  assert.equal(await sql(`SELECT code_hash FROM recovery_codes WHERE person_id = ${idOf(email)} ORDER BY code_hash`), before);

  let page = await go('/account/confirm?next=/account/second-factor');
  assert.match(page.body, /Enter your password to continue/);
  r = await go('/account/confirm', { method: 'POST', page, fields: { next: '/account/second-factor', password: '' } });
  assert.equal(r.status, 400);
  assert.match(r.body, /<a href="#password">Enter your password<\/a>/);
  assert.match(r.body, /name="next" value="\/account\/second-factor"/, 'where to go next is kept');
  r = await go('/account/confirm', { method: 'POST', page, fields: { next: '/account/second-factor', password: 'wrong wrong wrong' } });
  assert.equal(r.status, 400);
  assert.match(r.body, /The password is not right/);
  r = await go('/account/confirm', { method: 'POST', page, fields: { next: '/account/second-factor', password: PASSWORD } });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/account/second-factor');
  assert.equal((await go('/account/second-factor')).status, 200);
  // never back to anywhere else
  for (const next of ['//evil.example/', 'https://evil.example/', '/account/../admin', '/hubs']) {
    r = await go('/account/confirm', { method: 'POST', page, fields: { next, password: PASSWORD } });
    assert.equal(r.headers.location, '/account', `next=${next}`);
  }
  page = await go(`/account/confirm?next=${encodeURIComponent('"><script>')}`);
  assert.match(page.body, /name="next" value="\/account"/);
});

test('ways of getting codes: add an app, remove email, never the last one; the owner is emailed each time', async () => {
  const email = 'fay@school.example';
  await person(email);
  const go = await signIn(email);
  let page = await go('/account/second-factor');
  assert.match(page.body, /How you get sign-in codes/);
  assert.match(page.body, /You need at least one way/);
  assert.doesNotMatch(page.body, /name="remove"/, 'the only way has no remove button');
  // sent anyway (a page open in another tab): refused
  let r = await go('/account/second-factor', { method: 'POST', page: await go('/account'), fields: { remove: 'email' } });
  assert.equal(r.status, 400);
  assert.match(r.body, /add another before you remove this one/);
  assert.equal(await sql(`SELECT email_codes FROM people WHERE email = '${email}'`), '1');

  page = await go('/account/authenticator');
  assert.match(page.body, /Set up a new authenticator app|Set up your authenticator app/);
  const secret = /name="secret" value="([A-Z2-7]+)"/.exec(page.body)[1];
  const code = totpAt(secret, stepNow());
  r = await go('/account/authenticator', { method: 'POST', page, fields: { secret, code } });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/account/second-factor', 'adding a way keeps the recovery codes');
  page = await go('/account/second-factor');
  assert.match(page.body, /govuk-notification-banner__heading">You have a new way to sign in: an authenticator app\. We have emailed you to say so\.</);
  assert.match(await notices(email), /A new way to sign in was added to your Maths Hubs account: an authenticator app/);

  page = await go('/account/second-factor');
  assert.match(page.body, /Stop emailing me codes/);
  r = await go('/account/second-factor', { method: 'POST', page, fields: { remove: 'email' } });
  assert.equal(r.headers.location, '/account/second-factor');
  assert.equal(await sql(`SELECT email_codes FROM people WHERE email = '${email}'`), '0');
  assert.match(await notices(email), /A way to sign in was removed from your Maths Hubs account: codes by email/);
  page = await go('/account/second-factor');
  assert.match(page.body, /govuk-notification-banner__heading">You have removed a way to sign in: codes by email\.</);
  r = await go('/account/second-factor', { method: 'POST', page, fields: { remove: 'app' } });
  assert.equal(r.status, 400, 'the app is now the last way');
  r = await go('/account/second-factor', { method: 'POST', page, fields: { remove: 'nonsense' } });
  assert.equal(r.status, 400);
  const actions = await sql(`SELECT action FROM audit_log WHERE subject = 'person:' || ${idOf(email)} ORDER BY id`);
  assert.match(actions, /second_factor_added[\s\S]*second_factor_removed/);

  // sign-in now asks for the app, and no code is emailed
  const mails = await sql(`SELECT count(*) FROM outbox WHERE to_addr = '${email}'`);
  const c = formClient(srv);
  page = await c('/sign-in');
  await c('/sign-in', { method: 'POST', page, fields: { email, password: PASSWORD } });
  page = await c('/sign-in/code');
  assert.match(page.body, /Enter a code from your authenticator app/);
  assert.doesNotMatch(page.body, /Email me a new code/);
  assert.equal(await sql(`SELECT count(*) FROM outbox WHERE to_addr = '${email}'`), mails);
});

test('new recovery codes are not lost to a page another tab opens first', async () => {
  const email = 'tabs@school.example';
  await person(email);
  const go = await signIn(email);
  const page = await go('/account/recovery-codes');
  const r = await go('/account/recovery-codes', { method: 'POST', page });
  assert.equal(r.headers.location, '/account/recovery-codes');
  // another tab of the same session loads a page (or sends a form) before the redirect lands
  const other = await go('/account');
  assert.doesNotMatch(other.body, /<code>/, 'the codes show only on their own page');
  const shown = await go('/account/recovery-codes');
  assert.equal([...shown.body.matchAll(/<code>([a-z0-9-]+)<\/code>/g)].length, 10, 'the codes are still shown, once');
  const again = await go('/account/recovery-codes');
  assert.doesNotMatch(again.body, /<code>/, 'shown once');
});

test('new recovery codes: the old ones stop working, the new ones sign in once', async () => {
  const email = 'rob@school.example';
  const old = await person(email);
  const go = await signIn(email);
  let page = await go('/account');
  assert.match(page.body, /10 of 10 unused/);
  page = await go('/account/recovery-codes');
  assert.match(page.body, /You have 10 unused recovery codes/);
  const r = await go('/account/recovery-codes', { method: 'POST', page });
  assert.equal(r.status, 303, 'post/redirect/get: a refresh never makes codes again');
  assert.equal(r.headers.location, '/account/recovery-codes');
  const shown = await go('/account/recovery-codes');
  assert.match(shown.body, /You have new recovery codes/);
  const fresh = [...shown.body.matchAll(/<code>([a-z0-9-]+)<\/code>/g)].map((m) => m[1]);
  assert.equal(fresh.length, 10);
  const again = await go('/account/recovery-codes');
  assert.doesNotMatch(again.body, /<code>/, 'shown once');
  assert.match(again.body, /You have 10 unused recovery codes/);
  assert.equal(new Set([...fresh, ...old]).size, 20);
  assert.match(await notices(email), /New recovery codes were made/);

  const c = formClient(srv);
  page = await c('/sign-in');
  await c('/sign-in', { method: 'POST', page, fields: { email, password: PASSWORD } });
  page = await c('/sign-in/code');
  assert.equal((await c('/sign-in/code', { method: 'POST', page, fields: { code: old[0] } })).status, 400, 'an old code');
  assert.equal((await c('/sign-in/code', { method: 'POST', page, fields: { code: fresh[0] } })).headers.location, '/account');
});

test('at sign-in, a new code by another way; at most 5 codes in 15 minutes, the first included', async () => {
  const email = 'ned@school.example';
  await person(email);
  const go = formClient(srv);
  let page = await go('/sign-in');
  await go('/sign-in', { method: 'POST', page, fields: { email, password: PASSWORD } });
  page = await go('/sign-in/code');
  assert.match(page.body, /Not received a code\?/);
  assert.match(page.body, /Email me a new code/);
  const first = await lastCode(email);
  let r = await go('/sign-in/code/send', { method: 'POST', page, fields: { by: 'phone' } });
  assert.equal(r.status, 400, 'no phone on this account');
  // the code sent at the password step counts: four more, then no more
  for (let i = 0; i < 4; i++) {
    r = await go('/sign-in/code/send', { method: 'POST', page, fields: { by: 'email' } });
    assert.equal(r.headers.location, '/sign-in/code', `send ${i + 2}`);
  }
  r = await go('/sign-in/code/send', { method: 'POST', page, fields: { by: 'email' } });
  assert.equal(r.status, 429);
  assert.ok(Number(r.headers['retry-after']) > 0);
  assert.match(r.body, /We have sent you several codes already/);
  const latest = await lastCode(email);
  if (latest !== first) assert.equal((await go('/sign-in/code', { method: 'POST', page, fields: { code: first } })).status, 400);
  assert.equal((await go('/sign-in/code', { method: 'POST', page, fields: { code: latest } })).headers.location, '/account');
});

test('authenticator secrets are sealed at rest with --secret-key-file; another key fails closed', async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const { randomBytes } = await import('node:crypto');
  const dir = mkdtempSync(path.join(tmpdir(), 'mathshubs-key-'));
  const keyFile = path.join(dir, 'key');
  const otherKey = path.join(dir, 'other');
  writeFileSync(keyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  writeFileSync(otherKey, randomBytes(32).toString('hex'), { mode: 0o600 });
  // set up without a key (as before it was configured), then start with one
  const plain = await startServer();
  const q = dbQuery;
  const email = 'kit@school.example';
  let keyed = plain;
  try {
    const { link } = await createAdmin(plain, email, 'Kit Key');
    const go = await setUpPassword(plain, link, PASSWORD);
    let page = await go('/account/authenticator');
    const secret = /name="secret" value="([A-Z2-7]+)"/.exec(page.body)[1];
    const oath = (offset) => totpAt(secret, stepNow() + offset / 30);
    const r = await go('/account/authenticator', { method: 'POST', page, fields: { secret, code: oath(0) } });
    assert.equal(r.headers.location, '/account/recovery-codes');
    const shown = await go('/account/recovery-codes');
    assert.match(shown.body, /Your account is set up/);
    assert.equal(await q(plain, `SELECT totp_secret FROM people WHERE email = '${email}'`), secret, 'no key: stored as it is');
    assert.ok(plain.log.some((l) => /no --secret-key-file/.test(l.msg || '')), 'a warning at start says so');
    await plain.stop({ keep: true });
    keyed = await startServer({ args: ['--secret-key-file', keyFile], dir: plain.dir, database: plain.pg });
    assert.ok(keyed.log.some((l) => /encrypted 1 authenticator secret stored before/.test(l.msg || '')), 'sealed at start');
    const stored = await q(keyed, `SELECT totp_secret FROM people WHERE email = '${email}'`);
    assert.match(stored, /^v1:[A-Za-z0-9_-]+$/, 'sealed');
    assert.ok(!stored.includes(secret), 'the secret is not in the database');
    // sign in with the next step's code: the server opened the sealed secret
    const c = formClient(keyed);
    page = await c('/sign-in');
    await c('/sign-in', { method: 'POST', page, fields: { email, password: PASSWORD } });
    page = await c('/sign-in/code');
    assert.equal((await c('/sign-in/code', { method: 'POST', page, fields: { code: oath(30) } })).headers.location, '/account');
    // recovery codes made before the key still work; new ones are keyed hashes
    const old = [...shown.body.matchAll(/<code>([a-z0-9-]+)<\/code>/g)].map((m) => m[1]);
    const d = formClient(keyed);
    page = await d('/sign-in');
    await d('/sign-in', { method: 'POST', page, fields: { email, password: PASSWORD } });
    page = await d('/sign-in/code');
    assert.equal((await d('/sign-in/code', { method: 'POST', page, fields: { code: old[0] } })).headers.location, '/account', 'an old code');
    assert.equal((await d('/account/recovery-codes', { method: 'POST', page: await d('/account/recovery-codes') })).headers.location, '/account/recovery-codes');
    // the new codes, sealed with the key on the session until this one display
    const held = await q(keyed, 'SELECT flash_codes FROM sessions WHERE flash_codes IS NOT NULL');
    assert.match(held, /^v1:[A-Za-z0-9_-]+$/, 'sealed on the session');
    const renewed = await d('/account/recovery-codes');
    for (const c of [...renewed.body.matchAll(/<code>([a-z0-9-]+)<\/code>/g)].map((m) => m[1])) assert.ok(!held.includes(c));
    assert.equal(await q(keyed, 'SELECT count(*) FROM sessions WHERE flash_codes IS NOT NULL'), '0', 'taken');
    const fresh = [...renewed.body.matchAll(/<code>([a-z0-9-]+)<\/code>/g)].map((m) => m[1]);
    assert.equal(fresh.length, 10);
    assert.equal(await q(keyed, `SELECT count(*) FROM recovery_codes WHERE code_hash LIKE 'k1:%' AND person_id = (SELECT id FROM people WHERE email = '${email}')`), '10');
    const e = formClient(keyed);
    page = await e('/sign-in');
    await e('/sign-in', { method: 'POST', page, fields: { email, password: PASSWORD } });
    page = await e('/sign-in/code');
    assert.equal((await e('/sign-in/code', { method: 'POST', page, fields: { code: fresh[0].toUpperCase() } })).headers.location, '/account', 'a new code');
    await stopClean(keyed, 'server with the key');

    // the same database with another key: never "no app" (which would let
    // a password alone enrol a new one), but an error, logged
    const wrong = await startServer({ args: ['--secret-key-file', otherKey], dir: plain.dir, database: plain.pg });
    try {
      const w = formClient(wrong);
      page = await w('/sign-in');
      const res = await w('/sign-in', { method: 'POST', page, fields: { email, password: PASSWORD } });
      assert.equal(res.status, 500);
      assert.notEqual(res.headers.location, '/account/authenticator');
      await waitFor(() => wrong.log.some((l) => /authenticator secret of person \d+ cannot be opened/.test(l.msg || '')), undefined, 'the log line');
    } finally {
      await stopClean(wrong, "server with another key");
    }
    // a key file that is not a key: a clear error at start
    writeFileSync(otherKey, 'not a key');
    const bad = await run(['serve', '--secret-key-file', otherKey, '--db', path.join(dir, 'x.db')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--secret-key-file .*64 hex digits/);
  } finally {
    if (keyed.child.exitCode === null && keyed.child.signalCode === null) await keyed.stop({ keep: true });
    if (BACKEND === 'postgres') pgDropDatabase(plain.pg.name);
    rmSync(plain.dir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a national administrator resets the sign-in of someone who lost their phone and recovery codes', async () => {
  const admin = 'ada@national.example';
  const lost = 'lou@school.example';
  await person(admin);
  const oldCodes = await person(lost);
  const goA = await signIn(admin);
  const goL = await signIn(lost);
  const id = await sql(`SELECT id FROM people WHERE email = '${lost}'`);
  let page = await goA(`/admin/people/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /Has signed up, with 1 way of getting sign-in codes/);
  assert.match(page.body, /They have lost their phone and their recovery codes/);
  const own = await goA(`/admin/people/${await sql(`SELECT id FROM people WHERE email = '${admin}'`)}`);
  assert.doesNotMatch(own.body, /Reset their sign-in/, 'not on their own page');

  let r = await goA(`/admin/people/${id}/reset-sign-in`, { method: 'POST', page, fields: { 'reset-reason': '' } });
  assert.equal(r.status, 400);
  assert.match(r.body, /Enter the reason for resetting their sign-in/);
  assert.match(r.body, /href="#reset-reason"/);
  assert.notEqual(await sql(`SELECT password_hash IS NULL FROM people WHERE id = ${id}`), '1', 'nothing changed');
  r = await goA(`/admin/people/${id}/reset-sign-in`, { method: 'POST', page, fields: { 'reset-reason': 'lost phone; checked by phone with the school office' } });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, `/admin/people/${id}`);
  page = await goA(`/admin/people/${id}`);
  assert.match(page.body, /govuk-notification-banner__heading">Person [^<]*&#39;s sign-in has been reset\./);
  assert.match(page.body, /Has not created a password yet/);

  // everything that signed them in is gone, everywhere
  assert.equal((await goL('/account')).headers.location, '/sign-in');
  assert.equal(await sql(`SELECT (password_hash IS NULL) || ',' || (totp_secret IS NULL) || ',' || email_codes || ',' || (phone IS NULL) FROM people WHERE id = ${id}`),
    BACKEND === 'postgres' ? 'true,true,0,true' : '1,1,0,1');
  assert.equal(await sql(`SELECT count(*) FROM recovery_codes WHERE person_id = ${id}`), '0');
  const c = formClient(srv);
  page = await c('/sign-in');
  assert.equal((await c('/sign-in', { method: 'POST', page, fields: { email: lost, password: PASSWORD } })).status, 400);
  const audit = await sql(`SELECT actor_id || ' ' || detail FROM audit_log WHERE action = 'sign_in_reset' AND subject = 'person:${id}'`);
  assert.equal(audit, `${await sql(`SELECT id FROM people WHERE email = '${admin}'`)} lost phone; checked by phone with the school office`);

  // the emailed link: a new password, then a new way of getting codes
  const mail = await sql(`SELECT body_text FROM outbox WHERE to_addr = '${lost}' AND subject = 'Set up your Maths Hubs sign-in again'`);
  const link = /\/set-up\/[A-Za-z0-9_-]{43}/.exec(mail)[0];
  const go = formClient(srv);
  page = await go(link);
  assert.equal(page.status, 200);
  r = await go(link, { method: 'POST', page, fields: { password: 'a completely new passphrase' } });
  assert.equal(r.headers.location, '/account/authenticator');
  r = await go('/account/email-codes', { method: 'POST', page: await go('/account/authenticator') });
  assert.equal(r.headers.location, '/account/recovery-codes');
  r = await go('/account/recovery-codes');
  assert.match(r.body, /Your account is set up/);
  const fresh = [...r.body.matchAll(/<code>([a-z0-9-]+)<\/code>/g)].map((m) => m[1]);
  assert.equal(fresh.filter((x) => oldCodes.includes(x)).length, 0);
  assert.equal((await go('/account')).status, 200);
  assert.equal((await go(link)).status, 404, 'the link works once');
});

test('a signed-in session cannot use the sign-in code pages to renew its proof of who it is', async () => {
  const email = 'sam@school.example';
  const codes = await person(email);
  const go = await signIn(email);
  await sql(`UPDATE sessions SET authenticated_at = 0 WHERE person_id = ${idOf(email)}`);
  const mails = await sql(`SELECT count(*) FROM outbox WHERE to_addr = '${email}'`);
  const acct = await go('/account');
  assert.equal((await go('/sign-in/code')).headers.location, '/account');
  let r = await go('/sign-in/code/send', { method: 'POST', page: acct, fields: { by: 'email' } });
  assert.equal(r.headers.location, '/account');
  r = await go('/sign-in/code', { method: 'POST', page: acct, fields: { code: codes[0] } });
  assert.equal(r.headers.location, '/account');
  assert.equal(await sql(`SELECT count(*) FROM outbox WHERE to_addr = '${email}'`), mails, 'no code sent');
  assert.equal(await sql(`SELECT count(*) FROM recovery_codes WHERE person_id = ${idOf(email)} AND used_at IS NULL`), '10', 'no recovery code used');
  assert.equal((await go('/account/second-factor')).headers.location, '/account/confirm?next=/account/second-factor', 'still needs the password');
});

test('locks back off: a second lock within a day lasts twice as long, and the owner is told how long', async () => {
  const email = 'bo@school.example';
  await person(email);
  const wrongFive = async () => {
    const go = formClient(srv);
    const page = await go('/sign-in');
    let r;
    for (let i = 0; i < 5; i++) r = await go('/sign-in', { method: 'POST', page, fields: { email, password: 'not the password at all' } });
    return r;
  };
  let r = await wrongFive();
  assert.match(r.body, /Try again in 15 minutes/);
  await sql(`UPDATE sign_in_locks SET locked_until = 0`); // as if 15 minutes had passed
  r = await wrongFive();
  assert.match(r.body, /Try again in 30 minutes/);
  const until = Number(await sql(`SELECT max(locked_until) FROM sign_in_locks`));
  assert.ok(Math.abs(until - (Date.now() / 1000 + 1800)) < 120, `locked for about 30 minutes: ${until}`);
  assert.match(await notices(email), /Your Maths Hubs account is locked for 15 minutes[\s\S]*Your Maths Hubs account is locked for 30 minutes/);
  // while locked, even the right password is refused, saying for how long
  const go = formClient(srv);
  const page = await go('/sign-in');
  r = await go('/sign-in', { method: 'POST', page, fields: { email, password: PASSWORD } });
  assert.equal(r.status, 400);
  assert.match(r.body, /Try again in (29|30) minutes/);
});

// The lock on password guessing (docs/OPERATIONS.md, "Sign-in locks"): five
// wrong passwords for someone's address lock that address on devices that
// never signed in as them, and say exactly the same for an address nobody
// holds; the owner still signs in on a device they signed in on before; and
// a trusted device's own wrong passwords lock only that device.
test('a lock neither shuts the owner out of a device they used before nor says whether an account exists', async () => {
  const victim = 'victim@school.example';
  const nobody = 'nobody-by-this-name@school.example';
  await person(victim);
  const usual = await signIn(victim); // the owner's usual device: now trusted
  assert.equal(Number(await sql(`SELECT count(*) FROM trusted_devices WHERE person_id = ${idOf(victim)}`)), 1);
  const out = await usual('/sign-out', { method: 'POST', page: await usual('/account') });
  assert.equal(out.status, 303);

  const lockOut = async (email) => {
    await sql('DELETE FROM rate_limits'); // per-address limits aside: this is about the account
    const go = formClient(srv);
    const page = await go('/sign-in');
    const bodies = [];
    for (let i = 1; i <= 6; i++) {
      const r = await go('/sign-in', { method: 'POST', page, fields: { email, password: `wrong guess number ${i}` } });
      assert.equal(r.status, 400, `${email}, attempt ${i}`);
      bodies.push(r.body.replace(/name="csrf_token" value="[^"]+"/g, '').replace(new RegExp(email.replace(/[.]/g, '\\.'), 'g'), 'EMAIL'));
    }
    return { go, page, bodies };
  };
  const known = await lockOut(victim);
  const unknown = await lockOut(nobody);
  for (let i = 0; i < 6; i++) assert.equal(known.bodies[i], unknown.bodies[i], `attempt ${i + 1}: the same page for a real and an unknown address`);
  assert.match(known.bodies[4], /Too many attempts to sign in with this email address\. Try again in 15 minutes, or sign in on a device you have signed in on before\./);
  assert.doesNotMatch(known.bodies[3], /Too many attempts/);

  // the attacker, even with the right password, is refused on their device
  const r = await known.go('/sign-in', { method: 'POST', page: known.page, fields: { email: victim, password: PASSWORD } });
  assert.equal(r.status, 400);
  assert.match(r.body, /Too many attempts to sign in with this email address/);
  // the owner, told by email, signs in as usual on their own device
  assert.match(await notices(victim), /Your Maths Hubs account is locked for 15 minutes/);
  await sql('DELETE FROM rate_limits');
  let page = await usual('/sign-in');
  let step = await usual('/sign-in', { method: 'POST', page, fields: { email: victim, password: PASSWORD } });
  assert.equal(step.headers.location, '/sign-in/code', 'the trusted device is not locked out');
  page = await usual('/sign-in/code');
  step = await usual('/sign-in/code', { method: 'POST', page, fields: { code: await lastCode(victim) } });
  assert.equal(step.headers.location, '/account');
  assert.equal(Number(await sql(`SELECT count(*) FROM trusted_devices WHERE person_id = ${idOf(victim)}`)), 1, 'the same device, not a second one');
  assert.equal(Number(await sql(`SELECT count(*) FROM audit_log WHERE action = 'account_locked' AND subject = 'person:' || ${idOf(victim)}`)), 1);

  // wrong passwords on the trusted device lock that device, not the account for others' devices
  await usual('/sign-out', { method: 'POST', page: await usual('/account') });
  await sql('DELETE FROM rate_limits');
  await sql(`UPDATE sign_in_locks SET locked_until = 0, failures = 0`); // the first lock over
  page = await usual('/sign-in');
  for (let i = 1; i <= 5; i++) step = await usual('/sign-in', { method: 'POST', page, fields: { email: victim, password: `typo ${i}` } });
  assert.match(step.body, /Too many attempts/);
  assert.equal(Number(await sql(`SELECT count(*) FROM sign_in_locks WHERE key LIKE 'device:%' AND locked_until > 0`)), 1);
  const fresh = formClient(srv);
  page = await fresh('/sign-in');
  step = await fresh('/sign-in', { method: 'POST', page, fields: { email: victim, password: PASSWORD } });
  assert.equal(step.headers.location, '/sign-in/code', 'another device is not locked by the trusted device\'s typos');
});
