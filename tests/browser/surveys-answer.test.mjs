// A survey answered with a personal link on a phone (375 x 740), in a real
// browser: the activity's lead sends the links from its page (the Surveys
// part); a participant opens their link (no sign-in), answers the first
// page, saves the second for later and stops; later, in a new browser
// context (another device), the same link goes on where they stopped; a
// required answer missed is an error summary that takes focus; the page left
// open past the session's end is shown again with what they typed (nothing
// saved) and saves when sent again; they check
// their answers, submit, and the link then only says it is completed. Every
// page is checked with axe (WCAG 2.2 A/AA), for console errors and CSP
// violations.
//
// The lead's Surveys part on the phone too: reminders scheduled before any
// link, who has not completed with their reminders, what "now" means.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there (surveys-answer-*.png,
// surveys-part-*-375.png).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertErrorSummaryFocused, banner, checkPage, dbQuery, h1, openBrowser, roleSession, shot, signIn, submit, watchPage,
} from './helpers.mjs';

const PHONE = { width: 375, height: 740 };
const CONTENT = {
  sections: [
    { key: 'about-you', title: 'About you', internal: false, questions: [
      { key: 'phase', type: 'single', text: 'Which phase do you teach?', required: true, options: ['Primary', 'Secondary'] },
      { key: 'resources', type: 'multiple', text: 'Which resources did you use?', hint: 'Choose all that apply', required: false,
        options: ['NCETM PD materials', 'Textbooks', 'Other'] },
    ] },
    { key: 'practice', title: 'Your practice', internal: false, questions: [
      { key: 'confidence', type: 'agree5', text: 'I feel confident teaching fractions', required: true },
      { key: 'years', type: 'number', text: 'How many years have you taught?', required: false, lowest: 0, highest: 60 },
      { key: 'comments', type: 'text', text: 'Is there anything else you would like to tell us?', required: false },
    ] },
    { key: 'qa', title: 'About the sessions', internal: true, questions: [
      { key: 'useful', type: 'agree5', text: 'The sessions were useful', required: true },
    ] },
  ],
};

let env, activity, link;
const sql = (q) => dbQuery(env.server, q);
const click = (page, locator) => Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);

before(async () => {
  env = await openBrowser();
  const now = new Date();
  const year = now.getUTCFullYear() - (now.getUTCMonth() < 8 ? 1 : 0);
  const mhl = await roleSession(env.server, 'mhl@phone-survey.example', 'mhl', 'SW4');
  env.llme = await roleSession(env.server, 'llme@phone-survey.example', 'llme', 'SW4');
  const ncp = await sql("SELECT id FROM projects WHERE code = 'NCP24-09'");
  const r = await mhl.post('/activities/new?hub=SW4', { ncp, kind: '', title: 'Fractions in Year 4', cohort: 'none', cohort_label: '',
    year: String(year), years: '1', format: 'face_to_face', sessions: '3', capacity: '', capacity_of: 'schools', status: 'recruiting',
    leads: [env.llme.id], link: '' });
  assert.equal(r.status, 303);
  activity = r.headers.location.split('/').pop();
  await sql(`INSERT INTO survey_templates (project_id, year, kind, title, status, content, created_at, updated_at) VALUES
      (${ncp}, ${year}, 'autumn', 'Autumn participant survey', 'open', '${JSON.stringify(CONTENT).replace(/'/g, "''")}', 0, 0);
    INSERT INTO people (email, name, created_at) VALUES ('ada@phone-survey.example', 'Ada Lovelace', 0);
    INSERT INTO activity_participants (activity_id, person_id, role, joined_on, added_at)
      SELECT ${activity}, id, 'teacher', '${year}-09-01', 0 FROM people WHERE email = 'ada@phone-survey.example';`);
});
after(async () => { if (env) await env.close(); });

test('the lead sends the links from the activity\'s page', { timeout: 120000 }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const watch = await watchPage(page);
  await signIn(context, env.server, env.llme);
  await page.goto(`${env.server.base}/activities/${activity}`, { waitUntil: 'load' });
  await checkPage(page, watch, 'the activity with its surveys');
  await click(page, page.getByRole('button', { name: 'Send survey links' }));
  assert.equal(await banner(page), 'Survey links sent to 1 person');
  assert.match(await page.locator('#surveys').innerText(), /Ada Lovelace/);
  await checkPage(page, watch, 'the activity after sending links');
  await shot(page, 'surveys-answer-activity.png');
  const body = await sql("SELECT body_text FROM outbox WHERE to_addr = 'ada@phone-survey.example'");
  link = new URL(/https?:\/\/\S+\/s\/[A-Za-z0-9_-]{43}/.exec(body)[0]).pathname;
  // a reminder now that finds nobody says why: the page was loaded when Ada was due, and she was reminded meanwhile
  await sql(`UPDATE survey_invites SET invited_at = invited_at - 2 * 86400`);
  await page.reload({ waitUntil: 'load' });
  await sql(`UPDATE survey_invites SET last_reminded_at = invited_at + 2 * 86400 - 60, reminders = 1`);
  await click(page, page.getByRole('button', { name: 'Send a reminder now' }));
  const note = (await page.locator('.govuk-notification-banner').first().innerText()).replace(/\s+/g, ' ');
  assert.match(note, /Important Nobody was reminded: the 1 person who has not completed the survey has had a link or a reminder in the last day\. You can remind them again from [A-Z][a-z]+day \d+ [A-Z][a-z]+ \d{4} at \d\d:\d\d/);
  assert.equal(await banner(page), null, 'not a success');
  await checkPage(page, watch, 'a reminder now that reached nobody');
  await shot(page, 'surveys-answer-remind-nobody.png');
  await sql(`UPDATE survey_invites SET last_reminded_at = NULL, reminders = 0`);
  await context.close();
});

test('on a phone: half a survey, stop, come back on another device and finish', { timeout: 180000 }, async () => {
  assert.ok(link, 'the link was sent');
  // the first device
  let context = await env.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  let page = await context.newPage();
  let watch = await watchPage(page);
  await page.goto(env.server.base + link, { waitUntil: 'load' });
  assert.equal(await h1(page), 'Autumn participant survey');
  assert.match(await page.locator('main').innerText(), /It has 3 pages/);
  assert.match(await page.locator('main').innerText(), /Page 3, About the sessions, is different: the national team reads its answers/);
  await checkPage(page, watch, 'the start page');
  await shot(page, 'surveys-answer-start.png');
  await click(page, page.getByRole('button', { name: 'Start now' }));
  assert.equal(await h1(page), 'About you');
  await checkPage(page, watch, 'page 1');
  // a required answer missed: the error summary takes focus
  assert.equal((await submit(page, 'Save and continue')).status(), 400);
  await assertErrorSummaryFocused(page, 'page 1 without its answer');
  await checkPage(page, watch, 'page 1 with an error', 400);
  await shot(page, 'surveys-answer-error.png');
  await page.getByLabel('Secondary').check();
  await page.getByLabel('Textbooks').check();
  await submit(page, 'Save and continue');
  assert.equal(await h1(page), 'Your practice');
  // a number outside the question's range (in its hint): refused, saying the range
  assert.match(await page.locator('#years-hint').innerText(), /A whole number from 0 to 60\./);
  await page.getByLabel('How many years have you taught? (optional)').fill('200000');
  assert.equal((await submit(page, 'Save and come back later')).status(), 400);
  await assertErrorSummaryFocused(page, 'a number outside its range');
  assert.equal((await page.locator('.govuk-error-summary li').allInnerTexts()).join('|'),
    'Enter a number from 0 to 60 for \u2018How many years have you taught?\u2019');
  await checkPage(page, watch, 'page 2 with a number outside its range', 400);
  await shot(page, 'surveys-answer-number-error.png');
  await page.getByLabel('How many years have you taught? (optional)').fill('7');
  await checkPage(page, watch, 'page 2');
  await shot(page, 'surveys-answer-page.png');
  await submit(page, 'Save and come back later');
  assert.equal(await h1(page), 'Your answers are saved');
  await checkPage(page, watch, 'saved for later');
  await shot(page, 'surveys-answer-saved.png');
  await context.close();

  // another device: a new context, no cookies
  context = await env.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  page = await context.newPage();
  watch = await watchPage(page);
  await page.goto(env.server.base + link, { waitUntil: 'load' });
  assert.match(await page.locator('main').innerText(), /You have answered part of it already/);
  await checkPage(page, watch, 'the start page, part answered');
  await click(page, page.getByRole('button', { name: 'Continue' }));
  assert.equal(await h1(page), 'Your practice');
  assert.equal(await page.getByLabel('How many years have you taught? (optional)').inputValue(), '7');
  await page.getByLabel('Agree', { exact: true }).check();
  await page.getByLabel('Is there anything else you would like to tell us? (optional)').fill('The bar models helped.');
  // the page left open past the anonymous session's end (two hours idle): shown again, nothing lost, nothing saved
  const csrf = await page.locator('input[name="csrf_token"]').inputValue();
  await sql(`UPDATE sessions SET last_seen_at = last_seen_at - 7300 WHERE csrf_token = '${csrf}'`);
  assert.equal((await submit(page, 'Save and continue')).status(), 403);
  assert.equal(await h1(page), 'Your practice');
  assert.match((await page.locator('.govuk-notification-banner').innerText()).replace(/\s+/g, ' '),
    /Your answers have not been saved yet: check them and press Save and continue again/);
  assert.equal(await page.getByLabel('Agree', { exact: true }).isChecked(), true);
  assert.equal(await page.getByLabel('How many years have you taught? (optional)').inputValue(), '7');
  assert.equal(await page.getByLabel('Is there anything else you would like to tell us? (optional)').inputValue(), 'The bar models helped.');
  assert.equal(await sql("SELECT count(*) FROM survey_values WHERE question_key = 'comments'"), '0');
  await checkPage(page, watch, 'page 2 shown again after its session ended', 403);
  await shot(page, 'surveys-answer-session-ended.png');
  await submit(page, 'Save and continue');
  // the internal section says who reads it
  assert.equal(await h1(page), 'About the sessions');
  assert.match(await page.locator('.govuk-inset-text').innerText(),
    /This page is different: the national team reads its answers to check the quality of the programme \(quality assurance\)\. They are not part of the survey's reported results\./);
  await checkPage(page, watch, 'the internal page');
  await shot(page, 'surveys-answer-internal.png');
  await page.getByLabel('Agree', { exact: true }).check();
  await submit(page, 'Save and continue');
  assert.equal(await h1(page), 'Check your answers before submitting');
  // Change: to the question on its page, and back to the check once saved
  await click(page, page.getByRole('link', { name: 'Change Which phase do you teach?' }));
  assert.equal(await h1(page), 'About you');
  assert.match(page.url(), /\/pages\/1\?return=check#phase$/);
  assert.equal(await page.locator('.govuk-back-link').getAttribute('href'), `${link}/check`);
  await checkPage(page, watch, 'page 1 changed from check your answers');
  await shot(page, 'surveys-answer-change.png');
  await page.getByLabel('Primary').check();
  await submit(page, 'Save and continue');
  assert.equal(await h1(page), 'Check your answers before submitting');
  const main = await page.locator('main').innerText();
  assert.match(main, /Which phase do you teach\?\s+Primary/);
  assert.match(main, /Textbooks/);
  assert.match(main, /The bar models helped\./);
  await checkPage(page, watch, 'check your answers');
  await shot(page, 'surveys-answer-check.png');
  await submit(page, 'Submit your answers');
  assert.match(await page.locator('main').innerText(), /Survey completed/);
  await checkPage(page, watch, 'thank you');
  await shot(page, 'surveys-answer-done.png');
  await page.goto(env.server.base + link + '/pages/1', { waitUntil: 'load' });
  assert.match(await page.locator('main').innerText(), /Survey completed/);
  assert.equal(await page.getByRole('button', { name: 'Save and continue' }).count(), 0);
  await context.close();
  assert.equal(await sql("SELECT count(*) FROM survey_invites WHERE completed_at IS NOT NULL"), '1');
});

test('the lead\'s Surveys part on a phone (375 px): a schedule before any link, who is not completed with their reminders, what "now" means; a page the survey does not have', { timeout: 120000 }, async () => {
  const year = await sql(`SELECT year FROM survey_templates WHERE title = 'Autumn participant survey'`);
  const template = await sql(`SELECT id FROM survey_templates WHERE title = 'Autumn participant survey'`);
  const mhl = await roleSession(env.server, 'mhl2@phone-survey.example', 'mhl', 'SW4');
  const ncp = await sql("SELECT id FROM projects WHERE code = 'NCP24-09'");
  const r = await mhl.post('/activities/new?hub=SW4', { ncp, kind: '', title: 'Reasoning in Year 6', cohort: 'none', cohort_label: '',
    year: String(year), years: '1', format: 'face_to_face', sessions: '3', capacity: '', capacity_of: 'schools', status: 'recruiting',
    leads: [env.llme.id], link: '' });
  assert.equal(r.status, 303);
  const second = r.headers.location.split('/').pop();
  await sql(`INSERT INTO schools (urn, name, town, postcode, status, digest, imported_at) VALUES ('900311', 'Harbour Primary School', 'Plymouth', 'PL1 2AA', 'open', 't', 0);
    INSERT INTO activity_schools (activity_id, urn, joined_on, added_at) VALUES (${second}, '900311', '${year}-09-01', 0);
    INSERT INTO people (email, name, created_at) VALUES ('bo@phone-survey.example', 'Bo Diddley', 0), ('cy@phone-survey.example', 'Cy Twombly', 0);
    INSERT INTO activity_participants (activity_id, person_id, school_urn, role, joined_on, added_at)
      SELECT ${second}, id, '900311', 'teacher', '${year}-09-01', 0 FROM people WHERE email IN ('bo@phone-survey.example', 'cy@phone-survey.example');`);
  const context = await env.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const watch = await watchPage(page);
  await signIn(context, env.server, env.llme);
  const part = async () => (await page.locator('#surveys').innerText()).replace(/\s+/g, ' ');
  const fits = async (what) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${what}: the page is ${overflow}px wider than the phone`);
  };
  // reminders scheduled before any link: they reach only those sent theirs
  await page.goto(`${env.server.base}/activities/${second}/surveys/${template}/schedule`, { waitUntil: 'load' });
  await submit(page, 'Save the schedule');
  assert.match(await part(), /No survey links have been sent yet, and reminders only reach people who have been sent their link: send the survey links first\./);
  await checkPage(page, watch, 'the Surveys part: a schedule before any link');
  await fits('a schedule before any link');
  if (process.env.MATHSHUBS_SCREENSHOTS) await page.locator('#surveys').screenshot({ path: `${process.env.MATHSHUBS_SCREENSHOTS}/surveys-part-schedule-no-links-375.png` });
  // links sent two days ago; Bo has started and been reminded once, Cy neither
  await click(page, page.getByRole('button', { name: 'Send survey links' }));
  await sql(`UPDATE survey_invites SET invited_at = invited_at - 2 * 86400 WHERE activity_id = ${second};
    UPDATE survey_invites SET started_at = invited_at, last_reminded_at = invited_at + 86400, reminders = 1
      WHERE activity_id = ${second} AND person_id = (SELECT id FROM people WHERE email = 'bo@phone-survey.example')`);
  await page.reload({ waitUntil: 'load' });
  const text = await part();
  assert.doesNotMatch(text, /No survey links have been sent yet/);
  assert.match(text, /Bo Diddley Harbour Primary School Started Reminded once, on \d+ [A-Z][a-z]+ \d{4}/);
  assert.match(text, /Cy Twombly Harbour Primary School Not started Not reminded yet/);
  assert.match(text, /A reminder sent now goes at once, whatever the day or time\. Scheduled reminders wait for school hours: 09:00 to 16:00 on a school day\. Send a reminder now/);
  await checkPage(page, watch, 'the Surveys part: not completed, with their reminders');
  await fits('not completed, with their reminders');
  if (process.env.MATHSHUBS_SCREENSHOTS) await page.locator('#surveys').screenshot({ path: `${process.env.MATHSHUBS_SCREENSHOTS}/surveys-part-not-completed-375.png` });
  await context.close();
  // a page beyond the survey: 404, says so, and leads to its start
  const anon = await env.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const p = await anon.newPage();
  const w = await watchPage(p);
  const res = await p.goto(`${env.server.base}${link}/pages/4`, { waitUntil: 'load' });
  assert.equal(res.status(), 404);
  assert.equal(res.headers()['x-robots-tag'], 'noindex, nofollow');
  assert.equal(await h1(p), 'This page of the survey does not exist');
  await checkPage(p, w, 'a page the survey does not have', 404);
  await shot(p, 'surveys-answer-no-such-page.png');
  await anon.close();
});
