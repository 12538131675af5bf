// The hub-lead sign-up journey in a real browser, with real mail:
//   the first national administrator (`mathshubs admin create`) sets up
//   their account and adds a Maths Hub Lead for GLOW (SW4) on "People and
//   their roles"; the invitation arrives at a real SMTP server (Debian's
//   aiosmtpd, writing a maildir); the hub lead asks for a sign-up link on
//   /sign-up, follows the emailed link, creates a password, sets up the
//   authenticator app (codes from Debian's oathtool), sees the recovery
//   codes, signs out and in again; as a hub lead they see only their hub's
//   people, are refused the audit log (403) and can add people to GLOW only.
//   On the way, the administrator meets the add-person form's other roles:
//   each role's radio reveals its project, hub or URN field (with
//   JavaScript on), a malformed URN is refused, and with JavaScript off
//   every field shows and a National Link is added with their project.
// The people page (with its success banner), the sign-up page, "Check your
// email" and the 403 page are checked with axe (WCAG 2.2 A/AA); every page
// is checked for console errors and CSP violations.
//
// Argon2id takes 64 MiB per hash: three hashes or checks in all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSmtp } from '../lib/mail.mjs';
import { seedSchools } from '../lib/schools.mjs';
import {
  watchPage, axe, checkClean, checkPage, createAdmin, formatViolations, freshCode, h1, openBrowser, submit,
} from './helpers.mjs';

const MAIL_FROM = 'hubs@mathshubs.example';

const ADMIN = { email: 'admin@ncetm.example', name: 'Ada Admin', password: 'admiral tulip orbit walnut' };
const LEAD = { email: 'hari@glow.example', name: 'Hari Hublead', password: 'glow worm harbour kestrel' };

let smtp, opened, server, browser;

// ---- the mail (tests/lib/mail.mjs) ----

const messages = () => smtp.messages();

// Waits (up to 20 s: the delivery thread runs every 2 s) for a message to
// `to` with `subject`.
async function waitForMail(to, subject) {
  const t0 = Date.now();
  for (;;) {
    const found = messages().find((msg) => msg.headers.subject === subject && (msg.headers.to || '').includes(to));
    if (found) return found;
    if (Date.now() - t0 > 20000) {
      const outbox = server.log.filter((l) => /^mail /.test(l.msg || '') || /smtp|mail/i.test(l.msg || ''));
      assert.fail(`no message "${subject}" to ${to} in ${smtp.maildir}/new within 20 s; there are ` +
        `${JSON.stringify(messages().map((x) => [x.headers.to, x.headers.subject]))}; server mail log: ${JSON.stringify(outbox)}`);
    }
    await sleep(250);
  }
}

// ---- helpers (and from helpers.mjs: createAdmin, freshCode, checkClean, checkPage, h1, submit) ----

// The people table: [{name, email, roles, account}].
async function peopleRows(p) {
  return p.locator('table.govuk-table tbody tr').evaluateAll((trs) => trs.map((tr) => {
    const td = [...tr.querySelectorAll('th, td')].map((c) => c.textContent.replace(/\s+/g, ' ').trim());
    return { name: td[0], email: td[1], roles: td[2], account: td[3] };
  }));
}

// Set-up link -> password -> authenticator app (oathtool) -> recovery codes
// -> account page. Fills who.secret.
async function setUp(p, w, link, who, checkAxe) {
  let res = await p.goto(link, { waitUntil: 'load' });
  assert.equal(res.status(), 200, `set-up link ${link}`);
  assert.equal(await h1(p), 'Create a password');
  assert.match(await p.locator('main').innerText(), new RegExp(`${who.name} \\(${who.email.replace(/\./g, '\\.')}\\)`));
  await checkClean(p, w, `${who.name}: set-up page`);
  await p.getByLabel('Password', { exact: true }).fill(who.password);
  res = await submit(p, 'Continue');
  assert.equal(res.status(), 200);
  assert.equal(new URL(p.url()).pathname, '/account/authenticator');
  assert.equal(await h1(p), 'Set up your authenticator app');
  await p.getByText('I cannot scan the QR code').click();
  const shown = (await p.locator('#secret').innerText()).trim();
  assert.match(shown, /^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/, `the key as shown: ${shown}`);
  who.secret = shown.replace(/ /g, '');
  assert.equal(await p.locator('input[type=hidden][name=secret]').inputValue(), who.secret, 'the key shown is the one the form sends');
  await checkClean(p, w, `${who.name}: authenticator page`);
  await p.getByLabel('Code from the app').fill(await freshCode(who));
  res = await submit(p, 'Continue');
  assert.equal(res.status(), 200);
  assert.equal(await h1(p), 'Your account is set up');
  const codes = await p.locator('#recovery-codes li code').allTextContents();
  assert.equal(codes.length, 10, `recovery codes: ${JSON.stringify(codes)}`);
  if (checkAxe) await checkPage(p, w, `${who.name}: recovery codes page`);
  else await checkClean(p, w, `${who.name}: recovery codes page`);
  await Promise.all([p.waitForURL(`${server.base}/account`), p.getByRole('link', { name: 'Continue to your account' }).click()]);
  assert.equal(await h1(p), 'Your account');
  await checkClean(p, w, `${who.name}: account page`);
}

async function signOut(p, w, who) {
  if (new URL(p.url()).pathname !== '/account') await p.goto(`${server.base}/account`, { waitUntil: 'load' });
  const res = await submit(p, 'Sign out');
  assert.equal(res.status(), 200);
  assert.equal(new URL(p.url()).pathname, '/');
  assert.equal((await p.locator('.govuk-notification-banner--success .govuk-notification-banner__heading').innerText()).trim(), 'You have signed out.');
  await checkClean(p, w, `${who.name}: start page after signing out`);
}

// ---- setup ----

before(async () => {
  smtp = await startSmtp('mathshubs-su-mail-');
  opened = await openBrowser({ args: ['--smtp-url', `smtp://127.0.0.1:${smtp.port}`, '--mail-from', MAIL_FROM] });
  ({ server, browser } = opened);
  await seedSchools(server); // a headteacher's school must be in the register
});

after(async () => {
  try {
    await opened?.close();
  } finally {
    await smtp?.stop();
  }
});

// ---- the journey ----

test('the admin adds a hub lead, who signs up from the emailed link, enrols an authenticator, signs in again, and is kept to their hub', { timeout: 90000 }, async () => {
  // 1. The first administrator sets up their account and adds a hub lead.
  const adminCtx = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const a = await adminCtx.newPage();
  const aw = await watchPage(a);
  try {
    await setUp(a, aw, (await createAdmin(server, ADMIN.email, ADMIN.name)).url, ADMIN, false);
    await Promise.all([a.waitForURL(`${server.base}/admin/people`), a.getByRole('link', { name: 'People and their roles' }).click()]);
    assert.equal(await h1(a), 'People');
    await checkClean(a, aw, 'people page');

    // The role's field is revealed by its radio: a project for project roles,
    // a hub for hub roles, a URN for a headteacher.
    const projectLead = a.getByRole('radio', { name: 'Project Lead', exact: true });
    const headteacher = a.getByRole('radio', { name: 'Headteacher', exact: true });
    assert.equal(await a.locator('#project-project_lead').isVisible(), false, 'no project field before a project role is chosen');
    assert.equal(await a.locator('#urn-headteacher').isVisible(), false);
    assert.equal(await a.locator('#hub-mhl').isVisible(), false);
    await projectLead.check();
    assert.ok(await a.locator('#project-project_lead').isVisible(), 'Project Lead reveals its project');
    assert.equal(await a.locator(`#${await projectLead.getAttribute('aria-controls')} select`).getAttribute('id'), 'project-project_lead',
      'the radio names what it reveals');
    assert.equal(await a.locator('#project-national_link').isVisible(), false, 'and no other role\'s project');
    await checkPage(a, aw, 'people page, a project role chosen');
    await headteacher.check();
    assert.equal(await a.locator('#project-project_lead').isVisible(), false, 'another role hides it again');
    assert.ok(await a.locator('#urn-headteacher').isVisible(), 'Headteacher reveals the URN');

    // A malformed URN: the error summary takes focus and links to the field, still revealed.
    await a.getByLabel('Full name').fill('Hattie Head');
    await a.getByLabel('Email address').fill('hattie@school.example');
    await a.getByLabel('School URN').fill('1000O3');
    let res = await submit(a, 'Add person');
    assert.equal(res.status(), 400);
    await a.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'), null, { timeout: 5000 }).catch(() => {});
    assert.ok((await a.evaluate(() => document.activeElement.className)).includes('govuk-error-summary'), 'the error summary has focus');
    assert.deepEqual(await a.locator('.govuk-error-summary__list a').evaluateAll((as) => as.map((x) => [x.getAttribute('href'), x.textContent])),
      [['#urn-headteacher', "The school's URN must be 6 digits, like 100000"]]);
    assert.ok(await headteacher.isChecked(), 'the role stays chosen');
    assert.ok(await a.locator('#urn-headteacher').isVisible(), 'its field stays open');
    assert.equal(await a.locator('#urn-headteacher').inputValue(), '1000O3', 'with what was typed');
    await checkPage(a, aw, 'people page, a malformed URN', 400);
    await a.locator('.govuk-error-summary__list a').click();
    assert.equal(await a.evaluate(() => document.activeElement.id), 'urn-headteacher');
    await a.getByLabel('School URN').fill('100003');
    res = await submit(a, 'Add person');
    assert.equal(res.status(), 200);
    assert.deepEqual((await peopleRows(a)).find((r) => r.name === 'Hattie Head').roles, 'Headteacher (School 100003)');

    await a.getByLabel('Full name').fill(LEAD.name);
    await a.getByLabel('Email address').fill(LEAD.email);
    await a.getByRole('radio', { name: 'Maths Hub Lead', exact: true }).check();
    await a.locator('#hub-mhl').selectOption({ label: 'GLOW (SW4)' });
    res = await submit(a, 'Add person');
    assert.equal(res.status(), 200);
    assert.equal(new URL(a.url()).pathname, '/admin/people');
    const banner = a.locator('.govuk-notification-banner--success');
    assert.ok(await banner.isVisible(), 'a success banner');
    assert.equal((await banner.locator('.govuk-notification-banner__heading').innerText()).trim(),
      `${LEAD.name} has been added and emailed an invitation to sign up.`);
    const hari = (await peopleRows(a)).find((r) => r.name === LEAD.name);
    assert.deepEqual(hari, { name: LEAD.name, email: LEAD.email, roles: 'Maths Hub Lead (SW4)', account: 'Invited' });
    await checkPage(a, aw, 'people page with the success banner');

    // With JavaScript off every role's field shows, and the server reads the chosen one's.
    const noJs = await browser.newContext({ viewport: { width: 1100, height: 900 }, javaScriptEnabled: false });
    try {
      await noJs.addCookies(await adminCtx.cookies());
      const n = await noJs.newPage();
      const nw = await watchPage(n);
      await n.goto(`${server.base}/admin/people`, { waitUntil: 'load' });
      assert.equal(await n.evaluate(() => document.body.classList.contains('govuk-frontend-supported')), false, 'the page scripts did not run');
      for (const id of ['project-project_lead', 'project-hub_lead_link', 'project-national_link', 'hub-mhl', 'hub-amhl', 'hub-hub_manager', 'hub-llme', 'urn-headteacher'])
        assert.ok(await n.locator(`#${id}`).isVisible(), `${id} shows without JavaScript`);
      await n.getByLabel('Full name').fill('Nadia Link');
      await n.getByLabel('Email address').fill('nadia@ncetm.example');
      await n.getByRole('radio', { name: 'National Link', exact: true }).check();
      await n.locator('#project-project_lead').selectOption('NCP24-01'); // another role's field: ignored
      await n.locator('#project-national_link').selectOption({ label: 'NCP24-09: Primary Teaching for Mastery Development Work Groups' });
      const r = await submit(n, 'Add person');
      assert.equal(r.status(), 200);
      assert.deepEqual((await peopleRows(n)).find((x) => x.name === 'Nadia Link').roles, 'National Link (NCP24-09)');
      await checkClean(n, nw, 'people page without JavaScript');
    } finally {
      await noJs.close();
    }
    // axe needs script in the page: the same layout, every field showing, with the
    // service's scripts refused instead (so the page never marks itself js-enabled).
    const noScripts = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      await noScripts.addCookies(await adminCtx.cookies());
      await noScripts.route('**/assets/*.js', (route) => route.abort());
      const n = await noScripts.newPage();
      await n.goto(`${server.base}/admin/people`, { waitUntil: 'load' });
      assert.ok(await n.locator('#urn-headteacher').isVisible(), 'every field shows');
      const violations = await axe(n);
      assert.equal(violations.length, 0, `people page without its scripts: axe violations:\n${formatViolations(violations)}`);
    } finally {
      await noScripts.close();
    }
    await signOut(a, aw, ADMIN);
  } finally {
    await adminCtx.close();
  }

  // 2. The invitation, through the SMTP server.
  const invite = await waitForMail(LEAD.email, 'You have been added to Maths Hubs');
  assert.equal(invite.headers.to, `<${LEAD.email}>`);
  assert.match(invite.headers.from, new RegExp(`<${MAIL_FROM.replace(/\./g, '\\.')}>`));
  assert.match(invite.text, new RegExp(`Hello ${LEAD.name},`));
  assert.match(invite.text, /Ada Admin has added you to Maths Hubs as Maths Hub Lead\./);
  assert.ok(invite.text.includes(`${server.base}/sign-up`), `the invitation gives the sign-up address ${server.base}/sign-up:\n${invite.text}`);

  // 3. The hub lead signs up from that address.
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  try {
    const p = await ctx.newPage();
    const w = await watchPage(p);
    let res = await p.goto(`${server.base}/sign-up`, { waitUntil: 'load' });
    assert.equal(res.status(), 200);
    assert.equal(await h1(p), 'Sign up');
    await checkPage(p, w, 'sign-up page');
    await p.getByLabel('Email address').fill(LEAD.email);
    res = await submit(p, 'Continue');
    assert.equal(res.status(), 200);
    assert.equal(new URL(p.url()).pathname, '/sign-up', 'post/redirect/get: the form page, saying so once');
    assert.match(await p.locator('.govuk-notification-banner--success .govuk-notification-banner__heading').innerText(),
      new RegExp(`^Check your email\\. If ${LEAD.email.replace(/\./g, '\\.')} is the address of someone`));
    await checkPage(p, w, 'sign-up page saying "Check your email"');

    const confirm = await waitForMail(LEAD.email, 'Confirm your email address to sign up to Maths Hubs');
    assert.notEqual(confirm.file, invite.file);
    const m = /(https?:\/\/[^\s<>"]+\/set-up\/[^\s<>"]+)/.exec(confirm.text);
    assert.ok(m, `no set-up link in:\n${confirm.text}`);
    assert.ok(m[1].startsWith(`${server.base}/set-up/`), `the link is on the service's address: ${m[1]}`);

    // The emailed link: password, authenticator app, recovery codes, account.
    await setUp(p, w, m[1], LEAD, true);
    assert.deepEqual((await p.locator('h2:text-is("Your roles") ~ h3').allTextContents()).map((s) => s.trim()), ['Maths Hub Lead']);
    assert.match(await p.locator('main').innerText(), /Maths Hub Lead\s+In GLOW Maths Hub \(SW4\)/);
    assert.ok(await p.getByRole('link', { name: 'People and their roles' }).isVisible());
    assert.equal(await p.getByRole('link', { name: 'Audit log' }).count(), 0, 'no audit log link for a hub lead');
    await signOut(p, w, LEAD);

    // Sign in again: password, then a fresh code from the app.
    res = await p.goto(`${server.base}/sign-in`, { waitUntil: 'load' });
    assert.equal(res.status(), 200);
    await p.getByLabel('Email address').fill(LEAD.email);
    await p.getByLabel('Password').fill(LEAD.password);
    res = await submit(p, 'Continue');
    assert.equal(res.status(), 200);
    assert.equal(new URL(p.url()).pathname, '/sign-in/code');
    await p.getByLabel('Code').fill(await freshCode(LEAD));
    res = await submit(p, 'Sign in');
    assert.equal(res.status(), 200);
    assert.equal(new URL(p.url()).pathname, '/account');
    assert.equal(await h1(p), 'Your account');
    await checkClean(p, w, 'account page after signing in again');

    // 4. Only GLOW's people.
    res = await p.goto(`${server.base}/admin/people`, { waitUntil: 'load' });
    assert.equal(res.status(), 200);
    assert.match(await p.locator('main').innerText(), /People with a role in your hub\./);
    assert.deepEqual(await peopleRows(p), [{ name: LEAD.name, email: LEAD.email, roles: 'Maths Hub Lead (SW4)', account: 'Set up' }]);
    // The hub select offers GLOW only.
    const hubs = await p.locator('select#hub-amhl option').evaluateAll((os) => os.map((o) => [o.value, o.textContent.trim()]));
    assert.deepEqual(hubs.filter(([v]) => v !== ''), [['SW4', 'GLOW (SW4)']], `hubs offered: ${JSON.stringify(hubs)}`);
    // Only the roles a hub's leadership may give, and no project or school fields.
    assert.deepEqual(await p.locator('input[name=role]').evaluateAll((is) => is.map((i) => i.value)), ['amhl', 'hub_manager', 'llme', 'participant']);
    assert.equal(await p.locator('[id^="project-"], [id^="urn-"]').count(), 0);
    await checkPage(p, w, 'people page as a hub lead');

    // A form tampered with to name another hub (EE1) is refused.
    await p.getByLabel('Full name').fill('Eve Enigma');
    await p.getByLabel('Email address').fill('eve@enigma.example');
    await p.getByRole('radio', { name: 'Assistant Maths Hub Lead', exact: true }).check();
    await p.locator('select#hub-amhl').evaluate((s) => { s.add(new Option('Enigma (EE1)', 'EE1')); s.value = 'EE1'; });
    res = await submit(p, 'Add person');
    assert.equal(res.status(), 400, 'adding a person to another hub is refused');
    assert.deepEqual(await p.locator('.govuk-error-summary__list a').allTextContents(),
      ['You can only give roles in your own hub: LLME, participant, AMHL or hub manager']);
    assert.deepEqual((await peopleRows(p)).map((r) => r.name), [LEAD.name], 'nobody was added');
    await checkClean(p, w, 'people page, another hub refused', 400);

    // 5. The audit log is for national administrators: 403.
    res = await p.goto(`${server.base}/admin/audit`, { waitUntil: 'load' });
    assert.equal(res.status(), 403);
    assert.equal(await h1(p), 'You do not have permission to see this page');
    assert.match(await p.title(), /^You do not have permission to see this page/);
    await checkPage(p, w, '403 page', 403);
  } finally {
    await ctx.close();
  }
});
