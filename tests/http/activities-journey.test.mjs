// A school's teaching for mastery journey (src/activities: journey.c's
// rule, school_part.c, school_history.c, journey_entries.c, tfm_settings.c):
// a primary school that academised mid-journey (its closed predecessor and
// the academy that replaced it, linked by GIAS on one side only) shows one
// timeline over both URNs on the academy's page, with the next step and its
// hub's recruiting Work Group of it; the predecessor's page ends where its
// successor's history goes on. Its participation history (+ CSV, XLSX)
// covers both URNs for its own hub, only its own activities for another
// hub, nothing for anyone else. Manual history and the per-NCP settings
// change the journey at once, audited; bad forms answer 400.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import ExcelJS from 'exceljs';

import { dbQuery, errorSummary, parseCsv, plain, request, roleSession, tableRows, useServer } from './lib.mjs';

const srv = useServer();
const sql = (q) => dbQuery(srv, q);
const now = Math.floor(Date.now() / 1000);
const Y = new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
const code = (y) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
const OLD = '910001';
const NEW = '910002';
let admin, mhl, llme, otherMhl, analyst, participant, head;
const ids = {};

/** The journey section of a school's page, as plain text ('' when none). */
function journeyText(html) {
  const at = html.indexOf('id="journey"');
  if (at < 0) return '';
  return plain(html.slice(at, html.indexOf('<h2 class="govuk-heading-m">History</h2>', at)));
}

async function activity(title, ncp, hub, year, status) {
  const lead = await sql(`SELECT id FROM hubs WHERE code = '${hub}'`);
  const project = ncp ? `(SELECT id FROM projects WHERE code = '${ncp}')` : 'NULL';
  const reason = status === 'cancelled' ? "'No lead'" : 'NULL';
  const id = await sql(`INSERT INTO activities (project_id, kind, lead_hub_id, first_year, last_year, title, format, status,
      cancel_reason, created_by, created_at, updated_at) VALUES (${project}, 'Work Group', ${lead}, ${year}, ${year}, '${title}',
      'face_to_face', '${status}', ${reason}, ${admin.id}, ${now}, ${now}) RETURNING id`);
  await sql(`INSERT INTO activity_phases (activity_id, phase) VALUES (${id}, 'Primary')`);
  return id;
}

async function join(id, urn, joined) {
  await sql(`INSERT INTO activity_schools (activity_id, urn, hub_id, joined_on, added_at)
             VALUES (${id}, '${urn}', (SELECT id FROM hubs WHERE code = 'SW4'), '${joined}', ${now})`);
}

before(async () => {
  await srv.started;
  admin = await roleSession(srv, 'admin@journey.example', 'national_admin');
  mhl = await roleSession(srv, 'mhl@sw4-journey.example', 'mhl', 'SW4');
  llme = await roleSession(srv, 'llme@sw4-journey.example', 'llme', 'SW4');
  otherMhl = await roleSession(srv, 'mhl@ee1-journey.example', 'mhl', 'EE1');
  analyst = await roleSession(srv, 'analyst@journey.example', 'national_analyst');
  participant = await roleSession(srv, 'teacher@journey.example', 'participant');
  head = await roleSession(srv, 'head@journey.example', 'participant');
  await sql(`UPDATE role_grants SET role = 'headteacher', school_urn = '${NEW}' WHERE person_id = ${head.id}`);
  // Gloucestershire (916) is SW4's; the school converted on 1 September Y
  await sql(`INSERT INTO schools (urn, name, la_code, type, phase, status, open_date, close_date, close_reason, digest, imported_at) VALUES
    ('${OLD}', 'Old Oak Primary School', '916', 'Community school', 'Primary', 'closed', '2001-09-01', '${Y}-08-31',
     'Academy Converter', 't', ${now}),
    ('${NEW}', 'Old Oak Primary Academy', '916', 'Academy converter', 'Primary', 'open', '${Y}-09-01', NULL, '', 't', ${now})`);
  // GIAS wrote only the closed school's side of the link
  await sql(`INSERT INTO school_links (urn, link_urn, link_name, link_type, linked_on)
             VALUES ('${OLD}', '${NEW}', 'Old Oak Primary Academy', 'Successor', '${Y}-09-01')`);
  ids.readiness = await activity('Mastery Readiness Gloucester', 'NCP24-08', 'SW4', Y - 2, 'completed');
  ids.development = await activity('Development Work Group Stroud', 'NCP24-09', 'SW4', Y - 1, 'completed');
  ids.embedding = await activity('Embedding Work Group Cheltenham', 'NCP24-10', 'SW4', Y, 'running');
  ids.sustaining = await activity('Sustaining Work Group Gloucester', 'NCP24-11', 'SW4', Y, 'recruiting');
  ids.cancelled = await activity('Cancelled Development Group', 'NCP24-09', 'SW4', Y - 1, 'cancelled');
  await join(ids.readiness, OLD, `${Y - 2}-09-20`);
  await join(ids.development, OLD, `${Y - 1}-09-20`);
  await join(ids.cancelled, OLD, `${Y - 1}-09-20`);
  await join(ids.embedding, NEW, `${Y}-09-10`);
  // one participant of the academy with two registers: present, then apologies
  await sql(`INSERT INTO people (email, name, created_at) VALUES ('lead.teacher@oldoak.example', 'Lena Teacher', ${now})`);
  const person = await sql(`SELECT id FROM people WHERE email = 'lead.teacher@oldoak.example'`);
  const place = await sql(`INSERT INTO activity_participants (activity_id, person_id, school_urn, role, joined_on, added_at)
      VALUES (${ids.embedding}, ${person}, '${NEW}', 'lead_participant', '${Y}-09-10', ${now}) RETURNING id`);
  for (const [k, mark] of [[1, 'present'], [2, 'apologies']]) {
    const start = Date.UTC(Y, 9, k * 7, 9) / 1000;
    const session = await sql(`INSERT INTO activity_sessions (activity_id, starts_at, ends_at, format, venue, register_taken_at,
        register_source, created_by, created_at, updated_at) VALUES (${ids.embedding}, ${start}, ${start + 21600}, 'face_to_face',
        'Cheltenham', ${start + 3600}, 'phone', ${admin.id}, ${now}, ${now}) RETURNING id`);
    await sql(`INSERT INTO register_marks (session_id, participant_id, mark, source, recorded_at)
               VALUES (${session}, ${place}, '${mark}', 'phone', ${now})`);
  }
  // a session cancelled after its register was taken: its mark counts in no rate
  const start = Date.UTC(Y, 9, 21, 9) / 1000;
  const cancelled = await sql(`INSERT INTO activity_sessions (activity_id, starts_at, ends_at, format, venue, register_taken_at,
      register_source, cancelled_at, created_by, created_at, updated_at) VALUES (${ids.embedding}, ${start}, ${start + 21600},
      'face_to_face', 'Cheltenham', ${start + 3600}, 'phone', ${start + 7200}, ${admin.id}, ${now}, ${now}) RETURNING id`);
  await sql(`INSERT INTO register_marks (session_id, participant_id, mark, source, recorded_at)
             VALUES (${cancelled}, ${place}, 'absent', 'phone', ${now})`);
});

describe("a school's page: the journey", () => {
  test('the academy shows one timeline over both URNs, the next step and its hub\'s recruiting Work Group', async () => {
    const r = await llme.get(`/schools/${NEW}`);
    assert.equal(r.status, 200);
    const text = journeyText(r.body);
    assert.match(text, /Teaching for mastery journey/);
    const years = [...r.body.matchAll(/<h3 class="govuk-heading-s mh-timeline__heading">([^<]*)<\/h3>/g)].map((m) => m[1]);
    assert.deepEqual(years, [code(Y - 2), code(Y - 1), code(Y)], 'one row a year, oldest first');
    assert.match(text, new RegExp(`${code(Y - 2)} Primary: Mastery Readiness Mastery Readiness Gloucester \\(NCP24-08\\), GLOW \\(as Old Oak Primary School, URN ${OLD}\\)`));
    assert.match(text, new RegExp(`${code(Y - 1)} Primary: Development Development Work Group Stroud \\(NCP24-09\\), GLOW \\(as Old Oak Primary School, URN ${OLD}\\)`));
    assert.match(text, new RegExp(`${code(Y)} Primary: Embedding Embedding Work Group Cheltenham \\(NCP24-10\\), GLOW`));
    assert.doesNotMatch(text, /Cancelled Development Group/, 'a cancelled activity counts in no journey');
    assert.match(text, /Next step Primary: Sustaining \(NCP24-11\)/);
    assert.match(text, /Recruiting now at GLOW: Sustaining Work Group Gloucester/);
    assert.match(r.body, new RegExp(`href="/activities/${ids.sustaining}">Sustaining Work Group Gloucester</a>`));
    assert.match(r.body, new RegExp(`href="/schools/${NEW}/activities"`));
    assert.doesNotMatch(r.body, new RegExp(`href="/schools/${NEW}/journey"`), 'an LLME records no history');
    const m = await mhl.get(`/schools/${NEW}`);
    assert.match(m.body, new RegExp(`href="/schools/${NEW}/journey"`), 'its hub\'s leadership may');
  });

  test('the closed predecessor keeps its own years only, and says where its history continues', async () => {
    const r = await mhl.get(`/schools/${OLD}`);
    assert.equal(r.status, 200);
    const text = journeyText(r.body);
    assert.match(text, new RegExp(`Its history continues at its successor, Old Oak Primary Academy \\(URN ${NEW}\\)`));
    assert.match(r.body, new RegExp(`Its history continues at its successor, <a class="govuk-link" href="/schools/${NEW}">`));
    assert.match(text, /Mastery Readiness Gloucester/);
    assert.doesNotMatch(text, /Embedding Work Group Cheltenham/, "a successor's years never move back");
    assert.doesNotMatch(text, /Next step/, 'a closed school has no next step');
  });

  test('a joining activity this year shows as joining', async () => {
    await join(ids.sustaining, NEW, `${Y}-09-15`);
    try {
      const text = journeyText((await llme.get(`/schools/${NEW}`)).body);
      assert.match(text, new RegExp(`${code(Y)} Primary: Sustaining .*Sustaining Work Group Gloucester \\(NCP24-11\\), GLOW Joining this year`));
      assert.match(text, /Next step Primary: Sustaining \(NCP24-11\)/);
    } finally {
      await sql(`DELETE FROM activity_schools WHERE activity_id = ${ids.sustaining}`);
    }
  });

  test('visitors, other hubs and people without the activities see no journey; the headteacher and analysts do', async () => {
    const visitor = await request(srv.base, `/schools/${NEW}`);
    assert.equal(visitor.status, 200);
    assert.equal(journeyText(visitor.body), '');
    assert.doesNotMatch(visitor.body, /Embedding Work Group Cheltenham|Next step/);
    for (const who of [participant, otherMhl]) {
      const r = await who.get(`/schools/${NEW}`);
      assert.equal(r.status, 200);
      assert.equal(journeyText(r.body), '');
    }
    for (const who of [head, analyst, admin])
      assert.match(journeyText((await who.get(`/schools/${NEW}`)).body), /Embedding Work Group Cheltenham/);
  });
});

describe("a school's participation history", () => {
  test('its hub sees every activity of both URNs, latest first, with its participants and rates', async () => {
    const r = await mhl.get(`/schools/${NEW}/activities`);
    assert.equal(r.status, 200);
    assert.match(plain(r.body), new RegExp(`Predecessor: Old Oak Primary School \\(URN ${OLD}\\)`));
    const rows = tableRows(r.body, 'Activities of Old Oak Primary Academy');
    assert.deepEqual(rows.map((c) => [c[0], c[1], c[2], c[4], c[5]]), [
      ['Embedding Work Group Cheltenham', code(Y), 'NCP24-10', 'This school', 'Running'],
      ['Cancelled Development Group', code(Y - 1), 'NCP24-09', `Predecessor, URN ${OLD}`, 'Cancelled'],
      ['Development Work Group Stroud', code(Y - 1), 'NCP24-09', `Predecessor, URN ${OLD}`, 'Completed'],
      ['Mastery Readiness Gloucester', code(Y - 2), 'NCP24-08', `Predecessor, URN ${OLD}`, 'Completed'],
    ]);
    assert.deepEqual(rows[0].slice(6), ['1', '50%', '100%'], 'one present, one apologies (and an absence at a cancelled session)');
    // the predecessor's history follows it forward too
    const old = await analyst.get(`/schools/${OLD}/activities`);
    assert.equal(old.status, 200);
    assert.equal(tableRows(old.body, 'Activities of Old Oak Primary School').length, 4);
  });

  test('CSV and XLSX hold the same rows', async () => {
    const c = await request(srv.base, `/schools/${NEW}/activities.csv`, { headers: { Cookie: mhl.cookie } });
    assert.equal(c.status, 200);
    assert.match(c.headers['content-disposition'], new RegExp(`${NEW}-activities\\.csv`));
    const rows = parseCsv(c.body.replace(/^\uFEFF/, ""));
    assert.equal(rows.length, 4);
    const emb = rows.find((x) => x.Activity === 'Embedding Work Group Cheltenham');
    assert.deepEqual([emb.URN, emb.As, emb.NCP, emb['First year'], emb['Lead hub'], emb.Participants, emb.Present, emb.Apologies,
      emb.Attendance, emb.Commitment], [NEW, 'This school', 'NCP24-10', code(Y), 'GLOW', '1', '1', '1', '50%', '100%']);
    assert.equal(rows.filter((x) => x.URN === OLD && x.As === 'Predecessor').length, 3);
    const x = await request(srv.base, `/schools/${NEW}/activities.xlsx`, { headers: { Cookie: mhl.cookie } });
    assert.equal(x.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw);
    const values = [];
    wb.getWorksheet('Activities').eachRow((row) => values.push(Array.from(row.values).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    assert.equal(values.length, 5);
    assert.equal(values[0][4], 'Activity');
    const line = values.find((v) => v[4] === 'Embedding Work Group Cheltenham');
    assert.deepEqual([line[0], line[5], line[14], line[19]], [NEW, 'NCP24-10', '1', '50%']);
  });

  test('another hub: 403, until the school takes part in its activity, then that activity only', async () => {
    assert.equal((await otherMhl.get(`/schools/${NEW}/activities`)).status, 403);
    assert.equal((await request(srv.base, `/schools/${NEW}/activities.csv`, { headers: { Cookie: otherMhl.cookie } })).status, 403);
    const theirs = await activity('Enigma Mastering Number', 'NCP24-06', 'EE1', Y, 'running');
    await join(theirs, NEW, `${Y}-09-12`);
    try {
      const r = await otherMhl.get(`/schools/${NEW}/activities`);
      assert.equal(r.status, 200);
      assert.deepEqual(tableRows(r.body, 'Activities of Old Oak Primary Academy').map((c) => c[0]), ['Enigma Mastering Number']);
      assert.match(plain(r.body), /You see the activities of your hub/);
      const c = parseCsv((await request(srv.base, `/schools/${NEW}/activities.csv`, { headers: { Cookie: otherMhl.cookie } })).body.replace(/^\uFEFF/, ""));
      assert.deepEqual(c.map((x) => x.Activity), ['Enigma Mastering Number']);
      // and in the journey, Mastering Number counts without a stage
      assert.match(journeyText((await mhl.get(`/schools/${NEW}`)).body), /Also took part in Enigma Mastering Number \(NCP24-06\), Enigma/);
    } finally {
      await sql(`DELETE FROM activity_schools WHERE activity_id = ${theirs}; DELETE FROM activities WHERE id = ${theirs};`);
    }
  });

  test('the headteacher sees it, a participant is refused, an unknown school is 404', async () => {
    assert.equal((await head.get(`/schools/${NEW}/activities`)).status, 200);
    assert.equal((await participant.get(`/schools/${NEW}/activities`)).status, 403);
    assert.equal((await admin.get('/schools/999999/activities')).status, 404);
  });
});

describe('manual history from before the service', () => {
  const post = (who, urn, fields) => who.post(`/schools/${urn}/journey`, { year: '', path: '', stage: '', source: '', ...fields });

  test('its hub adds a record; it fills a year no activity gives, and is "also recorded" under one; audited', async () => {
    const page = await mhl.get(`/schools/${NEW}/journey`);
    assert.equal(page.status, 200);
    assert.match(page.body, /None yet/);
    let r = await post(mhl, NEW, { year: String(Y - 4), path: 'primary', stage: 'readiness', source: 'MHPod export, July 2022' });
    assert.equal(r.status, 303, errorSummary(r.body).join(' | '));
    assert.equal(r.headers.location, `/schools/${NEW}/journey`);
    r = await post(mhl, OLD, { year: String(Y - 1), path: 'primary', stage: 'development', source: 'Hub records' });
    assert.equal(r.status, 303, errorSummary(r.body).join(' | '));
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'journey_entry_added' AND subject IN ('school:${NEW}', 'school:${OLD}')`), '2');
    const text = journeyText((await llme.get(`/schools/${NEW}`)).body);
    assert.match(text, new RegExp(`${code(Y - 4)} Primary: Mastery Readiness Recorded: Mastery Readiness \\(MHPod export, July 2022\\)`));
    assert.match(text, new RegExp(`Also recorded: Development \\(Hub records\\) \\(as Old Oak Primary School, URN ${OLD}\\)`));
    const list = await mhl.get(`/schools/${NEW}/journey`);
    assert.deepEqual(tableRows(list.body, 'Its records').map((c) => c.slice(0, 4)),
      [[code(Y - 4), 'Primary', 'Mastery Readiness', 'MHPod export, July 2022']]);
    assert.match(plain(list.body), /Its predecessors' records/);
  });

  test('bad forms answer 400 with the error summary and write nothing', async () => {
    const before = await sql('SELECT count(*) FROM journey_entries');
    for (const [fields, field] of [
      [{ year: String(Y - 5), path: 'primary', stage: 'readiness', source: '' }, '#source'],
      [{ year: String(Y - 5), path: 'secondary', stage: 'embedding', source: 'x' }, '#stage'],
      [{ year: '', path: 'primary', stage: 'readiness', source: 'x' }, '#year'],
      [{ year: String(Y - 4), path: 'primary', stage: 'development', source: 'again' }, '#year'],
      [{ year: String(Y - 5), path: 'tertiary', stage: 'readiness', source: 'x' }, '#path'],
    ]) {
      const r = await post(mhl, NEW, fields);
      assert.equal(r.status, 400, JSON.stringify(fields));
      assert.equal(errorSummary(r.body)[0][0], field, JSON.stringify(fields));
    }
    assert.equal(await sql('SELECT count(*) FROM journey_entries'), before);
  });

  test('another hub and an LLME are refused; an unknown school is 404', async () => {
    assert.equal((await otherMhl.get(`/schools/${NEW}/journey`)).status, 403);
    assert.equal((await post(otherMhl, NEW, { year: String(Y - 6), path: 'primary', stage: 'readiness', source: 'x' })).status, 403);
    assert.equal((await llme.get(`/schools/${NEW}/journey`)).status, 403);
    assert.equal((await admin.get('/schools/999999/journey')).status, 404);
    const id = await sql(`SELECT id FROM journey_entries WHERE urn = '${NEW}'`);
    assert.equal((await otherMhl.post(`/schools/${NEW}/journey/${id}/remove`)).status, 403);
    assert.equal((await mhl.post(`/schools/${OLD}/journey/${id}/remove`)).status, 404, "another school's record");
  });

  test('its hub removes a record; audited', async () => {
    const id = await sql(`SELECT id FROM journey_entries WHERE urn = '${NEW}'`);
    const r = await mhl.post(`/schools/${NEW}/journey/${id}/remove`);
    assert.equal(r.status, 303);
    assert.equal(await sql(`SELECT count(*) FROM journey_entries WHERE urn = '${NEW}'`), '0');
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'journey_entry_removed' AND subject = 'school:${NEW}'`), '1');
    assert.match((await mhl.get(`/schools/${NEW}/journey`)).body, /The record has been removed/);
    assert.doesNotMatch(journeyText((await llme.get(`/schools/${NEW}`)).body), /MHPod export/);
  });
});

describe("the NCPs' teaching for mastery settings", () => {
  const set = (fields) => admin.post('/projects/NCP24-10/teaching-for-mastery', { path: '', stage: '', engagement: '', ...fields });

  test('the national team lists them by year and changes one; journeys follow at once; audited', async () => {
    const list = await admin.get('/admin/teaching-for-mastery');
    assert.equal(list.status, 200);
    const rows = tableRows(list.body, 'NCPs of 2024/25');
    assert.deepEqual(rows.find((c) => c[0] === 'NCP24-10').slice(3, 6), ['Primary', 'Embedding', 'Engaged']);
    assert.deepEqual(rows.find((c) => c[0] === 'NCP24-09s').slice(3, 6), ["The school's own", 'Development', 'Engaged']);
    assert.deepEqual(rows.find((c) => c[0] === 'NCP24-06').slice(4, 6), ['No stage', 'Contributes']);
    const form = await admin.get('/projects/NCP24-10/teaching-for-mastery');
    assert.equal(form.status, 200);
    assert.match(form.body, /value="embedding" checked/);
    const r = await set({ path: 'primary', stage: 'sustaining', engagement: 'engaged' });
    assert.equal(r.status, 303, errorSummary(r.body).join(' | '));
    try {
      assert.equal(await sql(`SELECT t.stage FROM project_tfm t JOIN projects p ON p.id = t.project_id WHERE p.code = 'NCP24-10'`), 'sustaining');
      assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'tfm_setting_changed' AND subject = 'project:NCP24-10'`), '1');
      const text = journeyText((await llme.get(`/schools/${NEW}`)).body);
      assert.match(text, new RegExp(`${code(Y)} Primary: Sustaining Embedding Work Group Cheltenham`));
      // two NCPs now give Sustaining: the catalogue's first (by its order) is named
      assert.match(text, /Next step Primary: Sustaining \(NCP24-10\) A Sustaining Work Group again/);
      // no stage at all: that year leaves the journey
      assert.equal((await set({ path: 'none', stage: 'sustaining', engagement: 'none' })).status, 303, 'a stage left ticked is not wanted');
      assert.equal(await sql(`SELECT COALESCE(t.stage, 'none') FROM project_tfm t JOIN projects p ON p.id = t.project_id WHERE p.code = 'NCP24-10'`), 'none');
      const none = journeyText((await llme.get(`/schools/${NEW}`)).body);
      assert.doesNotMatch(none, /Embedding Work Group Cheltenham/);
      assert.match(none, /Next step Primary: Embedding An Embedding Work Group. No NCP of the catalogue loaded offers this stage yet/);
    } finally {
      assert.equal((await set({ path: 'primary', stage: 'embedding', engagement: 'engaged' })).status, 303);
    }
  });

  test('bad settings answer 400 and change nothing; others may not; an unknown NCP is 404', async () => {
    for (const [fields, field] of [
      [{ path: 'primary', stage: 'embedding_year_support', engagement: 'engaged' }, '#stage'],
      [{ path: 'secondary', engagement: 'engaged' }, '#stage'],
      [{ path: 'own', stage: 'sustaining', engagement: 'engaged' }, '#stage'],
      [{ path: 'primary', stage: 'embedding', engagement: '' }, '#engagement'],
    ]) {
      const r = await set(fields);
      assert.equal(r.status, 400, JSON.stringify(fields));
      assert.equal(errorSummary(r.body)[0][0], field, JSON.stringify(fields));
    }
    assert.equal(await sql(`SELECT t.path || '|' || t.stage FROM project_tfm t JOIN projects p ON p.id = t.project_id WHERE p.code = 'NCP24-10'`),
      'primary|embedding');
    assert.equal((await mhl.get('/admin/teaching-for-mastery')).status, 403);
    assert.equal((await mhl.post('/projects/NCP24-10/teaching-for-mastery', { path: 'none', engagement: 'none' })).status, 403);
    assert.equal((await admin.get('/projects/NCP99-99/teaching-for-mastery')).status, 404);
  });
});
