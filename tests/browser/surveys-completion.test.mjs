// A hub lead follows survey completion across their hub's activities, in a
// real browser: from the year's survey results to the autumn survey's
// completion (their hub fixed), 30 activities lowest rate first with an NCP
// breakdown; into one NCP's activities; to an activity's page, where its
// non-respondents are chased; the same page on a phone (the tables scroll
// in their own box, never the page); and the national team's view by NCP
// and by hub. Every page is checked with axe (WCAG 2.2 A/AA), for console
// errors and CSP violations.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there (surveys-completion-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { checkPage, dbQuery, eventsJourney, h1, shot, watchPage } from './helpers.mjs';
import { surveyResultsFixture } from '../lib/survey-results-fixture.mjs';

const journey = eventsJourney('2025-03-10T12:00:00Z');

const click = (page, locator) => Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
const rowsOf = (page, name) => page.getByRole('table', { name }).locator('tbody tr')
  .evaluateAll((rows) => rows.map((r) => r.innerText.replace(/\s+/g, ' ').trim()));

const PLACES = ['Truro', 'Exeter', 'Plymouth', 'Torquay', 'Barnstaple', 'Newquay', 'Falmouth', 'Bodmin', 'Penzance',
  'St Austell', 'Launceston', 'Tavistock', 'Okehampton', 'Bideford', 'Liskeard', 'Redruth', 'Camborne', 'Saltash',
  'Totnes', 'Dartmouth', 'Crediton', 'Tiverton', 'Honiton', 'Sidmouth', 'Exmouth', 'Teignmouth', 'Newton Abbot', 'Ivybridge'];
const KINDS = ['Mastering Number', 'Teaching for Mastery Development', 'Secondary Mastery Specialists', 'Readiness for Teaching for Mastery'];
const NCPS = ['NCP24-06', 'NCP24-08', 'NCP24-10'];

/** 28 more activities led by SW4, each with some invited and fewer completed. */
async function moreActivities(server, autumn) {
  const now = Math.floor(Date.now() / 1000);
  const maker = (await dbQuery(server, "SELECT id FROM people WHERE email = 'maker@browser-completion.example'")).trim();
  const stmts = [];
  for (const [k, place] of PLACES.entries()) {
    const title = `${KINDS[k % KINDS.length]} ${place}`;
    stmts.push(`INSERT INTO activities (project_id, kind, lead_hub_id, first_year, last_year, title, format, status, created_by,
      created_at, updated_at) VALUES ((SELECT id FROM projects WHERE code = '${NCPS[k % 3]}'), 'Work Group',
      (SELECT id FROM hubs WHERE code = 'SW4'), 2024, 2024, '${title}', 'online', 'running', ${maker}, ${now}, ${now})`);
    const invited = 4 + (k * 7) % 9, completed = (k * 5) % (invited + 1);
    for (let i = 1; i <= invited; i++) {
      const email = `p${i}-${k}@browser-completion.example`;
      stmts.push(`INSERT INTO people (email, name, created_at) VALUES ('${email}', 'Secret Name ${k}-${i}', ${now})`);
      stmts.push(`INSERT INTO survey_invites (template_id, activity_id, person_id, token_hash, token_sealed, invited_at, completed_at)
        VALUES (${autumn}, (SELECT id FROM activities WHERE title = '${title}'), (SELECT id FROM people WHERE email = '${email}'),
        'h-browser-completion-${k}-${i}', 'x', ${now}, ${i <= completed ? now : 'NULL'})`);
    }
  }
  await dbQuery(server, stmts.join(';\n') + ';');
}

test('a hub lead follows survey completion across 30 activities, on a desktop and a phone; the national view', { timeout: 180000 }, async () => {
  const { server, page, watch } = journey;
  const mhl = await journey.person('mhl@completion-browser.example', 'mhl', 'SW4', 'Morwenna Hub-Lead');
  const ids = await surveyResultsFixture(server, { tag: 'browser-completion', status: 'open' });
  await moreActivities(server, ids.autumn);
  await journey.signIn(mhl);

  await page.goto(`${server.base}/surveys/paired?year=2024`, { waitUntil: 'load' });
  await click(page, page.getByRole('link', { name: 'Completion of the Autumn survey 2024/25' }));
  assert.equal(await h1(page), 'Completion: Autumn survey 2024/25');
  const main = page.locator('main');
  const text = await main.innerText();
  assert.match(text, /Who it covers\s+Activities led by .*\(SW4\)/);
  assert.equal(await page.locator('select#hub').count(), 0, 'their hub is fixed, not offered');
  assert.doesNotMatch(text, /Secret Name/);
  const activities = await rowsOf(page, 'By activity');
  assert.equal(activities.length, 30);
  // lowest rate first: the rates never go down the table
  const rates = activities.map((r) => Number(/ (\d+)% /.exec(r)[1]));
  assert.deepEqual(rates, [...rates].sort((x, y) => x - y));
  assert.equal((await rowsOf(page, 'By NCP')).length, 3);
  await checkPage(page, watch, 'a hub\'s completion of the autumn survey');
  await shot(page, 'surveys-completion-hub.png');

  // one NCP's activities of the hub
  await click(page, page.getByRole('table', { name: 'By NCP' }).getByRole('link', { name: /NCP24-08/ }));
  assert.match(await main.innerText(), /Who it covers\s+Activities led by .*\(SW4\); NCP24-08/);
  assert.ok((await rowsOf(page, 'By activity')).every((r) => !/NCP24-06|NCP24-10/.test(r)));
  await checkPage(page, watch, 'a hub\'s completion for one NCP');

  // an activity: its page, where its leads see who has not completed and remind them
  await click(page, page.getByRole('link', { name: 'Readiness Plymouth' }));
  assert.equal(await h1(page), 'Readiness Plymouth');
  assert.match(await page.locator('#surveys').innerText(), /Completed by 4 of 5 invited: 80%/);

  // on a phone: the page no wider than the screen; the tables scroll in their own box
  const phone = await journey.contextOf(mhl, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const small = await phone.newPage();
  const watchSmall = await watchPage(small);
  await small.goto(`${server.base}/surveys/${ids.autumn}/completion`, { waitUntil: 'load' });
  assert.equal(await h1(small), 'Completion: Autumn survey 2024/25');
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await checkPage(small, watchSmall, 'a hub\'s completion on a phone');
  await shot(small, 'surveys-completion-phone.png');
  await phone.close();

  // the narrowest phones (320 and 375 px): the completion's tables and the
  // activity's "Not completed yet" fit their column, every column whole
  const plymouth = page.url();
  // its one not completed, part-way and reminded twice, at a school with a long name: the longest row
  await dbQuery(server, `UPDATE survey_invites SET started_at = invited_at, reminders = 2, last_reminded_at = invited_at
    WHERE activity_id = ${ids.A2} AND completed_at IS NULL;
    INSERT INTO schools (urn, name, status, digest, imported_at) VALUES (990011,
      'The Blessed Bartholomew Catholic Voluntary Aided Primary School, Stoke-sub-Hamdon', 'open', 'x', 0);
    UPDATE people SET school_urn = 990011
    WHERE id IN (SELECT person_id FROM survey_invites WHERE activity_id = ${ids.A2} AND completed_at IS NULL);
    UPDATE activity_participants SET school_urn = NULL WHERE activity_id = ${ids.A2};`);
  for (const width of [320, 375]) {
    const ctx = await journey.contextOf(mhl, { viewport: { width, height: 740 }, isMobile: true, hasTouch: true });
    const narrow = await ctx.newPage();
    const watchNarrow = await watchPage(narrow);
    for (const [url, name] of [[`${server.base}/surveys/${ids.autumn}/completion`, 'completion'], [plymouth, 'activity']]) {
      await narrow.goto(url, { waitUntil: 'load' });
      const wide = await narrow.evaluate(() => [...document.querySelectorAll('main table')].map((t) => {
        const box = t.closest('.mh-table-wrap') || t.parentElement;
        return { caption: t.caption ? t.caption.innerText : '', table: t.offsetWidth, box: box.clientWidth };
      }).filter((x) => x.table > x.box));
      assert.deepEqual(wide, [], `${name} at ${width} px: tables wider than their column`);
      const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name} at ${width} px: the page is ${overflow}px wider than the phone`);
      if (name === 'activity') assert.match(await narrow.locator('#surveys').innerText(), /Stoke-sub-Hamdon\s+Started\s+Reminded twice, the last on \d+ [A-Z][a-z]+ \d{4}/);
      await checkPage(narrow, watchNarrow, `the ${name} page at ${width} px`);
      await shot(narrow, `surveys-completion-${name}-${width}.png`);
      if (process.env.MATHSHUBS_SCREENSHOTS) await narrow.locator(name === 'activity' ? '#surveys' : '.mh-figures .mh-table-wrap >> nth=0').screenshot({ path: `${process.env.MATHSHUBS_SCREENSHOTS}/part-${name}-${width}.png` });
    }
    await ctx.close();
  }

  // the national team: by NCP and by hub, each opening its narrower view
  const admin = await journey.person('admin@completion-browser.example', 'national_admin', null, 'Nadia National');
  await journey.signIn(admin);
  await page.goto(`${server.base}/surveys/${ids.autumn}/completion`, { waitUntil: 'load' });
  assert.match(await main.innerText(), /Who it covers\s+Every activity/);
  assert.equal((await rowsOf(page, 'By lead hub')).length, 2);
  await checkPage(page, watch, 'the national completion');
  await shot(page, 'surveys-completion-national.png');
  await click(page, page.getByRole('table', { name: 'By lead hub' }).getByRole('link', { name: /\(EE1\)/ }));
  assert.match(await main.innerText(), /Who it covers\s+Activities led by .*\(EE1\)\s+Invited\s+5\s+Completed\s+5/);
  await checkPage(page, watch, 'one hub\'s completion, for the national team');

  // closing the survey: what it does, and whom it stops, before the button
  await page.goto(`${server.base}/surveys/${ids.autumn}/close`, { waitUntil: 'load' });
  assert.equal(await h1(page), 'Close this survey?');
  assert.match((await page.locator('.govuk-warning-text').innerText()).replace(/\s+/g, ' '),
    /\d+ people invited, across all activities, have not completed it\. \d+ of them ha(s|ve) answers saved part-way, which will not be counted\. Once it closes, none of them can answer it\./);
  await checkPage(page, watch, 'the close page');
  await shot(page, 'surveys-completion-close.png');
});
