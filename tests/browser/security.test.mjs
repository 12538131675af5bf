// Managing one's own account in a real browser, as a person clicks it: a
// new national administrator sets up their account with an authenticator
// app (codes from Debian's oathtool), then from the account page changes
// their password (an error first), adds codes by email, confirms it is
// them with their password when that proof has gone stale, gets new
// recovery codes, and at the next sign-in asks for a code by email instead
// of the app. Every page is checked with axe (WCAG 2.2 A/AA), for console
// errors and CSP violations.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there as account.png,
// second-factor.png, confirm.png and person-reset.png (README uses the
// first two: MATHSHUBS_SCREENSHOTS=docs/screenshots).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  banner, openJourney, checkPage, createAdmin, dbQuery, freshCode, h1, lastEmailedCode, submit, assertErrorSummaryFocused,
  errorLinks,
} from './helpers.mjs';

const SHOTS = process.env.MATHSHUBS_SCREENSHOTS;
const EMAIL = 'grace.hopper@example.org';
const PASSWORD = 'copper kettle uphill lantern';
const NEW_PASSWORD = 'seven quiet harbour pebbles';

let server, page, watch;

let journey;
before(async () => {
  journey = await openJourney();
  ({ server, page, watch } = journey);
});

after(async () => { await journey?.close(); });

const sql = (query) => dbQuery(server, query);

const path_ = () => new URL(page.url()).pathname;
const shot = async (name) => { if (SHOTS) await page.screenshot({ path: path.join(SHOTS, name), fullPage: true }); };

test('an account managed from its account page', { timeout: 180000 }, async () => {
  const link = (await createAdmin(server, EMAIL, 'Grace Hopper')).url;

  // set up: a password and the app
  await page.goto(link, { waitUntil: 'load' });
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await submit(page, 'Continue');
  assert.equal(path_(), '/account/authenticator');
  await page.getByText('I cannot scan the QR code').click();
  const secret = (await page.locator('#secret').innerText()).replace(/\s/g, '');
  await page.getByLabel('Code from the app').fill(await freshCode({ secret }));
  await submit(page, 'Continue');
  assert.equal(await h1(page), 'Your account is set up');
  await page.getByRole('link', { name: 'Continue to your account' }).click();
  await page.waitForURL(`${server.base}/account`);
  const rows = Object.fromEntries(await page.locator('.govuk-summary-list__row').evaluateAll((rs) => rs.map((r) =>
    [r.querySelector('dt').textContent.trim(), r.querySelector('dd').textContent.replace(/\s+/g, ' ').trim()])));
  assert.equal(rows['Sign-in codes'], 'Authenticator app');
  assert.equal(rows['Recovery codes'], '10 of 10 unused');
  await checkPage(page, watch, 'account page');
  await shot('account.png');

  // change the password: a short new one first
  await page.getByRole('link', { name: 'Change password' }).click();
  await page.waitForURL(`${server.base}/account/password`);
  assert.equal(await h1(page), 'Change your password');
  await checkPage(page, watch, 'change password page');
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password').fill('too short');
  let res = await submit(page, 'Change password');
  assert.equal(res.status(), 400);
  await assertErrorSummaryFocused(page, 'change password with an error');
  assert.deepEqual((await errorLinks(page)).map((l) => l.href), ['#password']);
  await checkPage(page, watch, 'change password page with an error', 400);
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  res = await submit(page, 'Change password');
  assert.equal(res.status(), 200);
  assert.equal(path_(), '/account');
  assert.match(await banner(page), /^Your password has been changed\./);
  await checkPage(page, watch, 'account page after changing the password');

  // add codes by email (just signed in: no need to confirm)
  await page.goto(`${server.base}/account`, { waitUntil: 'load' });
  await page.getByRole('link', { name: 'Change how you get sign-in codes' }).click();
  await page.waitForURL(`${server.base}/account/second-factor`);
  assert.equal(await h1(page), 'How you get sign-in codes');
  await checkPage(page, watch, 'second-factor page');
  await submit(page, 'Email me codes too');
  assert.equal(path_(), '/account/second-factor');
  assert.equal(await banner(page), 'You have a new way to sign in: codes by email. We have emailed you to say so.');
  await checkPage(page, watch, 'second-factor page, a way added');
  assert.ok(await page.getByRole('button', { name: 'Stop emailing me codes' }).isVisible());
  assert.ok(await page.getByRole('button', { name: 'Stop using the app' }).isVisible());
  await checkPage(page, watch, 'second-factor page with two ways');
  await shot('second-factor.png');

  // a stale proof: the password again, then back where they were going
  await sql(`UPDATE sessions SET authenticated_at = 0 WHERE person_id = (SELECT id FROM people WHERE email = '${EMAIL}')`);
  await page.goto(`${server.base}/account`, { waitUntil: 'load' });
  await page.getByRole('link', { name: 'Get new codes' }).click();
  await page.waitForURL(/\/account\/confirm/);
  assert.equal(await h1(page), 'Enter your password to continue');
  await checkPage(page, watch, 'confirm page');
  await shot('confirm.png');
  await page.getByLabel('Password').fill(PASSWORD); // the old one
  res = await submit(page, 'Continue');
  assert.equal(res.status(), 400);
  await assertErrorSummaryFocused(page, 'confirm page with an error');
  await checkPage(page, watch, 'confirm page with an error', 400);
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await submit(page, 'Continue');
  assert.equal(path_(), '/account/recovery-codes');
  assert.equal(await h1(page), 'Recovery codes');
  await checkPage(page, watch, 'recovery codes page');
  await submit(page, 'Get new recovery codes');
  assert.equal(path_(), '/account/recovery-codes');
  assert.equal(await h1(page), 'You have new recovery codes');
  assert.equal((await page.locator('#recovery-codes li code').allTextContents()).length, 10);
  await checkPage(page, watch, 'new recovery codes page');

  // sign out; sign in with the new password, and ask for an email instead of the app
  await page.goto(`${server.base}/account`, { waitUntil: 'load' });
  await submit(page, 'Sign out');
  await page.goto(`${server.base}/sign-in`, { waitUntil: 'load' });
  await page.getByLabel('Email address').fill(EMAIL);
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await submit(page, 'Continue');
  assert.equal(await h1(page), 'Enter a code from your authenticator app');
  assert.ok(await page.getByRole('heading', { name: 'Cannot use your app?' }).isVisible());
  await checkPage(page, watch, 'code page with another way');
  await submit(page, 'Email me a new code');
  assert.equal(await h1(page), 'Enter the code we emailed you');
  await checkPage(page, watch, 'code page after asking for an email');
  await page.getByLabel('Code').fill(await lastEmailedCode(server, EMAIL));
  await submit(page, 'Sign in');
  assert.equal(path_(), '/account');

  // someone else lost their phone and codes: reset their sign-in (a reason first)
  await createAdmin(server, 'lin@example.org', 'Lin Lost');
  const id = await sql("SELECT id FROM people WHERE email = 'lin@example.org'");
  await sql(`UPDATE people SET password_hash = 'signed-up', email_codes = 1 WHERE id = ${id}`); // as if Lin had signed up
  await page.goto(`${server.base}/admin/people/${id}`, { waitUntil: 'load' });
  await page.getByText('They have lost their phone and their recovery codes').click();
  await checkPage(page, watch, 'person page, reset open');
  res = await submit(page, 'Reset their sign-in');
  assert.equal(res.status(), 400);
  await assertErrorSummaryFocused(page, 'reset without a reason');
  assert.deepEqual((await errorLinks(page)).map((l) => l.href), ['#reset-reason']);
  await checkPage(page, watch, 'person page, reset without a reason', 400);
  await page.locator('#reset-reason').fill('lost phone and codes; checked with the school office');
  res = await submit(page, 'Reset their sign-in');
  assert.equal(res.status(), 200);
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /sign-in has been reset/);
  await checkPage(page, watch, 'person page after the reset');
  await shot('person-reset.png');
  watch.take();
});
