// Importing schools from GIAS in a real browser, as a national
// administrator does it: from the account page's "Manage" list to the
// upload form; "Upload and check" without a file (the error summary); the
// real website download of Hampshire and Surrey with two rows broken, whose
// check lists them in the error summary with their lines (and downloads
// every one as a CSV file); "Import the other rows"; the result. Then a file with a local authority new to the register
// and a line in another encoding, confirmed after another import changed the
// register: checked again (409, an important banner), confirmed again. Every
// page is checked with axe (WCAG 2.2 A/AA) and for console errors and CSP
// violations.
//
// With MATHSHUBS_SCREENSHOTS=DIR each page is saved to DIR at 1100 px and
// at 375 px (a phone), full page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { assertErrorSummaryFocused, banner, checkPage, dbQuery, errorLinks, h1, openJourney, submit } from './helpers.mjs';
import { emailCodePerson, signInByEmail } from '../lib/people.mjs';
import { csvRecords } from '../lib/csv.mjs';
import { dbArgs } from '../lib/db.mjs';
import { run } from '../lib/server.mjs';

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
  // every rejected row, as a CSV file the browser downloads
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download all 2 rejected rows (CSV)' }).click()]);
  assert.equal(download.suggestedFilename(), 'hampshire-and-surrey-rejected.csv');
  const report = csvRecords(readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''));
  assert.deepEqual(report.map((r) => [r[0], r[1], r[2]]), [['File', 'Line', 'URN'], ['hampshire-and-surrey.csv', '5', '12345x'],
    ['hampshire-and-surrey.csv', '10', csvRecords(lines[9])[0][0]]]);
  assert.equal(await dbQuery(server, 'SELECT count(*) FROM schools'), '0');

  // import the others
  res = await submit(page, 'Import the other rows');
  assert.equal(res.status(), 200);
  assert.equal(await banner(page), 'Schools imported from hampshire-and-surrey.csv.');
  assert.equal(await h1(page), 'Schools imported');
  assert.match(await page.locator('main').innerText(), /Rows that cannot be imported\s+2/);
  assert.ok(await page.getByRole('link', { name: 'Download all 2 rejected rows (CSV)' }).isVisible(), 'on the result page too');
  await checkPage(page, watch, 'the result');
  await shot(page, 'import-result');
  assert.equal(await dbQuery(server, 'SELECT count(*) FROM schools'), '1094');
});

test('confirmed after another import changed the register: checked again and shown, then imported', { timeout: 120000 }, async () => {
  const { server, page, watch } = journey;
  const [head, ...rows] = csvRecords(readFileSync(DOWNLOAD, 'utf8'));
  const at = (c) => head.indexOf(c);
  const open = rows.filter((r) => r.length === head.length && r[at('EstablishmentStatus (name)')] === 'Open');
  const line = (r, changes) => {
    const v = [...r];
    for (const [k, x] of Object.entries(changes)) v[at(k)] = x;
    return `${v.map((x) => `"${x.replace(/"/g, '""')}"`).join(',')}\r\n`;
  };
  const header = `${head.map((h) => `"${h}"`).join(',')}\r\n`;
  // a rename (UTF-8), and a school of a local authority the register does not know (a Windows-1252 line)
  const file = path.join(tmp, 'changes.csv');
  writeFileSync(file, Buffer.concat([Buffer.from(header + line(open[0], { EstablishmentName: 'Café Renamed School', LastChangedDate: '01-02-2025' })),
    execFileSync('iconv', ['-f', 'UTF-8', '-t', 'WINDOWS-1252'], { input: line(open[1], { 'LA (code)': '697', 'LA (name)': 'Somewhere', EstablishmentName: 'École Somewhere School' }) })]));
  await page.goto(`${server.base}/admin/schools/import`);
  await page.setInputFiles('#establishments', file);
  let res = await submit(page, 'Upload and check');
  assert.equal(res.status(), 200);
  const main = () => page.locator('main').innerText();
  assert.match(await main(), /changes\.csv: Line 2 is in UTF-8, the others in Windows-1252: each line has been read in its own encoding\./);
  assert.match(await main(), /New local authorities\n+The register does not know these local authorities yet\. Importing adds them:\n+697 Somewhere: it has no hub until one is set/);
  await checkPage(page, watch, 'the check with its notes');
  await shot(page, 'import-check-notes');

  // another import changes the register meanwhile
  const other = path.join(tmp, 'other.csv');
  writeFileSync(other, header + line(open[2], { EstablishmentName: 'Renamed Elsewhere School', LastChangedDate: '01-02-2025' }));
  const r = await run(['import-gias', other, ...dbArgs(server)]);
  assert.equal(r.code, 0, r.stderr);

  res = await submit(page, 'Import schools');
  assert.equal(res.status(), 409);
  assert.equal(await h1(page), 'Check before importing');
  assert.match(await page.locator('.govuk-notification-banner:not(.govuk-notification-banner--success)').innerText(),
    /Nothing has been imported: the register has changed since you checked this file/);
  await checkPage(page, watch, 'the check made again', 409);
  await shot(page, 'import-stale');
  assert.equal(await dbQuery(server, `SELECT name FROM schools WHERE urn = '${open[0][0]}'`), open[0][at('EstablishmentName')]);

  res = await submit(page, 'Import schools');
  assert.equal(res.status(), 200);
  assert.equal(await banner(page), 'Schools imported from changes.csv.');
  await page.getByRole('link', { name: '697 Somewhere', exact: true }).waitFor();
  await checkPage(page, watch, 'the result with its new local authority');
  await shot(page, 'import-result-notes');
  assert.equal(await dbQuery(server, `SELECT name FROM schools WHERE urn = '${open[0][0]}'`), 'Café Renamed School');
  assert.equal(await dbQuery(server, `SELECT name FROM schools WHERE urn = '${open[1][0]}'`), 'École Somewhere School');
});
