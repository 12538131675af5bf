// Targeted Support (src/activities/support_*.c): an activity of NCP24-33 is
// set up with its one school (the school's hub fixed as it joins), a level,
// agreed days typed in whole or half days, and a focus; a second school is
// refused; the level changes from a date with a reason and is kept as
// history, across years for the same school; each cycle stage's status
// follows from its dates; days used count the sessions begun and not
// cancelled (inserted here with SQL: another package makes them). Its leads
// write the cycle, an LLME who does not lead it only reads it, another hub
// is not told it exists. Every change is audited.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { dbQuery, errorSummary, plain, roleSession, tableRows, useServer } from './lib.mjs';

const srv = useServer();
const sql = (q) => dbQuery(srv, q);
let mhl, amhl, llme, llme2, otherMhl, analyst, nobody;
let ids = {};
const URN = '900201';
const OTHER_URN = '900202';

/** YYYY-MM-DD `days` from today (UTC; the tests keep days away from midnight's edge). */
const day = (days) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
const dateFields = (name, ymd) => {
  const [y, m, d] = ymd.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
};

async function createSupport(title) {
  const r = await mhl.post('/activities/new?hub=SW4', { ncp: ids.ncp33, title, cohort: 'none', year: String(ids.year),
    years: '1', format: 'face_to_face', capacity_of: 'schools', status: 'planned', leads: [ids.llme], link: ids.amhl });
  assert.equal(r.status, 303, errorSummary(r.body).join(' | ') || r.body.slice(0, 300));
  return /^\/activities\/(\d+)$/.exec(r.headers.location)[1];
}

function setUp(who, id, over = {}) {
  return who.post(`/activities/${id}/support`, { school: URN, level: 'intensive', ...dateFields('began', day(-90)),
    days: '8', focus: 'Fluency with number facts in Years 3 and 4', ...over });
}

/** The task list's stages: {Explore: 'Completed', ...}. */
function stages(html) {
  return Object.fromEntries([...html.matchAll(/<li class="govuk-task-list__item[\s\S]*?<\/li>/g)].map((m) => {
    const name = /govuk-task-list__(?:link|name-and-hint)"?[^>]*>(?:<div>)?([^<]+)</.exec(m[0]);
    const status = /govuk-task-list__status[^>]*>([\s\S]*?)<\/div>/.exec(m[0]);
    return [plain(name[1]), plain(status[1])];
  }));
}

async function session(id, startDays, halfDays, { cancelled = false } = {}) {
  const at = Math.floor(Date.now() / 1000) + startDays * 86400;
  await sql(`INSERT INTO activity_sessions (activity_id, starts_at, ends_at, format, venue, half_days, cancelled_at,
             cancel_reason, created_by, created_at, updated_at)
             VALUES (${id}, ${at}, ${at + 3 * 3600}, 'face_to_face', 'The school', ${halfDays},
             ${cancelled ? at - 86400 : 'NULL'}, ${cancelled ? "'Snow'" : 'NULL'}, ${ids.llme}, 0, 0)`);
}

before(async () => {
  await srv.started;
  mhl = await roleSession(srv, 'mhl@ts-sw4.example', 'mhl', 'SW4');
  amhl = await roleSession(srv, 'amhl@ts-sw4.example', 'amhl', 'SW4');
  llme = await roleSession(srv, 'llme@ts-sw4.example', 'llme', 'SW4');
  llme2 = await roleSession(srv, 'llme2@ts-sw4.example', 'llme', 'SW4');
  otherMhl = await roleSession(srv, 'mhl@ts-ee1.example', 'mhl', 'EE1');
  analyst = await roleSession(srv, 'analyst@ts-national.example', 'national_analyst');
  nobody = await roleSession(srv, 'teacher@ts-school.example', 'participant');
  const la = (await sql("SELECT la_code FROM hub_areas WHERE hub_id = (SELECT id FROM hubs WHERE code = 'EE1') ORDER BY la_code LIMIT 1")).trim();
  await sql(`INSERT INTO schools (urn, name, la_code, status, digest, imported_at) VALUES
             ('${URN}', 'Marsh Lane Primary', '${la}', 'open', 't', 0), ('${OTHER_URN}', 'Hill Top Academy', '${la}', 'open', 't', 0)`);
  ids = { llme: llme.id, amhl: amhl.id,
    ncp33: (await sql("SELECT id FROM projects WHERE code = 'NCP24-33'")).trim(),
    year: new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1 };
});

describe('setting it up', () => {
  let id;
  before(async () => { id = await createSupport('Targeted Support: Marsh Lane'); });

  test('the activity page links it; before set-up, its page is the set-up form', async () => {
    const page = await mhl.get(`/activities/${id}`);
    assert.match(page.body, new RegExp(`href="/activities/${id}/support"`));
    const r = await llme.get(`/activities/${id}/support`);
    assert.equal(r.status, 200);
    assert.match(r.body, /Set up Targeted Support/);
    assert.match(r.body, /name="school"[^>]*data-school-search|data-school-search[^>]*name="school"/);
    assert.match(r.body, /Person llme@ts-sw4\.example is not accredited or working towards accreditation as a School Development Lead/);
  });

  test('bad forms answer 400 with the error summary and write nothing', async () => {
    for (const [over, message] of [
      [{ school: '' }, "Enter the school's name, postcode or URN"],
      [{ school: '999999' }, 'There is no school with this URN'],
      [{ level: '' }, 'Select the level of support'],
      [{ level: 'extreme' }, 'Select level of support from the list'],
      [{ days: '' }, 'Enter the agreed number of days'],
      [{ days: 'eight' }, 'Enter the agreed days as a number, like 8 or 7.5'],
      [{ days: '7.25' }, 'Agreed days must be whole or half days, like 7 or 7.5'],
      [{ days: '0' }, 'Agreed days must be at least half a day'],
      [{ days: '101' }, 'Agreed days must be 100 days or fewer'],
      [{ 'began-day': '31', 'began-month': '2' }, 'must be a real date'],
    ]) {
      const r = await setUp(llme, id, over);
      assert.equal(r.status, 400, JSON.stringify(over));
      assert.ok(errorSummary(r.body).some(([, text]) => text.includes(message)), `${JSON.stringify(over)}: ${errorSummary(r.body)}`);
    }
    assert.equal(await sql(`SELECT count(*) FROM targeted_support WHERE activity_id = ${id}`), '0');
    assert.equal(await sql(`SELECT count(*) FROM activity_schools WHERE activity_id = ${id}`), '0');
  });

  test('set up by its lead: the school joins with its hub, its level from the date given, audited', async () => {
    const r = await setUp(llme, id, { school: `Marsh Lane Primary (URN ${URN}), Fenton`, days: '7½' });
    assert.equal(r.status, 303, errorSummary(r.body).join(' | ') || r.body.slice(0, 300));
    assert.equal(r.headers.location, `/activities/${id}/support`);
    assert.equal(await sql(`SELECT urn || '|' || level || '|' || agreed_half_days FROM targeted_support WHERE activity_id = ${id}`),
      `${URN}|intensive|15`);
    assert.equal(await sql(`SELECT s.urn || '|' || h.code || '|' || s.joined_on FROM activity_schools s JOIN hubs h ON h.id = s.hub_id
                            WHERE s.activity_id = ${id}`), `${URN}|EE1|${day(-90)}`);
    assert.equal(await sql(`SELECT from_on || '|' || level FROM support_levels WHERE activity_id = ${id}`), `${day(-90)}|intensive`);
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'support_set_up' AND subject = 'activity:${id}'`), '1');
    const page = await llme.get(`/activities/${id}/support`);
    assert.match(page.body, /Targeted Support set up/);
    assert.match(plain(page.body), /Marsh Lane Primary \(URN 900201\)/);
    assert.match(plain(page.body), /0 of 7½ agreed days used/);
    assert.match(plain(page.body), /Fluency with number facts in Years 3 and 4/);
  });

  test('a second school is refused, by the form and by the database', async () => {
    const r = await setUp(mhl, id, { school: OTHER_URN });
    assert.equal(r.status, 400);
    assert.match(plain(r.body), /Targeted Support is for one school, and this activity's school is already Marsh Lane Primary \(URN 900201\)/);
    await assert.rejects(sql(`INSERT INTO activity_schools (activity_id, urn, joined_on, added_at) VALUES (${id}, '${OTHER_URN}', '2026-01-01', 0)`));
    assert.equal(await sql(`SELECT count(*) FROM activity_schools WHERE activity_id = ${id}`), '1');
    assert.equal(await sql(`SELECT urn FROM targeted_support WHERE activity_id = ${id}`), URN);
  });

  test('the agreed days and focus change later, in whole or half days', async () => {
    for (const [typed, half] of [['8', '16'], ['7.5', '15'], ['10 days', '20'], ['½', '1'], ['0.5', '1'], ['12,5', '25']]) {
      const r = await llme.post(`/activities/${id}/support/details`, { days: typed, focus: 'Reasoning in KS2' });
      assert.equal(r.status, 303, `${typed}: ${errorSummary(r.body)}`);
      assert.equal(await sql(`SELECT agreed_half_days FROM targeted_support WHERE activity_id = ${id}`), half, typed);
    }
    const form = await llme.get(`/activities/${id}/support/details`);
    assert.match(form.body, /name="days"[^>]*value="12\.5"|value="12\.5"[^>]*name="days"/);
    const r = await llme.post(`/activities/${id}/support/details`, { days: '8', focus: 'Reasoning in KS2' });
    assert.equal(r.status, 303);
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'support_changed' AND subject = 'activity:${id}'`), '7');
  });

  test('another kind of activity has no support page', async () => {
    const ncp09 = (await sql("SELECT id FROM projects WHERE code = 'NCP24-09'")).trim();
    const r = await mhl.post('/activities/new?hub=SW4', { ncp: ncp09, cohort: 'none', year: String(ids.year), years: '1',
      format: 'online', capacity_of: 'schools', status: 'planned' });
    assert.equal(r.status, 303);
    const wg = r.headers.location;
    assert.equal((await mhl.get(`${wg}/support`)).status, 404);
    assert.doesNotMatch((await mhl.get(wg)).body, /\/support"/);
    assert.equal((await mhl.post(`${wg}/support`, { school: URN, level: 'standard', days: '2', ...dateFields('began', day(0)) })).status, 404);
  });
});

describe('the cycle, the days used and the level', () => {
  let id;
  before(async () => {
    id = await createSupport('Targeted Support: Marsh Lane (cycle)');
    // another school here: the first set-up's school is in its own activity
    await sql(`INSERT INTO schools (urn, name, status, digest, imported_at) VALUES ('900203', 'Brook Infant School', 'open', 't', 0)`);
    const r = await setUp(llme, id, { school: '900203', days: '4' });
    assert.equal(r.status, 303, errorSummary(r.body).join(' | '));
  });

  test('each stage\'s status follows from its dates; its lead writes it, audited', async () => {
    let page = await llme.get(`/activities/${id}/support`);
    assert.deepEqual(stages(page.body), { Explore: 'Not started', Plan: 'Not started', Deliver: 'Not started', Evaluate: 'Not started' });
    for (const [stage, fields] of [
      ['explore', { ...dateFields('starts', day(-60)), ...dateFields('ends', day(-30)), notes: 'Met the head and maths lead.\nLooked at books.' }],
      ['plan', { ...dateFields('starts', day(-20)), notes: 'Drafting the plan' }],
      ['deliver', { ...dateFields('starts', day(30)) }],
    ]) {
      const r = await llme.post(`/activities/${id}/support/cycle/${stage}`, fields);
      assert.equal(r.status, 303, `${stage}: ${errorSummary(r.body)}`);
    }
    page = await llme.get(`/activities/${id}/support`);
    assert.deepEqual(stages(page.body), { Explore: 'Completed', Plan: 'In progress', Deliver: 'Not started', Evaluate: 'Not started' });
    assert.match(page.body, /Met the head and maths lead\.\nLooked at books\./);
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'support_cycle_changed' AND subject = 'activity:${id}'`), '3');
    const form = await llme.get(`/activities/${id}/support/cycle/explore`);
    assert.equal(form.status, 200);
    assert.match(form.body, /Drafting|Met the head/);

    for (const [fields, message] of [
      [{ ...dateFields('ends', day(-1)) }, 'Enter the date it starts, as it has an end'],
      [{ ...dateFields('starts', day(-1)), ...dateFields('ends', day(-5)) }, 'Date it ends must be the same as or after the date it starts'],
      [{ notes: 'x'.repeat(5001) }, 'Notes must be 5000 characters or less'],
    ]) {
      const r = await llme.post(`/activities/${id}/support/cycle/evaluate`, fields);
      assert.equal(r.status, 400);
      assert.ok(errorSummary(r.body).some(([, t]) => t.includes(message)), errorSummary(r.body).join(' | '));
    }
    assert.equal((await llme.get(`/activities/${id}/support/cycle/review`)).status, 404);
    assert.equal(await sql(`SELECT count(*) FROM support_cycle WHERE activity_id = ${id}`), '3');
  });

  test('days used: its sessions begun and not cancelled, with a warning past those agreed', async () => {
    await session(id, -40, 2);
    await session(id, -20, 2);
    await session(id, -10, 1);
    await session(id, -5, 2, { cancelled: true });
    await session(id, 14, 2);
    let page = plain((await llme.get(`/activities/${id}/support`)).body);
    assert.match(page, /2½ of 4 agreed days used/);
    assert.match(page, /And 1 in sessions to come/);
    assert.doesNotMatch(page, /more than the 4 days agreed/);
    await session(id, -3, 4);
    page = plain((await llme.get(`/activities/${id}/support`)).body);
    assert.match(page, /4½ of 4 agreed days used/);
    assert.match(page, /Its sessions have used 4½ days: more than the 4 days agreed\./);
  });

  test('the lead hub changes its level from a date, with a reason; its history is kept', async () => {
    assert.equal((await llme.get(`/activities/${id}/support/level`)).status, 403, 'an LLME does not change the level');
    assert.equal((await amhl.get(`/activities/${id}/support/level`)).status, 200);
    for (const [over, message] of [
      [{ level: 'intensive' }, 'It is already at the Intensive level'],
      [{ ...dateFields('from', day(5)) }, 'Date it changes must be today or in the past'],
      [{ ...dateFields('from', day(-120)) }, 'Date it changes must be after'],
      [{ reason: '' }, 'Enter why the level changes'],
    ]) {
      const r = await amhl.post(`/activities/${id}/support/level`, { level: 'standard', ...dateFields('from', day(-7)),
        reason: 'Leaders have made the change', ...over });
      assert.equal(r.status, 400, JSON.stringify(over));
      assert.ok(errorSummary(r.body).some(([, t]) => t.includes(message)), errorSummary(r.body).join(' | '));
    }
    const r = await amhl.post(`/activities/${id}/support/level`, { level: 'standard', ...dateFields('from', day(-7)),
      reason: 'Leaders have made the change intensive support was for' });
    assert.equal(r.status, 303, errorSummary(r.body).join(' | '));
    assert.equal(await sql(`SELECT level FROM targeted_support WHERE activity_id = ${id}`), 'standard');
    assert.equal(await sql(`SELECT count(*) FROM support_levels WHERE activity_id = ${id}`), '2');
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'support_level_changed' AND subject = 'activity:${id}'`), '1');
    const page = await amhl.get(`/activities/${id}/support`);
    assert.match(page.body, /Level changed to Standard/);
    const rows = tableRows(page.body, 'Its level');
    assert.deepEqual(rows.map((row) => row.slice(1, 3)), [['Standard', 'Leaders have made the change intensive support was for'],
      ['Intensive', 'Set up']]);
  });

  test("the school's support across years: an earlier year's activity and its levels", async () => {
    const earlier = await sql(`INSERT INTO activities (project_id, kind, lead_hub_id, first_year, last_year, title, format, created_by,
        created_at, updated_at) VALUES (${ids.ncp33}, 'Targeted Support', (SELECT id FROM hubs WHERE code = 'SW4'), ${ids.year - 1},
        ${ids.year - 1}, 'Brook Infant intensive support', 'face_to_face', ${ids.llme}, 0, 0) RETURNING id`);
    await sql(`INSERT INTO targeted_support (activity_id, urn, level, agreed_half_days) VALUES (${earlier}, '900203', 'intensive', 12)`);
    await sql(`INSERT INTO support_levels (activity_id, from_on, level, set_at) VALUES (${earlier}, '${ids.year - 1}-09-15', 'intensive', 0),
               (${earlier}, '${ids.year}-02-01', 'enhanced', 0)`);
    const rows = tableRows((await llme.get(`/activities/${id}/support`)).body, "The school's Targeted Support");
    assert.equal(rows.length, 2);
    assert.match(rows[0][1], /\(this one\)/);
    assert.match(rows[0][3], /^Intensive from .*, then Standard from /);
    assert.match(rows[1][1], /Brook Infant intensive support/);
    assert.match(rows[1][3], new RegExp(`^Intensive from 15 September ${ids.year - 1}, then Enhanced from 1 February ${ids.year}$`));
    assert.equal(rows[1][4], '0 of 6 agreed days used');
  });
});

describe('who may see and change it', () => {
  let id;
  before(async () => {
    id = await createSupport('Targeted Support: permissions');
    await sql(`INSERT INTO schools (urn, name, status, digest, imported_at) VALUES ('900204', 'Oak Farm School', 'open', 'x', 0)`);
    const r = await setUp(mhl, id, { school: '900204' });
    assert.equal(r.status, 303, errorSummary(r.body).join(' | '));
  });

  test('its LLME lead writes the cycle; an LLME who does not lead it reads it (403 to change it)', async () => {
    assert.equal((await llme.post(`/activities/${id}/support/cycle/explore`, dateFields('starts', day(-3)))).status, 303);
    const seen = await llme2.get(`/activities/${id}/support`);
    assert.equal(seen.status, 200);
    assert.doesNotMatch(seen.body, /\/support\/cycle\/explore"/, 'no links to change it');
    assert.deepEqual(stages(seen.body).Explore, 'In progress');
    assert.equal((await llme2.get(`/activities/${id}/support/cycle/explore`)).status, 403);
    assert.equal((await llme2.post(`/activities/${id}/support/cycle/explore`, dateFields('starts', day(-9)))).status, 403);
    assert.equal((await llme2.post(`/activities/${id}/support/details`, { days: '30' })).status, 403);
    assert.equal((await analyst.get(`/activities/${id}/support`)).status, 200);
    assert.equal(await sql(`SELECT starts_on FROM support_cycle WHERE activity_id = ${id} AND stage = 'explore'`), day(-3));
  });

  test('another hub, a participant and a visitor are not told it exists', async () => {
    for (const who of [otherMhl, nobody]) assert.equal((await who.get(`/activities/${id}/support`)).status, 404);
    assert.equal((await otherMhl.get(`/activities/${id}/support/cycle/plan`)).status, 404);
    assert.equal((await otherMhl.post(`/activities/${id}/support/cycle/plan`, dateFields('starts', day(-1)))).status, 404);
    assert.equal((await otherMhl.post(`/activities/${id}/support/level`, { level: 'standard', ...dateFields('from', day(0)),
      reason: 'mine' })).status, 404);
    assert.equal((await mhl.get('/activities/999999/support')).status, 404);
    assert.equal(await sql(`SELECT count(*) FROM support_cycle WHERE activity_id = ${id} AND stage = 'plan'`), '0');
  });

  test('a cancelled activity keeps its support, read only', async () => {
    assert.equal((await mhl.post(`/activities/${id}/cancel`, { reason: 'The school closed' })).status, 303);
    const page = await llme.get(`/activities/${id}/support`);
    assert.equal(page.status, 200);
    assert.match(page.body, /This activity was cancelled: The school closed/);
    assert.doesNotMatch(page.body, /\/support\/cycle\//);
    const r = await llme.post(`/activities/${id}/support/cycle/plan`, dateFields('starts', day(-1)));
    assert.equal(r.status, 400);
    assert.match(r.body, /cannot be changed/);
  });
});
