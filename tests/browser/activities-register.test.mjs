// A Work Group's sessions and registers in a real browser, on the day of a
// session (Tuesday 10 November 2026; the clock fixed at 09:00 by
// MATHSHUBS_NOW): its LLME lead schedules the session at a desk; a
// participant sends apologies for the next one; on a phone (390 px) the
// lead takes the register (no sideways scrolling, "Save register" in view)
// and uploads the typed-up paper sign-in sheet, whose one unmatched row
// they resolve with the select before confirming; the sign-in sheet
// prints. Every page is checked with axe (WCAG 2.2 A/AA), for console
// errors and CSP violations.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there (activity-sessions.png,
// session-new.png, session-participant.png, activity-register-phone.png,
// activity-upload-check-phone.png, activity-sign-in-sheet.png, session-lead.png, session-lead-phone.png,
// activity-upload-phone.png, activity-rates.png, activity-register-desktop.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { PHONE, fillSession } from './activities.mjs';
import { banner, checkPage, dbQuery, eventsJourney, h1, shot, submit, watchPage } from './helpers.mjs';

const journey = eventsJourney('2026-11-10T09:00:00Z');

test("an LLME schedules a session, takes its register on a phone and uploads the paper one", { timeout: 180000 }, async () => {
  const { server, page, watch } = journey;
  const sql = (q) => dbQuery(server, q);
  const mhl = await journey.person('mhl@sw4.example', 'mhl', 'SW4', 'Mo Hale');
  const lead = await journey.llme('lee.lead@sw4.example', 'Lee Lead');
  const ann = await journey.person('ann.archer@fen.example', 'participant', null, 'Ann Archer');
  const ncp = await sql("SELECT id FROM projects WHERE code = 'NCP24-09'");
  const made = await mhl.post('/activities/new?hub=SW4', { ncp, kind: '', title: 'Fen Development Work Group', cohort: 'none',
    year: '2026', years: '1', format: 'face_to_face', sessions: '3', capacity: '', capacity_of: 'schools', status: 'recruiting',
    leads: [lead.id], link: mhl.id });
  assert.equal(made.status, 303, made.body.slice(0, 400));
  const activity = /\/activities\/(\d+)$/.exec(made.headers.location)[1];
  // its schools and people (their pages are another package's)
  await sql(`INSERT INTO schools (urn, name, status, digest, imported_at) VALUES
             ('900401', 'Fen Primary School', 'open', 't', 0), ('900402', 'Marsh Lane Infants', 'open', 't', 0)`);
  await sql(`INSERT INTO activity_schools (activity_id, urn, hub_id, joined_on, added_at) VALUES
             (${activity}, '900401', (SELECT id FROM hubs WHERE code = 'SW4'), '2026-09-01', 0),
             (${activity}, '900402', (SELECT id FROM hubs WHERE code = 'SW4'), '2026-09-01', 0)`);
  await sql(`INSERT INTO people (email, name, created_at) VALUES ('ben.brown@fen.example', 'Ben Brown', 0),
             ('cara.cole@marsh.example', 'Cara Cole', 0), ('dev.das@marsh.example', 'Dev Das', 0)`);
  for (const [email, urn] of [['ann.archer@fen.example', '900401'], ['ben.brown@fen.example', '900401'],
    ['cara.cole@marsh.example', '900402'], ['dev.das@marsh.example', '900402']])
    await sql(`INSERT INTO activity_participants (activity_id, person_id, school_urn, hub_id, role, joined_on, added_at)
               SELECT ${activity}, id, '${urn}', (SELECT id FROM hubs WHERE code = 'SW4'), 'lead_participant', '2026-09-01', 0
               FROM people WHERE email = '${email}'`);

  // at a desk, the lead schedules today's session and next week's
  await journey.signIn(lead);
  await page.goto(`${server.base}/activities/${activity}`, { waitUntil: 'load' });
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Schedule a session' }).click()]);
  assert.equal(await h1(page), 'Schedule a session');
  await checkPage(page, watch, 'schedule a session');
  await shot(page, 'session-new.png');
  const schedule = async (day, venue) => {
    await page.goto(`${server.base}/activities/${activity}/sessions/new`, { waitUntil: 'load' });
    await fillSession(page, { day: `${day} 11 2026`, start: '09:30', end: '15:30', venue, purpose: 'Lesson study: place value in Year 3' });
    await submit(page, 'Schedule the session');
    assert.match(await banner(page), /Session scheduled/);
    return /\/sessions\/(\d+)$/.exec(page.url())[1];
  };
  const today = await schedule('10', 'Fen Primary School hall');
  assert.match(await page.locator('main').innerText(), /Tuesday 10 November 2026, 09:30 to 15:30/);
  await checkPage(page, watch, "the session's page, for its lead");
  await shot(page, 'session-lead.png');
  const next = await schedule('17', 'Marsh Lane Infants');
  await page.goto(`${server.base}/activities/${activity}`, { waitUntil: 'load' });
  assert.match(await page.locator('main').innerText(), /Tuesday 17 November 2026, 09:30 to 15:30/);
  await checkPage(page, watch, 'the activity with its sessions');
  await shot(page, 'activity-sessions.png');

  // Ann sends her apologies for next week's
  await journey.signIn(ann);
  await page.goto(`${server.base}/sessions/${next}`, { waitUntil: 'load' });
  await checkPage(page, watch, "the session's page, for a participant");
  await page.getByLabel(/Anything the session's leads should know/).fill('Year 6 moderation that day');
  await submit(page, 'Send apologies');
  assert.match(await banner(page), /Your apologies have been sent/);
  await shot(page, 'session-participant.png');

  // on a phone, the lead takes today's register
  const phone = await journey.contextOf(lead, PHONE);
  const o = await phone.newPage();
  const ow = await watchPage(o);
  await o.goto(`${server.base}/sessions/${today}`, { waitUntil: 'load' });
  await shot(o, 'session-lead-phone.png');
  await Promise.all([o.waitForNavigation({ waitUntil: 'load' }), o.getByRole('link', { name: 'Take the register' }).click()]);
  assert.equal(await h1(o), 'Register');
  assert.ok((await o.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'no sideways scrolling at 390 px');
  const box = await o.getByRole('button', { name: 'Save register' }).boundingBox();
  assert.ok(box && box.y + box.height <= 844, 'the save button is in view before scrolling');
  await checkPage(o, ow, 'the register, on a phone');
  await o.getByRole('group', { name: /Ann Archer/ }).getByLabel('Present').check();
  await o.getByRole('group', { name: /Ben Brown/ }).getByLabel('Late').check();
  await shot(o, 'activity-register-phone.png');
  await submit(o, 'Save register');
  assert.match(await banner(o), /Register saved: 2 changes/);
  await checkPage(o, ow, 'the register, saved');
  assert.equal(await sql(`SELECT register_source FROM activity_sessions WHERE id = ${today}`), 'phone');

  // the paper sign-in sheet, typed up: Dev Das signed as "Dev D" (matches nobody)
  await Promise.all([o.waitForNavigation({ waitUntil: 'load' }), o.getByRole('link', { name: 'Upload a paper register (CSV)' }).click()]);
  await checkPage(o, ow, 'upload a paper register');
  await shot(o, 'activity-upload-phone.png');
  await o.setInputFiles('#file', { name: 'sign-in.csv', mimeType: 'text/csv', buffer: Buffer.from(
    'Name,School,Signature\r\nAnn Archer,Fen Primary,A Archer\r\nBen Brown,Fen Primary,BB\r\nCara Cole,Marsh Lane Infants,\r\n' +
    'Dev D,Marsh Lane,DD\r\n') });
  await submit(o, 'Check the register');
  assert.equal(await h1(o), 'Check the paper register');
  assert.match(await o.locator('main').innerText(), /Line 5: Dev D, Marsh Lane/);
  assert.equal(await sql(`SELECT count(*) FROM register_marks WHERE session_id = ${today} AND source = 'upload'`), '0');
  await checkPage(o, ow, 'check the paper register, on a phone');
  await o.getByLabel('Who is this?').selectOption({ label: 'Dev Das, Marsh Lane Infants' });
  await shot(o, 'activity-upload-check-phone.png');
  await submit(o, 'Record the register');
  assert.match(await banner(o), /Paper register recorded: 4 marks/);
  assert.equal(await sql(`SELECT p.name || ' ' || m.mark || ' ' || m.source FROM register_marks m
    JOIN activity_participants ap ON ap.id = m.participant_id JOIN people p ON p.id = ap.person_id
    WHERE m.session_id = ${today} ORDER BY p.name`),
  'Ann Archer present phone\nBen Brown present upload\nCara Cole absent upload\nDev Das present upload');
  await phone.close();

  // the sign-in sheet, printed
  await journey.signIn(lead);
  await page.goto(`${server.base}/sessions/${next}/register/print`, { waitUntil: 'load' });
  assert.match(await page.locator('main').innerText(), /Dev Das/);
  await checkPage(page, watch, 'the sign-in sheet');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header').isVisible(), false, 'printed without the header');
  await shot(page, 'activity-sign-in-sheet.png');
  await page.emulateMedia({ media: 'screen' });
  await page.goto(`${server.base}/activities/${activity}`, { waitUntil: 'load' });
  assert.match(await page.locator('main').innerText(), /Commitment and attendance/);
  await checkPage(page, watch, 'the activity with its rates');
  await shot(page, 'activity-rates.png');
  await page.goto(`${server.base}/sessions/${today}/register`, { waitUntil: 'load' });
  await checkPage(page, watch, 'the register, at a desk');
  await shot(page, 'activity-register-desktop.png');
});
