// An NCP's expected outcomes in a real browser: the national team opens a
// Work Group's outcomes (told all three kinds are needed), adds one with a
// mistake first (the error summary takes focus), changes it and removes
// another; an LLME reads the list, at desktop and phone widths. Every page
// is checked with axe (WCAG 2.2 A/AA), for console errors and CSP
// violations.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there (outcomes.png,
// outcome-new-error.png, outcomes-phone.png, outcome-remove.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertErrorSummaryFocused, banner, checkPage, eventsJourney, h1, shot, submit } from './helpers.mjs';

const journey = eventsJourney('2026-11-10T12:00:00Z');

test('the national team defines a Work Group\'s outcomes; an LLME reads them on a phone', { timeout: 180000 }, async () => {
  const { server, page, watch } = journey;
  const admin = await journey.organiser();
  const llme = await journey.llme('llme@outcomes.example', 'Lena Mills');

  await journey.signIn(admin);
  await page.goto(`${server.base}/projects/NCP24-09`, { waitUntil: 'load' });
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('link', { name: 'Expected outcomes of NCP24-09' }).click()]);
  assert.equal(await h1(page), 'Expected outcomes of NCP24-09');
  assert.match(await page.locator('main').innerText(), /A Work Group must state at least one outcome for pupils\. There are none yet\./);
  await checkPage(page, watch, 'an NCP\'s outcomes, none yet');

  // added: a mistake first, then three
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Add an outcome' }).click()]);
  await page.getByLabel('Outcome', { exact: true }).fill('Pupils explain their reasoning');
  const bad = await submit(page, 'Add outcome');
  assert.equal(bad.status(), 400);
  await assertErrorSummaryFocused(page, 'an outcome without its kind');
  assert.equal(await page.getByLabel('Outcome', { exact: true }).inputValue(), 'Pupils explain their reasoning', 'what was typed is kept');
  await checkPage(page, watch, 'an outcome with an error', 400);
  await shot(page, 'outcome-new-error.png');
  await page.getByLabel('For pupils').check();
  await submit(page, 'Add outcome');
  assert.equal(await banner(page), 'Outcome added');
  for (const [kind, text] of [['For schools or departments', 'Leaders plan time for collaboration'],
    ['For professional practice', 'Teachers use representations with purpose']]) {
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Add an outcome' }).click()]);
    await page.getByLabel(kind).check();
    await page.getByLabel('Outcome', { exact: true }).fill(text);
    await submit(page, 'Add outcome');
  }
  assert.doesNotMatch(await page.locator('main').innerText(), /must state at least one/);
  await checkPage(page, watch, 'an NCP\'s outcomes');
  await shot(page, 'outcomes.png');

  // changed, then one removed after its confirmation
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('link', { name: 'Change outcome 1 Outcomes for pupils' }).click()]);
  await checkPage(page, watch, 'an outcome changed');
  await page.getByLabel('Outcome', { exact: true }).fill('Pupils explain their reasoning with precise vocabulary');
  await submit(page, 'Save');
  assert.equal(await banner(page), 'Outcome changed');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('link', { name: 'Remove outcome 1 Outcomes for schools or departments' }).click()]);
  assert.equal(await h1(page), 'Remove this outcome?');
  await checkPage(page, watch, 'an outcome removed: the confirmation');
  await shot(page, 'outcome-remove.png');
  await submit(page, 'Remove outcome');
  assert.equal(await banner(page), 'Outcome removed');
  assert.match(await page.locator('main').innerText(), /A Work Group must state at least one outcome for schools or departments/);

  // the year's due dates: a mistake first, then saved
  await page.goto(`${server.base}/happi`, { waitUntil: 'load' });
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('link', { name: "Set when this year's forms are due" }).click()]);
  assert.equal(await h1(page), 'When HAPPI forms are due, 2026/27');
  await checkPage(page, watch, 'the due dates');
  const planning = page.getByRole('group', { name: 'Planning due by' });
  await planning.getByLabel('Day').fill('16');
  await planning.getByLabel('Month').fill('10');
  await planning.getByLabel('Year').fill('2026');
  const final = page.getByRole('group', { name: 'Final form due by' });
  await final.getByLabel('Day').fill('16');
  await final.getByLabel('Month').fill('7');
  await final.getByLabel('Year').fill('2026');
  assert.equal((await submit(page, 'Save')).status(), 400);
  await assertErrorSummaryFocused(page, 'a final date before the year');
  await checkPage(page, watch, 'the due dates with an error', 400);
  await shot(page, 'happi-dates-error.png');
  await final.getByLabel('Year').fill('2027');
  await submit(page, 'Save');
  assert.equal(await banner(page), 'Due dates for 2026/27 saved');
  assert.match(await page.locator('main').innerText(), /Planning is due by Friday 16 October 2026; the final form by Friday 16 July 2027\./);

  // the forms across the hubs, by NCP and hub
  await page.goto(`${server.base}/happi`, { waitUntil: 'load' });
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'HAPPI forms across the hubs' }).click()]);
  assert.equal(await h1(page), 'HAPPI forms across the hubs, 2026/27');
  await checkPage(page, watch, 'HAPPI forms across the hubs');
  await shot(page, 'happi-national.png');

  // an LLME reads them on a phone: a numbered list, nothing to change
  const phone = await journey.contextOf(llme, { viewport: { width: 390, height: 844 }, isMobile: true });
  const small = await phone.newPage();
  await small.goto(`${server.base}/projects/NCP24-09/outcomes`, { waitUntil: 'load' });
  assert.deepEqual(await small.locator('main ol li').allInnerTexts(),
    ['Pupils explain their reasoning with precise vocabulary', 'Teachers use representations with purpose']);
  assert.equal(await small.getByRole('button', { name: 'Add an outcome' }).count(), 0);
  await checkPage(small, watch, 'an NCP\'s outcomes as an LLME reads them, phone');
  await shot(small, 'outcomes-phone.png');
  await phone.close();
});
