// Demo data in a real browser, as a newcomer meets it after `make demo`:
// the service's start page and a school's page say the service holds demo
// data (the notice under the phase banner, read by a screen reader too);
// the printed Maths Hub Lead signs in with their password and the code of
// their app and reads their hub's team page, the notice still there. At
// desktop and phone widths; axe (WCAG 2.2 A/AA), console errors and CSP
// violations checked on every page.
//
// With MATHSHUBS_SCREENSHOTS=DIR the team page is saved there as demo.png
// (README uses it: MATHSHUBS_SCREENSHOTS=docs/screenshots).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { demoDatabase, makeDemo } from '../lib/demo.mjs';
import { checkPage, dbQuery, freshCode, h1, openJourney, submit, text } from './helpers.mjs';

const SHOTS = process.env.MATHSHUBS_SCREENSHOTS;
const NOTICE = 'Demo data This service holds demo data: the people, roles and designations are made up, and so are '
  + "schools' hubs, types and trusts.";

let target, made, journey, server, page, watch;

before(async () => {
  target = demoDatabase('sqlite');
  made = await makeDemo(target);
  assert.equal(made.code, 0, made.stderr);
  journey = await openJourney({ dir: target.dir, backend: 'sqlite' });
  ({ server, page, watch } = journey);
});

after(async () => {
  await journey?.close();
  target?.drop();
});

const notice = async () => text(page.locator('#service-notice'));

test('the start page and a school\'s page say the service holds demo data', { timeout: 60000 }, async () => {
  for (const width of [1100, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${server.base}/`, { waitUntil: 'load' });
    assert.equal(await notice(), NOTICE);
    assert.ok(await page.locator('#service-notice').isVisible(), `the notice shows at ${width} px`);
    await checkPage(page, watch, `start page at ${width} px`);
    const urn = await dbQuery(target, "SELECT urn FROM schools WHERE status = 'open' ORDER BY urn LIMIT 1");
    await page.goto(`${server.base}/schools/${urn}`, { waitUntil: 'load' });
    assert.equal(await notice(), NOTICE);
    await checkPage(page, watch, `a school's page at ${width} px`);
  }
  await page.setViewportSize({ width: 1100, height: 900 });
});

test('the printed Maths Hub Lead signs in with the app\'s code and reads their hub\'s team', { timeout: 90000 }, async () => {
  const mhl = made.signIns.find((s) => s.role === 'Maths Hub Lead');
  assert.ok(mhl, 'a Maths Hub Lead among the sign-in details');
  await page.goto(`${server.base}/sign-in`, { waitUntil: 'load' });
  await page.getByLabel('Email address').fill(mhl.email);
  await page.getByLabel('Password').fill(mhl.password);
  await submit(page, 'Continue');
  assert.equal(await h1(page), 'Enter a code from your authenticator app');
  await page.getByLabel('Code').fill(await freshCode(mhl));
  await submit(page, 'Sign in');
  assert.equal(await h1(page), 'Your account');
  assert.equal(await notice(), NOTICE);
  const code = await dbQuery(target, `SELECT h.code FROM hubs h JOIN role_grants g ON g.hub_id = h.id JOIN people p ON p.id = g.person_id
    WHERE p.email = '${mhl.email.replace(/'/g, "''")}' AND g.role = 'mhl'`);
  for (const width of [1100, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${server.base}/hubs/${code}/team`, { waitUntil: 'load' });
    assert.match(await h1(page), /team/i);
    assert.equal(await notice(), NOTICE);
    assert.match(await text(page.locator('main')), /10 active LLMEs?/);
    await checkPage(page, watch, `the team page at ${width} px`);
    if (SHOTS && width === 1100) await page.screenshot({ path: path.join(SHOTS, 'demo.png'), fullPage: false });
  }
  await page.setViewportSize({ width: 1100, height: 900 });
});
