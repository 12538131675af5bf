// An LLME's events in a real browser, at shifted dates (MATHSHUBS_NOW): on
// Tuesday 10 February 2026 they open Events, confirm a national workshop
// (Monday 2 March 2026: "Confirm by Monday 16 February 2026") from the
// Eligible & Upcoming tab, and send apologies with a reason for another;
// an organiser's pages (the create form with its errors, the event with its
// answers, changing someone's answer) at desktop and phone widths. Every
// page is checked with axe (WCAG 2.2 A/AA), for console errors and CSP
// violations.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there (events.png,
// event.png, event-phone.png, event-organiser.png, event-new.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertErrorSummaryFocused, banner, checkPage, dbQuery, eventsJourney, h1, shot, submit, watchPage,
} from './helpers.mjs';

const journey = eventsJourney('2026-02-10T12:00:00Z');

function form(title, day, extra = {}) {
  const [y, m, d] = day.split('-');
  return {
    title, description: 'The first national workshop of the year for Work Group Leads.\nLunch is provided.',
    kind: 'national_workshop', organiser: 'national', format: 'face_to_face', venue: 'Birmingham Conference Centre',
    address: '1 Example Street\nBirmingham B1 1AA', 'day1-day': String(Number(d)), 'day1-month': String(Number(m)), 'day1-year': y,
    start1: '10:00', end1: '16:00', roles: 'llme', capacity: '60', funded: 'yes', ...extra,
  };
}

test('an LLME confirms a workshop and gives apologies for another; an organiser\'s pages', { timeout: 180000 }, async () => {
  const { server, page, watch } = journey;
  const admin = await journey.organiser();
  const llme = await journey.llme('sam.stone@riverside.example', 'Sam Stone');
  const w1 = await journey.createEvent(admin, form('Mastery Specialists national workshop 1', '2026-03-02'));
  const w2 = await journey.createEvent(admin, form('Secondary Mastery residential', '2026-03-12', { kind: 'residential', capacity: '' }));

  await journey.signIn(llme);
  await page.goto(`${server.base}/events`, { waitUntil: 'load' });
  assert.equal(await h1(page), 'Your events');
  await checkPage(page, watch, 'events');
  await shot(page, 'events.png');
  const card = page.locator('.govuk-summary-card', { hasText: 'Mastery Specialists national workshop 1' });
  assert.match(await card.innerText(), /Confirm by Monday 16 February 2026/);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), card.getByRole('button', { name: 'Confirm', exact: true }).click()]);
  assert.equal(new URL(page.url()).pathname, `/events/${w1}`);
  assert.match(await banner(page), /You have confirmed your place/);
  assert.match(await page.locator('main').innerText(), /Do not travel unless you have confirmed/);
  await checkPage(page, watch, 'the event, confirmed');
  await shot(page, 'event.png');
  assert.equal(await dbQuery(server, `SELECT answer FROM event_answers WHERE event_id = ${w1} AND person_id = ${llme.id}`), 'confirmed');

  // apologies for the other, with a reason, from its page
  await page.goto(`${server.base}/events`, { waitUntil: 'load' });
  const other = page.locator('.govuk-summary-card', { hasText: 'Secondary Mastery residential' });
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), other.getByRole('link', { name: /Apologies/ }).click()]);
  await page.getByLabel('Reason (optional)').fill('Year 6 residential trip that week');
  await submit(page, 'Send apologies');
  assert.match(await banner(page), /You have sent your apologies/);
  await checkPage(page, watch, 'the event, apologies');
  assert.equal(await dbQuery(server, `SELECT answer || '|' || reason FROM event_answers WHERE event_id = ${w2} AND person_id = ${llme.id}`),
    'apologies|Year 6 residential trip that week');
  await page.goto(`${server.base}/events`, { waitUntil: 'load' });
  assert.match(await page.locator('main').innerText(), /Upcoming: you have confirmed/);
  await checkPage(page, watch, 'events, answered');

  // on a phone
  const phone = await journey.contextOf(llme, { viewport: { width: 375, height: 800 }, isMobile: true });
  const p = await phone.newPage();
  await p.goto(`${server.base}/events/${w1}`, { waitUntil: 'load' });
  await shot(p, 'event-phone.png');
  await p.goto(`${server.base}/events`, { waitUntil: 'load' });
  await shot(p, 'events-phone.png');
  await phone.close();

  // the organiser: the create form (its errors), the event with its answers, changing someone's answer
  const org = await journey.contextOf(admin, { viewport: { width: 1100, height: 900 } });
  const o = await org.newPage();
  const ow = await watchPage(o);
  await o.goto(`${server.base}/events/new`, { waitUntil: 'load' });
  assert.equal(await h1(o), 'Create an event');
  await checkPage(o, ow, 'create an event');
  await submit(o, 'Create event');
  await assertErrorSummaryFocused(o, 'create an event, empty');
  await checkPage(o, ow, 'create an event, errors', 400);
  await shot(o, 'event-new.png');
  await o.goto(`${server.base}/events/${w1}`, { waitUntil: 'load' });
  assert.match(await o.locator('main').innerText(), /Sam Stone/);
  await checkPage(o, ow, 'the event, as its organiser');
  await shot(o, 'event-organiser.png');
  await o.goto(`${server.base}/events/${w1}/answers`, { waitUntil: 'load' });
  await checkPage(o, ow, 'change someone\'s answer');
  await org.close();
});
