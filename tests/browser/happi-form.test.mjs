// An activity's HAPPI form in a real browser, through its year: the LLME
// writes the planning (a mistake on submitting first: what it still needs,
// the error summary focused), submits it; the MHLM link returns it with a
// comment on a phone; the LLME answers, resubmits; the link agrees it;
// a progress update; the impact; the final form submitted and reviewed;
// two versions compared; the whole form printed. Every page is checked with axe (WCAG 2.2 A/AA),
// for console errors and CSP violations.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there (happi.png,
// happi-planning.png, happi-planning-gaps.png, happi-return-phone.png,
// happi-impact.png, happi-compare.png, happi-compare-phone.png, happi-print.png, happi-print-paper.png (as
// printed), happi-print-phone.png, happi-signed-out.png, happi-own.png, happi-hub.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertErrorSummaryFocused, banner, checkPage, dbQuery, eventsJourney, h1, shot, submit } from './helpers.mjs';
import { sessionFor } from '../lib/areas-fixtures.mjs';

const journey = eventsJourney('2026-11-10T12:00:00Z');
const sql = (q) => dbQuery(journey.server, q);

test('an LLME and their link take a HAPPI form through its year', { timeout: 240000 }, async () => {
  const { server, page, watch } = journey;
  const mhl = await journey.person('lead@glow-happi.example', 'mhl', 'SW4', 'Grace Lowe');
  const link = await journey.person('amhl@glow-happi.example', 'amhl', 'SW4', 'Amir Hall');
  const llme = await journey.llme('llme@glow-happi.example', 'Lena Mills');
  const ncp = await sql("SELECT id FROM projects WHERE code = 'NCP24-09'");
  for (const [kind, text] of [['pupils', 'Pupils explain their reasoning'], ['practice', 'Teachers use representations with purpose']])
    await sql(`INSERT INTO ncp_outcomes (project_id, kind, position, text, created_at, updated_at) VALUES (${ncp}, '${kind}', 1, '${text}', 0, 0)`);
  const made = await mhl.post('/activities/new?hub=SW4', { ncp, year: '2026', years: '1', format: 'face_to_face', sessions: '4',
    status: 'recruiting', leads: llme.id, link: link.id });
  assert.equal(made.status, 303, (made.body.match(/govuk-error-summary__list[\s\S]*?<\/ul>/) || [made.body.slice(0, 300)])[0]);
  const activity = made.headers.location;

  // the LLME writes the planning (and is signed out before a save: what they typed is kept)
  await journey.signIn(llme);
  await page.goto(`${server.base}${activity}`, { waitUntil: 'load' });
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'HAPPI form', exact: true }).click()]);
  await checkPage(page, watch, 'a HAPPI form not started');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Write the planning' }).click()]);
  assert.equal(await h1(page), 'Primary Teaching for Mastery Development Work Groups');
  await page.getByLabel('Schedule of intended activity').fill('Tue 6 Oct: launch\nTue 3 Nov: lesson study\nTue 2 Feb: review');
  await page.getByLabel('Outcomes for pupils: Pupils explain their reasoning').fill('Year 4 pupils explain their methods');
  await page.getByLabel('Visiting schools').check();
  await checkPage(page, watch, 'the planning');
  await shot(page, 'happi-planning.png');
  await submit(page, 'Save');
  assert.equal(await banner(page), 'Planning saved');
  // writing on, the session ends before Save: the text is kept, and given back after signing in again
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Write the planning' }).click()]);
  await page.getByLabel('Schedule of intended activity').fill('Tue 6 Oct: launch\nTue 3 Nov: lesson study\nTue 2 Feb: review\nTue 9 Mar: showcase');
  await sql(`UPDATE sessions SET last_seen_at = last_seen_at - 10800, created_at = created_at - 10800 WHERE person_id = ${llme.id}`);
  const out = await submit(page, 'Save');
  assert.equal(out.status(), 401);
  assert.equal(await h1(page), 'You were signed out');
  await checkPage(page, watch, 'signed out, the text kept', 401);
  await shot(page, 'happi-signed-out.png');
  await journey.signIn(await sessionFor(server, llme.id, { at: journey.at }));
  // signed in again, the home page leads back to the page
  await page.goto(`${server.base}/`, { waitUntil: 'load' });
  await checkPage(page, watch, 'the home page, with the text kept');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('link', { name: /^The page you were writing on / }).click()]);
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /We kept what you typed here when you were signed out/);
  assert.match(await page.getByLabel('Schedule of intended activity').inputValue(), /Tue 9 Mar: showcase/);
  await checkPage(page, watch, 'the planning, the kept text given back');
  await submit(page, 'Save');
  assert.equal(await banner(page), 'Planning saved');
  // submitted with a gap: what it still needs
  const gaps = await submit(page, 'Submit the planning');
  assert.equal(gaps.status(), 400);
  await assertErrorSummaryFocused(page, 'a planning with gaps');
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Say what outcome 2 means for your schools and participants/);
  await checkPage(page, watch, 'the planning with gaps', 400);
  await shot(page, 'happi-planning-gaps.png');
  await page.getByLabel('Outcomes for professional practice: Teachers use representations with purpose').fill('Bar models in every lesson');
  await submit(page, 'Save');
  await submit(page, 'Submit the planning');
  assert.equal(await banner(page), 'Planning submitted');
  await checkPage(page, watch, 'the planning submitted');
  await shot(page, 'happi.png');

  // the link returns it with a comment, on a phone
  const phone = await journey.contextOf(link, { viewport: { width: 390, height: 844 }, isMobile: true });
  const small = await phone.newPage();
  await small.goto(`${server.base}${activity}/happi`, { waitUntil: 'load' });
  await Promise.all([small.waitForNavigation({ waitUntil: 'load' }), small.getByRole('link', { name: 'Return it with comments' }).click()]);
  await checkPage(small, watch, 'returning a form, phone');
  await small.getByLabel('What should change?').fill('Say which Year 4 classes, and how you will see it in books');
  await shot(small, 'happi-return-phone.png');
  await submit(small, 'Return it');
  assert.equal(await banner(small), 'Returned with your comments');

  // the LLME answers and resubmits; the link agrees
  await page.reload({ waitUntil: 'load' });
  assert.match(await page.locator('main').innerText(), /Planning returned/);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Write the planning' }).click()]);
  await page.getByLabel('Outcomes for pupils: Pupils explain their reasoning').fill('Pupils in 4B and 4R explain their methods in writing');
  await submit(page, 'Save');
  await submit(page, 'Submit the planning');
  await small.reload({ waitUntil: 'load' });
  await submit(small, 'Agree the planning');
  assert.equal(await banner(small), 'Planning agreed');
  await checkPage(small, watch, 'an agreed form, phone');
  // the link's quality assurance note, after a visit: internal
  await Promise.all([small.waitForNavigation({ waitUntil: 'load' }), small.getByRole('link', { name: 'Quality assurance notes' }).click()]);
  await small.getByLabel('A QA visit').check();
  await small.getByLabel('Day').fill('5');
  await small.getByLabel('Month').fill('11');
  await small.getByLabel('Year').fill('2026');
  await small.getByLabel('Note', { exact: true }).fill('Saw 4B reasoning aloud in pairs; routines not yet shared across year groups.');
  await submit(small, 'Add note');
  assert.equal(await banner(small), 'Note added');
  await checkPage(small, watch, 'quality assurance notes, phone');
  await shot(small, 'happi-qa-phone.png');

  // progress, impact, final, reviewed
  await page.goto(`${server.base}${activity}/happi/progress`, { waitUntil: 'load' });
  await page.getByLabel('What has happened since the last update').fill('Two sessions held. Book looks in 4B show written explanations.');
  await checkPage(page, watch, 'a progress update');
  await submit(page, 'Save');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Write the impact' }).click()]);
  for (const n of [1, 2]) {
    await page.getByLabel(`Evidence collated for outcome ${n}`).fill('Book looks, pupil interviews');
    await page.getByRole('group', { name: `How far was outcome ${n} met?` }).getByLabel('Met', { exact: true }).check();
  }
  await checkPage(page, watch, 'the impact');
  await shot(page, 'happi-impact.png');
  await submit(page, 'Save');
  await submit(page, 'Submit the final form');
  assert.equal(await banner(page), 'Final form submitted');
  await small.goto(`${server.base}${activity}/happi`, { waitUntil: 'load' });
  await submit(small, 'Mark as reviewed');
  assert.equal(await banner(small), 'Marked as reviewed');

  // two versions compared
  await page.goto(`${server.base}${activity}/happi/versions`, { waitUntil: 'load' });
  await checkPage(page, watch, 'every version');
  await page.getByLabel('Compare').selectOption('2');
  await page.getByLabel('with').selectOption('6');
  await submit(page, 'Compare');
  assert.match(await page.locator('main').innerText(), /Version 2 and version 6/);
  assert.equal(await page.locator('del.mh-removed').count() > 0, true);
  await checkPage(page, watch, 'two versions compared');
  await shot(page, 'happi-compare.png');
  await small.goto(page.url(), { waitUntil: 'load' });
  await checkPage(small, watch, 'two versions compared, phone');
  await shot(small, 'happi-compare-phone.png');

  // the whole form to print, from its page: every part, never the QA note; on paper without the
  // service's header, footer, back link or button
  await page.goto(`${server.base}${activity}/happi`, { waitUntil: 'load' });
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('link', { name: 'A print-friendly page of the whole form' }).click()]);
  assert.equal(await h1(page), 'Primary Teaching for Mastery Development Work Groups');
  const printed = await page.locator('main').innerText();
  for (const want of [/Lena Mills/, /Amir Hall/, /Tue 2 Feb: review/, /Pupils in 4B and 4R explain their methods in writing/,
    /Two sessions held\. Book looks in 4B/, /Book looks, pupil interviews/,
    /Say which Year 4 classes, and how you will see it in books/])
    assert.match(printed, want);
  assert.doesNotMatch(printed, /reasoning aloud in pairs|Quality assurance notes/);
  await checkPage(page, watch, 'the print page');
  await shot(page, 'happi-print.png');
  await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
  await page.getByRole('button', { name: 'Print this page' }).click();
  assert.equal(await page.evaluate(() => window.printed), 1, "the button opens the browser's print");
  await page.emulateMedia({ media: 'print' });
  for (const chrome of ['.govuk-template__header', '.govuk-footer', '.govuk-back-link', '.govuk-service-navigation', '[data-mh-print]'])
    assert.equal(await page.locator(chrome).first().isVisible(), false, `${chrome} is not printed`);
  assert.equal(await page.getByText('Pupils in 4B and 4R explain their methods in writing').isVisible(), true);
  await shot(page, 'happi-print-paper.png');
  await page.emulateMedia({ media: 'screen' });
  await small.goto(page.url(), { waitUntil: 'load' });
  await checkPage(small, watch, 'the print page, phone');
  await shot(small, 'happi-print-phone.png');
  await phone.close();

  // the lists: the LLME's own, the hub's for its leadership
  await page.goto(`${server.base}/activities`, { waitUntil: 'load' });
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Your HAPPI forms' }).click()]);
  assert.match(await page.locator('main').innerText(), /Activities you lead[\s\S]*Reviewed/);
  await checkPage(page, watch, 'your HAPPI forms');
  await shot(page, 'happi-own.png');
  await journey.signIn(mhl);
  await page.goto(`${server.base}/hubs/SW4/activities`, { waitUntil: 'load' });
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: "The hub's HAPPI forms" }).click()]);
  assert.equal(await h1(page), 'HAPPI forms, 2026/27');
  await checkPage(page, watch, "a hub's HAPPI forms");
  await shot(page, 'happi-hub.png');
  // the national team: counts by NCP and hub
  await journey.signIn(await journey.person('analyst@ncetm-happi.example', 'national_analyst'));
  await page.goto(`${server.base}/happi/national`, { waitUntil: 'load' });
  assert.match(await page.locator('table').first().innerText(), /NCP24-09[\s\S]*1/);
  await checkPage(page, watch, 'HAPPI forms across the hubs, with counts');
  await shot(page, 'happi-national-counts.png');
});
