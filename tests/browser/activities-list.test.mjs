// A hub's activities in a real browser, at desktop and phone (390 px)
// widths: the hub lead filters the year's 60 activities (NCP, status, LLME
// lead), pages through them, meets the error summary of a bad value, and
// finds the downloads; the NCP's runs across the hubs and the continue page
// too. Every page is checked with axe (WCAG 2.2 A/AA), for console errors
// and CSP violations. With MATHSHUBS_SCREENSHOTS=DIR the pages are saved
// there: activities-hub(-phone).png, activities-hub-error(-phone).png,
// activities-project.png, activities-continue(-phone).png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { checkPage, dbQuery, errorLinks, h1, openJourney, roleSession, shot, submit } from './helpers.mjs';

const YEAR = new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
const STATUSES = ['planned', 'recruiting', 'running', 'completed'];
let journey, server, page, watch, mhl, llme;
const sql = (q) => dbQuery(server, q);

before(async () => {
  journey = await openJourney();
  ({ server, page, watch } = journey);
  mhl = await roleSession(server, 'hub.lead@glow.example', 'mhl', 'SW4');
  llme = await roleSession(server, 'llme@glow.example', 'llme', 'SW4');
  await sql(`UPDATE people SET name = 'Gwen Glow' WHERE id = ${mhl.id}; UPDATE people SET name = 'Priya Shah' WHERE id = ${llme.id}`);
  const ncps = ['NCP24-09', 'NCP24-12', 'NCP24-10'];
  await sql(`INSERT INTO activities (project_id, kind, lead_hub_id, first_year, last_year, title, format, status, created_by, created_at, updated_at) VALUES ` +
    Array.from({ length: 60 }, (_, i) => `((SELECT id FROM projects WHERE code = '${ncps[i % 3]}'), 'Work Group', (SELECT id FROM hubs WHERE code = 'SW4'),
      ${YEAR}, ${YEAR}, 'Work Group ${String(i + 1).padStart(2, '0')} (Taunton)', 'face_to_face', '${STATUSES[i % 4]}', ${mhl.id}, 0, 0)`).join(',\n') + ';');
  await sql(`INSERT INTO activity_leads (activity_id, person_id) SELECT id, ${llme.id} FROM activities WHERE title LIKE 'Work Group %' AND id % 2 = 0;
    INSERT INTO activity_phases (activity_id, phase) SELECT id, 'Primary' FROM activities WHERE title LIKE 'Work Group %'`);
  await journey.context.addCookies([{ name: 'mh_session', value: mhl.token, url: server.base }]);
});

after(async () => { await journey?.close(); });

const count = async () => (await page.locator('#result-count').innerText()).trim();

test("a hub lead filters and pages through the hub's activities, at desktop and phone widths", { timeout: 120000 }, async () => {
  for (const [width, suffix] of [[1100, ''], [390, '-phone']]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${server.base}/hubs/SW4/activities`, { waitUntil: 'load' });
    assert.equal(await h1(page), `Activities in ${YEAR}/${String((YEAR + 1) % 100).padStart(2, '0')}`);
    assert.equal(await count(), '60 activities');
    await checkPage(page, watch, `hub list ${width}`);
    await shot(page, `activities-hub${suffix}.png`);

    // an NCP and a status
    await page.getByLabel('NCP24-12: Secondary Teaching for Mastery Development Work Groups').check();
    await page.getByLabel('Running', { exact: true }).check();
    await submit(page, 'Apply filters');
    assert.equal(await count(), '5 activities');
    assert.equal(await page.getByLabel('Running', { exact: true }).isChecked(), true, 'the filter shows what is chosen');
    const rows = await page.locator('#results tbody tr').count();
    assert.equal(rows, 5);
    await checkPage(page, watch, `filtered ${width}`);
    assert.match(await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href'), /ncp=NCP24-12&status=running$/);

    // the LLME's: every other one, 30, two pages
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.waitForURL(/year=/);
    await page.getByLabel('Priya Shah').check();
    await submit(page, 'Apply filters');
    assert.equal(await count(), '30 activities');
    await page.getByLabel('Priya Shah').uncheck();
    await submit(page, 'Apply filters');
    assert.equal(await page.locator('#results tbody tr').count(), 50);
    await page.locator('.govuk-pagination__next a').click();
    await page.waitForURL(/page=2/);
    assert.equal(await page.locator('#results tbody tr').count(), 10);
    await checkPage(page, watch, `page 2 ${width}`);
  }
});

test('a bad value in the address: the error summary names the field', async () => {
  for (const [width, suffix] of [[1100, ''], [390, '-phone']]) {
    await page.setViewportSize({ width, height: 900 });
    const res = await page.goto(`${server.base}/hubs/SW4/activities?status=finished`, { waitUntil: 'load' });
    assert.equal(res.status(), 400);
    assert.deepEqual(await errorLinks(page), [{ href: '#status', text: 'Select statuses from the list' }]);
    await checkPage(page, watch, `error ${width}`, 400);
    await shot(page, `activities-hub-error${suffix}.png`);
  }
});

test("the NCP's runs and the continue page", async () => {
  await page.setViewportSize({ width: 1100, height: 900 });
  await journey.context.addCookies([{ name: 'mh_session', value: (await roleSession(server, 'analyst@national.example', 'national_analyst')).token, url: server.base }]);
  await page.goto(`${server.base}/projects/NCP24-09/activities`, { waitUntil: 'load' });
  assert.equal(await h1(page), 'Runs across the hubs');
  await checkPage(page, watch, 'NCP runs');
  await shot(page, 'activities-project.png');
  await journey.context.addCookies([{ name: 'mh_session', value: mhl.token, url: server.base }]);
  const id = await sql("SELECT min(id) FROM activities WHERE title LIKE 'Work Group %'");
  for (const [width, suffix] of [[1100, ''], [390, '-phone']]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${server.base}/activities/${id}/continue`, { waitUntil: 'load' });
    assert.match(await h1(page), /^Continue it into \d{4}\/\d\d$/);
    await checkPage(page, watch, `continue ${width}`);
    await shot(page, `activities-continue${suffix}.png`);
  }
  await submit(page, 'Continue it');
  assert.match(page.url(), /\/activities\/\d+$/);
  await checkPage(page, watch, 'continued');
});
