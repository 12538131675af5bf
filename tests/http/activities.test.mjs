// Hub activities (src/activities): a hub's leadership creates an activity
// for an NCP of the year's catalogue (or a local one), changes it and
// cancels it; its LLMEs see it and what they lead; another hub, a
// participant and visitors are not told it exists (404), and those who may
// see it but not change it get 403. Every change is audited, every bad form
// answers 400 with the GOV.UK error summary and writes nothing.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { dbQuery, errorSummary, roleSession, useServer } from './lib.mjs';

const srv = useServer();
const sql = (q) => dbQuery(srv, q);
let mhl, amhl, llme, llme2, otherMhl, otherLlme, analyst, nobody;
let ids = {};

/** The create form's fields, as the page's form sends them. */
function form(over = {}) {
  return { ncp: ids.ncp09, kind: '', title: '', cohort: 'none', cohort_label: '', year: String(ids.year), years: '1',
    format: 'face_to_face', sessions: '4', capacity: '', capacity_of: 'schools', status: 'planned',
    leads: [ids.llme, ids.llme2], link: ids.amhl, ...over };
}

async function create(over) {
  const r = await mhl.post('/activities/new?hub=SW4', form(over));
  assert.equal(r.status, 303, errorSummary(r.body).join(' | ') || r.body.slice(0, 300));
  const m = /^\/activities\/(\d+)$/.exec(r.headers.location);
  assert.ok(m, r.headers.location);
  return m[1];
}

before(async () => {
  await srv.started;
  mhl = await roleSession(srv, 'mhl@sw4.example', 'mhl', 'SW4');
  amhl = await roleSession(srv, 'amhl@sw4.example', 'amhl', 'SW4');
  llme = await roleSession(srv, 'llme@sw4.example', 'llme', 'SW4');
  llme2 = await roleSession(srv, 'llme2@sw4.example', 'llme', 'SW4');
  otherMhl = await roleSession(srv, 'mhl@ee1.example', 'mhl', 'EE1');
  otherLlme = await roleSession(srv, 'llme@ee1.example', 'llme', 'EE1');
  analyst = await roleSession(srv, 'analyst@national.example', 'national_analyst');
  nobody = await roleSession(srv, 'teacher@school.example', 'participant');
  await sql(`INSERT INTO llme_accreditations (person_id, accreditation, state, since, changed_at)
             VALUES (${llme.id}, 'pd_lead', 'accredited', '2023-07-01', 0)`);
  ids = { llme: llme.id, llme2: llme2.id, amhl: amhl.id,
    ncp09: await sql("SELECT id FROM projects WHERE code = 'NCP24-09'"),
    ncp01: await sql("SELECT id FROM projects WHERE code = 'NCP24-01'"),
    year: new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1 };
});

describe('creating an activity', () => {
  test('one hub: the form is that hub\'s, with its LLMEs and leadership, and the catalogue it can offer', async () => {
    const r = await mhl.get('/activities/new');
    assert.equal(r.status, 303);
    assert.equal(r.headers.location, '/activities/new?hub=SW4');
    const page = await mhl.get('/activities/new?hub=SW4');
    assert.equal(page.status, 200);
    assert.match(page.body, /NCP24-09: Primary Teaching for Mastery Development Work Groups/);
    assert.match(page.body, /None: a local activity outside the catalogue/);
    assert.match(page.body, /Person llme2@sw4\.example \(has not started the PD Lead Programme\)/);
    assert.match(page.body, /Person amhl@sw4\.example/);
    assert.doesNotMatch(page.body, /ee1\.example/, "another hub's people are not offered");
  });

  test('a Work Group of an NCP takes its kind, title and phases; the lead hub sees it; audited', async () => {
    const id = await create();
    assert.equal(await sql(`SELECT kind || '|' || title || '|' || status || '|' || first_year || '|' || last_year FROM activities WHERE id = ${id}`),
      `Work Group|Primary Teaching for Mastery Development Work Groups|planned|${ids.year}|${ids.year}`);
    assert.equal(await sql(`SELECT phase FROM activity_phases WHERE activity_id = ${id}`), 'Primary');
    assert.equal(await sql(`SELECT h.code || '|' || ah.role FROM activity_hubs ah JOIN hubs h ON h.id = ah.hub_id WHERE activity_id = ${id}`), 'SW4|lead');
    assert.equal(await sql(`SELECT count(*) FROM activity_leads WHERE activity_id = ${id}`), '2');
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'activity_created' AND subject = 'activity:${id}'`), '1');
    const page = await mhl.get(`/activities/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Activity created/);
    assert.match(page.body, /Person llme2@sw4\.example has not completed the PD Lead Programme/);
    assert.doesNotMatch(page.body, /Person llme@sw4\.example has not completed/, 'an accredited PD Lead is not warned about');
    assert.match(page.body, /Cancel this activity/);
  });

  test('bad forms answer 400 with the error summary and write nothing', async () => {
    const before = await sql('SELECT count(*) FROM activities');
    for (const [over, message] of [
      [{ ncp: '' }, 'Select the NCP it runs, or none'],
      [{ ncp: 'local' }, 'Select the kind of local activity'],
      [{ ncp: 'local', kind: 'Work Group' }, 'Enter the title of the local activity'],
      [{ ncp: 'local', kind: 'Work Group', title: 'Research WG', cohort: 'regional' }, 'Only a Programme or a Community can be a regional cohort'],
      [{ ncp: 'local', kind: 'Community', title: 'Research community' }, 'Select the phases it is for'],
      [{ years: '9' }, 'How many academic years does it run? must be between 1 and 5'],
      [{ ncp: '99999' }, 'Select NCP from the list'],
      [{ leads: [ids.llme, otherLlme.id] }, 'LLME leads'],
      [{ link: otherMhl.id }, 'MHLM link'],
      [{ status: 'completed' }, 'Select status from the list'],
    ]) {
      const r = await mhl.post('/activities/new?hub=SW4', form(over));
      assert.equal(r.status, 400, JSON.stringify(over));
      assert.ok(errorSummary(r.body).some(([, text]) => text.includes(message)), `${JSON.stringify(over)}: ${errorSummary(r.body)}`);
    }
    assert.equal(await sql('SELECT count(*) FROM activities'), before);
  });

  test('a local regional cohort of a Programme, with its own title and phases', async () => {
    const id = await create({ ncp: 'local', kind: 'Programme', title: 'Mastery Specialists (South West)', cohort: 'regional',
      cohort_label: 'Cohort 10', phases: ['Primary', 'Secondary'], capacity_of: 'participants' });
    assert.equal(await sql(`SELECT a.cohort || '|' || a.cohort_label || '|' || r.name FROM activities a JOIN regions r ON r.id = a.region_id WHERE a.id = ${id}`),
      `regional|Cohort 10|${await sql("SELECT r.name FROM hubs h JOIN regions r ON r.id = h.region_id WHERE h.code = 'SW4'")}`);
    assert.equal(await sql(`SELECT count(*) FROM activity_phases WHERE activity_id = ${id}`), '2');
  });
});

describe('who may see and change it', () => {
  let id;
  before(async () => { id = await create({ title: 'Development WG North' }); });

  test("the hub's LLMEs and the national team see it; only the lead hub's leadership changes it", async () => {
    for (const who of [llme, llme2, amhl, analyst]) assert.equal((await who.get(`/activities/${id}`)).status, 200);
    const seen = await llme.get(`/activities/${id}`);
    assert.doesNotMatch(seen.body, /Cancel this activity/);
    assert.equal((await llme.get(`/activities/${id}/edit`)).status, 403);
    assert.equal((await analyst.get(`/activities/${id}/edit`)).status, 403);
    assert.equal((await amhl.get(`/activities/${id}/edit`)).status, 200);
  });

  test('another hub, a participant and a visitor are not told it exists', async () => {
    for (const who of [otherMhl, otherLlme, nobody]) {
      assert.equal((await who.get(`/activities/${id}`)).status, 404);
    }
    assert.equal((await otherMhl.get(`/activities/${id}/edit`)).status, 404);
    for (const who of [otherLlme, nobody]) { // they organise nothing: refused whatever the activity
      assert.equal((await who.get(`/activities/${id}/edit`)).status, 403);
    }
    const r = await otherMhl.post(`/activities/${id}/cancel`, { reason: 'mine now' });
    assert.equal(r.status, 404);
    assert.equal(await sql(`SELECT status FROM activities WHERE id = ${id}`), 'planned');
  });

  test("a hub whose school takes part sees it in its list, with that hub's part, and its page", async () => {
    await sql(`INSERT INTO schools (urn, name, status, digest, imported_at) VALUES ('900101', 'Fen Primary', 'open', 't', 0)`);
    await sql(`INSERT INTO activity_schools (activity_id, urn, hub_id, joined_on, added_at)
               VALUES (${id}, '900101', (SELECT id FROM hubs WHERE code = 'EE1'), '2026-09-10', 0)`);
    const list = await otherMhl.get('/hubs/EE1/activities');
    assert.equal(list.status, 200);
    assert.match(list.body, /Development WG North/);
    assert.match(list.body, /Its schools take part/);
    assert.equal((await otherMhl.get(`/activities/${id}`)).status, 200);
    assert.equal((await otherMhl.get(`/activities/${id}/edit`)).status, 403, 'seen, but not theirs to change');
  });

  test("a hub's list is its own: another hub's leadership is refused it", async () => {
    const r = await mhl.get('/hubs/SW4/activities');
    assert.equal(r.status, 200);
    assert.match(r.body, /Development WG North/);
    assert.match(r.body, /Create an activity/);
    assert.equal((await otherMhl.get('/hubs/SW4/activities')).status, 403);
    assert.equal((await nobody.get('/hubs/SW4/activities')).status, 403);
    assert.equal((await mhl.get('/hubs/XX9/activities')).status, 404);
  });

  test("an LLME's own list shows what they lead", async () => {
    const r = await llme.get('/activities');
    assert.equal(r.status, 200);
    assert.match(r.body, /Development WG North/);
    assert.match(r.body, /You lead it/);
    const mine = await amhl.get('/activities');
    assert.match(mine.body, /You are its MHLM link/);
  });
});

describe('changing and cancelling', () => {
  test('the details change, audited; a cancelled activity stays and cannot be changed', async () => {
    const id = await create({ title: 'Embedding WG' });
    let r = await mhl.post(`/activities/${id}/edit`, form({ title: 'Embedding WG (Taunton)', years: '2', status: 'running',
      leads: [ids.llme], phases: ['Primary'] }));
    assert.equal(r.status, 303, errorSummary(r.body).join(' | '));
    assert.equal(await sql(`SELECT title || '|' || status || '|' || (last_year - first_year) FROM activities WHERE id = ${id}`),
      'Embedding WG (Taunton)|running|1');
    assert.equal(await sql(`SELECT count(*) FROM activity_leads WHERE activity_id = ${id}`), '1');
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'activity_changed' AND subject = 'activity:${id}'`), '1');

    r = await mhl.post(`/activities/${id}/cancel`, { reason: '' });
    assert.equal(r.status, 400);
    assert.equal(errorSummary(r.body).length, 1);
    r = await mhl.post(`/activities/${id}/cancel`, { reason: 'Too few schools signed up' });
    assert.equal(r.status, 303);
    assert.equal(await sql(`SELECT status || '|' || cancel_reason FROM activities WHERE id = ${id}`), 'cancelled|Too few schools signed up');
    const page = await mhl.get(`/activities/${id}`);
    assert.match(page.body, /This activity was cancelled: Too few schools signed up/);
    r = await mhl.post(`/activities/${id}/edit`, form({ title: 'Revived' }));
    assert.equal(r.status, 400);
    assert.equal(await sql(`SELECT title FROM activities WHERE id = ${id}`), 'Embedding WG (Taunton)');
    r = await mhl.post(`/activities/${id}/cancel`, { reason: 'again' });
    assert.equal(r.status, 303, 'cancelling twice is already done');
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'activity_cancelled' AND subject = 'activity:${id}'`), '1');
  });
});
