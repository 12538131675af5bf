// The events' calendar feed and a place offered from the waiting list, in a
// real browser with axe (WCAG 2.2 A/AA), at desktop and phone widths: an
// LLME gets their calendar address (shown once), then a new one; another,
// offered a place that came free, sees it on the event and accepts it.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there (calendar.png,
// calendar-phone.png, offer.png, offer-phone.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { banner, checkPage, dbQuery, eventsJourney, h1, shot, submit } from './helpers.mjs';

const journey = eventsJourney('2026-02-10T12:00:00Z');

/* The page at desktop and phone widths (name.png, name-phone.png). */
async function shots(page, name) {
  await shot(page, `${name}.png`);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, `${name}-phone.png`);
  await page.setViewportSize({ width: 1100, height: 900 });
}

test('the calendar feed page, and accepting a place offered', { timeout: 180000 }, async () => {
  const { server, page, watch } = journey;
  const admin = await journey.organiser();
  const first = await journey.llme('first@riverside.example');
  const second = await journey.llme('second@riverside.example');
  const id = await journey.createEvent(admin, {
    title: 'Mastery Specialists national workshop 1', description: 'Lunch is provided.', kind: 'national_workshop', organiser: 'national',
    format: 'face_to_face', venue: 'Birmingham Conference Centre', address: '1 Example Street\nBirmingham B1 1AA',
    'day1-day': '2', 'day1-month': '3', 'day1-year': '2026', start1: '10:00', end1: '16:00', roles: 'llme', capacity: '1',
  });
  assert.equal((await first.post(`/events/${id}/confirm`)).status, 303);
  assert.equal((await second.post(`/events/${id}/confirm`)).status, 303);

  // the calendar address, from the events page
  await journey.signIn(first);
  await page.goto(`${server.base}/events`, { waitUntil: 'load' });
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Add your confirmed events to your calendar' }).click()]);
  assert.equal(await h1(page), 'Your calendar feed');
  await checkPage(page, watch, 'the calendar page, no address');
  await submit(page, 'Get your calendar address');
  assert.match(await page.getByLabel(/Copy this address/).inputValue(), /\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  await checkPage(page, watch, 'the calendar page, the address shown');
  await shots(page, 'calendar');
  await page.reload({ waitUntil: 'load' });
  assert.match(await page.locator('main').innerText(), /You made your calendar address on Tuesday 10 February 2026/);
  await submit(page, 'Get a new address');
  assert.match(await banner(page), /You have a new calendar address: the old one no longer works/);
  await checkPage(page, watch, 'the calendar page, a new address');

  // the first gives apologies: the place is offered to the second
  assert.equal((await first.post(`/events/${id}/apologies`, { reason: '' })).status, 303);
  await journey.signIn(second);
  await page.goto(`${server.base}/events/${id}`, { waitUntil: 'load' });
  assert.match(await page.locator('main').innerText(), /A place has come free and is offered to you/);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Accept or decline the place' }).click()]);
  assert.equal(await h1(page), 'A place is offered to you');
  assert.match(await page.locator('main').innerText(), /Accept it by Thursday 12 February 2026 at 12:00/);
  await checkPage(page, watch, 'the offer');
  await shots(page, 'offer');
  await submit(page, 'Accept the place');
  assert.match(await banner(page), /You have accepted the place/);
  assert.equal(await dbQuery(server, `SELECT answer FROM event_answers WHERE event_id = ${id} AND person_id = ${second.id}`), 'confirmed');
  await checkPage(page, watch, 'the event, accepted');
});
