// Hub areas in a real browser: a national administrator filters the local
// authorities by region, opens one, is told what is missing, changes its
// hub, then makes a school an exception with a hub of its own (the hub
// select revealed by its radio). Every page is checked with axe (WCAG 2.2
// A/AA), for console errors and CSP violations, at 1100 px and on a 375 px
// phone.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there: hub-areas.png,
// hub-area.png, school-hub.png (and -phone.png of each).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  FEW_SCHOOLS, assertErrorSummaryFocused, banner, checkPage, errorLinks, h1, openJourney, roleSession, seedSchools, submit, watchPage,
} from './helpers.mjs';

const SHOTS = process.env.MATHSHUBS_SCREENSHOTS;
let journey, server, page, watch, admin;

before(async () => {
  journey = await openJourney();
  ({ server, page, watch } = journey);
  await seedSchools(server, { urns: FEW_SCHOOLS });
  admin = await roleSession(server, 'areas-journey@ncetm.example', 'national_admin');
  await journey.context.addCookies([{ name: 'mh_session', value: admin.token, url: server.base }]);
});

after(async () => { await journey?.close(); });

async function shot(name) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const context = await journey.browser.newContext({ viewport: { width: 375, height: 800 }, isMobile: true });
  await context.addCookies([{ name: 'mh_session', value: admin.token, url: server.base }]);
  const p = await context.newPage();
  const w = await watchPage(p);
  await p.goto(page.url(), { waitUntil: 'load' });
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${name}: the page scrolls sideways on a phone by ${overflow} px`);
  await checkPage(p, w, `${name} on a phone`);
  if (SHOTS) await p.screenshot({ path: path.join(SHOTS, `${name}-phone.png`), fullPage: true });
  await context.close();
}

const rowsOf = (caption) => page.locator('table', { has: page.locator('caption', { hasText: caption }) }).locator('tbody tr')
  .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.innerText.replace(/\s+/g, ' ').trim())));

test('a national administrator changes a local authority\'s hub and makes a school an exception', { timeout: 120000 }, async () => {
  let res = await page.goto(`${server.base}/account`, { waitUntil: 'load' });
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Hub areas' }).click()]);
  assert.equal(await h1(page), 'Hub areas');
  assert.match(await page.locator('main').innerText(), /153 local authorities have a demo assignment, not an official one/);
  await checkPage(page, watch, 'hub areas');

  // filter by region
  await page.getByLabel('Region').selectOption('South East');
  res = await submit(page, 'Filter');
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).search, '?region=South+East&hub=');
  const rows = await rowsOf('Local authorities and their hubs');
  assert.equal(rows.length, 24);
  assert.deepEqual(rows.find((r) => r[0].startsWith('Hampshire')), ['Hampshire 850, South East', 'Solent (SE3) Demo assignment', '2']);
  assert.deepEqual(rows.find((r) => r[0].startsWith('Kent')), ['Kent 886, South East', 'Kent and Medway (SE5) Demo assignment', '0']);
  await checkPage(page, watch, 'hub areas in the South East');
  await shot('hub-areas');

  // one local authority: nothing chosen is an error, then the change
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Hampshire', exact: true }).click()]);
  assert.equal(await h1(page), 'Hampshire');
  await checkPage(page, watch, 'Hampshire');
  await page.getByLabel('Hub').selectOption('SE2');
  res = await submit(page, 'Save its hub');
  assert.equal(res.status(), 400);
  await assertErrorSummaryFocused(page, 'Hampshire without a reason');
  assert.deepEqual(await errorLinks(page), [{ href: '#reason', text: 'Enter the reason for the change' }]);
  await checkPage(page, watch, 'Hampshire without a reason', 400);
  await page.getByLabel('Reason').fill('agreed with both hubs at the regional meeting');
  res = await submit(page, 'Save its hub');
  assert.equal(res.status(), 200);
  assert.equal(await banner(page), "Hampshire is now in North East Hants and Surrey's area.");
  await checkPage(page, watch, 'Hampshire, changed');
  await shot('hub-area');

  // a school of Hampshire, an exception with a hub of its own
  res = await page.goto(`${server.base}/schools/115850/hub`, { waitUntil: 'load' });
  assert.equal(res.status(), 200);
  assert.equal(await h1(page), "Change this school's hub");
  await checkPage(page, watch, 'the school\'s hub');
  assert.equal(await page.locator('#hub').isVisible(), false, 'the hub select shows only for "A hub of its own"');
  await page.getByLabel('A hub of its own (an exception)').check();
  assert.equal(await page.locator('#hub').isVisible(), true);
  await page.locator('#hub').selectOption('SW4');
  await page.getByLabel('Reason').fill("works with GLOW's Work Groups");
  res = await submit(page, 'Save');
  assert.equal(res.status(), 200);
  assert.equal(await banner(page), "Alton Infant School is now in GLOW's area.");
  assert.match(await page.locator('.govuk-summary-list').innerText(), /GLOW \(SW4\)\s+A hub of its own: an exception/);
  await checkPage(page, watch, 'the school\'s hub, changed');
  await shot('school-hub');
});

test("a hub's lead is warned before handing a school to another hub, and can cancel", { timeout: 120000 }, async () => {
  const lead = await roleSession(server, 'areas-lead@nehs.example', 'mhl', 'SE2'); // Kingswood Primary, Surrey: North East Hants and Surrey
  for (const viewport of [{ width: 1100, height: 900 }, { width: 375, height: 800 }]) {
    const context = await journey.browser.newContext({ viewport, isMobile: viewport.width < 400 });
    await context.addCookies([{ name: 'mh_session', value: lead.token, url: server.base }]);
    const p = await context.newPage();
    const w = await watchPage(p);
    await p.goto(`${server.base}/schools/124937/hub`, { waitUntil: 'load' });
    assert.equal(await h1(p), "Change this school's hub");
    assert.match(await p.locator('.govuk-warning-text').innerText(),
      /If you choose another hub, only that hub's leadership or the national team can change it back\./);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
    await checkPage(p, w, `the school's hub for its hub's lead, ${viewport.width} px`);
    if (SHOTS) await p.screenshot({ path: path.join(SHOTS, `school-hub-lead-${viewport.width}.png`), fullPage: true });
    await Promise.all([p.waitForNavigation({ waitUntil: 'load' }), p.getByRole('link', { name: 'Cancel' }).click()]);
    assert.equal(new URL(p.url()).pathname, '/schools/124937');
    await checkPage(p, w, 'back on the school page');
    await context.close();
  }
});
