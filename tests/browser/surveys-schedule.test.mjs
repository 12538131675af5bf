// Scheduled survey reminders set and stopped on a phone (375 x 740), in a
// real browser: the activity's lead follows "Schedule reminders" from its
// Surveys part, is refused a gap of 1 day (the error summary takes focus),
// saves every 7 days at most 3, reads the schedule in words on the part, and
// stops it. Every page is checked with axe (WCAG 2.2 A/AA), for console
// errors and CSP violations.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there (surveys-schedule-*.png).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertErrorSummaryFocused, banner, checkPage, dbQuery, h1, openBrowser, roleSession, shot, signIn, submit, watchPage } from './helpers.mjs';

const PHONE = { width: 375, height: 740 };
let env, activity;
const sql = (q) => dbQuery(env.server, q);
const click = (page, locator) => Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);

before(async () => {
  env = await openBrowser();
  const now = new Date();
  const year = now.getUTCFullYear() - (now.getUTCMonth() < 8 ? 1 : 0);
  const mhl = await roleSession(env.server, 'mhl@phone-schedule.example', 'mhl', 'SW4');
  env.llme = await roleSession(env.server, 'llme@phone-schedule.example', 'llme', 'SW4');
  const ncp = await sql("SELECT id FROM projects WHERE code = 'NCP24-09'");
  const r = await mhl.post('/activities/new?hub=SW4', { ncp, kind: '', title: 'Fractions in Year 4', cohort: 'none', cohort_label: '',
    year: String(year), years: '1', format: 'face_to_face', sessions: '3', capacity: '', capacity_of: 'schools', status: 'recruiting',
    leads: [env.llme.id], link: '' });
  assert.equal(r.status, 303);
  activity = r.headers.location.split('/').pop();
  await sql(`INSERT INTO survey_templates (project_id, year, kind, title, status, content, created_at, updated_at) VALUES
    (${ncp}, ${year}, 'autumn', 'Autumn participant survey', 'open', '{"sections":[]}', 0, 0)`);
});
after(async () => { if (env) await env.close(); });

test('on a phone: a schedule refused, saved, read in words and stopped', { timeout: 180000 }, async () => {
  const context = await env.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const watch = await watchPage(page);
  await signIn(context, env.server, env.llme);
  await page.goto(`${env.server.base}/activities/${activity}`, { waitUntil: 'load' });
  await checkPage(page, watch, 'the activity with no schedule');
  await click(page, page.locator('#surveys').getByRole('link', { name: /Schedule reminders/ }));
  assert.equal(await h1(page), 'Schedule reminders');
  await checkPage(page, watch, 'the schedule form');
  await page.getByLabel('Days between reminders').fill('1');
  assert.equal((await submit(page, 'Save the schedule')).status(), 400);
  await assertErrorSummaryFocused(page, 'a gap of 1 day');
  await checkPage(page, watch, 'the schedule form with an error', 400);
  await shot(page, 'surveys-schedule-error.png');
  await page.getByLabel('Days between reminders').fill('7');
  await submit(page, 'Save the schedule');
  assert.match(await banner(page), /^Reminders scheduled: Reminders every 7 days, at most 3/);
  assert.match(await page.locator('#surveys').innerText(), /Reminders every 7 days, at most 3, on school days from 09:00 to 16:00; never in school holidays\./);
  await checkPage(page, watch, 'the activity with a schedule');
  await shot(page, 'surveys-schedule-part.png');
  await click(page, page.getByRole('button', { name: 'Stop scheduled reminders' }));
  assert.equal(await banner(page), 'Scheduled reminders stopped for the Autumn participant survey');
  assert.match(await page.locator('#surveys').innerText(), /No reminders are scheduled/);
  await context.close();
});
