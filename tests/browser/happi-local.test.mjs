// A local activity's HAPPI form in a real browser: with no NCP, its LLME
// adds outcomes of its own while writing the planning; submitting with
// only one for pupils, the error summary (focused) says what a Work Group
// still needs and each link lands on the field to add it; then added and
// submitted. The form page shows the year's due dates and what is late.
// Every page is checked with axe (WCAG 2.2 A/AA), for console errors and
// CSP violations.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there
// (happi-local-planning-gaps.png, happi-local.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertErrorSummaryFocused, banner, checkPage, dbQuery, eventsJourney, shot, submit } from './helpers.mjs';

const journey = eventsJourney('2026-11-10T12:00:00Z');
const sql = (q) => dbQuery(journey.server, q);

test("a local Work Group's LLME states its own outcomes", { timeout: 120000 }, async () => {
  const { server, page, watch } = journey;
  const mhl = await journey.person('lead@glow-local.example', 'mhl', 'SW4', 'Grace Lowe');
  const link = await journey.person('amhl@glow-local.example', 'amhl', 'SW4', 'Amir Hall');
  const llme = await journey.llme('llme@glow-local.example', 'Lena Mills');
  await sql("INSERT INTO happi_due (year, planning_due, final_due, set_at) VALUES (2026, '2026-10-16', '2027-07-16', 0)");
  const made = await mhl.post('/activities/new?hub=SW4', { ncp: 'local', kind: 'Work Group', title: 'Research Work Group: number sense',
    year: '2026', years: '1', format: 'online', sessions: '4', status: 'recruiting', phases: 'Primary', leads: llme.id, link: link.id });
  assert.equal(made.status, 303, (made.body.match(/govuk-error-summary__list[\s\S]*?<\/ul>/) || [made.body.slice(0, 300)])[0]);

  await journey.signIn(llme);
  await page.goto(`${server.base}${made.headers.location}/happi`, { waitUntil: 'load' });
  assert.match(await page.locator('main').innerText(), /Planning overdue/);
  await checkPage(page, watch, 'a local activity\'s HAPPI form, not started, late');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Write the planning' }).click()]);
  await page.getByLabel('Schedule of intended activity').fill('Tue 6 Oct: launch\nTue 2 Feb: review');
  await page.getByLabel('Add an outcome for pupils').fill('Pupils use number lines to explain');
  await page.getByLabel('Interviewing participants').check();
  await checkPage(page, watch, 'a local activity\'s planning');
  await submit(page, 'Save');
  assert.equal(await banner(page), 'Planning saved');

  const gaps = await submit(page, 'Submit the planning');
  assert.equal(gaps.status(), 400);
  await assertErrorSummaryFocused(page, 'a local planning without all its kinds of outcome');
  assert.match(await page.locator('.govuk-error-summary').innerText(),
    /A Work Group must state at least one outcome for schools or departments/);
  await checkPage(page, watch, 'a local planning with gaps', 400);
  await shot(page, 'happi-local-planning-gaps.png');
  await page.getByRole('link', { name: 'A Work Group must state at least one outcome for schools or departments' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'new-schools', 'the summary\'s link lands on the field to add it');
  await page.keyboard.type('Departments plan lessons together');
  await page.getByLabel('Add an outcome for professional practice').fill('Teachers ask why, not what');
  await submit(page, 'Save');
  assert.equal(await banner(page), 'Planning saved');
  await submit(page, 'Submit the planning');
  assert.equal(await banner(page), 'Planning submitted');
  const main = await page.locator('main').innerText();
  assert.match(main, /It is with the MHLM link, to agree or review it, or return it with comments\./);
  for (const text of ['Pupils use number lines to explain', 'Departments plan lessons together', 'Teachers ask why, not what'])
    assert.ok(main.includes(text), text);
  await checkPage(page, watch, 'a local activity\'s planning submitted');
  await shot(page, 'happi-local.png');
});
