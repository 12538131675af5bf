// The accounts journeys in a real browser, as a person clicks them:
//   1. the first administrator, created with `mathshubs admin create`,
//      follows the set-up link, creates a password (a too-short one first),
//      sets up the authenticator app from the typed key, sees the recovery
//      codes once, reaches the account page and signs out;
//   2. signs in again with the password and a recovery code typed loosely;
//   3. signs in with JavaScript off (password, a used recovery code refused,
//      then a code from the app);
//   4. is locked out after five wrong passwords on a new device, and the right
//      password is refused there while locked.
// Every page (JavaScript on) is checked with axe (WCAG 2.2 A/AA) and for
// console errors and CSP violations. Codes from the app come from Debian's
// oathtool.
//
// Argon2id takes 64 MiB per hash: the file does nine password hashes or
// checks in all, one after another. The lock test runs last because it
// locks the account for 15 minutes.
//
// With MATHSHUBS_SCREENSHOTS=DIR the authenticator and recovery-codes pages
// are saved to DIR/authenticator.png and DIR/recovery-codes.png (1100 px
// wide, full page), e.g. MATHSHUBS_SCREENSHOTS=docs/screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  banner, openJourney, checkPage, createAdmin, dbQuery, freshCode, h1, submit, assertErrorSummaryFocused, text, errorLinks,
  watchPage,
} from './helpers.mjs';

const SHOTS = process.env.MATHSHUBS_SCREENSHOTS;

const PERSON = { email: 'ada.lovelace@example.org', name: 'Ada Lovelace' };
const PASSWORD = 'copper kettle uphill lantern';

let journey, server, browser, page, watch;

// What the journeys learn and hand on, in order.
const state = { secret: null, recoveryCodes: [], lastStep: 0, usedRecoveryCode: null };

before(async () => {
  journey = await openJourney();
  ({ server, browser, page, watch } = journey);
});

after(async () => { await journey?.close(); });

// ---- helpers (tests/lib: createAdmin, dbQuery, freshCode) ----

// A code from the app the server has not seen yet (freshCode of tests/lib/totp.mjs; state holds the secret).
const nextCode = () => freshCode(state);

// ---- 1. first administrator ----

test('1. first administrator: set-up link, password, authenticator app, recovery codes, account, sign out', { timeout: 120000 }, async () => {
  const link = (await createAdmin(server, PERSON.email, PERSON.name)).url;
  watch.take();

  // The set-up link: "Create a password".
  let res = await page.goto(link, { waitUntil: 'load' });
  assert.equal(res.status(), 200);
  assert.equal(await h1(page), 'Create a password');
  assert.equal(await page.title(), 'Create a password - Maths Hubs');
  assert.match(await page.locator('main').innerText(), new RegExp(`${PERSON.name} \\(${PERSON.email.replace(/\./g, '\\.')}\\)`));
  assert.equal(res.headers()['cache-control'], 'no-store');
  await checkPage(page, watch, 'set-up page');

  // Too short: the error summary appears, takes focus and links to the field.
  await page.getByLabel('Password', { exact: true }).fill('abcd1234');
  res = await submit(page, 'Continue');
  assert.notEqual(res.status(), 403, 'the set-up form was refused as a cross-site request (a browser sends ' +
    '"Origin: null" with a form posted from a page whose Referrer-Policy is no-referrer)');
  assert.equal(res.status(), 400);
  assert.equal(page.url(), link);
  assert.equal(await page.title(), 'Error: Create a password - Maths Hubs');
  await assertErrorSummaryFocused(page, 'set-up page with an error');
  assert.deepEqual(await errorLinks(page), [{ href: '#password', text: 'Password must be 12 characters or more' }]);
  assert.equal(await text(page.locator('#password-error')), 'Error: Password must be 12 characters or more');
  assert.equal(await page.locator('#password').getAttribute('aria-describedby'), 'password-hint password-error');
  assert.equal(await page.locator('#password').inputValue(), '', 'the rejected password is not sent back');
  await checkPage(page, watch, 'set-up page with an error', 400);
  // Following the summary's link puts the cursor in the field.
  await page.locator('.govuk-error-summary__list a').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'password');

  // A good password: on to the authenticator app.
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  res = await submit(page, 'Continue');
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/account/authenticator');
  assert.equal(await h1(page), 'Set up your authenticator app');
  assert.equal(res.headers()['cache-control'], 'no-store');
  const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
  assert.ok(await qr.isVisible(), 'the QR code is shown');
  const qrBox = await qr.boundingBox();
  assert.ok(qrBox.width >= 150 && qrBox.height >= 150, `the QR code is big enough to scan: ${JSON.stringify(qrBox)}`);
  await checkPage(page, watch, 'authenticator page');

  // "I cannot scan the QR code": the key, in groups of four.
  const keyText = page.locator('#secret');
  assert.equal(await keyText.isVisible(), false, 'the key is inside the closed details');
  await page.getByText('I cannot scan the QR code').click();
  assert.equal(await page.locator('details.govuk-details').evaluate((d) => d.open), true);
  assert.ok(await keyText.isVisible());
  const shown = (await keyText.innerText()).trim();
  assert.match(shown, /^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/, `the key as shown: ${shown}`);
  state.secret = shown.replace(/ /g, '');
  assert.equal(await page.locator('input[type=hidden][name=secret]').inputValue(), state.secret,
    'the key shown is the one the form sends');
  await checkPage(page, watch, 'authenticator page, details open');
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'authenticator.png'), fullPage: true });

  // The code from the app.
  await page.getByLabel('Code from the app').fill(await nextCode(state.secret));
  res = await submit(page, 'Continue');
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/account/recovery-codes', 'post/redirect/get: the codes on a GET page');
  assert.equal(res.headers()['cache-control'], 'no-store', 'recovery codes are never cached');
  assert.equal(await page.title(), 'Your account is set up - Maths Hubs');
  assert.equal(await h1(page), 'Your account is set up');
  assert.ok(await page.locator('.govuk-panel--confirmation').isVisible(), 'a confirmation panel');
  state.recoveryCodes = await page.locator('#recovery-codes li code').allTextContents();
  assert.equal(state.recoveryCodes.length, 10, JSON.stringify(state.recoveryCodes));
  for (const c of state.recoveryCodes) assert.match(c, /^[a-km-np-z2-9]{5}-[a-km-np-z2-9]{5}$/);
  assert.equal(new Set(state.recoveryCodes).size, 10, 'ten different codes');
  assert.match(await page.locator('.govuk-warning-text').innerText(), /You will not see them again/);
  await checkPage(page, watch, 'recovery codes page');
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'recovery-codes.png'), fullPage: true });

  // Continue to the account page.
  await Promise.all([page.waitForURL(`${server.base}/account`), page.getByRole('link', { name: 'Continue to your account' }).click()]);
  assert.equal(await h1(page), 'Your account');
  const rows = await page.locator('.govuk-summary-list__row').evaluateAll((rs) => rs.map((r) =>
    [r.querySelector('dt').textContent.trim(), r.querySelector('dd').textContent.trim()]));
  assert.deepEqual(Object.fromEntries(rows).Name, PERSON.name);
  assert.deepEqual(Object.fromEntries(rows)['Email address'], PERSON.email);
  assert.ok(await page.getByRole('button', { name: 'Sign out of every device' }).isVisible());
  await checkPage(page, watch, 'account page');

  // Sign out.
  res = await submit(page, 'Sign out');
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await banner(page), 'You have signed out.');
  await checkPage(page, watch, 'start page after signing out');
  await page.reload({ waitUntil: 'load' });
  assert.equal(await banner(page), null, 'said once');

  // The account page is closed again.
  res = await page.goto(`${server.base}/account`, { waitUntil: 'load' });
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  watch.take();
});

// ---- 2. password and recovery code ----

test('2. sign in with the password and a recovery code typed in capitals with a space', { timeout: 60000 }, async () => {
  assert.equal(state.recoveryCodes.length, 10, 'needs journey 1');
  watch.take();
  let res = await page.goto(`${server.base}/sign-in`, { waitUntil: 'load' });
  assert.equal(res.status(), 200);
  assert.equal(await h1(page), 'Sign in to Maths Hubs');
  await checkPage(page, watch, 'sign-in page');

  await page.getByLabel('Email address').fill(PERSON.email);
  await page.getByLabel('Password').fill(PASSWORD);
  res = await submit(page, 'Continue');
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/sign-in/code');
  assert.equal(await h1(page), 'Enter a code from your authenticator app');
  await checkPage(page, watch, 'code page');

  const code = state.recoveryCodes[3];
  const typed = code.toUpperCase().replace('-', ' '); // e.g. "ABCDE FGHJK"
  assert.match(typed, /^[A-Z2-9]{5} [A-Z2-9]{5}$/);
  await page.getByLabel('Code').fill(typed);
  res = await submit(page, 'Sign in');
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/account');
  assert.equal(await h1(page), 'Your account');
  assert.match(await page.locator('.govuk-summary-list').innerText(), new RegExp(PERSON.email.replace(/\./g, '\\.')));
  await checkPage(page, watch, 'account page after a recovery code');
  state.usedRecoveryCode = code;

  res = await submit(page, 'Sign out');
  assert.equal(await banner(page), 'You have signed out.');
  watch.take();
});

// ---- 3. JavaScript off ----

test('3. the sign-in journey works with JavaScript off', { timeout: 90000 }, async () => {
  assert.ok(state.secret && state.usedRecoveryCode, 'needs journeys 1 and 2');
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 }, javaScriptEnabled: false });
  try {
    const p = await ctx.newPage();
    const w = await watchPage(p);
    let res = await p.goto(`${server.base}/sign-in`, { waitUntil: 'load' });
    assert.equal(res.status(), 200);
    assert.equal(await p.evaluate(() => document.body.classList.contains('govuk-frontend-supported')), false,
      'the page scripts did not run');
    await p.getByLabel('Email address').fill(PERSON.email);
    await p.getByLabel('Password').fill(PASSWORD);
    res = await submit(p, 'Continue');
    assert.equal(new URL(p.url()).pathname, '/sign-in/code');

    // A recovery code works once: the one used in journey 2 is refused.
    await p.getByLabel('Code').fill(state.usedRecoveryCode);
    res = await submit(p, 'Sign in');
    assert.equal(res.status(), 400);
    assert.equal(await p.title(), 'Error: Enter a code from your authenticator app - Maths Hubs');
    assert.deepEqual(await errorLinks(p), [{ href: '#code', text: 'Enter the code your authenticator app shows now, or a recovery code' }]);

    // A code from the app.
    await p.getByLabel('Code').fill(await nextCode(state.secret));
    res = await submit(p, 'Sign in');
    assert.equal(res.status(), 200);
    assert.equal(new URL(p.url()).pathname, '/account');
    assert.equal(await h1(p), 'Your account');
    assert.match(await p.locator('.govuk-summary-list').innerText(), new RegExp(PERSON.name));

    res = await submit(p, 'Sign out of every device');
    assert.equal(res.status(), 200);
    assert.equal(new URL(p.url()).pathname, '/');
    assert.equal(await banner(p), 'You have signed out, here and on every other device.');
    assert.deepEqual(w.take({ [`${server.base}/sign-in/code`]: 400 }), [], 'console errors / page errors');
  } finally {
    await ctx.close();
  }
});

// ---- 4. Lock after repeated failures (last: the account stays locked) ----

test('4. five wrong passwords lock the account, and the right one is refused while locked', { timeout: 120000 }, async () => {
  assert.ok(state.secret, 'needs journey 1');
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  try {
    const p = await ctx.newPage();
    const w = await watchPage(p);
    await p.goto(`${server.base}/sign-in`, { waitUntil: 'load' });
    const attempt = async (password) => {
      await p.getByLabel('Email address').fill(PERSON.email);
      await p.getByLabel('Password').fill(password);
      const res = await submit(p, 'Continue');
      assert.equal(res.status(), 400);
      assert.equal(new URL(p.url()).pathname, '/sign-in');
      await assertErrorSummaryFocused(p, 'sign-in page with an error');
      return (await errorLinks(p))[0].text;
    };
    for (let i = 1; i <= 4; i++) {
      assert.equal(await attempt(`wrong password number ${i}`), 'Enter a correct email address and password', `attempt ${i}`);
      if (i === 1) await checkPage(p, w, 'sign-in page, wrong password', 400);
    }
    const locked = 'Too many attempts to sign in with this email address. Try again in 15 minutes, or sign in on a device you have signed in on before.';
    assert.equal(await attempt('wrong password number 5'), locked, 'attempt 5');
    assert.equal(await p.title(), 'Error: Sign in - Maths Hubs');
    assert.equal(await text(p.locator('#email-error')), `Error: ${locked}`);
    assert.equal(await p.locator('#email').inputValue(), PERSON.email, 'the email address is kept');
    await checkPage(p, w, 'sign-in page, account locked', 400);

    // Locked means locked, on a device that never signed in: the right password does not get through.
    assert.equal(await attempt(PASSWORD), locked, 'the right password while locked');
    // The owner is emailed: one message queued, not one per attempt.
    assert.equal(await dbQuery(server, "SELECT to_addr || '|' || subject FROM outbox"),
      `${PERSON.email}|Your Maths Hubs account is locked for 15 minutes`);
    w.take();
  } finally {
    await ctx.close();
  }
});
