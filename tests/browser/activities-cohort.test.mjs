// A regional cohort in a real browser, led by GLOW (SW4) with participants
// from GLOW and Enigma (EE1): GLOW's lead adds a school of each hub with the
// school search (a suggestion chosen), a GLOW teacher already in the
// registry and a new Enigma teacher (added to the registry and invited),
// and reads its participants; Enigma's lead, on a phone, sees Enigma's
// teacher and school only, and that teacher's place; the new teacher sees
// their own place. Every page is checked with axe (WCAG 2.2 A/AA), for
// console errors and CSP violations.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there:
// cohort-schools.png, cohort-participant-new.png, cohort-participants.png,
// cohort-participants-ee1-phone.png, cohort-place-phone.png, cohort-hubs.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { sessionFor } from '../lib/areas-fixtures.mjs';
import { PHONE, addSchools, chooseSchool } from './activities.mjs';
import { banner, checkPage, dbQuery, h1, openJourney, roleSession, shot, signIn as signInTo, submit, watchPage } from './helpers.mjs';

let j;
before(async () => { j = await openJourney(); });
after(async () => { await j?.close(); });

const sql = (q) => dbQuery(j.server, q);

/** The journey's tab, or another context, signed in as session only. */
const signIn = (session, context = j.context) => signInTo(context, j.server, session);

/** The texts of the first cells (the names) of the table rows on the page. */
const names = (p) => p.locator('tbody th a').allInnerTexts();

test('a regional cohort with participants from two hubs, each hub seeing its own', { timeout: 180000 }, async () => {
  const { server, page, watch } = j;
  await addSchools(server, [{ urn: '900401', name: 'Tor View Primary School', town: 'Torquay', postcode: 'TQ1 1AA', hub: 'SW4' },
    { urn: '900402', name: 'Marsh Junior School', town: 'Ely', postcode: 'CB7 4AA', hub: 'EE1' }]);
  const gwen = await roleSession(server, 'gwen@glow.example', 'mhl', 'SW4');
  const lee = await roleSession(server, 'lee@glow.example', 'llme', 'SW4');
  const erin = await roleSession(server, 'erin@enigma.example', 'mhl', 'EE1');
  await sql(`UPDATE people SET name = 'Gwen Glow' WHERE id = ${gwen.id}; UPDATE people SET name = 'Lee Stone' WHERE id = ${lee.id};
    UPDATE people SET name = 'Erin Eng' WHERE id = ${erin.id};
    INSERT INTO people (email, name, created_at, school_urn) VALUES ('tom@torview.example', 'Tom Tor', 0, '900401');`);
  const year = new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
  const created = await gwen.post('/activities/new?hub=SW4', { ncp: 'local', kind: 'Programme', title: 'Mastery Specialists (South West)',
    cohort: 'regional', cohort_label: 'Cohort 10', year: String(year), years: '2', phases: 'Primary', format: 'blended',
    capacity_of: 'participants', status: 'recruiting', leads: lee.id });
  assert.equal(created.status, 303, created.body.slice(0, 300));
  const activity = created.headers.location;

  // GLOW's lead adds a school of each hub with the school search
  await signIn(gwen);
  await page.goto(`${server.base}${activity}`, { waitUntil: 'load' });
  await page.getByRole('navigation', { name: 'This activity' }).getByRole('link', { name: 'Schools' }).click();
  await page.waitForURL(`${server.base}${activity}/schools`);
  assert.equal(await h1(page), 'Mastery Specialists (South West)');
  assert.match(await page.locator('main').innerText(), /No school takes part yet/);
  for (const [typed, name] of [['tor view', 'Tor View Primary School'], ['marsh jun', 'Marsh Junior School']]) {
    await chooseSchool(page, typed, name);
    await submit(page, 'Add school');
    assert.equal(await banner(page), `${name} has been added`);
  }
  const rows = await page.locator('tbody tr').allInnerTexts();
  assert.match(rows[0], /Marsh Junior School[\s\S]*Enigma/);
  assert.match(rows[1], /Tor View Primary School[\s\S]*GLOW/);
  await checkPage(page, watch, 'the cohort\'s schools');
  await shot(page, 'cohort-schools.png');

  // a GLOW teacher already in the registry, then a new Enigma teacher
  await page.getByRole('navigation', { name: 'This activity' }).getByRole('link', { name: 'Participants' }).click();
  await page.getByRole('button', { name: 'Add a participant' }).click();
  assert.equal(await h1(page), 'Add a participant');
  await page.getByLabel('Someone already in the registry at one of its schools').check();
  await page.getByLabel('Person').selectOption({ label: 'Tom Tor (tom@torview.example), Tor View Primary School' });
  await page.getByLabel('Lead participant').check();
  await checkPage(page, watch, 'add a participant, someone in the registry');
  await submit(page, 'Add participant');
  assert.equal(await banner(page), 'Tom Tor has been added');
  await page.getByRole('link', { name: 'Participants' }).last().click();
  await page.getByRole('button', { name: 'Add a participant' }).click();
  // no one else at its schools is in the registry: the form asks only for someone new
  assert.equal(await page.getByLabel('Someone new: add them to the registry').count(), 0);
  await page.getByLabel('Full name').fill('Ada Marsh');
  await page.getByLabel('Email address').fill('ada@marsh.example');
  await page.getByLabel('School', { exact: true }).selectOption({ label: 'Marsh Junior School (URN 900402)' });
  await page.getByLabel('Maths subject leader').check();
  await shot(page, 'cohort-participant-new.png');
  await submit(page, 'Add participant');
  assert.equal(await banner(page), 'Ada Marsh has been added and emailed an invitation to sign up');
  assert.equal(await h1(page), 'Ada Marsh');
  assert.match(await page.locator('main').innerText(), /Hub\s+Enigma/);
  await checkPage(page, watch, "a participant's place");
  const adaPlace = new URL(page.url()).pathname;
  assert.equal(await sql("SELECT count(*) FROM outbox WHERE to_addr = 'ada@marsh.example'"), '1');

  await page.goto(`${server.base}${activity}/participants`, { waitUntil: 'load' });
  assert.deepEqual(await names(page), ['Ada Marsh', 'Tom Tor']);
  await checkPage(page, watch, 'the cohort\'s participants, for its lead hub');
  await shot(page, 'cohort-participants.png');

  // its partner hubs: the lead hub's page
  await page.goto(`${server.base}${activity}`, { waitUntil: 'load' });
  await page.getByRole('link', { name: 'Change partner hubs' }).click();
  assert.equal(await h1(page), 'Partner hubs');
  await checkPage(page, watch, 'partner hubs');
  await shot(page, 'cohort-hubs.png');

  // Enigma's lead, on a phone: Enigma's teacher and school only
  const phone = await j.browser.newContext(PHONE);
  try {
    await signIn(erin, phone);
    const p = await phone.newPage();
    const w = await watchPage(p);
    await p.goto(`${server.base}${activity}/participants`, { waitUntil: 'load' });
    assert.deepEqual(await names(p), ['Ada Marsh']);
    assert.match(await p.locator('main').innerText(), /You see the participants of your own hub's schools/);
    assert.equal(await p.getByRole('button', { name: 'Add a participant' }).count(), 0);
    await checkPage(p, w, "the cohort's participants, for a hub whose people take part (phone)");
    await shot(p, 'cohort-participants-ee1-phone.png');
    await p.goto(`${server.base}${activity}/schools`, { waitUntil: 'load' });
    assert.deepEqual(await names(p), ['Marsh Junior School']);
    await checkPage(p, w, "the cohort's schools, for a hub whose schools take part (phone)");
    await p.getByRole('link', { name: 'Participants' }).first().click();
    await p.getByRole('link', { name: 'Ada Marsh' }).click();
    assert.equal(await h1(p), 'Ada Marsh');
    await checkPage(p, w, "a participant's place (phone)");
    await shot(p, 'cohort-place-phone.png');
    const tomPlace = await sql("SELECT p.id FROM activity_participants p JOIN people pe ON pe.id = p.person_id WHERE pe.email = 'tom@torview.example'");
    const res = await p.goto(`${server.base}/participants/${tomPlace}`, { waitUntil: 'load' });
    assert.equal(res.status(), 404, "GLOW's teacher is not Enigma's to see");
    await checkPage(p, w, 'not found', 404);

    // the new teacher's own place
    const ada = await sql("SELECT id FROM people WHERE email = 'ada@marsh.example'");
    await signIn(await sessionFor(server, ada), phone);
    await p.goto(`${server.base}${activity}`, { waitUntil: 'load' });
    await p.getByRole('link', { name: 'your place and attendance' }).click();
    assert.equal(new URL(p.url()).pathname, adaPlace);
    assert.equal(await h1(p), 'Your place');
    assert.match(await p.locator('main').innerText(), /No register has been taken for you yet/);
    await checkPage(p, w, 'your place (phone)');
  } finally {
    await phone.close();
  }
});
