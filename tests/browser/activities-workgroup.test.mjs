// A Work Group from first to last, through the pages only, as a hub lead
// and then its LLME do it, on SQLite and (with MATHSHUBS_TEST_PG_URL) on
// PostgreSQL. The server's clock (MATHSHUBS_NOW) moves on with the story,
// the server restarted on the same database:
//   Tuesday 15 September 2026: the hub lead creates a Work Group of
//     NCP24-09 for GLOW (SW4) from /activities/new?hub=SW4 and finds it on
//     the hub's list; adds two schools with the school search's
//     suggestions (one found by name, one by postcode), two teachers already
//     in the registry and two new ones (added to the registry and invited);
//     schedules three sessions (20 October in British Summer Time,
//     17 November in Greenwich Mean Time, an online one in January whose
//     end before its start is turned back with the error summary first).
//   Tuesday 20 October, 16:05 in the room: the LLME, on a phone (390 px),
//     takes the register (present, late, absent, apologies) and reads the
//     commitment and attendance rates the marks make.
//   Tuesday 17 November, 19:30 at home: the LLME uploads the typed-up
//     paper sign-in sheet of session 2 (BOM, CR LF, a title above the
//     headings, names in other cases and without accents, one row that
//     matches nobody, resolved to the participant it is), records it, and
//     reads the new rates (on the phone too).
// Every page is checked with axe (WCAG 2.2 A/AA), for console errors and
// CSP violations. With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there
// as workgroup-*.png (the LLME's phone pages as workgroup-*-phone.png).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { sessionFor } from '../lib/areas-fixtures.mjs';
import { PHONE, addSchools, chooseSchool, fillSession } from './activities.mjs';
import {
  assertErrorSummaryFocused, banner, checkPage, dbQuery, errorLinks, h1, openJourney, roleSession, shot, signIn, submit,
  watchPage,
} from './helpers.mjs';

const SEPTEMBER = '2026-09-15T09:00:00Z';
const SESSION_1 = '2026-10-20T15:05:00Z'; // 16:05 BST
const EVENING_2 = '2026-11-17T19:30:00Z'; // 19:30 GMT
const unix = (iso) => Math.floor(Date.parse(iso) / 1000);
const TITLE = 'Torbay and Exeter Development Work Group';
const TOR = 'Tor View Primary School';
const MARYS = "St Mary's Church of England Junior School";

/** The rows of the table captioned `caption` on the page: each row's cells' texts. */
const table = (page, caption) => page.getByRole('table', { name: caption }).locator('tbody tr').evaluateAll((trs) =>
  trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));

/** The whole activity's rates on the page: {Commitment, Attendance, 'Marks counted'}, the summary list after the rates' heading. */
const whole = (page) => page.locator('#rates + p + .govuk-summary-list .govuk-summary-list__row').evaluateAll((rows) =>
  Object.fromEntries(rows.map((r) => [r.querySelector('dt').textContent.trim(), r.querySelector('dd').textContent.trim()])));

/** Follows the link or button (a link styled as one) named `name`: resolves when the next page has loaded. */
async function follow(page, role, name) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole(role, { name, exact: true }).first().click()]);
}

const backends = ['sqlite', ...(process.env.MATHSHUBS_TEST_PG_URL ? ['postgres'] : [])];

for (const backend of backends) {
  test(`a hub lead sets up a Work Group and its LLME runs it (${backend})`, { timeout: 300000 }, async () => {
    const j = await openJourney({ backend, env: { MATHSHUBS_NOW: SEPTEMBER } });
    try {
      await workGroup(j, backend === 'sqlite' ? '' : '-pg');
    } finally {
      await j.close();
    }
  });
}

async function workGroup(j, suffix) {
  const { page, watch } = j;
  page.setDefaultTimeout(10000);
  const sql = (q) => dbQuery(j.server, q);
  const go = (path) => page.goto(`${j.server.base}${path}`, { waitUntil: 'load' });
  const save = (p, name) => shot(p, `workgroup-${name}${suffix}.png`);

  // the people and schools the service already holds
  let at = unix(SEPTEMBER);
  const gwen = await roleSession(j.server, 'gwen.lowe@glow.example', 'mhl', 'SW4', { at });
  const lee = await roleSession(j.server, 'lee.stone@glow.example', 'llme', 'SW4', { at });
  await addSchools(j.server, [{ urn: '900501', name: TOR, town: 'Torquay', postcode: 'TQ1 4AA', hub: 'SW4' },
    { urn: '900502', name: MARYS, town: 'Exeter', postcode: 'EX1 2BB', hub: 'SW4' }]);
  await sql(`UPDATE people SET name = 'Gwen Lowe' WHERE id = ${gwen.id}; UPDATE people SET name = 'Lee Stone' WHERE id = ${lee.id};
    INSERT INTO people (email, name, created_at, school_urn) VALUES ('tom.tor@torview.example', 'Tom Tor', 0, '900501'),
      ('ann.archer@stmarys.example', 'Ann Archer', 0, '900502');`);

  // 1. the hub lead creates the Work Group from the hub's list
  await signIn(j.context, j.server, gwen);
  await go('/hubs/SW4/activities');
  await follow(page, 'button', 'Create an activity');
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/activities/new?hub=SW4');
  assert.equal(await h1(page), 'Create an activity');
  await checkPage(page, watch, 'create an activity');
  await page.getByLabel('NCP', { exact: true }).selectOption({ label: 'NCP24-09: Primary Teaching for Mastery Development Work Groups' });
  await page.getByLabel('Title (optional for an NCP)').fill(TITLE);
  await page.getByLabel('Primary', { exact: true }).check();
  await page.getByLabel('Blended: some sessions of each').check();
  await page.getByLabel('Planned number of sessions (optional)').fill('3');
  await page.getByLabel('Capacity (optional)').fill('8');
  await page.getByRole('group', { name: 'Capacity counts' }).getByLabel('Participants').check();
  await page.getByLabel('Recruiting').check();
  await page.getByLabel(/^Lee Stone/).check();
  await page.getByLabel('MHLM link').selectOption({ label: 'Gwen Lowe' });
  await save(page, 'new');
  await submit(page, 'Create activity');
  assert.equal(await banner(page), 'Activity created');
  assert.equal(await h1(page), TITLE);
  const activity = new URL(page.url()).pathname;
  const id = activity.split('/').pop();
  assert.equal(await sql(`SELECT p.code || ' ' || a.format || ' ' || a.planned_sessions || ' ' || a.capacity || ' ' || a.capacity_of
    || ' ' || a.status || ' ' || a.first_year FROM activities a JOIN projects p ON p.id = a.project_id WHERE a.id = ${id}`),
  'NCP24-09 blended 3 8 participants recruiting 2026');
  await checkPage(page, watch, 'the new activity');
  await go('/hubs/SW4/activities');
  assert.equal(await page.locator('#result-count').innerText(), '1 activity');
  assert.ok(await page.locator('#results').getByRole('link', { name: TITLE }).isVisible(), "the Work Group is on the hub's list");
  await checkPage(page, watch, "the hub's list");
  await save(page, 'hub-list');

  // 2. its schools, with the school search: found by name, and by postcode
  await go(activity);
  await page.getByRole('navigation', { name: 'This activity' }).getByRole('link', { name: 'Schools' }).click();
  await page.waitForURL(`${j.server.base}${activity}/schools`);
  await checkPage(page, watch, 'its schools, none yet');
  await chooseSchool(page, 'tor view', TOR);
  await submit(page, 'Add school');
  assert.equal(await banner(page), `${TOR} has been added`);
  await chooseSchool(page, 'ex1 2bb', MARYS);
  await submit(page, 'Add school');
  assert.equal(await banner(page), `${MARYS} has been added`);
  assert.deepEqual(await page.locator('tbody th a').allInnerTexts(), [MARYS, TOR]);
  await checkPage(page, watch, 'its schools');
  await save(page, 'schools');

  // its participants: two in the registry already, two new (added to the registry and invited)
  const participants = () => go(`${activity}/participants`);
  for (const [label, role] of [[`Tom Tor (tom.tor@torview.example), ${TOR}`, 'Lead participant'],
    [`Ann Archer (ann.archer@stmarys.example), ${MARYS}`, 'Maths subject leader']]) {
    await participants();
    await follow(page, 'button', 'Add a participant');
    await page.getByLabel('Someone already in the registry at one of its schools').check();
    await page.getByLabel('Person').selectOption({ label });
    await page.getByLabel(role, { exact: true }).check();
    await checkPage(page, watch, 'add a participant from the registry');
    await submit(page, 'Add participant');
    assert.equal(await banner(page), `${label.split(' (')[0]} has been added`);
  }
  for (const [name, email, school, role] of [['Ada Marsh', 'ada.marsh@stmarys.example', MARYS, 'Teacher'],
    ['Zoë Ní Bhriain', 'zoe.nibhriain@torview.example', TOR, 'Early career teacher (ECT)']]) {
    await participants();
    await follow(page, 'button', 'Add a participant');
    // everyone in the registry at its schools takes part already: the form asks only for someone new
    assert.equal(await page.getByLabel('Someone new: add them to the registry').count(), 0);
    await page.getByLabel('Full name').fill(name);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('School', { exact: true }).selectOption({ label: `${school} (URN ${school === TOR ? '900501' : '900502'})` });
    await page.getByLabel(role, { exact: true }).check();
    if (name === 'Ada Marsh') {
      await checkPage(page, watch, 'add a participant, someone new');
      await save(page, 'participant-new');
    }
    await submit(page, 'Add participant');
    assert.equal(await banner(page), `${name} has been added and emailed an invitation to sign up`);
    assert.equal(await h1(page), name);
    await checkPage(page, watch, "a new participant's place");
    assert.equal(await sql(`SELECT name || ' ' || school_urn FROM people WHERE email = '${email}'`),
      `${name} ${school === TOR ? '900501' : '900502'}`, 'the new person is in the registry, at their school');
    assert.equal(await sql(`SELECT count(*) FROM outbox WHERE to_addr = '${email}'`), '1', 'and has their invitation');
  }
  await participants();
  assert.deepEqual(await page.locator('tbody th a').allInnerTexts(), ['Ada Marsh', 'Ann Archer', 'Tom Tor', 'Zoë Ní Bhriain']);
  await checkPage(page, watch, 'its participants');
  await save(page, 'participants');

  // 3. three sessions, in UK time either side of the clocks going back (25 October)
  const schedule = async (s) => {
    await go(activity);
    await follow(page, 'button', 'Schedule a session');
    await fillSession(page, s);
    await submit(page, 'Schedule the session');
  };
  await schedule({ day: '20 10 2026', start: '16:00', end: '17:30', venue: TOR, purpose: 'Fluency with number facts: planning' });
  assert.equal(await banner(page), 'Session scheduled');
  await checkPage(page, watch, "a session's page");
  await schedule({ day: '17 11 2026', start: '16:00', end: '17:30', venue: MARYS, purpose: 'Lesson study: the research lesson' });
  assert.equal(await banner(page), 'Session scheduled');
  // 6. the third, online, ends before it starts: the error summary, and what was typed is kept
  const online = 'https://meet.glow.example/torbay-exeter';
  await schedule({ day: '19 1 2027', start: '16:00', end: '15:00', online, purpose: 'Review and next steps' });
  assert.equal(await h1(page), 'Schedule a session');
  assert.deepEqual(await errorLinks(page), [{ href: '#end', text: 'The session must end after it starts' }]);
  await assertErrorSummaryFocused(page, 'a session ending before it starts');
  assert.equal(await page.getByLabel('Starts at').inputValue(), '16:00');
  assert.equal(await page.getByLabel('Ends at').inputValue(), '15:00');
  assert.equal(await page.getByLabel('Online', { exact: true }).isChecked(), true);
  assert.equal(await page.getByLabel('Meeting address').inputValue(), online);
  assert.equal(await page.getByLabel('Purpose (optional)').inputValue(), 'Review and next steps');
  assert.deepEqual([await page.getByLabel('Day').inputValue(), await page.getByLabel('Month').inputValue(),
    await page.getByLabel('Year').inputValue()], ['19', '1', '2027']);
  await checkPage(page, watch, 'schedule a session, its error', 400);
  await save(page, 'session-error');
  await page.getByLabel('Ends at').fill('17:00');
  await submit(page, 'Schedule the session');
  assert.equal(await banner(page), 'Session scheduled');
  await go(activity);
  assert.deepEqual((await table(page, 'Sessions')).map((r) => r[0]), ['Tuesday 20 October 2026, 16:00 to 17:30',
    'Tuesday 17 November 2026, 16:00 to 17:30', 'Tuesday 19 January 2027, 16:00 to 17:00']);
  // 16:00 in UK time is 15:00 UTC in October (BST), 16:00 UTC in November and January (GMT)
  assert.equal(await sql(`SELECT starts_at || ' ' || ends_at FROM activity_sessions WHERE activity_id = ${id} ORDER BY starts_at`),
    [['2026-10-20T15:00Z', '2026-10-20T16:30Z'], ['2026-11-17T16:00Z', '2026-11-17T17:30Z'], ['2027-01-19T16:00Z', '2027-01-19T17:00Z']]
      .map(([s, e]) => `${unix(s)} ${unix(e)}`).join('\n'));
  await checkPage(page, watch, 'the activity with its sessions');
  await save(page, 'activity');
  const sessions = (await sql(`SELECT id FROM activity_sessions WHERE activity_id = ${id} ORDER BY starts_at`)).split('\n');

  // 4. Tuesday 20 October, in the room: the LLME takes the register on a phone
  await j.restart({ MATHSHUBS_NOW: SESSION_1 });
  at = unix(SESSION_1);
  const phone = await j.browser.newContext(PHONE);
  try {
    await signIn(phone, j.server, await sessionFor(j.server, lee.id, { at }));
    const o = await phone.newPage();
    const ow = await watchPage(o);
    const goPhone = (path) => o.goto(`${j.server.base}${path}`, { waitUntil: 'load' });
    await goPhone(activity);
    await checkPage(o, ow, 'the activity, on a phone');
    await o.getByRole('link', { name: 'Tuesday 20 October 2026, 16:00 to 17:30' }).click();
    await o.waitForURL(`${j.server.base}/sessions/${sessions[0]}`);
    await checkPage(o, ow, "the session's page, on a phone");
    await save(o, 'session-phone');
    await follow(o, 'link', 'Take the register');
    assert.equal(await h1(o), 'Register');
    assert.ok((await o.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'no sideways scrolling at 390 px');
    await checkPage(o, ow, 'the register, on a phone');
    for (const [name, mark] of [['Tom Tor', 'Present'], ['Ann Archer', 'Late'], ['Ada Marsh', 'Absent'],
      ['Zoë Ní Bhriain', 'Apologies given']])
      await o.getByRole('group', { name: new RegExp(name) }).getByLabel(mark).check();
    await save(o, 'register-phone');
    await submit(o, 'Save register');
    assert.equal(await banner(o), 'Register saved: 4 changes');
    assert.match(await o.locator('main').innerText(), /4 participants: 1 present, 1 late, 1 absent, 1 apologies given, 0 not marked/);
    await checkPage(o, ow, 'the register, saved, on a phone');

    // the rates the marks make: 3 of 4 committed (present, late, apologies), 2 of 4 attended
    await goPhone(activity);
    assert.deepEqual(await whole(o), { Commitment: '75%', Attendance: '50%', 'Marks counted': '4' });
    assert.deepEqual(await table(o, 'By school'), [[MARYS, '50%', '50%', '2'], [TOR, '100%', '50%', '2']]);
    assert.deepEqual(await table(o, 'By participant'), [['Ada Marsh', '0%', '0%', '1'], ['Ann Archer', '100%', '100%', '1'],
      ['Tom Tor', '100%', '100%', '1'], ['Zoë Ní Bhriain', '100%', '0%', '1']]);
    await checkPage(o, ow, 'the activity with its rates, on a phone');
    await o.locator('#rates').scrollIntoViewIfNeeded();
    await save(o, 'rates-phone');

    // 5. Tuesday 17 November, in the evening: the paper sign-in sheet of session 2, typed up
    await j.restart({ MATHSHUBS_NOW: EVENING_2 });
    at = unix(EVENING_2);
    const leeNow = await sessionFor(j.server, lee.id, { at });
    await signIn(j.context, j.server, leeNow);
    await go(`/sessions/${sessions[1]}`);
    await follow(page, 'link', 'Upload a paper register (CSV)');
    await checkPage(page, watch, 'upload a paper register');
    const sheet = '\uFEFF' + [
      `${TITLE},,`,
      'Sign-in sheet: Tuesday 17 November 2026,,',
      ',,',
      'NAME,SCHOOL,SIGNATURE',
      'tom tor,Tor View Primary,T. Tor',
      'ANN ARCHER,St Marys C of E Junior,apols',
      'Zoe Ni Bhriain,TOR VIEW PRIMARY SCHOOL,ZNB',
      "A. Marsh,St Mary's,A Marsh",
    ].join('\r\n') + '\r\n';
    await page.setInputFiles('#file', { name: 'sign-in sheet 17-11.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet) });
    await submit(page, 'Check the register');
    assert.equal(await h1(page), 'Check the paper register');
    assert.match(await page.locator('main').innerText(), /Line 8: A\. Marsh, St Mary's/);
    assert.equal(await sql(`SELECT count(*) FROM register_marks WHERE session_id = ${sessions[1]}`), '0', 'nothing written before it is confirmed');
    await checkPage(page, watch, 'check the paper register');
    await page.getByLabel('Who is this?').selectOption({ label: `Ada Marsh, ${MARYS}` });
    await save(page, 'upload-check');
    await submit(page, 'Record the register');
    assert.equal(await banner(page), 'Paper register recorded: 4 marks');
    await checkPage(page, watch, 'the paper register, recorded');
    assert.equal(await sql(`SELECT p.name || ' ' || m.mark || ' ' || m.source FROM register_marks m
      JOIN activity_participants ap ON ap.id = m.participant_id JOIN people p ON p.id = ap.person_id
      WHERE m.session_id = ${sessions[1]} ORDER BY p.email`),
    'Ada Marsh present upload\nAnn Archer apologies upload\nTom Tor present upload\nZoë Ní Bhriain present upload');

    // the rates now: 7 of 8 marks committed (87.5%), 5 of 8 attended (62.5%), each rounded half up
    await go(activity);
    assert.deepEqual(await whole(page), { Commitment: '88%', Attendance: '63%', 'Marks counted': '8' });
    assert.deepEqual(await table(page, 'By school'), [[MARYS, '75%', '50%', '4'], [TOR, '100%', '75%', '4']]);
    assert.deepEqual(await table(page, 'By participant'), [['Ada Marsh', '50%', '50%', '2'], ['Ann Archer', '100%', '50%', '2'],
      ['Tom Tor', '100%', '100%', '2'], ['Zoë Ní Bhriain', '100%', '50%', '2']]);
    await checkPage(page, watch, 'the activity with its new rates');
    await save(page, 'rates');
    await signIn(phone, j.server, leeNow);
    await goPhone(activity);
    assert.deepEqual(await whole(o), { Commitment: '88%', Attendance: '63%', 'Marks counted': '8' });
    const { x, width } = await o.locator('#rates + p + .govuk-summary-list').boundingBox();
    assert.ok(x >= 0 && x + width <= 390, "the whole activity's rates are in view on the phone, without scrolling sideways");
    await checkPage(o, ow, 'the activity with its new rates, on a phone');
  } finally {
    await phone.close();
  }
}
