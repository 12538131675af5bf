// Dietary and access requirements in a real browser, at a shifted date
// (MATHSHUBS_NOW): an LLME sees the event that needs their answer on the
// home page, confirms it, gives their requirements (an error first, then
// saved), and an organiser reads the list (audited) at desktop and phone
// widths; the LLME's funded days on Events and their hub's funded-days
// page. Every page is checked with axe (WCAG 2.2 A/AA), for console
// errors and CSP violations.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there (home-events.png,
// requirements-own.png, requirements.png, requirements-phone.png, funded-days.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertErrorSummaryFocused, banner, checkPage, dbQuery, eventsJourney, h1, shot, submit,
} from './helpers.mjs';

const journey = eventsJourney('2026-02-10T12:00:00Z');

test('an LLME gives requirements; an organiser reads them; funded days', { timeout: 180000 }, async () => {
  const { server, page, watch } = journey;
  const admin = await journey.organiser();
  const mhl = await journey.person('lead@glow.example', 'mhl', 'SW4');
  const llme = await journey.llme('sam.stone@riverside.example', 'Sam Stone');
  const ncp = await dbQuery(server, "SELECT id FROM projects WHERE code = 'NCP24-09'");
  const id = await journey.createEvent(admin, {
    title: 'Mastery Specialists national workshop 1', description: 'Lunch is provided.', kind: 'national_workshop',
    organiser: 'national', format: 'face_to_face', venue: 'Birmingham Conference Centre', address: '1 Example Street\nBirmingham B1 1AA',
    'day1-day': '2', 'day1-month': '3', 'day1-year': '2026', start1: '10:00', end1: '16:00', roles: 'llme', funded: 'yes', ncps: ncp,
  });

  // home: what needs an answer
  await journey.signIn(llme);
  await page.goto(`${server.base}/`, { waitUntil: 'load' });
  const toAnswer = page.locator('#events-to-answer');
  assert.match(await toAnswer.innerText(), /An event needs your answer[\s\S]*Confirm by Monday 16 February 2026/);
  await checkPage(page, watch, 'home, an event to answer');
  await shot(page, 'home-events.png');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), toAnswer.getByRole('link', { name: 'Mastery Specialists national workshop 1' }).click()]);
  await submit(page, 'Confirm');
  assert.match(await banner(page), /You have confirmed your place/);

  // their requirements: the statement of who sees them; too long, then saved
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('link', { name: 'Give or change your dietary and access requirements' }).click()]);
  assert.equal(await h1(page), 'Your dietary and access requirements');
  assert.match(await page.locator('main').innerText(), /Only this event's organisers see these, and they are deleted 30 days after the event ends\./);
  await checkPage(page, watch, 'requirements, their own');
  await page.getByLabel('Dietary requirements (optional)').fill('x'.repeat(501));
  await submit(page, 'Save requirements');
  await assertErrorSummaryFocused(page);
  await checkPage(page, watch, 'requirements, an error', 400);
  await page.getByLabel('Dietary requirements (optional)').fill('Vegetarian, no nuts');
  await page.getByLabel('Access requirements (optional)').fill('Step-free access to the room');
  await shot(page, 'requirements-own.png');
  await submit(page, 'Save requirements');
  assert.match(await banner(page), /Your requirements have been saved/);
  assert.equal(await dbQuery(server, `SELECT dietary FROM event_requirements WHERE person_id = ${llme.id}`), 'Vegetarian, no nuts');

  // the organiser's list, audited, at desktop and phone widths
  await journey.signIn(admin);
  await page.goto(`${server.base}/events/${id}`, { waitUntil: 'load' });
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Dietary and access requirements' }).click()]);
  assert.equal(await h1(page), 'Dietary and access requirements');
  const table = await page.locator('table').innerText();
  assert.match(table, /Sam Stone\s+Vegetarian, no nuts\s+Step-free access to the room/);
  await checkPage(page, watch, 'requirements, the organisers');
  await shot(page, 'requirements.png');
  await page.setViewportSize({ width: 375, height: 800 });
  await page.reload({ waitUntil: 'load' });
  await checkPage(page, watch, 'requirements, the organisers, phone');
  await shot(page, 'requirements-phone.png');
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.equal(await dbQuery(server, `SELECT count(*) FROM audit_log WHERE action = 'event_requirements_viewed' AND subject = 'event:${id}'`), '2');

  // funded days: the register records the day; the LLME and their hub's leadership see the tally
  await dbQuery(server, `INSERT INTO event_attendance (event_id, person_id, day, status, source, recorded_at) VALUES (${id}, ${llme.id}, '2026-03-02', 'present', 'register', ${journey.at})`);
  await journey.signIn(mhl);
  await page.goto(`${server.base}/hubs/SW4/funded-days`, { waitUntil: 'load' });
  assert.equal(await h1(page), 'Funded days 2025/26');
  assert.match(await page.locator('table').innerText(), /Sam Stone\s+NCP24-09[^\n]*\s+1 of 3/);
  await checkPage(page, watch, 'funded days of the hub');
  await shot(page, 'funded-days.png');
  await journey.signIn(llme);
  await page.goto(`${server.base}/events`, { waitUntil: 'load' });
  assert.match(await page.locator('#funded-days + p + table, main').first().innerText(), /Your funded days 2025\/26/);
  await checkPage(page, watch, 'events with funded days');
  await shot(page, 'events-funded.png');
});
