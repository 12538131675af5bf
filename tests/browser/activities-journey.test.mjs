// A school's teaching for mastery journey in a real browser, at a fixed
// date (MATHSHUBS_NOW, 2026/27): a hub lead opens an academy that
// academised mid-journey, reads its timeline over both URNs and the next
// step at desktop and phone widths, opens its participation history,
// records a stage from before the service (an error first), and the
// national team opens the NCPs' settings. Every page is checked with axe
// (WCAG 2.2 A/AA), for console errors and CSP violations.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there (journey.png,
// journey-phone.png, school-history.png, school-history-phone.png,
// journey-entries.png, tfm-settings.png, tfm-setting.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertErrorSummaryFocused, banner, checkPage, dbQuery, eventsJourney, h1, shot, submit } from './helpers.mjs';

const journey = eventsJourney('2026-11-10T12:00:00Z');
const sql = (q) => dbQuery(journey.server, q);

async function activity(title, ncp, year, status, by) {
  const id = await sql(`INSERT INTO activities (project_id, kind, lead_hub_id, first_year, last_year, title, format, status,
      created_by, created_at, updated_at) VALUES ((SELECT id FROM projects WHERE code = '${ncp}'), 'Work Group',
      (SELECT id FROM hubs WHERE code = 'SW4'), ${year}, ${year}, '${title}', 'face_to_face', '${status}', ${by}, 0, 0) RETURNING id`);
  await sql(`INSERT INTO activity_phases (activity_id, phase) VALUES (${id}, 'Primary')`);
  return id;
}

test('a hub lead reads a school\'s journey and history, and records its past; the national team its settings', { timeout: 180000 }, async () => {
  const { server, page, watch } = journey;
  const admin = await journey.organiser();
  const mhl = await journey.person('lead@glow.example', 'mhl', 'SW4', 'Grace Lowe');
  await sql(`INSERT INTO schools (urn, name, la_code, type, phase, status, open_date, close_date, close_reason, town, postcode, digest, imported_at)
    VALUES ('910001', 'Old Oak Primary School', '916', 'Community school', 'Primary', 'closed', '2001-09-01', '2026-08-31', 'Academy Converter',
            'Stroud', 'GL5 1AA', 't', 0),
           ('910002', 'Old Oak Primary Academy', '916', 'Academy converter', 'Primary', 'open', '2026-09-01', NULL, '', 'Stroud', 'GL5 1AA', 't', 0)`);
  await sql(`INSERT INTO school_links (urn, link_urn, link_type, linked_on) VALUES ('910002', '910001', 'Predecessor', '2026-09-01')`);
  const plan = [['Mastery Readiness Gloucester', 'NCP24-08', 2024, 'completed', '910001'],
    ['Development Work Group Stroud', 'NCP24-09', 2025, 'completed', '910001'],
    ['Embedding Work Group Cheltenham', 'NCP24-10', 2026, 'running', '910002']];
  for (const [title, ncp, year, status, urn] of plan) {
    const id = await activity(title, ncp, year, status, admin.id);
    await sql(`INSERT INTO activity_schools (activity_id, urn, hub_id, joined_on, added_at)
               VALUES (${id}, '${urn}', (SELECT id FROM hubs WHERE code = 'SW4'), '${year}-09-20', 0)`);
  }
  await activity('Sustaining Work Group Gloucester', 'NCP24-11', 2026, 'recruiting', admin.id);

  // the academy's page: the timeline and the next step
  await journey.signIn(mhl);
  await page.goto(`${server.base}/schools/910002`, { waitUntil: 'load' });
  const timeline = page.getByRole('list', { name: 'Teaching for mastery journey by academic year' });
  assert.deepEqual(await timeline.locator('h3').allInnerTexts(), ['2024/25', '2025/26', '2026/27']);
  assert.match(await timeline.innerText(), /Mastery Readiness Gloucester \(NCP24-08\), GLOW \(as Old Oak Primary School, URN 910001\)/);
  const next = page.locator('.govuk-inset-text');
  assert.match(await next.innerText(), /Next step\s+Primary: Sustaining \(NCP24-11\)[\s\S]*Recruiting now at GLOW:\s+Sustaining Work Group Gloucester \(2026\/27\)/);
  await checkPage(page, watch, 'a school\'s page with its journey');
  await shot(page, 'journey.png');
  const phone = await journey.contextOf(mhl, { viewport: { width: 390, height: 844 }, isMobile: true });
  const small = await phone.newPage();
  await small.goto(`${server.base}/schools/910002`, { waitUntil: 'load' });
  await checkPage(small, watch, 'a school\'s page with its journey, phone');
  await shot(small, 'journey-phone.png');

  // its participation history, over both URNs
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('link', { name: 'Every activity it and its predecessors and successors took part in' }).click()]);
  assert.equal(await h1(page), 'Participation history');
  assert.equal(await page.locator('tbody tr').count(), 3);
  await checkPage(page, watch, 'a school\'s participation history');
  await shot(page, 'school-history.png');
  await small.goto(`${server.base}/schools/910002/activities`, { waitUntil: 'load' });
  await checkPage(small, watch, 'a school\'s participation history, phone');
  await shot(small, 'school-history-phone.png');
  await phone.close();

  // its history from before the service: an error, then recorded
  await page.goto(`${server.base}/schools/910002`, { waitUntil: 'load' });
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('link', { name: 'Record its history from before this service' }).click()]);
  await checkPage(page, watch, 'the manual history');
  await page.getByLabel('Academic year').selectOption('2022');
  await page.getByLabel('Primary', { exact: true }).check();
  await page.getByLabel('Mastery Readiness (primary)').check();
  await submit(page, 'Add the record');
  await assertErrorSummaryFocused(page, 'no source');
  await checkPage(page, watch, 'the manual history, an error', 400);
  await page.getByLabel('Where this comes from').fill('MHPod export, July 2022');
  await submit(page, 'Add the record');
  assert.match(await banner(page), /The record has been added/);
  assert.match(await page.locator('table').innerText(), /2022\/23\s+Primary\s+Mastery Readiness\s+MHPod export, July 2022\s+Grace Lowe/);
  await checkPage(page, watch, 'the manual history, a record');
  await shot(page, 'journey-entries.png');

  // the national team's settings
  await journey.signIn(admin);
  await page.goto(`${server.base}/admin/teaching-for-mastery`, { waitUntil: 'load' });
  await checkPage(page, watch, 'the NCPs\' settings');
  await shot(page, 'tfm-settings.png');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'NCP24-09s' }).click()]);
  assert.equal(await h1(page), 'Teaching for mastery stage of NCP24-09s');
  await checkPage(page, watch, 'an NCP\'s setting');
  await shot(page, 'tfm-setting.png');
});
