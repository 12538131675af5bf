// Adding people from a spreadsheet, in a real browser, as a national
// administrator clicks it: from the people list to the upload page, a file
// with one bad row (the error summary takes focus and names the line and
// column), the file fixed and uploaded again, the check page, "Add", and the
// people list with the new people and the confirmation. Every page is
// checked with axe (WCAG 2.2 A/AA), for console errors and CSP violations,
// at 1100 px and on a 375 px phone.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there:
// people-upload-errors.png, people-upload-check.png (and -phone.png of each).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  FEW_SCHOOLS, assertErrorSummaryFocused, banner, checkPage, errorLinks, h1, openJourney, roleSession, seedSchools, submit, text, watchPage,
} from './helpers.mjs';

const SHOTS = process.env.MATHSHUBS_SCREENSHOTS;
const HEAD = 'Name,Email,School URN,Job title,Role,Hub code\r\n';
const BAD = `${HEAD}Cara Jones,cara@school.example,100003,Teacher of maths,LLME,SW4\r\nDev Patel,dev at school,,,Participant,\r\n`;
const GOOD = BAD.replace('dev at school', 'dev@school.example');

let journey, server, page, watch, admin;

before(async () => {
  journey = await openJourney();
  ({ server, page, watch } = journey);
  await seedSchools(server, { urns: FEW_SCHOOLS });
  admin = await roleSession(server, 'journey-admin@ncetm.example', 'national_admin');
  await journey.context.addCookies([{ name: 'mh_session', value: admin.token, url: server.base }]);
});

after(async () => { await journey?.close(); });

const file = (name, content) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });

async function phoneShot(url, name, status = 200) {
  const context = await journey.browser.newContext({ viewport: { width: 375, height: 800 }, isMobile: true });
  await context.addCookies([{ name: 'mh_session', value: admin.token, url: server.base }]);
  const p = await context.newPage();
  const w = await watchPage(p);
  const res = await p.goto(url, { waitUntil: 'load' });
  assert.equal(res.status(), status, url);
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${name}: the page scrolls sideways on a phone by ${overflow} px`);
  await checkPage(p, w, `${name} on a phone`, status);
  if (SHOTS) await p.screenshot({ path: path.join(SHOTS, `${name}-phone.png`), fullPage: true });
  await context.close();
}

test('bulk-upload people: one bad row, the error, the file fixed, checked, added', { timeout: 120000 }, async () => {
  let res = await page.goto(`${server.base}/admin/people`, { waitUntil: 'load' });
  assert.equal(res.status(), 200);
  await checkPage(page, watch, 'people');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'add people from a spreadsheet' }).click()]);
  assert.equal(await h1(page), 'Add people from a spreadsheet');
  await checkPage(page, watch, 'the upload page');
  await phoneShot(`${server.base}/admin/people/upload`, 'people-upload');

  // a file with one bad row: the error summary, focused, names its line and column
  await page.getByLabel('Upload a file').setInputFiles(file('team.csv', BAD));
  res = await submit(page, 'Upload and check');
  assert.equal(res.status(), 400);
  assert.equal(await page.title(), 'Error: Add people from a spreadsheet - Maths Hubs');
  await assertErrorSummaryFocused(page, 'the upload page with a bad row');
  assert.deepEqual(await errorLinks(page), [{ href: '#file', text: 'Line 3, Email: Enter an email address in the correct format, like name@school.org.uk' }]);
  assert.equal(await text(page.locator('#file-error')), 'Error: team.csv has 1 problem: fix it and upload the file again');
  await checkPage(page, watch, 'the upload page with a bad row', 400);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'people-upload-errors.png'), fullPage: true });
  // the summary's link goes to the file input
  await page.locator('.govuk-error-summary a').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'file');

  // fixed, and uploaded again: the check page
  await page.getByLabel('Upload a file').setInputFiles(file('team.csv', GOOD));
  res = await submit(page, 'Upload and check');
  assert.equal(res.status(), 200);
  assert.match(page.url(), /\/admin\/people\/upload\/[A-Za-z0-9_-]{43}$/);
  assert.equal(await h1(page), 'Check the people before you add them');
  assert.match(await page.locator('main').innerText(), /2 new people will be added and emailed an invitation to sign up/);
  const rows = await page.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.innerText.trim())));
  assert.deepEqual(rows.map((r) => [r[1].replace(/\s+/g, ' '), r[3]]), [
    ['Cara Jones cara@school.example Teacher of maths, City of London School (URN 100003)', 'New: invited to sign up'],
    ['Dev Patel dev@school.example', 'New: invited to sign up'],
  ]);
  await checkPage(page, watch, 'the check page');
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'people-upload-check.png'), fullPage: true });
  await phoneShot(page.url(), 'people-upload-check');

  // added: the people list, with the confirmation once
  res = await submit(page, 'Add 2 people');
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/admin/people');
  assert.equal(await banner(page), '2 people added from team.csv and emailed an invitation to sign up.');
  const names = await page.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.children[0].textContent.trim()));
  assert.ok(names.includes('Cara Jones') && names.includes('Dev Patel'), JSON.stringify(names));
  await checkPage(page, watch, 'people, after adding');
  await page.reload({ waitUntil: 'load' });
  assert.equal(await banner(page), null, 'the confirmation shows once');
});
