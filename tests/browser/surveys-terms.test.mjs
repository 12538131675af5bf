// Loading a local authority's school term dates, in a real browser, as the
// national team clicks it: from the survey templates to the term dates, the
// default calendar, the upload page, a file with an overlap (the error
// summary takes focus and names the line), the file fixed (saved by Excel
// in Windows-1252, days as DD/MM/YYYY), the check page, "Load these term
// dates", and the list with the authority and the confirmation. Every page
// is checked with axe (WCAG 2.2 A/AA), for console errors and CSP
// violations, at 1100 px and on a 375 px phone (no sideways scrolling).
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there:
// surveys-terms-*.png (and -phone.png of each).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { assertErrorSummaryFocused, banner, checkPage, errorLinks, h1, openJourney, roleSession, submit } from './helpers.mjs';

const SHOTS = process.env.MATHSHUBS_SCREENSHOTS;
const HEAD = 'LA code,Term,Start date,End date\r\n';
const BAD = `${HEAD}919,Autumn first half,03/09/2026,23/10/2026\r\n919,Autumn second half,20/10/2026,18/12/2026\r\n`;
const GOOD = Buffer.concat([Buffer.from(`${HEAD}919,Autumn `), Buffer.from([0x96]), Buffer.from(' first half,03/09/2026,23/10/2026\r\n919,Autumn '),
  Buffer.from([0x96]), Buffer.from(' second half,02/11/2026,18/12/2026\r\n202,Autumn 1,02/09/2026,23/10/2026\r\n')]);

let journey, server, page, watch, admin;

before(async () => {
  journey = await openJourney();
  ({ server, page, watch } = journey);
  admin = await roleSession(server, 'terms-admin@ncetm.example', 'national_admin');
  await journey.context.addCookies([{ name: 'mh_session', value: admin.token, url: server.base }]);
});

after(async () => { await journey?.close(); });

const file = (name, content) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });

/** The page as it is, at a phone's width: no sideways scrolling, axe-clean, and its screenshot. */
async function phone(name, status = 200) {
  await page.setViewportSize({ width: 375, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${name}: the page scrolls sideways on a phone by ${overflow} px`);
  await checkPage(page, watch, `${name} on a phone`, status);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1100, height: 900 });
}

async function shot(name, status = 200) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  await phone(name, status);
}

const click = (name) => Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name, exact: true }).click()]);

test('load term dates: the default, a file with an overlap, fixed, checked, loaded', { timeout: 120000 }, async () => {
  let res = await page.goto(`${server.base}/surveys`, { waitUntil: 'load' });
  assert.equal(res.status(), 200);
  await click('school term dates');
  assert.equal(await h1(page), 'School term dates');
  await checkPage(page, watch, 'the term dates');
  assert.match(await page.locator('main').innerText(), /not any local authority's published dates/);
  await shot('surveys-terms-list');

  await click('Default national calendar');
  assert.equal(await h1(page), 'Default national calendar');
  assert.equal(await page.locator('table tbody tr').count(), 30);
  await checkPage(page, watch, 'the default calendar');
  await shot('surveys-terms-default');

  await click('Upload term dates');
  assert.equal(await h1(page), 'Upload term dates');
  await checkPage(page, watch, 'the upload page');
  await shot('surveys-terms-upload');

  // two terms that overlap: the summary, focused, names the line
  await page.getByLabel('Upload a file').setInputFiles(file('herts.csv', BAD));
  res = await submit(page, 'Upload and check');
  assert.equal(res.status(), 400);
  assert.equal(await page.title(), 'Error: Upload term dates - Maths Hubs');
  await assertErrorSummaryFocused(page, 'the upload page with an overlap');
  assert.deepEqual(await errorLinks(page), [{ href: '#file',
    text: 'Line 3: Autumn second half must start after Autumn first half (line 2) ends: terms must not overlap' }]);
  await checkPage(page, watch, 'the upload page with an overlap', 400);
  await shot('surveys-terms-errors', 400);

  // fixed (and saved by Excel in Windows-1252): the check page
  await page.getByLabel('Upload a file').setInputFiles(file('herts.csv', GOOD));
  res = await submit(page, 'Upload and check');
  assert.equal(res.status(), 200);
  assert.equal(await h1(page), 'Check the term dates before you load them');
  const main = await page.locator('main').innerText();
  assert.match(main, /3 terms for 2 local authorities/);
  assert.match(main, /Hertfordshire \(919\)/);
  await page.getByText("Hertfordshire's terms").click();
  assert.match(await page.locator('main').innerText(), /Autumn – first half/);
  await checkPage(page, watch, 'the check page');
  await shot('surveys-terms-check');

  res = await submit(page, 'Load these term dates');
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/surveys/terms');
  assert.equal(await banner(page), 'Term dates loaded for 2 local authorities');
  await checkPage(page, watch, 'the term dates, loaded');

  await click('Hertfordshire (919)');
  assert.equal(await h1(page), 'Hertfordshire term dates');
  assert.match(await page.locator('main').innerText(), /Autumn – second half\s+2 November 2026\s+18 December 2026/);
  await checkPage(page, watch, "an authority's term dates");
  await shot('surveys-terms-authority');
});
