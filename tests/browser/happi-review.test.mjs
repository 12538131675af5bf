// The HAPPI form's pages in the states a review reached that its journey
// does not: each checked with axe (WCAG 2.2 A/AA), for console errors and
// CSP violations, on a 390 px phone. The LLME saves after their hub lead
// saved meanwhile (409: the error summary focused, their text still there,
// what the other saved shown); a step taken from a page opened before a
// save (409); the planning opened once submitted (403, saying why); the
// link returns it without a comment (400); a progress update without its
// date (400: the text kept, the error linked to the day); a quality
// assurance note with nothing chosen (400); two versions asked for that do
// not exist (400, linked to the choice); a hub's forms, each status tag's
// colour as wide as its words, the status in view on a phone.
//
// With MATHSHUBS_SCREENSHOTS=DIR: happi-conflict-phone.png, happi-progress-error-phone.png,
// happi-hub-390.png, happi-hub-1100.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertErrorSummaryFocused, banner, checkPage, dbQuery, eventsJourney, h1, shot, submit } from './helpers.mjs';

const journey = eventsJourney('2026-11-10T12:00:00Z');
const sql = (q) => dbQuery(journey.server, q);
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };

test('the HAPPI form\'s errors and refusals, on a phone', { timeout: 240000 }, async () => {
  const { server, watch } = journey;
  const mhl = await journey.person('lead@review-happi.example', 'mhl', 'SW4', 'Grace Lowe');
  const link = await journey.person('amhl@review-happi.example', 'amhl', 'SW4', 'Amir Hall');
  const llme = await journey.llme('llme@review-happi.example', 'Lena Mills');
  const ncp = await sql("SELECT id FROM projects WHERE code = 'NCP24-09'");
  await sql(`INSERT INTO ncp_outcomes (project_id, kind, position, text, created_at, updated_at) VALUES (${ncp}, 'pupils', 1, 'Pupils explain their reasoning', 0, 0)`);
  const outcome = await sql(`SELECT id FROM ncp_outcomes WHERE project_id = ${ncp}`);
  const made = await mhl.post('/activities/new?hub=SW4', { ncp, year: '2026', years: '1', format: 'face_to_face', sessions: '4',
    status: 'recruiting', leads: llme.id, link: link.id });
  assert.equal(made.status, 303);
  const form = `${made.headers.location}/happi`;
  const version = async () => await sql(`SELECT version FROM happi_forms WHERE activity_id = ${form.split('/')[2]}`);
  const planning = (v, over = {}) => ({ version: v, schedule: 'Tue 6 Oct: launch', [`local-${outcome}`]: 'Year 4 pupils explain',
    methods: 'visits', methods_other: '', agreed: 'mhlm_link', ...over });

  const phone = await journey.contextOf(llme, PHONE);
  const page = await phone.newPage();
  // the LLME writes on their phone; their hub lead saves meanwhile
  await page.goto(`${server.base}${form}/planning`, { waitUntil: 'load' });
  await page.getByLabel('Schedule of intended activity').fill('Tue 6 Oct: launch\nTue 3 Nov: lesson study\nTue 2 Feb: review');
  assert.equal((await mhl.post(`${form}/planning`, planning('0', { schedule: 'Dates to be agreed' }))).status, 303);
  const clash = await submit(page, 'Save');
  assert.equal(clash.status(), 409);
  await assertErrorSummaryFocused(page, 'a save after someone else saved');
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Grace Lowe saved this form on Tuesday 10 November 2026 at 12:00, after you opened it/);
  assert.match(await page.getByLabel('Schedule of intended activity').inputValue(), /Tue 2 Feb: review/, 'what they typed is still there');
  assert.match(await page.locator('details').innerText(), /What Grace Lowe saved \(version 1\)[\s\S]*Dates to be agreed/);
  await checkPage(page, watch, 'a save after someone else saved, phone', 409);
  await shot(page, 'happi-conflict-phone.png');
  await page.getByLabel('Outcomes for pupils: Pupils explain their reasoning').fill('Year 4 pupils explain their methods');
  await page.getByLabel('Visiting schools').check();
  await submit(page, 'Save');
  assert.equal(await banner(page), 'Planning saved');
  assert.equal(await version(), '2');

  // a step from a page opened before another save: nothing done
  await page.goto(`${server.base}${form}`, { waitUntil: 'load' });
  assert.equal((await llme.post(`${form}/planning`, planning('2'))).status, 303);
  const stale = await submit(page, 'Submit the planning');
  assert.equal(stale.status(), 409);
  assert.equal(await h1(page), 'The form has changed');
  await checkPage(page, watch, 'a step on an old version, phone', 409);
  await page.goto(`${server.base}${form}`, { waitUntil: 'load' });
  await submit(page, 'Submit the planning');
  assert.equal(await banner(page), 'Planning submitted');

  // the planning opened once submitted: refused, saying why
  const refused = await page.goto(`${server.base}${form}/planning`, { waitUntil: 'load' });
  assert.equal(refused.status(), 403);
  assert.equal(await h1(page), 'You cannot do this');
  await checkPage(page, watch, 'the planning once submitted, phone', 403);

  // the link returns it without saying what should change
  const linkPhone = await journey.contextOf(link, PHONE);
  const small = await linkPhone.newPage();
  await small.goto(`${server.base}${form}/return`, { waitUntil: 'load' });
  const noComment = await submit(small, 'Return it');
  assert.equal(noComment.status(), 400);
  await assertErrorSummaryFocused(small, 'a return without comments');
  await small.locator('.govuk-error-summary a').click();
  assert.equal(await small.evaluate(() => document.activeElement.id), 'comment');
  await checkPage(small, watch, 'a return without comments, phone', 400);
  await small.goto(`${server.base}${form}`, { waitUntil: 'load' });
  await submit(small, 'Agree the planning');
  assert.equal(await banner(small), 'Planning agreed');

  // a progress update written without its date: the text stays, the day is asked for
  await page.goto(`${server.base}${form}/progress`, { waitUntil: 'load' });
  for (const part of ['Day', 'Month', 'Year']) await page.getByLabel(part).fill('');
  await page.getByLabel('What has happened since the last update').fill('Two sessions held. Book looks in 4B show written explanations.');
  const noDay = await submit(page, 'Save');
  assert.equal(noDay.status(), 400);
  await assertErrorSummaryFocused(page, 'a progress update without its date');
  assert.equal(await page.locator('.govuk-error-summary a').innerText(), 'Enter the date of this update');
  assert.match(await page.getByLabel('What has happened since the last update').inputValue(), /Book looks in 4B/);
  await checkPage(page, watch, 'a progress update without its date, phone', 400);
  await shot(page, 'happi-progress-error-phone.png');
  await page.locator('.govuk-error-summary a').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'progress_day-day');
  await page.getByLabel('Day').fill('9');
  await page.getByLabel('Month').fill('11');
  await page.getByLabel('Year').fill('2026');
  await submit(page, 'Save');
  assert.equal(await banner(page), 'Progress update saved');

  // a quality assurance note with nothing chosen
  await small.goto(`${server.base}${form}/qa`, { waitUntil: 'load' });
  const noKind = await submit(small, 'Add note');
  assert.equal(noKind.status(), 400);
  await assertErrorSummaryFocused(small, 'a note with nothing chosen');
  await checkPage(small, watch, 'a quality assurance note with nothing chosen, phone', 400);

  // two versions that do not both exist
  const compare = await page.goto(`${server.base}${form}/compare?from=1&to=999`, { waitUntil: 'load' });
  assert.equal(compare.status(), 400);
  await page.locator('.govuk-error-summary a').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'from');
  await checkPage(page, watch, 'two versions compared that do not exist, phone', 400);
  await linkPhone.close();
  await phone.close();

  // the hub's forms, on a phone and a desktop: each status tag's colour as wide as its words
  const second = await mhl.post('/activities/new?hub=SW4', { ncp, year: '2026', years: '1', format: 'online', sessions: '2',
    status: 'recruiting', leads: llme.id, link: link.id });
  await sql(`INSERT INTO happi_forms (activity_id, year, status, version, content, updated_by, updated_at)
             VALUES (${second.headers.location.split('/').pop()}, 2026, 'final_submitted', 1, '{}', ${llme.id}, ${journey.at})`);
  for (const options of [PHONE, { viewport: { width: 1100, height: 900 } }]) {
    const context = await journey.contextOf(mhl, options);
    const lead = await context.newPage();
    await lead.goto(`${server.base}/hubs/SW4/happi`, { waitUntil: 'load' });
    const tags = await lead.locator('table .govuk-tag').evaluateAll((els) => els.map((e) => [e.textContent.trim(), e.scrollWidth - e.clientWidth]));
    assert.ok(tags.some(([t]) => t === 'Final form submitted'), JSON.stringify(tags));
    assert.deepEqual(tags.filter(([, over]) => over > 0), [], `${options.viewport.width} px: no tag's words outside its colour`);
    const status = await lead.locator('table tbody tr').first().locator('td').first().boundingBox();
    assert.ok(status.x + 40 < options.viewport.width, 'the status is in view without scrolling');
    await checkPage(lead, watch, `a hub's HAPPI forms, ${options.viewport.width} px`);
    await shot(lead, `happi-hub-${options.viewport.width}.png`);
    // narrowed to one status: the table keeps that form, the counts stay the year's
    await lead.selectOption('#status', 'final_submitted');
    await lead.getByRole('button', { name: 'Apply filters' }).click();
    await lead.waitForURL(/status=final_submitted/);
    assert.equal(await lead.locator('table tbody tr').count(), 1);
    assert.match(await lead.locator('[role="status"]').textContent(), /Showing 1 of 2 activities/);
    await checkPage(lead, watch, `a hub's HAPPI forms filtered, ${options.viewport.width} px`);
    await shot(lead, `happi-hub-filtered-${options.viewport.width}.png`);
    await context.close();
  }
});
