// Hub leadership reads survey results with charts, in a real browser: from
// the account page's "Survey results" to the year's page (its surveys and
// the paired change), then the autumn survey's results for their own hub
// (the hub fixed, not offered), with a chart and its table for each choice
// and agreement question and the free-text answers behind "Read the
// answers"; then one activity of 4 (nothing broken down); from an
// activity's HAPPI form to its results; and the same results on a phone. Every page is checked with axe (WCAG 2.2 A/AA), for
// console errors and CSP violations.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there (surveys-results-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { checkPage, eventsJourney, h1, shot, watchPage } from './helpers.mjs';
import { surveyResultsFixture } from '../lib/survey-results-fixture.mjs';

const journey = eventsJourney('2025-03-10T12:00:00Z');

const click = (page, locator) => Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);

test('hub leadership reads the results of their hub with charts, on a desktop and a phone', { timeout: 180000 }, async () => {
  const { server, page, watch } = journey;
  const mhl = await journey.person('mhl@results-browser.example', 'mhl', 'SW4', 'Morwenna Hub-Lead');
  const ids = await surveyResultsFixture(server, { tag: 'browser' });
  await journey.signIn(mhl);

  await page.goto(`${server.base}/account`, { waitUntil: 'load' });
  await click(page, page.getByRole('link', { name: 'Survey results' }));
  assert.equal(await h1(page), 'Survey results and paired change');
  const year = await page.locator('main').innerText();
  assert.match(year, /People who completed both surveys\s+10/);
  // SW4's change is not shown: A1's one autumn-only person's answer is the autumn results less the
  // summer results plus the change (tests/http/surveys-results.test.mjs works it by hand)
  // each cell short; why, in a note below the table
  assert.match(year, /I feel confident teaching fractions\s+Not shown\s*note\s*1\s+10/);
  assert.match(year, /I feel confident teaching fractions: Not shown: 1 person answered this in only one of the two surveys/);
  assert.doesNotMatch(year, /Mean before|Mean after/);
  await checkPage(page, watch, 'the year\'s survey results and paired change');
  await shot(page, 'surveys-results-paired.png');

  await click(page, page.getByRole('link', { name: 'Results: Autumn survey 2024/25' }));
  assert.equal(await h1(page), 'Results: Autumn survey 2024/25');
  const main = page.locator('main');
  assert.match(await main.innerText(), /Who it covers\s+Activities led by .*\(SW4\)/);
  assert.equal(await page.locator('select#hub').count(), 0, 'their hub is fixed, not offered');
  assert.match(await main.innerText(), /Invited\s+13\s+Completed\s+11/);
  // a chart for each choice and agreement question, named by its question, with its table
  const charts = page.getByRole('img');
  assert.deepEqual(await charts.evaluateAll((svgs) => svgs.map((s) => document.getElementById(s.getAttribute('aria-labelledby')).textContent)),
    ['Which phase do you teach?', 'Which resources did you use?', 'I feel confident teaching fractions']);
  // the multiple-choice chart says why its shares add up to more than 100%, in the words that describe it
  assert.deepEqual(await charts.evaluateAll((svgs) => svgs.map((s) => /more than one answer, so the shares add up to more than 100%/
    .test(document.getElementById(s.getAttribute('aria-describedby')).textContent))), [false, true, false]);
  const table = page.getByRole('table', { name: 'The numbers: I feel confident teaching fractions' });
  assert.deepEqual(await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.innerText.replace(/\s+/g, ' ').trim())),
    ['Strongly disagree 1 9%', 'Disagree 2 18%', 'Neither agree nor disagree 3 27%', 'Agree 3 27%', 'Strongly agree 2 18%']);
  // the hub's comments would tell, beside every activity's, EE1's two: said, not shown
  assert.match(await main.innerText(), /Anything else you would like to tell us\?\s+7 answers are not counted here/);
  assert.doesNotMatch(await main.innerText(), /Needs more examples/);
  assert.doesNotMatch(await main.innerText(), /Secret Name|QA-SECRET|Quality assurance/);
  await checkPage(page, watch, 'the autumn survey\'s results for a hub');
  await shot(page, 'surveys-results-hub.png');

  // one activity of 4: nothing broken down
  await page.getByText('Narrow the results').click();
  await page.getByLabel('Activity number').fill(String(ids.A2));
  await click(page, page.getByRole('button', { name: 'Show results' }));
  assert.match(await main.innerText(), /4 people completed the survey in this group: fewer than 5/);
  assert.equal(await page.getByRole('img').count(), 0);
  // the activity is itself the small group: said plainly, never "elsewhere"
  assert.match(await main.innerText(), /Which phase do you teach\?\s+4 people answered: fewer than 5, so the answers are not shown, to keep them anonymous\./);
  assert.doesNotMatch(await main.innerText(), /elsewhere/);
  await checkPage(page, watch, 'the results of an activity of 4');
  await shot(page, 'surveys-results-small-group.png');

  // from the activity's HAPPI form: its impact part links to the activity's results
  await page.goto(`${server.base}/activities/${ids.A1}/happi?year=2024`, { waitUntil: 'load' });
  await checkPage(page, watch, 'the HAPPI form with its survey results links');
  await shot(page, 'surveys-results-happi-link.png');
  await click(page, page.getByRole('link', { name: 'Autumn participant survey: Autumn survey 2024/25' }));
  assert.equal(await h1(page), 'Results: Autumn survey 2024/25');
  assert.match(await main.innerText(), /Who it covers\s+Activity \d+: Mastering Number Cornwall; Activities led by .*\(SW4\)\s+Invited\s+8\s+Completed\s+7/);

  // on a phone: the charts as wide as the screen, nothing wider than it
  const phone = await journey.contextOf(mhl, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const small = await phone.newPage();
  const watchSmall = await watchPage(small);
  await small.goto(`${server.base}/surveys/${ids.autumn}/results`, { waitUntil: 'load' });
  assert.equal(await h1(small), 'Results: Autumn survey 2024/25');
  assert.equal(await small.getByRole('img').count(), 3);
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await checkPage(small, watchSmall, 'the results on a phone');
  await shot(small, 'surveys-results-phone.png');
  await phone.close();

  // the paired change on phones of 375 and 320 pixels: the page never wider than the screen; the
  // table, if wider than its column, scrolls in its own box, named (with the table) by the one
  // heading above it and reached from the keyboard. EE1's change is shown (A3: nobody in only one survey).
  const ee1 = await journey.person('ee1@results-browser.example', 'mhl', 'EE1', 'Esther East-Lead');
  // every activity (the national team): A3's change, with A1 and A2's block held back beside it
  const analyst = await journey.person('analyst@results-browser.example', 'national_analyst', null, 'Ana Lyst');
  const desk = await journey.contextOf(analyst, { viewport: { width: 1100, height: 900 } });
  const dp = await desk.newPage();
  const dw = await watchPage(dp);
  await dp.goto(`${server.base}/surveys/paired?year=2024`, { waitUntil: 'load' });
  assert.match(await dp.locator('main').innerText(), /I feel confident teaching fractions\s+\+0\.20\s+5\s*note\s*1\s+3\s+1\s+1/);
  assert.match(await dp.locator('main').innerText(), /10 more pairs are not counted here: in their activities 1 person answered only one of the two surveys/);
  await checkPage(dp, dw, 'the paired change of every activity, some pairs held back');
  await shot(dp, 'surveys-results-paired-national.png');
  await desk.close();
  for (const [who, width] of [[mhl, 375], [mhl, 320], [ee1, 375], [ee1, 320], [analyst, 375]]) {
    const ctx = await journey.contextOf(who, { viewport: { width, height: 740 }, isMobile: true, hasTouch: true });
    const p = await ctx.newPage();
    const w = await watchPage(p);
    await p.goto(`${server.base}/surveys/paired?year=2024`, { waitUntil: 'load' });
    const pageOverflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(pageOverflow <= 0, `the page is ${pageOverflow}px wider than a ${width}px phone`);
    const region = p.getByRole('region', { name: 'Change from autumn to summer' });
    assert.equal(await region.getAttribute('tabindex'), '0');
    const table = p.getByRole('table', { name: 'Change from autumn to summer' });
    assert.equal(await table.count(), 1);
    assert.equal(await p.getByRole('heading', { name: 'Change from autumn to summer' }).count(), 1, 'one heading names the table');
    assert.equal((await p.locator('main').innerText()).split('Change from autumn to summer').length - 1, 1, 'said once');
    const box = await region.evaluate((r) => ({ scroll: r.scrollWidth, client: r.clientWidth }));
    if (who === ee1)
      assert.match(await table.innerText(), /I feel confident teaching fractions\s+\+0\.20\s+5\s+3\s+1\s+1/);
    // the column that matters in view without scrolling; every cell short (a number, perhaps a note's marker)
    const mean = await p.getByRole('columnheader', { name: 'Mean change' }).boundingBox();
    assert.ok(mean.x + mean.width <= width, `Mean change ends at ${mean.x + mean.width} on a ${width}px phone`);
    const cells = await table.locator('tbody td').evaluateAll((tds) => tds.map((t) => t.innerText.replace(/\s+/g, ' ').replace(' note ', ' ').trim()));
    assert.ok(cells.every((c) => c.length <= 12), `every number cell short: ${JSON.stringify(cells)}`);
    // the first number within the first screen and a half: the rules are behind "How paired change is counted"
    assert.ok(await p.getByText('How paired change is counted').isVisible());
    // the last column can be reached: in view, or by scrolling the box
    await region.evaluate((r) => { r.scrollLeft = r.scrollWidth; });
    const last = await p.getByRole('columnheader', { name: 'Moved down' }).boundingBox();
    assert.ok(last.x + last.width <= width + 1, `Moved down ends at ${last.x + last.width} on a ${width}px phone (box ${JSON.stringify(box)})`);
    await region.evaluate((r) => { r.scrollLeft = 0; });
    await checkPage(p, w, `the paired change on a ${width}px phone`);
    await shot(p, `surveys-results-paired-${who === ee1 ? 'ee1' : who === mhl ? 'sw4' : 'national'}-${width}.png`);
    await ctx.close();
  }

  // the national team: from the results, the internal sections' answers (quality assurance), kept apart
  // from the reported results; on a desktop and a 375px phone. A hub's leadership is refused them.
  const admin = await journey.person('admin@results-browser.example', 'national_admin', null, 'Nadia National');
  for (const width of [1100, 375]) {
    const ctx = await journey.contextOf(admin, width > 400 ? { viewport: { width, height: 900 } }
      : { viewport: { width, height: 740 }, isMobile: true, hasTouch: true });
    const p = await ctx.newPage();
    const w = await watchPage(p);
    await p.goto(`${server.base}/surveys/${ids.autumn}/results`, { waitUntil: 'load' });
    await click(p, p.getByRole('link', { name: /Answers to the internal sections \(quality assurance\)/ }));
    assert.equal(await h1(p), 'Quality assurance: Autumn survey 2024/25');
    const text = await p.locator('main').innerText();
    assert.match(text, /Internal: for the national team only/);
    assert.match(text, /Invited\s+18\s+Completed\s+16/);
    assert.doesNotMatch(text, /Which phase do you teach\?|Secret Name/);
    assert.deepEqual(await p.getByRole('img').evaluateAll((svgs) => svgs.map((x) => document.getElementById(x.getAttribute('aria-labelledby')).textContent)),
      ['The Work Group was run as planned (QA)']);
    await p.getByText('Read the answers (16)').click();
    assert.match(await p.locator('main').innerText(), /QA-SECRET-7f3a A1-1/);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the ${width}px screen`);
    await checkPage(p, w, `the quality assurance answers at ${width}px`);
    await shot(p, `surveys-results-quality-assurance-${width}.png`);
    await ctx.close();
  }
  await page.goto(`${server.base}/surveys/${ids.autumn}/quality-assurance`, { waitUntil: 'load' });
  assert.match(await page.locator('main').innerText(), /read by the national team only/);
  assert.doesNotMatch(await page.locator('main').innerText(), /QA-SECRET/);
  await phone.close();

  // a filter not understood on a 320px phone: the form again, its error summary linked to the field
  const narrow = await journey.contextOf(mhl, { viewport: { width: 320, height: 740 }, isMobile: true, hasTouch: true });
  const np = await narrow.newPage();
  const nw = await watchPage(np);
  await np.goto(`${server.base}/surveys/${ids.autumn}/results?activity=abc`, { waitUntil: 'load' });
  assert.equal(await np.locator('.govuk-error-summary a[href="#activity"]').count(), 1);
  assert.equal(await np.locator('#activity').inputValue(), 'abc');
  await checkPage(np, nw, 'the results with an activity not understood, on a 320px phone', 400);
  await shot(np, 'surveys-results-bad-filter-320.png');
  // their hub is fixed (no list): the summary's link lands on it, and says to clear the filters
  await np.goto(`${server.base}/surveys/paired?year=2024&hub=XX9`, { waitUntil: 'load' });
  await checkPage(np, nw, 'the paired change with a hub not understood, on a 320px phone', 400);
  await np.locator('.govuk-error-summary a[href="#hub"]').click();
  assert.equal(await np.evaluate(() => document.activeElement.id), 'hub');
  await shot(np, 'surveys-results-bad-hub-320.png');
  await np.goto(`${server.base}/surveys/${ids.autumn}/results`, { waitUntil: 'load' });
  await checkPage(np, nw, 'the results on a 320px phone');
  await shot(np, 'surveys-results-hub-320.png');
  await narrow.close();
});
