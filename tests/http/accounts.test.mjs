// Accounts over HTTP, as a person and an attacker meet them: the first
// administrator from the command line, the set-up link, the password, the
// authenticator app (codes from Debian's oathtool), recovery codes, sign-in
// with its second factor, replay, lock-out, CSRF on every POST route,
// session fixation and rotation, sign-out everywhere, and what the audit
// log, the access log and the database may never hold. Runs on both
// backends (http/accounts, http-postgres/accounts). Every password check is
// argon2id at 64 MiB, so each test creates its own person and signs in only
// as often as it must.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';

import {
  BACKEND, PATIENCE_MS, adminCreateRun, CookieJar, createAdmin as createAdminNamed, csrfOf, dbArgs, dbQuery, esc,
  formPost as post, freshCode as freshAppCode, jarRequest as go, request, routeTable, run, stepNow, totpAt,
  useServer, waitFor,
} from './lib.mjs';

const PASSWORD = 'correct horse battery staple';
const COOKIE = 'mh_session';
const FORM_REFUSED = 'This form could not be sent';
const BAD_PASSWORD = 'Enter a correct email address and password';
const LOCKED = /Too many attempts to sign in with this email address\. Try again in 15 minutes, or sign in on a device you have signed in on before\./;

// Every secret the suite has seen, for the test that looks for them where they must never be.
const seen = { passwords: new Set([PASSWORD]), secrets: new Set(), codes: new Set(), tokens: new Set(), cookies: new Set(), totp: new Set() };

// ---- the database, on either backend ----

/** Runs SQL on the server's own database; rows as lines, columns separated by |, trimmed. */
const sql = dbQuery;

const quote = (s) => `'${s.replace(/'/g, "''")}'`;

// ---- a cookie jar and forms (tests/lib/client.mjs: go, post, csrfOf) ----

/** The shared cookie jar, remembering every cookie value for the test that looks for secrets. */
class Jar extends CookieJar {
  noticed(value) { seen.cookies.add(value); }
}

/**
 * GETs page (200 expected), then POSTs its form with the page's CSRF token
 * and fields (an object, or a function of the page's HTML giving one) to
 * action (default: the page itself). Resolves to {page, res}.
 */
async function submit(srv, jar, page, fields = {}, { action = page } = {}) {
  const p = await go(srv, jar, page);
  assert.equal(p.status, 200, `GET ${page}: ${p.body.slice(0, 300)}`);
  const f = typeof fields === 'function' ? fields(p.body) : fields;
  const res = await post(srv, jar, action, { csrf_token: csrfOf(p.body), ...f });
  return { page: p, res };
}

function assertRedirect(res, location, what) {
  assert.ok(res.status === 302 || res.status === 303, `${what}: a redirect, got ${res.status}: ${res.body.slice(0, 300)}`);
  assert.equal(new URL(res.headers.location, 'http://x').pathname, location, `${what}: Location`);
}

/** /account for this jar: true when it shows the account, false when it sends to /sign-in. */
async function signedIn(srv, jar) {
  const r = await go(srv, jar, '/account');
  if (r.status === 200) return true;
  assertRedirect(r, '/sign-in', '/account when not signed in');
  return false;
}

// ---- codes from the authenticator app (tests/lib/totp.mjs), remembered ----

/** The TOTP code of secret for time step s. */
const oath = (secret, s) => remember(seen.totp, totpAt(secret, s));

/** A code the server has not seen used for this account (freshCode of tests/lib/totp.mjs). */
const freshCode = async (acct) => remember(seen.totp, await freshAppCode(acct));

function remember(set, value) { set.add(value); return value; }

/** A 6-digit code that is none of the codes the server could accept now. */
function wrongCode(secret) {
  const now = stepNow();
  const near = new Set([-2, -1, 0, 1, 2].map((d) => oath(secret, now + d)));
  return ['000000', '111111', '222222'].find((c) => !near.has(c));
}

// ---- people ----

let uniq = 0;
const newEmail = (tag) => `${tag}-${process.pid}-${++uniq}@example.org`;

/** `mathshubs admin create` against the server's database. */
const adminCreate = adminCreateRun;

/** Creates an administrator (tests/lib/people.mjs); resolves to {email, name, token, link (path on the test server)}. */
async function createAdmin(srv, tag, name = 'Ada Lovelace') {
  const a = await createAdminNamed(srv, newEmail(tag), name);
  seen.tokens.add(a.token);
  return a;
}

/**
 * A person with a password and an authenticator app, signed in in
 * acct.jar: {email, name, password, secret, codes, lastStep, jar}.
 */
async function newAccount(srv, tag, name) {
  const a = await createAdmin(srv, tag, name);
  const jar = new Jar();
  const { res: pw } = await submit(srv, jar, a.link, { username: a.email, password: PASSWORD });
  assertRedirect(pw, '/account/authenticator', 'set-up password');
  const acct = { ...a, password: PASSWORD, jar, lastStep: -1 };
  const page = await go(srv, jar, '/account/authenticator');
  assert.equal(page.status, 200, 'the authenticator page');
  acct.secret = secretOf(page.body);
  const code = await freshCode(acct);
  const ok = await post(srv, jar, '/account/authenticator', { csrf_token: csrfOf(page.body), secret: acct.secret, code });
  assertRedirect(ok, '/account/recovery-codes', 'enrolment');
  const shown = await go(srv, jar, '/account/recovery-codes');
  assert.equal(shown.status, 200);
  acct.codes = recoveryCodesOf(shown.body);
  assert.equal(acct.codes.length, 10, 'the recovery codes, after the redirect');
  return acct;
}

function secretOf(html) {
  const m = /name="secret" value="([A-Z2-7]+)"/.exec(html);
  assert.ok(m, 'the secret in the authenticator form');
  seen.secrets.add(m[1]);
  return m[1];
}

function recoveryCodesOf(html) {
  const codes = [...html.matchAll(/<code>([a-z0-9]{5}-[a-z0-9]{5})<\/code>/g)].map((m) => m[1]);
  for (const c of codes) seen.codes.add(c);
  return codes;
}

/** Signs in with email and password in a new jar; asserts the way to the second factor. */
async function passwordStep(srv, acct, password = acct.password) {
  const jar = new Jar();
  const { res } = await submit(srv, jar, '/sign-in', { email: acct.email, password });
  assertRedirect(res, '/sign-in/code', 'password accepted');
  return jar;
}

/** The second factor in a jar at the password stage. */
const codeStep = (srv, jar, code) => submit(srv, jar, '/sign-in/code', { code }).then((x) => x.res);

/** A full sign-in: password, then a fresh code from the app. Resolves to the jar. */
async function signIn(srv, acct) {
  const jar = await passwordStep(srv, acct);
  const r = await codeStep(srv, jar, await freshCode(acct));
  assertRedirect(r, '/account', 'code accepted');
  return jar;
}

// ---- the tests ----

const srv = useServer({}, 'accounts server');

describe('accounts', () => {
  test('the first administrator: set-up link, password, authenticator app, recovery codes, account page, sign-out', async () => {
    const a = await createAdmin(srv, 'journey', 'Ada O\'Lovelace');
    assert.match(a.stdout, /Created national administrator/);
    assert.match(a.stdout, /valid for 24 hours/);
    const jar = new Jar();

    const page = await go(srv, jar, a.link);
    assert.equal(page.status, 200);
    assert.match(page.body, /<h1[^>]*>Create a password<\/h1>/);
    assert.ok(page.body.includes(esc(a.name)), 'the page names the person');
    assert.ok(page.body.includes(a.email), 'and their email');
    // The token is in the address: another site never gets the path (only the origin),
    // and the policy is not "no-referrer", under which browsers send "Origin: null" with the form.
    assert.equal(page.headers['referrer-policy'], 'strict-origin-when-cross-origin', 'Referrer-Policy');
    assert.match(page.headers['cache-control'] || '', /no-store/);
    const anon = jar.session;
    assert.ok(anon, 'an anonymous session cookie carries the form token');
    const setCookie = page.setCookie.join('\n');
    assert.match(setCookie, /HttpOnly/i);
    assert.match(setCookie, /SameSite=Lax/i);
    assert.match(setCookie, /Path=\//);

    const short = await post(srv, jar, a.link, { csrf_token: csrfOf(page.body), password: 'too short' });
    assert.equal(short.status, 400);
    assert.match(short.body, /govuk-error-summary/);
    assert.match(short.body, /Password must be 12 characters or more/);
    assert.equal(await sql(srv, `SELECT count(*) FROM people WHERE email = ${quote(a.email)} AND password_hash IS NULL`), '1');

    const set = await post(srv, jar, a.link, { csrf_token: csrfOf(short.body), username: a.email, password: PASSWORD });
    assertRedirect(set, '/account/authenticator', 'password set');
    assert.equal(set.setCookie.length, 1, 'a new session cookie');
    assert.ok(jar.session && jar.session !== anon, 'rotated: the cookie changed with the privilege');
    assert.equal(await signedIn(srv, jar), false, 'a password alone does not sign in');
    assert.equal(await signedIn(srv, Jar.with(anon)), false);

    const auth = await go(srv, jar, '/account/authenticator');
    assert.equal(auth.status, 200);
    assert.match(auth.body, /<svg\b[^>]*\brole="img"[^>]*aria-label="[^"]+"/, 'a QR code, labelled for screen readers');
    const acct = { secret: secretOf(auth.body), lastStep: -1 };
    assert.equal(acct.secret.length, 32);
    assert.ok(auth.body.includes(acct.secret.match(/.{4}/g).join(' ')), 'the key shown in groups of four for typing');

    const wrong = await post(srv, jar, '/account/authenticator', { csrf_token: csrfOf(auth.body), secret: acct.secret, code: wrongCode(acct.secret) });
    assert.equal(wrong.status, 400);
    assert.match(wrong.body, /govuk-error-summary/);
    assert.match(wrong.body, /Enter the 6-digit code your authenticator app shows now/);
    assert.ok(wrong.body.includes(`name="secret" value="${acct.secret}"`), 'the same secret offered again');
    assert.equal(await signedIn(srv, jar), false);

    const before = jar.session;
    const enrol = await post(srv, jar, '/account/authenticator', { csrf_token: csrfOf(wrong.body), secret: acct.secret, code: await freshCode(acct) });
    // post/redirect/get: the codes are shown once, on the page the form redirects to
    assertRedirect(enrol, '/account/recovery-codes', 'enrolled');
    assert.equal(recoveryCodesOf(enrol.body).length, 0, 'no codes in the POST response');
    const shown = await go(srv, jar, '/account/recovery-codes');
    assert.equal(shown.status, 200, shown.body.slice(0, 300));
    assert.match(shown.body, /<h1 class="govuk-panel__title">Your account is set up<\/h1>/);
    assert.match(shown.body, /Your recovery codes/);
    const codes = recoveryCodesOf(shown.body);
    const again = await go(srv, jar, '/account/recovery-codes');
    assert.equal(again.status, 200);
    assert.equal(recoveryCodesOf(again.body).length, 0, 'shown once: a second GET does not show them');
    assert.match(again.body, /You have 10 unused recovery codes\./);
    const stored = await sql(srv, `SELECT COALESCE(flash, '') || COALESCE(flash_codes, '') FROM sessions`);
    for (const c of codes) assert.ok(!stored.includes(c), 'nothing of the codes is left on the session');
    assert.equal(codes.length, 10, 'ten recovery codes');
    assert.equal(new Set(codes).size, 10, 'all different');
    assert.ok(jar.session && jar.session !== before, 'rotated again on signing in');
    assert.equal(await sql(srv, `SELECT count(*) FROM recovery_codes r JOIN people p ON p.id = r.person_id WHERE p.email = ${quote(a.email)} AND r.used_at IS NULL`), '10');

    const account = await go(srv, jar, '/account');
    assert.equal(account.status, 200);
    assert.match(account.body, /Your account/);
    assert.ok(account.body.includes(esc(a.name)), 'the name (escaped)');
    assert.ok(account.body.includes(a.email), 'the email address');

    for (const method of ['GET', 'POST']) {
      const again = method === 'GET' ? await go(srv, new Jar(), a.link)
        : await submit(srv, new Jar(), '/sign-in', { password: 'another long password here' }, { action: a.link }).then((x) => x.res);
      assert.equal(again.status, 404, `${method} the used link`);
      assert.match(again.body, /already been used/);
    }

    const signedInCookie = jar.session;
    const { res: out } = await submit(srv, jar, '/account', {}, { action: '/sign-out' });
    assertRedirect(out, '/', 'signed out');
    // the cookie now names a new anonymous session, which carries the message
    assert.ok(jar.session && jar.session !== signedInCookie, `a new cookie: ${out.setCookie}`);
    const home = await go(srv, jar, '/');
    assert.match(home.body, /govuk-notification-banner__heading">You have signed out\.</);
    assert.doesNotMatch((await go(srv, jar, '/')).body, /You have signed out/, 'said once');
    const after = await go(srv, jar, '/account');
    assertRedirect(after, '/sign-in', '/account after signing out');
    assert.equal(await signedIn(srv, Jar.with(signedInCookie)), false, 'the old cookie is dead on the server too');
  });

  // argon2id is slow on purpose: set-up hashes the password before its write
  // transaction, so SQLite's write lock is never held while it runs. Proof:
  // another process holds the write lock (BEGIN IMMEDIATE) from before the
  // POST until the server logs that it has hashed; were the hash inside the
  // transaction, the server could not get there before the lock was freed,
  // and the test would time out. The hash runs once (one log line), and the
  // set-up then completes. On PostgreSQL there is no database-wide write
  // lock: there the hash is checked to run once.
  test('set-up hashes the password outside the write transaction, once', async () => {
    const a = await createAdmin(srv, 'hash-first');
    const jar = new Jar();
    const page = await go(srv, jar, a.link);
    const hashed = () => srv.log.filter((l) => /^set-up: password hashed/.test(l.msg || '') &&
      (l.msg || '').includes(`person:${a.personId}`));
    a.personId = (await sql(srv, `SELECT id FROM people WHERE email = ${quote(a.email)}`)).trim();
    let locker;
    if (BACKEND !== 'postgres') {
      locker = spawn('/usr/bin/sqlite3', [srv.db], { stdio: ['pipe', 'pipe', 'inherit'] });
      let out = '';
      locker.stdout.on('data', (c) => { out += c; });
      locker.stdin.write(".timeout 10000\nBEGIN IMMEDIATE;\nSELECT 'locked';\n");
      await waitFor(() => out.includes('locked'), PATIENCE_MS, 'the write lock');
    }
    const pending = post(srv, jar, a.link, { csrf_token: csrfOf(page.body), username: a.email, password: PASSWORD });
    try {
      await waitFor(() => hashed().length > 0, PATIENCE_MS, 'the hash, while another process holds the write lock');
    } finally {
      if (locker) {
        locker.stdin.end('COMMIT;\n');
        await new Promise((resolve) => locker.on('close', resolve));
      }
    }
    assertRedirect(await pending, '/account/authenticator', 'set-up after the lock was freed');
    assert.equal(hashed().length, 1, 'hashed once');
  });

  test('signing in again: password, then a code; a code cannot be replayed; recovery codes work once', async () => {
    const acct = await newAccount(srv, 'again');
    const jar = await passwordStep(srv, acct);
    assert.equal(await signedIn(srv, jar), false, 'second factor pending: not signed in');
    const codePage = await go(srv, jar, '/sign-in/code');
    assert.equal(codePage.status, 200);
    assert.match(codePage.body, /Enter a code from your authenticator app/);
    // With only the password, nobody may swap in an authenticator app of their own.
    assertRedirect(await go(srv, jar, '/account/authenticator'), '/sign-in/code', 'the authenticator page at the password stage');
    const theirs = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const swap = await post(srv, jar, '/account/authenticator', { csrf_token: csrfOf(codePage.body), secret: theirs, code: oath(theirs, stepNow()) });
    assertRedirect(swap, '/sign-in/code', 'enrolling another app with only the password');
    assert.equal(await signedIn(srv, jar), false);
    assert.equal(await sql(srv, `SELECT count(*) FROM people WHERE email = ${quote(acct.email)} AND totp_secret = ${quote(acct.secret)}`), '1', 'the app is unchanged');
    const code = await freshCode(acct); // the next window's: the current one was used to enrol
    const ok = await codeStep(srv, jar, code);
    assertRedirect(ok, '/account', 'code accepted');
    assert.equal(await signedIn(srv, jar), true);

    const jar2 = await passwordStep(srv, acct);
    const replay = await codeStep(srv, jar2, code);
    assert.equal(replay.status, 400, 'a used code is refused');
    assert.match(replay.body, /govuk-error-summary/);
    assert.equal(await signedIn(srv, jar2), false);

    const rec = await codeStep(srv, jar2, acct.codes[0]);
    assertRedirect(rec, '/account', 'a recovery code accepted');
    assert.equal(await signedIn(srv, jar2), true);
    assert.equal(await sql(srv, `SELECT count(*) FROM recovery_codes r JOIN people p ON p.id = r.person_id WHERE p.email = ${quote(acct.email)} AND r.used_at IS NOT NULL`), '1');

    const jar3 = await passwordStep(srv, acct);
    const reused = await codeStep(srv, jar3, acct.codes[0]);
    assert.equal(reused.status, 400, 'a recovery code works once');
    assert.equal(await signedIn(srv, jar3), false);
    const typed = acct.codes[1].replace('-', '').toUpperCase().replace(/^(.{3})/, '$1 ');
    const other = await codeStep(srv, jar3, typed);
    assertRedirect(other, '/account', 'another recovery code, typed in capitals with a space and no dash');
    assert.equal(await signedIn(srv, jar3), true);
  });

  test('an unknown email, an account not set up and a wrong password get the same answer', async () => {
    const acct = await newAccount(srv, 'same');
    const notSetUp = await createAdmin(srv, 'unset');
    const tries = [
      { email: acct.email, password: 'not the right password at all' },
      { email: newEmail('nobody'), password: 'not the right password at all' },
      { email: notSetUp.email, password: 'not the right password at all' },
    ];
    const answers = [];
    for (const t of tries) {
      const { res } = await submit(srv, new Jar(), '/sign-in', t);
      assert.equal(res.status, 400, `${t.email}: ${res.body.slice(0, 200)}`);
      assert.ok(res.body.includes(BAD_PASSWORD), `${t.email}: the error text`);
      assert.match(res.body, /govuk-error-summary/);
      assert.equal(res.headers['set-cookie'], undefined, 'no new session');
      const normal = res.body.replace(/name="csrf_token" value="[^"]+"/g, 'name="csrf_token" value="X"').split(t.email).join('EMAIL');
      answers.push({ status: res.status, type: res.headers['content-type'], cache: res.headers['cache-control'], body: normal });
    }
    assert.deepEqual(answers[1], answers[0], 'unknown email and wrong password: the same page apart from the token');
    assert.deepEqual(answers[2], answers[0], 'an account without a password: the same page too');
  });

  test('declared forms: each missing field has its own message and link; a missing code is not a guess', async () => {
    const acct = await newAccount(srv, 'fields');
    let { res } = await submit(srv, new Jar(), '/sign-in', { email: '', password: '' });
    assert.equal(res.status, 400);
    assert.match(res.body, /<a href="#email">Enter your email address<\/a>/);
    assert.match(res.body, /<a href="#password">Enter your password<\/a>/);
    ({ res } = await submit(srv, new Jar(), '/sign-in', { email: 'not an address', password: 'some password or other' }));
    assert.equal(res.status, 400);
    assert.match(res.body, /Enter an email address in the correct format, like name@example\.com/);
    assert.match(res.body, /value="not an address"/, 'the address typed is shown back');
    assert.doesNotMatch(res.body, /some password or other/, 'a password is never shown back');
    const jar = await passwordStep(srv, acct);
    for (let i = 0; i < 6; i++) {
      const r = await codeStep(srv, jar, '  ');
      assert.equal(r.status, 400);
      assert.match(r.body, /<a href="#code">Enter the code your authenticator app shows now, or a recovery code<\/a>/);
    }
    assert.equal((await sql(srv, `SELECT failed_attempts FROM people WHERE email = ${quote(acct.email)}`)).trim(), '0', 'no guess counted');
    const wrong = await codeStep(srv, jar, '000000 wrong');
    assert.equal(wrong.status, 400);
    assert.doesNotMatch(wrong.body, /000000 wrong/, 'a code is never shown back');
    assert.equal((await sql(srv, `SELECT failed_attempts FROM people WHERE email = ${quote(acct.email)}`)).trim(), '1', 'a wrong code counts');
  });

  test('sign-up and password reset: the address is a declared field', async () => {
    for (const page of ['/sign-up', '/password-reset']) {
      let { res } = await submit(srv, new Jar(), page, { email: '' });
      assert.equal(res.status, 400, page);
      assert.match(res.body, /<a href="#email">Enter your email address<\/a>/, page);
      ({ res } = await submit(srv, new Jar(), page, { email: 'someone@school' }));
      assert.equal(res.status, 400, page);
      assert.match(res.body, /<a href="#email">Enter an email address in the correct format, like name@school\.org\.uk<\/a>/, page);
      assert.match(res.body, /value="someone@school"/, `${page}: what was typed is shown back`);
      ({ res } = await submit(srv, new Jar(), page, { email: 'Someone@School.Example' }));
      assert.equal(res.status, 303, page);
    }
  });

  test(`locked after 5 failures: locked even with the right password; audited; the owner emailed`, async () => {
    const acct = await newAccount(srv, 'lock');
    for (let i = 1; i <= 6; i++) {
      const { res } = await submit(srv, new Jar(), '/sign-in', { email: acct.email, password: `wrong password number ${i}` });
      assert.equal(res.status, 400, `attempt ${i}`);
      if (i < 5) {
        assert.ok(res.body.includes(BAD_PASSWORD), `attempt ${i}: a wrong password`);
        assert.doesNotMatch(res.body, LOCKED, `attempt ${i}: not locked yet`);
      } else {
        assert.match(res.body, LOCKED, `attempt ${i}: locked`);
      }
    }
    const jar = new Jar();
    const { res } = await submit(srv, jar, '/sign-in', { email: acct.email, password: acct.password });
    assert.equal(res.status, 400, 'the right password is refused while locked');
    assert.match(res.body, LOCKED);
    assert.equal(await signedIn(srv, jar), false);
    assert.equal((await go(srv, jar, '/sign-in/code')).status, 303, 'not even at the second factor');

    const id = (await sql(srv, `SELECT id FROM people WHERE email = ${quote(acct.email)}`)).trim();
    assert.equal(await sql(srv, `SELECT count(*) FROM audit_log WHERE action = 'account_locked' AND subject = 'person:${id}'`), '1');
    const mail = await sql(srv, `SELECT to_addr, subject FROM outbox WHERE to_addr = ${quote(acct.email)}`);
    const rows = mail.trim().split('\n').filter(Boolean);
    assert.equal(rows.length, 1, `one email to the owner: ${mail}`);
    assert.match(rows[0], /\|.*locked/i, 'about the lock');
  });

  test('CSRF: every POST route refuses a missing or wrong token, another origin and a cross-site request', async () => {
    const table = routeTable().filter((r) => r.method === 'POST');
    const posts = table.map((r) => r.pattern);
    // a survey link's page shows its form again instead of the refusal page (surveys-answer.test.mjs
    // tests that with a real link); an unknown link is 404 whatever the token
    const reshown = new Set(table.filter((r) => r.flags.includes('refused-reshown')).map((r) => r.pattern));
    assert.deepEqual([...reshown].sort(), ['/s/{token}/check', '/s/{token}/pages/{n}'], 'only the survey link\'s forms are shown again');
    const refused = (route, r, what) => {
      if (reshown.has(route)) return assert.equal(r.status, 404, `POST ${route} with ${what}: an unknown link`);
      assert.equal(r.status, 403, `POST ${route} with ${what}`);
      assert.ok(r.body.includes(FORM_REFUSED), `POST ${route} with ${what}: the refusal page`);
    };
    assert.ok(posts.length >= 5, `POST routes of mathshubs routes: ${posts}`);
    assert.ok(posts.includes('/sign-out') && posts.includes('/sign-in'), `${posts}`);
    const target = (pattern) => pattern.replace(/\{([^}]+)\}/g, (_, name) => (name === 'token' ? randomBytes(32).toString('base64url') : '1'));

    // A signed-in person on their account page: nothing forged may touch the session.
    const acct = await newAccount(srv, 'csrf');
    const victim = acct.jar;
    const token = csrfOf((await go(srv, victim, '/account')).body);
    const otherToken = csrfOf((await go(srv, new Jar(), '/sign-in')).body); // real, but another session's
    const forged = [
      ['no csrf_token', { probe: '1' }, {}],
      ['an empty csrf_token', { csrf_token: '' }, {}],
      ['a wrong csrf_token', { csrf_token: randomBytes(32).toString('base64url') }, {}],
      ["another session's csrf_token", { csrf_token: otherToken }, {}],
      ['Origin: http://evil.example', { csrf_token: token }, { Origin: 'http://evil.example', 'Sec-Fetch-Site': undefined }],
      ['Origin: null', { csrf_token: token }, { Origin: 'null', 'Sec-Fetch-Site': undefined }],
      ['Sec-Fetch-Site: cross-site', { csrf_token: token }, { Origin: undefined, 'Sec-Fetch-Site': 'cross-site' }],
      ['Sec-Fetch-Site: same-site', { csrf_token: token }, { Origin: undefined, 'Sec-Fetch-Site': 'same-site' }],
    ];
    const strip = (h) => Object.fromEntries(Object.entries({ Origin: srv.base, 'Sec-Fetch-Site': 'same-origin', ...h }).filter(([, v]) => v !== undefined));
    for (const route of posts) {
      for (const [what, form, headers] of forged) {
        const r = await go(srv, victim, target(route), { method: 'POST', form, headers: strip(headers) });
        refused(route, r, what);
        assert.equal(r.headers['set-cookie'], undefined, `POST ${route} with ${what}: no cookie change`);
      }
      // No cookie at all (a cross-site form with the cookie withheld): refused too.
      const bare = await go(srv, null, target(route), { method: 'POST', form: { csrf_token: token }, headers: { Origin: srv.base } });
      refused(route, bare, 'no session');
      assert.equal(bare.headers['set-cookie'], undefined, `POST ${route} without a session: no cookie`);
      // The control: the same request from the page itself passes the guard.
      const fresh = new Jar();
      const t = csrfOf((await go(srv, fresh, '/sign-in')).body);
      const good = await post(srv, fresh, target(route), { csrf_token: t });
      assert.ok(!(good.status === 403 && good.body.includes(FORM_REFUSED)), `POST ${route} with the right token from the service's own page passes the CSRF check (${good.status})`);
    }
    assert.equal(await signedIn(srv, victim), true, 'the victim is still signed in');
  });

  test('session fixation: a cookie set before signing in is never signed in', async () => {
    const acct = await newAccount(srv, 'fixation');
    const jar = new Jar();
    const form = await go(srv, jar, '/sign-in');
    const anon = jar.session;
    assert.ok(anon, 'an anonymous cookie from GET /sign-in');
    const pw = await post(srv, jar, '/sign-in', { csrf_token: csrfOf(form.body), email: acct.email, password: acct.password });
    assertRedirect(pw, '/sign-in/code', 'password accepted');
    const middle = jar.session;
    assert.ok(middle && middle !== anon, 'a new cookie after the password');
    const r = await codeStep(srv, jar, await freshCode(acct));
    assertRedirect(r, '/account', 'code accepted');
    const final = jar.session;
    assert.ok(final && final !== middle && final !== anon, 'a new cookie after the second factor');
    assert.equal(await signedIn(srv, Jar.with(anon)), false, 'the anonymous cookie is not signed in');
    assert.equal(await signedIn(srv, Jar.with(middle)), false, 'the password-stage cookie is not signed in');
    assert.equal((await go(srv, Jar.with(anon), '/sign-in/code')).status, 303, 'nor at the second factor');
    assert.equal(await signedIn(srv, Jar.with(final)), true, 'the new cookie is');
  });

  test('an expired set-up link: 404, says so, sets nothing', async () => {
    const a = await createAdmin(srv, 'expired');
    await sql(srv, `UPDATE one_time_links SET expires_at = 1 WHERE person_id = (SELECT id FROM people WHERE email = ${quote(a.email)})`);
    const r = await go(srv, new Jar(), a.link);
    assert.equal(r.status, 404);
    assert.match(r.body, /has expired/);
    assert.doesNotMatch(r.body, /Create a password/);
    const { res } = await submit(srv, new Jar(), '/sign-in', { password: PASSWORD }, { action: a.link });
    assert.equal(res.status, 404, 'POST to the expired link');
    assert.equal(res.headers['set-cookie'], undefined);
    assert.equal(await sql(srv, `SELECT count(*) FROM people WHERE email = ${quote(a.email)} AND password_hash IS NULL`), '1', 'no password set');
    assert.equal((await go(srv, new Jar(), '/set-up/' + randomBytes(32).toString('base64url'))).status, 404, 'an unknown link');
  });

  test('sign out of every device: every session of the person ends, nobody else\'s', async () => {
    const acct = await newAccount(srv, 'everywhere');
    const laptop = acct.jar;
    const phone = await signIn(srv, acct);
    const stranger = (await newAccount(srv, 'stranger')).jar;
    assert.equal(await signedIn(srv, laptop), true);
    assert.equal(await signedIn(srv, phone), true);
    const { res } = await submit(srv, phone, '/account', { everywhere: 'yes' }, { action: '/sign-out' });
    assertRedirect(res, '/', 'signed out everywhere');
    assert.match((await go(srv, phone, '/')).body, /govuk-notification-banner__heading">You have signed out, here and on every other device\.</);
    assert.equal(await signedIn(srv, phone), false, 'this device');
    assert.equal(await signedIn(srv, laptop), false, 'the other device');
    assert.equal(await sql(srv, `SELECT count(*) FROM sessions s JOIN people p ON p.id = s.person_id WHERE p.email = ${quote(acct.email)}`), '0');
    assert.equal(await signedIn(srv, stranger), true, 'another person stays signed in');
  });

  test('the audit log, the server log and the database never hold passwords, codes or tokens', async () => {
    // A journey of its own, with a sign-in by code, one by recovery code and failures of both.
    const acct = await newAccount(srv, 'secrets');
    await submit(srv, acct.jar, '/account', {}, { action: '/sign-out' });
    await signIn(srv, acct);
    const jar = await passwordStep(srv, acct);
    assert.equal((await codeStep(srv, jar, wrongCode(acct.secret))).status, 400);
    assertRedirect(await codeStep(srv, jar, acct.codes[3]), '/account', 'recovery code');
    await submit(srv, new Jar(), '/sign-in', { email: acct.email, password: PASSWORD + ' typo' });
    seen.passwords.add(PASSWORD + ' typo');

    const audit = await sql(srv, 'SELECT * FROM audit_log');
    for (const action of ['person_created', 'password_set', 'second_factor_added', 'password_accepted', 'sign_in', 'second_factor_failed', 'sign_in_failed', 'signed_out']) {
      assert.match(audit, new RegExp(`\\|${action}\\|`), `the audit log records ${action}`);
    }
    const logText = srv.log.map((l) => JSON.stringify(l));
    assert.ok(logText.some((l) => /"status":/.test(l)), 'the access log is there');
    const urlForm = (s) => new URLSearchParams({ x: s }).toString().slice(2);
    const secrets = [
      ...[...seen.passwords].flatMap((p) => [['password', p], ['password (form-encoded)', urlForm(p)]]),
      ...[...seen.secrets].map((s) => ['TOTP secret', s]),
      ...[...seen.codes].flatMap((c) => [['recovery code', c], ['recovery code', c.replace('-', '')]]),
      ...[...seen.tokens].map((t) => ['set-up token', t]),
      ...[...seen.cookies].map((c) => ['session cookie', c]),
    ];
    assert.ok(seen.secrets.size >= 1 && seen.codes.size >= 10 && seen.tokens.size >= 1, "secrets were collected");
    // Every kind of leak is collected (with a count and one example), so that one failure names them all.
    const found = new Map();
    const leaks = { push(msg) { const [kind] = msg.split(':'); const f = found.get(kind) || { n: 0, example: msg }; f.n++; found.set(kind, f); } };
    for (const [what, s] of secrets) {
      if (audit.includes(s)) leaks.push(`the audit log holds a ${what}`);
      const line = logText.find((l) => l.includes(s));
      if (line) leaks.push(`the server log holds a ${what}: ${line}`);
    }
    for (const code of seen.totp) { // 6 digits can turn up by chance in numbers; look for them as fields
      if (new RegExp(`\\|${code}(\\||$)`, 'm').test(audit)) leaks.push(`the audit log holds a TOTP code ${code}`);
    }
    for (const l of srv.log) { // whatever the route: no token-shaped segment in a logged path
      if (typeof l.path === 'string' && /\/[A-Za-z0-9_-]{43}(\/|$)/.test(l.path)) leaks.push(`a token in a logged path: ${l.path}`);
    }

    const sessions = await sql(srv, 'SELECT * FROM sessions');
    assert.ok(sessions.trim(), 'there are sessions');
    for (const c of seen.cookies) if (sessions.includes(c)) leaks.push('the sessions table holds a raw cookie value');
    for (const h of (await sql(srv, 'SELECT token_hash FROM sessions')).trim().split('\n')) {
      if (!/^[0-9a-f]{64}$/.test(h)) leaks.push(`sessions.token_hash is not a hash: ${h}`);
    }
    const links = await sql(srv, 'SELECT * FROM one_time_links');
    for (const t of seen.tokens) if (links.includes(t)) leaks.push('one_time_links holds a raw token');
    const rec = await sql(srv, 'SELECT * FROM recovery_codes');
    for (const c of seen.codes) if (rec.includes(c) || rec.includes(c.replace('-', ''))) leaks.push('recovery_codes holds a raw code');
    const people = await sql(srv, 'SELECT password_hash FROM people WHERE password_hash IS NOT NULL');
    for (const h of people.trim().split('\n')) if (!/^\$argon2id\$/.test(h)) leaks.push(`a password not as an argon2id hash: ${h.slice(0, 12)}`);
    if ([...seen.passwords].some((p) => people.includes(p))) leaks.push('people holds a password');
    assert.deepEqual([...found.values()].map((f) => `${f.n} time(s): ${f.example}`), [], 'secrets where they must never be');
  });

  test('admin create: an email already held is refused (exit 1); bad arguments exit 2', async () => {
    const a = await createAdmin(srv, 'cli', 'Grace Hopper');
    const count = () => sql(srv, `SELECT (SELECT count(*) FROM people) || ',' || (SELECT count(*) FROM one_time_links)`);
    const before = await count();
    const dup = await adminCreate(srv, a.email.toUpperCase(), 'Someone Else');
    assert.equal(dup.code, 1, dup.stderr);
    assert.match(dup.stderr, /already has an account/);
    assert.doesNotMatch(dup.stdout, /set-up/);
    assert.equal(await count(), before, 'nothing added');
    const bad = [
      ['--email', 'not-an-email', '--name', 'X'],
      ['--email', newEmail('noname')],
      ['--name', 'No Email'],
      ['--email', newEmail('empty'), '--name', ''],
      [],
    ];
    for (const args of bad) {
      const r = await run(['admin', 'create', ...args, ...dbArgs(srv)]);
      assert.equal(r.code, 2, `admin create ${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /admin create/);
    }
    const r = await run(['admin', 'delete', ...dbArgs(srv)]);
    assert.equal(r.code, 2, 'an unknown admin command');
    assert.equal(await count(), before, 'nothing added');
  });
});
