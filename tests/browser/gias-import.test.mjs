// Importing schools from GIAS in a real browser, as a national
// administrator does it: from the account page's "Manage" list to the
// upload form; "Upload and check" without a file (the error summary); the
// real website download of Hampshire and Surrey with two rows broken, whose
// check lists them in the error summary with their lines; "Import the other
// rows"; the result. Every page is checked with axe (WCAG 2.2 A/AA) and for
// console errors and CSP violations.
//
// With MATHSHUBS_SCREENSHOTS=DIR each page is saved to DIR at 1100 px and
// at 375 px (a phone), full page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { assertErrorSummaryFocused, banner, checkPage, dbQuery, errorLinks, h1, openJourney, submit } from './helpers.mjs';
import { emailCodePerson, signInByEmail } from '../lib/people.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOWNLOAD = path.resolve(ROOT, '../shared/data/gias/clarelgibson__2022-school-admissions-dashboard/20220420_gias.csv');
const SHOTS = process.env.MATHSHUBS_SCREENSHOTS;

let journey;
let tmp;
before(async () => {
  journey = await openJourney();
  tmp = mkdtempSync(path.join(tmpdir(), 'mathshubs-gias-browser-'));
});
after(async () => {
  await journey?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function shot(page, name) {
  if (!SHOTS) return;
  for (const width of [1100, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1100, height: 900 });
}

test('a national administrator uploads the download, sees the rows that cannot be imported, and imports the others', { timeout: 120000 }, async () => {
  const { server, context, page, watch } = journey;
  const email = 'importer@national.example';
  await emailCodePerson(server, email);
  const go = await signInByEmail(server, email);
  await context.addCookies([{ name: 'mh_session', value: go.jar.session, url: server.base }]);

  // the account page's Manage list leads to the form
  await page.goto(`${server.base}/account`);
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Import schools from GIAS' }).click()]);
  assert.equal(await h1(page), 'Import schools from GIAS');
  await checkPage(page, watch, 'the upload form');
  await shot(page, 'import-form');

  // no file
  let res = await submit(page, 'Upload and check');
  assert.equal(res.status(), 400);
  assert.deepEqual(await errorLinks(page), [{ href: '#establishments', text: "Select GIAS's establishments file" }]);
  await assertErrorSummaryFocused(page, 'no file');
  await checkPage(page, watch, 'the form with its error', 400);
  await shot(page, 'import-form-error');

  // the real download with two rows broken
  const lines = readFileSync(DOWNLOAD, 'utf8').split('\r\n');
  lines[4] = lines[4].replace(/^"?\d+"?,/, '"12345x",');
  lines[9] = lines[9].replace('"Primary"', '"Tertiary"');
  const file = path.join(tmp, 'hampshire-and-surrey.csv');
  writeFileSync(file, lines.join('\r\n'));
  await page.setInputFiles('#establishments', file);
  res = await submit(page, 'Upload and check');
  assert.equal(res.status(), 200);
  assert.equal(await h1(page), 'Check before importing');
  assert.deepEqual(await errorLinks(page), [
    { href: '#rejected-1', text: 'Line 5 of hampshire-and-surrey.csv: the URN "12345x" is not 6 or 7 digits' },
    { href: '#rejected-2', text: "Line 10 of hampshire-and-surrey.csv: the phase of education \"Tertiary\" is not one of GIAS's" },
  ]);
  await assertErrorSummaryFocused(page, 'the check');
  assert.match(await page.locator('.govuk-summary-list').nth(1).innerText(), /New schools\s+1,094/);
  await checkPage(page, watch, 'the check');
  await shot(page, 'import-check');
  assert.equal(await dbQuery(server, 'SELECT count(*) FROM schools'), '0');

  // import the others
  res = await submit(page, 'Import the other rows');
  assert.equal(res.status(), 200);
  assert.equal(await banner(page), 'Schools imported from hampshire-and-surrey.csv.');
  assert.equal(await h1(page), 'Schools imported');
  assert.match(await page.locator('main').innerText(), /Rows that cannot be imported\s+2/);
  await checkPage(page, watch, 'the result');
  await shot(page, 'import-result');
  assert.equal(await dbQuery(server, 'SELECT count(*) FROM schools'), '1094');
});
