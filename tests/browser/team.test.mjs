// A hub lead's journey in a real browser, as they click it: sets up their
// account, opens an LLME of their hub from the People page, gives them a
// designation for this year (missing it once: the error summary), records
// that they are working towards PD Lead, chooses the hub's LLME Community
// leads, and reads the hub's team page (from the hub's page), at desktop
// and phone widths; then their account page, which names their hub and
// leads to its team and its schools. Every page is checked with axe (WCAG
// 2.2 A/AA), for console errors and CSP violations.
//
// Then Sam's school closes: the team page and his page say so, with its
// successor; the lead removes his designation and his accreditation, each
// after a question (the designation's warns that it makes him active).
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there: person.png,
// designation.png, team.png, team-phone.png, team-closed-school(-phone).png,
// person-closed-school(-phone).png, designation-remove(-phone).png,
// accreditation-remove(-phone).png, account-375.png and account-1100.png
// (README uses team.png: MATHSHUBS_SCREENSHOTS=docs/screenshots).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  assertErrorSummaryFocused, banner, checkPage, createAdmin, dbQuery, errorLinks, freshCode, h1, openJourney, seedSchools, submit,
} from './helpers.mjs';

const SHOTS = process.env.MATHSHUBS_SCREENSHOTS;
const EMAIL = 'gwen.glow@glow.example';
const PASSWORD = 'copper kettle uphill lantern';

let server, page, watch, journey;

before(async () => {
  journey = await openJourney();
  ({ server, page, watch } = journey);
});

after(async () => { await journey?.close(); });

const sql = (query) => dbQuery(server, query);
const path_ = () => new URL(page.url()).pathname;
const shot = async (name) => { if (SHOTS) await page.screenshot({ path: path.join(SHOTS, name), fullPage: true }); };
const year = () => { const d = new Date(); return d.getUTCMonth() >= 8 ? d.getUTCFullYear() : d.getUTCFullYear() - 1; };

test('a hub lead gives an LLME a designation and an accreditation, then reads the hub\'s team', { timeout: 180000 }, async () => {
  const Y = year();
  const code = `${Y}/${String((Y + 1) % 100).padStart(2, '0')}`;
  const link = (await createAdmin(server, EMAIL, 'Gwen Glow')).url;
  const now = Math.floor(Date.now() / 1000);
  // the lead of GLOW (SW4), an AMHL and an LLME of the hub
  await sql([
    `UPDATE role_grants SET role = 'mhl', hub_id = (SELECT id FROM hubs WHERE code = 'SW4') WHERE person_id = (SELECT id FROM people WHERE email = '${EMAIL}')`,
    `INSERT INTO schools (urn, name, status, digest, imported_at) VALUES ('112233', 'Riverside Primary School', 'open', 'test', ${now})`,
    `INSERT INTO people (email, name, created_at, job_title, school_urn) VALUES ('sam.stone@riverside.example', 'Sam Stone', ${now}, 'Year 4 teacher', '112233'), ('amir.khan@glow.example', 'Amir Khan', ${now}, '', NULL)`,
    `INSERT INTO role_grants (person_id, role, hub_id, granted_at) SELECT p.id, 'llme', h.id, ${now} FROM people p, hubs h WHERE p.email = 'sam.stone@riverside.example' AND h.code = 'SW4'`,
    `INSERT INTO role_grants (person_id, role, hub_id, granted_at, phase) SELECT p.id, 'amhl', h.id, ${now}, 'Primary' FROM people p, hubs h WHERE p.email = 'amir.khan@glow.example' AND h.code = 'SW4'`,
  ].join(';\n') + ';');

  // set up: a password and the app
  await page.goto(link, { waitUntil: 'load' });
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await submit(page, 'Continue');
  await page.getByText('I cannot scan the QR code').click();
  const secret = (await page.locator('#secret').innerText()).replace(/\s/g, '');
  await page.getByLabel('Code from the app').fill(await freshCode({ secret }));
  await submit(page, 'Continue');
  assert.equal(await h1(page), 'Your account is set up');

  // the People page, then the LLME's page
  await page.goto(`${server.base}/admin/people`, { waitUntil: 'load' });
  await page.getByRole('link', { name: 'Sam Stone' }).click();
  await page.waitForURL(/\/admin\/people\/\d+$/);
  const person = path_();
  assert.equal(await h1(page), 'Sam Stone');
  assert.ok(await page.getByText('No designations.').isVisible());
  assert.ok(await page.getByText('Leading maths teacher professional development').isVisible(), 'the elements of expertise');
  await checkPage(page, watch, 'person page');

  // a designation: missing the designation first
  await page.getByRole('button', { name: 'Add a designation' }).click();
  await page.waitForURL(`${server.base}${person}/designations`);
  assert.equal(await h1(page), 'Add a designation');
  assert.ok(await page.getByLabel(`${code} (this year)`).isChecked(), 'this year is chosen');
  assert.ok(await page.getByLabel('GLOW (SW4)').isChecked(), 'their one hub is chosen');
  await checkPage(page, watch, 'add a designation');
  let res = await submit(page, 'Add designation');
  assert.equal(res.status(), 400);
  await assertErrorSummaryFocused(page, 'add a designation with an error');
  assert.deepEqual(await errorLinks(page), [{ href: '#designation', text: 'Select the designation' }]);
  await checkPage(page, watch, 'add a designation with an error', 400);
  await page.getByLabel('Primary Mastery Specialist (PMS)').check();
  await shot('designation.png');
  res = await submit(page, 'Add designation');
  assert.equal(res.status(), 200);
  assert.equal(path_(), person);
  assert.equal(await banner(page), `Sam Stone is a Primary Mastery Specialist (PMS) in SW4 for ${code}`);
  assert.ok(await page.getByRole('table', { name: `Designations in ${code}` }).getByRole('rowheader', { name: 'Primary Mastery Specialist (PMS)' }).isVisible());
  await checkPage(page, watch, 'person page with a designation');

  // an accreditation: working towards PD Lead since 1 September
  await page.getByRole('link', { name: 'Change Professional Development Lead (PD Lead)' }).click();
  await page.waitForURL(`${server.base}${person}/accreditations/pd-lead`);
  await checkPage(page, watch, 'accreditation page');
  assert.equal(await page.locator('#since-day').isVisible(), false, 'the date shows when its option is chosen');
  await page.getByLabel('Working towards it').check();
  await page.locator('#since-day').fill('1');
  await page.locator('#since-month').fill('9');
  await page.locator('#since-year').fill(String(Y));
  await checkPage(page, watch, 'accreditation page, a date revealed');
  res = await submit(page, 'Save');
  assert.equal(res.status(), 200);
  assert.equal(path_(), person);
  assert.equal(await banner(page), `Sam Stone's PD Lead: working towards it since 1 September ${Y}`);
  await checkPage(page, watch, 'person page with an accreditation');
  await shot('person.png');

  // the hub's page leads to its team
  await page.goto(`${server.base}/hubs/SW4`, { waitUntil: 'load' });
  await page.getByRole('link', { name: 'See the hub\'s team' }).click();
  await page.waitForURL(`${server.base}/hubs/SW4/team`);
  assert.equal(await h1(page), 'Hub team');
  await checkPage(page, watch, 'team page');

  // the LLME Community leads: the MHL and the AMHL
  await page.getByRole('link', { name: 'Choose the LLME Community leads' }).click();
  await page.waitForURL(`${server.base}/hubs/SW4/team/community-leads`);
  await checkPage(page, watch, 'community leads page');
  await page.getByLabel('Gwen Glow, Maths Hub Lead').check();
  await page.getByLabel('Amir Khan, Assistant Maths Hub Lead').check();
  res = await submit(page, 'Save');
  assert.equal(res.status(), 200);
  assert.equal(path_(), '/hubs/SW4/team');
  assert.equal(await banner(page), `The LLME Community leads for ${code} have been saved`);

  // the team as it is now
  const leadership = await page.locator('.govuk-summary-list__row').evaluateAll((rs) => rs.map((r) =>
    [r.querySelector('dt').innerText.trim(), r.querySelector('dd').innerText.replace(/\s+/g, ' ').trim()]));
  assert.deepEqual(leadership, [['Maths Hub Lead', `Gwen Glow ${EMAIL}`], ['Assistant Maths Hub Lead (Primary)', 'Amir Khan amir.khan@glow.example']]);
  const table = page.getByRole('table', { name: `LLMEs in ${code}` });
  const row = (await table.locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  assert.deepEqual(row, [`Sam Stone Year 4 teacher, Riverside Primary School Primary Mastery Specialist (PMS) PD Lead: working towards it since 1 September ${Y}`]);
  assert.match(await page.locator('main').innerText(), /1 active LLME, against the goal of at least 50 in every hub\./);
  assert.match(await page.locator('main').innerText(), /Amir Khan, Assistant Maths Hub Lead \(Primary\)\nGwen Glow, Maths Hub Lead/);
  await checkPage(page, watch, 'team page with its leads');
  await shot('team.png');

  // on a phone: nothing scrolls sideways, and it still passes axe
  await page.setViewportSize({ width: 375, height: 800 });
  await page.reload({ waitUntil: 'load' });
  const wide = await page.evaluate(() => [...document.querySelectorAll('.mh-table-wrap')].filter((e) => e.scrollWidth > e.clientWidth).length);
  assert.equal(wide, 0, 'the LLME table fits a phone');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page fits a phone');
  await checkPage(page, watch, 'team page on a phone');
  await shot('team-phone.png');
  await page.setViewportSize({ width: 1100, height: 900 });
});

/** Saves the page at a phone's width too (name-phone.png), checking it fits and passes axe there. */
async function shotBoth(name, what) {
  await shot(`${name}.png`);
  await page.setViewportSize({ width: 375, height: 800 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${what} fits a phone`);
  await checkPage(page, watch, `${what} on a phone`);
  await shot(`${name}-phone.png`);
  await page.setViewportSize({ width: 1100, height: 900 });
}

test('an LLME whose school has closed is flagged; the lead removes a designation and an accreditation, each after a question', { timeout: 120000 }, async () => {
  const Y = year();
  const code = `${Y}/${String((Y + 1) % 100).padStart(2, '0')}`;
  // Awbridge Primary School closed; GIAS's links name the academy that replaced it
  await seedSchools(server, { urns: ['115856', '148213'] });
  await sql("UPDATE people SET school_urn = '115856' WHERE email = 'sam.stone@riverside.example'");
  await page.goto(`${server.base}/hubs/SW4/team`, { waitUntil: 'load' });
  const row = page.getByRole('table', { name: `LLMEs in ${code}` }).locator('tbody tr').first();
  assert.match((await row.innerText()).replace(/\s+/g, ' '), /Sam Stone Year 4 teacher, Awbridge Primary School Closed Its successor is Awbridge Primary School \(URN 148213\)\. Their school needs updating: change their school\./);
  await checkPage(page, watch, 'team page with a closed school');
  await shotBoth('team-closed-school', 'team page with a closed school');
  await row.getByRole('link', { name: 'change their school' }).click();
  await page.waitForURL(/\/admin\/people\/\d+\/details$/);
  await page.goBack({ waitUntil: 'load' });

  // their page says so too, and leads to the successor's page
  await row.getByRole('link', { name: 'Sam Stone' }).click();
  await page.waitForURL(/\/admin\/people\/\d+$/);
  const person = path_();
  assert.ok(await page.locator('.govuk-summary-list__value .govuk-tag', { hasText: 'Closed' }).isVisible());
  await checkPage(page, watch, 'person page with a closed school');
  await shotBoth('person-closed-school', 'person page with a closed school');

  // the designation: a question first, warning that it is the one that makes them active this year
  await page.getByRole('link', { name: `Remove Primary Mastery Specialist (PMS), ${code}` }).click();
  await page.waitForURL(/\/designations\/\d+\/remove$/);
  assert.equal(await h1(page), `Are you sure you want to remove Sam Stone's Primary Mastery Specialist (PMS) designation for ${code}?`);
  assert.match(await page.locator('.govuk-warning-text').innerText(), /only designation in GLOW \(SW4\) this year/);
  await checkPage(page, watch, 'removing a designation');
  await shotBoth('designation-remove', 'removing a designation');
  assert.equal(await sql("SELECT count(*) FROM llme_designations"), '1', 'nothing removed yet');
  let res = await submit(page, 'Remove designation');
  assert.equal(res.status(), 200);
  assert.equal(path_(), person);
  assert.equal(await banner(page), `Sam Stone is no longer a Primary Mastery Specialist (PMS) in SW4 for ${code}`);
  assert.ok(await page.getByText('No designations.').isVisible());

  // the accreditation: "Not started", then the question
  await page.getByRole('link', { name: 'Change Professional Development Lead (PD Lead)' }).click();
  await page.getByLabel('Not started').check();
  res = await submit(page, 'Save');
  assert.equal(res.status(), 200);
  assert.equal(path_(), `${person}/accreditations/pd-lead/remove`);
  assert.equal(await h1(page), 'Are you sure you want to remove Sam Stone\'s PD Lead accreditation?');
  await checkPage(page, watch, 'removing an accreditation');
  await shotBoth('accreditation-remove', 'removing an accreditation');
  res = await submit(page, 'Remove accreditation');
  assert.equal(res.status(), 200);
  assert.equal(path_(), person);
  assert.equal(await banner(page), 'Sam Stone: PD Lead removed');
  assert.equal(await sql('SELECT count(*) FROM llme_accreditations'), '0');
  await checkPage(page, watch, 'person page after the removals');
});

test('the hub lead\'s account page names their hub and leads to its team and its schools', { timeout: 60000 }, async () => {
  for (const width of [375, 1100]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${server.base}/account`, { waitUntil: 'load' });
    const roles = await page.locator('main').innerText();
    assert.match(roles, /Your roles\s+Maths Hub Lead\s+In GLOW Maths Hub \(SW4\)\s+Its team\s+\(GLOW Maths Hub\)\s+Schools in its area/);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `the page fits ${width} px`);
    await checkPage(page, watch, `account page of a hub lead, ${width} px`);
    await shot(`account-${width}.png`);
    await page.getByRole('link', { name: 'Its team (GLOW Maths Hub)' }).click();
    await page.waitForURL(`${server.base}/hubs/SW4/team`);
    await page.goBack({ waitUntil: 'load' });
    await page.getByRole('link', { name: 'Schools in its area (GLOW Maths Hub)' }).click();
    await page.waitForURL(`${server.base}/hubs/SW4/schools`);
    await page.goBack({ waitUntil: 'load' });
    await page.getByRole('link', { name: 'GLOW Maths Hub', exact: true }).click();
    await page.waitForURL(`${server.base}/hubs/SW4`);
  }
  await page.setViewportSize({ width: 1100, height: 900 });
});
