// A Targeted Support activity through its cycle, in a real browser as a
// hub lead clicks it: creates an activity of NCP24-33 from /activities/new,
// opens its support from the activity's page, sets it up (the school found
// with the school search's suggestions; the days missed once: the error
// summary; then "7½"), fills each stage of the cycle (explore and plan
// done, deliver under way, evaluate to come), reads the statuses and days
// used (a session inserted with SQL: another package makes them), and moves
// the school from intensive to standard support. Every page is checked with
// axe (WCAG 2.2 A/AA), for console errors and CSP violations; the support
// page at phone width too.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there:
// support-setup.png, support-stage.png, support-level.png, support.png and
// support-phone.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { chooseSchool } from './activities.mjs';
import {
  assertErrorSummaryFocused, banner, checkPage, dbQuery, errorLinks, h1, openJourney, roleSession, seedSchools, shot, submit,
} from './helpers.mjs';

let journey, server, page, watch;
before(async () => {
  journey = await openJourney();
  ({ server, page, watch } = journey);
});
after(async () => { await journey?.close(); });

const sql = (q) => dbQuery(server, q);
/** The date `days` from today (UTC), as the three inputs of a date field take it. */
const dateOf = (days) => {
  const d = new Date(Date.now() + days * 86400000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
};
async function fillDate(legend, days) {
  const group = page.getByRole('group', { name: legend });
  const d = dateOf(days);
  await group.getByLabel('Day').fill(d.day);
  await group.getByLabel('Month').fill(d.month);
  await group.getByLabel('Year').fill(d.year);
}
const statuses = () => page.locator('.govuk-task-list__item').evaluateAll((items) => Object.fromEntries(items.map((li) => [
  li.querySelector('.govuk-task-list__name-and-hint a, .govuk-task-list__name-and-hint div').textContent.trim(),
  li.querySelector('.govuk-task-list__status').textContent.trim()])));

test('a hub lead takes a school through Targeted Support', { timeout: 180000 }, async () => {
  await seedSchools(server, { urns: ['100000'] });
  const mhl = await roleSession(server, 'mhl@ts-glow.example', 'mhl', 'SW4');
  const llme = await roleSession(server, 'llme@ts-glow.example', 'llme', 'SW4');
  await sql(`UPDATE people SET name = 'Gwen Glow' WHERE id = ${mhl.id}; UPDATE people SET name = 'Sam Stone' WHERE id = ${llme.id};
             INSERT INTO llme_accreditations (person_id, accreditation, state, since, changed_at)
             VALUES (${llme.id}, 'pd_lead', 'accredited', '2023-07-01', 0)`);
  await journey.context.addCookies([{ name: 'mh_session', value: mhl.token, url: server.base }]);

  // create the activity: NCP24-33, led by Sam
  await page.goto(`${server.base}/activities/new`, { waitUntil: 'load' });
  assert.equal(await h1(page), 'Create an activity');
  await page.getByLabel('NCP', { exact: true }).selectOption({ label: 'NCP24-33: Targeted Support in Mathematics (Intensive)' });
  await page.getByLabel('Title (optional for an NCP)').fill('Targeted Support: The Aldgate School');
  await page.getByLabel(/Sam Stone/).check();
  await submit(page, 'Create activity');
  assert.equal(await banner(page), 'Activity created');
  assert.ok(await page.getByText('Sam Stone is not accredited or working towards accreditation as a School Development Lead').isVisible());
  const activity = new URL(page.url()).pathname;

  // its support: the set-up form, with the days missed once
  await page.getByRole('link', { name: "Its school's Targeted Support: level, days and cycle" }).click();
  await page.waitForURL(`${server.base}${activity}/support`);
  assert.equal(await h1(page), 'Targeted Support');
  assert.ok(await page.getByText('Sam Stone is not accredited or working towards accreditation as a School Development Lead').isVisible(),
    'the SD Lead warning reads the same here');
  await checkPage(page, watch, 'the set-up form');
  await shot(page, 'support-setup.png');
  await chooseSchool(page, 'aldg sch', 'The Aldgate School');
  await page.getByLabel(/^Intensive/).check();
  await fillDate('Date it begins at this level', -100);
  await submit(page, 'Set up Targeted Support');
  assert.deepEqual((await errorLinks(page)).map((e) => e.text), ['Enter the agreed number of days']);
  await assertErrorSummaryFocused(page, 'set-up without days');
  await checkPage(page, watch, 'the set-up form with its error', 400);
  await page.getByLabel('Agreed days').fill('7½');
  await page.getByLabel('Development focus (optional)').fill('Fluency with number facts in Years 3 and 4');
  await submit(page, 'Set up Targeted Support');
  assert.equal(await banner(page), 'Targeted Support set up');
  assert.ok(await page.locator('.govuk-summary-list').getByText('0 of 7½ agreed days used').isVisible());
  assert.deepEqual(await statuses(), { Explore: 'Not started', Plan: 'Not started', Deliver: 'Not started', Evaluate: 'Not started' });

  // the cycle: explore and plan done, deliver under way, evaluate to come
  for (const [stage, starts, ends, notes] of [
    ['Explore', -95, -70, 'Met the head and maths lead; looked at books in Years 3 and 4.'],
    ['Plan', -69, -50, 'Agreed daily fluency sessions and two staff meetings.'],
    ['Deliver', -49, null, 'Coaching the Year 3 teachers.'],
  ]) {
    await page.getByRole('link', { name: stage, exact: true }).click();
    assert.equal(await h1(page), stage);
    if (stage === 'Explore') {
      await checkPage(page, watch, 'a stage of the cycle');
      await shot(page, 'support-stage.png');
    }
    await fillDate('Date it starts (optional)', starts);
    if (ends !== null) await fillDate('Date it ends (optional)', ends);
    await page.getByLabel('Notes (optional)').fill(notes);
    await submit(page, `Save ${stage.toLowerCase()}`);
    assert.equal(await banner(page), `${stage} saved`);
  }
  assert.deepEqual(await statuses(), { Explore: 'Completed', Plan: 'Completed', Deliver: 'In progress', Evaluate: 'Not started' });

  // a session held: its days are used
  const at = Math.floor(Date.now() / 1000) - 30 * 86400;
  await sql(`INSERT INTO activity_sessions (activity_id, starts_at, ends_at, format, venue, half_days, created_by, created_at, updated_at)
             VALUES (${activity.split('/').pop()}, ${at}, ${at + 3 * 3600}, 'face_to_face', 'The Aldgate School', 3, ${llme.id}, 0, 0)`);

  // the school moves from intensive to standard support
  await page.reload({ waitUntil: 'load' });
  assert.ok(await page.locator('.govuk-summary-list').getByText('1½ of 7½ agreed days used').isVisible());
  await page.getByRole('link', { name: 'Change level' }).click();
  assert.equal(await h1(page), 'Change the level of support');
  await checkPage(page, watch, 'the level form');
  await shot(page, 'support-level.png');
  await page.getByLabel('Standard').check();
  await fillDate('Date it changes', -10);
  await page.getByLabel('Why does it change?').fill('Its leaders have made the change intensive support was for.');
  await submit(page, 'Change the level');
  assert.equal(await banner(page), 'Level changed to Standard');
  const history = page.getByRole('table', { name: 'Its level' });
  assert.deepEqual(await history.locator('tbody tr td:nth-child(2)').allTextContents(), ['Standard', 'Intensive']);
  assert.ok(await page.getByRole('table', { name: "The school's Targeted Support" }).getByText(/Intensive from .*, then Standard from /).isVisible());
  await checkPage(page, watch, 'the support page');
  await shot(page, 'support.png');

  // on a phone
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload({ waitUntil: 'load' });
  await checkPage(page, watch, 'the support page on a phone');
  await shot(page, 'support-phone.png');
});
