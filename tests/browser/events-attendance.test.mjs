// Attendance in a real browser, on the day of an online session (Monday 2
// March 2026, 10:00 to 11:30; the clock fixed at 09:30 by MATHSHUBS_NOW):
// an LLME confirms, finds their own joining link on the event's page and
// joins by it (the meeting itself is answered by the test); an organiser on
// a phone-sized screen (375 px) takes the register, uploads Zoom's
// participant report with a row that matches nobody, confirms it, adds
// someone who joined on a colleague's laptop and exports the register as
// Excel (read back by exceljs). Every page is checked with axe (WCAG 2.2
// A/AA), for console errors and CSP violations.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there (join-event.png,
// register-phone.png, report-check-phone.png, register-after-phone.png,
// register-desktop.png, sign-in-sheet.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import ExcelJS from 'exceljs';

import { banner, checkPage, dbQuery, eventsJourney, h1, shot, submit, watchPage } from './helpers.mjs';

const MEETING = 'https://meet.example/j/81234567890';
const journey = eventsJourney('2026-03-02T09:30:00Z');

test('an LLME joins by their link; an organiser on a phone takes the register, reads the report, exports', { timeout: 180000 }, async () => {
  const { server, page, watch } = journey;
  const admin = await journey.organiser();
  const sam = await journey.llme('sam.stone@riverside.example', 'Sam Stone');
  const others = [];
  for (const [email, name] of [['priya.shah@hill.example', 'Priya Shah'], ['tom.reed@brook.example', 'Tom Reed'],
    ['ola.ade@park.example', 'Ola Ade']])
    others.push(await journey.llme(email, name));
  const id = await journey.createEvent(admin, {
    title: 'Online session: reasoning about fractions', description: 'For Work Group Leads.', kind: 'online_session',
    organiser: 'national', format: 'online', meeting_url: MEETING, 'day1-day': '2', 'day1-month': '3', 'day1-year': '2026',
    start1: '10:00', end1: '11:30', roles: 'llme', capacity: '',
  });
  for (const p of others) assert.equal((await p.post(`/events/${id}/confirm`)).status, 303);

  // the LLME confirms and joins by their own link
  await journey.signIn(sam);
  // the browser's request to the joining link goes to the service; its answer (a 303 to the meeting) is
  // checked here, and the meeting itself answered by the test (browsers follow redirects out of reach of routes)
  let joined = null;
  await journey.context.route((url) => url.pathname.startsWith('/join/'), async (route) => {
    const res = await route.fetch({ maxRedirects: 0 });
    joined = { status: res.status(), location: res.headers().location };
    await route.fulfill({ status: 200, contentType: 'text/html',
      body: '<!doctype html><html lang="en"><title>Meeting</title><h1>The meeting</h1></html>' });
  });
  await page.goto(`${server.base}/events/${id}`, { waitUntil: 'load' });
  assert.doesNotMatch(await page.content(), /meet\.example/);
  await submit(page, 'Confirm');
  assert.match(await banner(page), /You have confirmed your place/);
  const link = page.getByRole('link', { name: /\/join\// });
  assert.match(await page.locator('main').innerText(), /Your joining link/);
  await checkPage(page, watch, 'the online event, confirmed');
  await shot(page, 'join-event.png');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
  assert.equal(await h1(page), 'The meeting');
  assert.deepEqual(joined, { status: 303, location: MEETING });
  assert.equal(await dbQuery(server, `SELECT status || ' ' || source FROM event_attendance WHERE event_id = ${id} AND person_id = ${sam.id}`),
    'present link');

  // the organiser, on a phone
  const phone = await journey.contextOf(admin, { viewport: { width: 375, height: 812 }, isMobile: true });
  const o = await phone.newPage();
  const ow = await watchPage(o);
  await o.goto(`${server.base}/events/${id}`, { waitUntil: 'load' });
  await Promise.all([o.waitForNavigation({ waitUntil: 'load' }), o.getByRole('button', { name: 'Register and attendance' }).click()]);
  assert.equal(await h1(o), 'Register');
  assert.match(await o.locator('main').innerText(), /Joined by their link/);
  assert.ok((await o.evaluate(() => document.documentElement.scrollWidth)) <= 375, 'no sideways scrolling at 375 px');
  const save = o.getByRole('button', { name: 'Save register' });
  const box = await save.boundingBox();
  assert.ok(box && box.y + box.height <= 812, 'the save button is in view before scrolling');
  await checkPage(o, ow, 'the register, on a phone');
  await shot(o, 'register-phone.png');
  await o.getByRole('group', { name: /Priya Shah/ }).getByLabel('Late').check();
  await o.getByRole('group', { name: /Tom Reed/ }).getByLabel('Absent').check();
  await submit(o, 'Save register');
  assert.match(await banner(o), /Register saved: 2 changes/);
  await checkPage(o, ow, 'the register, saved');

  // the participant report, with a row that matches nobody
  await Promise.all([o.waitForNavigation({ waitUntil: 'load' }), o.getByRole('link', { name: 'Upload a participant report (Zoom)' }).click()]);
  await checkPage(o, ow, 'upload a participant report');
  await o.setInputFiles('#file', { name: 'participants_81234567890.csv', mimeType: 'text/csv', buffer: Buffer.from(
    'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n' +
    'Sam Stone,sam.stone@riverside.example,03/02/2026 09:58:12 AM,03/02/2026 11:30:00 AM,92,No\r\n' +
    'Priya (Priya Shah),,03/02/2026 10:12:00 AM,03/02/2026 11:00:00 AM,48,Yes\r\n' +
    'Priya (Priya Shah),,03/02/2026 11:05:00 AM,03/02/2026 11:30:00 AM,25,Yes\r\n' +
    "Year 5 classroom iPad,,03/02/2026 10:01:00 AM,03/02/2026 11:30:00 AM,89,Yes\r\n") });
  await submit(o, 'Check the report');
  assert.equal(await h1(o), 'Check the participant report');
  const check = await o.locator('main').innerText();
  assert.match(check, /1 row not matched/);
  assert.match(check, /Year 5 classroom iPad/);
  assert.match(check, /73 \(2 joins\)/);
  assert.equal(await dbQuery(server, `SELECT count(*) FROM event_attendance WHERE event_id = ${id} AND source = 'report'`), '0');
  await checkPage(o, ow, 'check the participant report, on a phone');
  await shot(o, 'report-check-phone.png');
  await submit(o, 'Record attendance for 2');
  assert.match(await banner(o), /Attendance from the participant report recorded: 2/);
  assert.equal(await dbQuery(server, `SELECT status || ' ' || minutes FROM event_attendance WHERE event_id = ${id} AND person_id = ${others[0].id}`),
    'late 73');

  // Ola joined on Tom's laptop
  await Promise.all([o.waitForNavigation({ waitUntil: 'load' }), o.getByRole('link', { name: 'Add someone who joined on another device' }).click()]);
  await checkPage(o, ow, 'add attendance');
  await o.getByLabel('Their email address').fill('ola.ade@park.example');
  await o.getByLabel('Note').fill("Joined on Tom Reed's laptop in the same room");
  await submit(o, 'Save attendance');
  assert.match(await banner(o), /Person|Ola Ade is marked present/);
  assert.match(await o.locator('main').innerText(), /Joined on Tom Reed's laptop/);
  await checkPage(o, ow, 'the register, after the report');
  await shot(o, 'register-after-phone.png');

  // the export, as a download
  const [download] = await Promise.all([o.waitForEvent('download'), o.getByRole('link', { name: 'Download the register (Excel)' }).click()]);
  assert.match(download.suggestedFilename(), new RegExp(`event-${id}-register.xlsx`));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const rows = [];
  wb.getWorksheet('Register').eachRow((row) => rows.push(Array.from(row.values).slice(1).map((v) => (v == null ? '' : String(v)))));
  const by = (name) => rows.find((x) => x[1] === name);
  assert.deepEqual(by('Sam Stone').slice(5, 8), ['Present', '92', 'Participant report']);
  assert.deepEqual(by('Priya Shah').slice(5, 8), ['Late', '73', 'Participant report']);
  assert.deepEqual(by('Tom Reed').slice(5, 8), ['Absent', '', 'Register']);
  assert.equal(by('Ola Ade')[8], "Joined on Tom Reed's laptop in the same room");
  await phone.close();

  // at a desk: the register, and a face-to-face day's sign-in sheet
  const desk = await journey.contextOf(admin, { viewport: { width: 1100, height: 900 } });
  const d = await desk.newPage();
  const dw = await watchPage(d);
  await d.goto(`${server.base}/events/${id}/register`, { waitUntil: 'load' });
  await checkPage(d, dw, 'the register, at a desk');
  await shot(d, 'register-desktop.png');
  const fid = await journey.createEvent(admin, {
    title: 'Mastery national workshop', kind: 'national_workshop', organiser: 'national', format: 'face_to_face',
    venue: 'Birmingham Conference Centre', address: '1 Example Street\nBirmingham B1 1AA', 'day1-day': '20', 'day1-month': '4',
    'day1-year': '2026', start1: '10:00', end1: '16:00', roles: 'llme', capacity: '',
  });
  for (const p of others) assert.equal((await p.post(`/events/${fid}/confirm`)).status, 303);
  await d.goto(`${server.base}/events/${fid}/register/print?day=2026-04-20`, { waitUntil: 'load' });
  assert.match(await d.locator('main').innerText(), /Signature/);
  await checkPage(d, dw, 'the sign-in sheet');
  await d.emulateMedia({ media: 'print' });
  assert.equal(await d.locator('header').isVisible(), false, 'printed without the header');
  assert.equal(await d.locator('footer').isVisible(), false, 'printed without the footer');
  await shot(d, 'sign-in-sheet.png');
  await desk.close();
});
