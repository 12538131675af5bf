// Migration 0017's triggers keep the tallies the activity lists read, on
// both engines: schools and participants per activity and per hub (a
// cohort's participants' hubs come to see it), sessions held, register
// marks, Targeted Support's one school and its latest level. Run as SQL on
// the server's own database: the pages that write these rows test them again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { dbQuery, useServer } from './lib.mjs';

const srv = useServer();
const sql = (q) => dbQuery(srv, q);
const now = 1764700000;

async function tallies(id) {
  const a = await sql(`SELECT n_schools, n_participants, n_sessions, n_sessions_held, n_present, n_late, n_absent, n_apologies
                       FROM activities WHERE id = ${id}`);
  const hubs = await sql(`SELECT h.code, ah.role, ah.n_schools, ah.n_participants FROM activity_hubs ah
                          JOIN hubs h ON h.id = ah.hub_id WHERE ah.activity_id = ${id} ORDER BY h.code`);
  return { a: a.split('|').map(Number), hubs: hubs.split('\n').filter(Boolean) };
}

describe('activity tallies (migration 0017)', () => {
  it('counts schools, participants, sessions and marks, per activity and per hub', async () => {
    await srv.started;
    await sql(`INSERT INTO schools (urn, name, status, digest, imported_at) VALUES
      ('900001', 'Alpha Primary', 'open', 't', ${now}), ('900002', 'Beta Primary', 'open', 't', ${now}),
      ('900003', 'Gamma Academy', 'open', 't', ${now})`);
    await sql(`INSERT INTO people (email, name, created_at) VALUES ('lead@x.example', 'Lee Lead', ${now}),
      ('p1@x.example', 'Pat One', ${now}), ('p2@x.example', 'Pat Two', ${now}), ('p3@x.example', 'Pat Three', ${now})`);
    const hub = async (code) => sql(`SELECT id FROM hubs WHERE code = '${code}'`);
    const [sw4, ee1] = [await hub('SW4'), await hub('EE1')];
    const region = await sql(`SELECT region_id FROM hubs WHERE code = 'SW4'`);
    const lead = await sql(`SELECT id FROM people WHERE email = 'lead@x.example'`);
    const id = await sql(`INSERT INTO activities (kind, cohort, cohort_label, lead_hub_id, region_id, first_year, last_year, title,
        format, created_by, created_at, updated_at)
      VALUES ('Programme', 'regional', 'Cohort 10', ${sw4}, ${region}, 2026, 2026, 'Mastery Specialists', 'blended', ${lead}, ${now}, ${now})
      RETURNING id`);
    assert.deepEqual((await tallies(id)).hubs, ['SW4|lead|0|0'], 'the lead hub sees its activity from the start');

    await sql(`INSERT INTO activity_schools (activity_id, urn, hub_id, joined_on, added_at) VALUES
      (${id}, '900001', ${sw4}, '2026-09-01', ${now}), (${id}, '900002', ${ee1}, '2026-09-01', ${now}),
      (${id}, '900003', ${ee1}, '2026-09-01', ${now})`);
    await sql(`INSERT INTO activity_participants (activity_id, person_id, school_urn, hub_id, role, joined_on, added_at)
      SELECT ${id}, p.id, s.urn, s.hub_id, 'lead_participant', '2026-09-01', ${now}
      FROM people p JOIN activity_schools s ON s.activity_id = ${id}
        AND s.urn = CASE p.email WHEN 'p1@x.example' THEN '900001' WHEN 'p2@x.example' THEN '900002' ELSE '900003' END
      WHERE p.email LIKE 'p_@x.example'`);
    let t = await tallies(id);
    assert.deepEqual(t.a.slice(0, 2), [3, 3]);
    assert.deepEqual(t.hubs, ['EE1|participants|2|2', 'SW4|lead|1|1'], "each participant's own hub sees it, with its own counts");

    await sql(`UPDATE activity_schools SET left_on = '2026-12-01' WHERE activity_id = ${id} AND urn = '900003';
               UPDATE activity_participants SET left_on = '2026-12-01' WHERE activity_id = ${id} AND school_urn = '900003'`);
    t = await tallies(id);
    assert.deepEqual(t.a.slice(0, 2), [2, 2], 'a withdrawal leaves the counts');
    assert.deepEqual(t.hubs, ['EE1|participants|1|1', 'SW4|lead|1|1']);

    await sql(`INSERT INTO activity_sessions (activity_id, starts_at, ends_at, format, venue, created_by, created_at, updated_at)
      VALUES (${id}, ${now}, ${now + 3600}, 'face_to_face', 'Hub school', ${lead}, ${now}, ${now}),
             (${id}, ${now + 86400}, ${now + 90000}, 'online', NULL, ${lead}, ${now}, ${now})`)
      .then(() => assert.fail('an online session without a link was kept'), () => {}); // refused by its CHECK, with the statement
    assert.equal((await tallies(id)).a[2], 0, 'a statement that fails counts nothing');
    await sql(`INSERT INTO activity_sessions (activity_id, starts_at, ends_at, format, venue, online_url, created_by, created_at, updated_at)
      VALUES (${id}, ${now}, ${now + 3600}, 'face_to_face', 'Hub school', NULL, ${lead}, ${now}, ${now}),
             (${id}, ${now + 86400}, ${now + 90000}, 'online', NULL, 'https://meet.example/x', ${lead}, ${now}, ${now})`);
    const s1 = await sql(`SELECT min(id) FROM activity_sessions WHERE activity_id = ${id}`);
    await sql(`UPDATE activity_sessions SET register_taken_at = ${now}, register_source = 'phone' WHERE id = ${s1};
      INSERT INTO register_marks (session_id, participant_id, mark, source, recorded_at)
        SELECT ${s1}, id, CASE school_urn WHEN '900001' THEN 'present' WHEN '900002' THEN 'late' ELSE 'apologies' END, 'phone', ${now}
        FROM activity_participants WHERE activity_id = ${id}`);
    t = await tallies(id);
    assert.deepEqual(t.a.slice(2), [2, 1, 1, 1, 0, 1]);
    await sql(`UPDATE register_marks SET mark = 'absent' WHERE session_id = ${s1} AND mark = 'late';
               UPDATE activity_sessions SET cancelled_at = ${now} WHERE id <> ${s1} AND activity_id = ${id}`);
    t = await tallies(id);
    assert.deepEqual(t.a.slice(2), [1, 1, 1, 0, 1, 1], 'a changed mark and a cancelled session are counted again');
    await sql(`DELETE FROM activity_sessions WHERE id = ${s1}`);
    assert.deepEqual((await tallies(id)).a.slice(2), [0, 0, 0, 0, 0, 0], 'a session deleted takes its marks with it');

    await sql(`UPDATE activities SET lead_hub_id = ${ee1}, region_id = (SELECT region_id FROM hubs WHERE id = ${ee1}) WHERE id = ${id}`);
    assert.deepEqual((await tallies(id)).hubs, ['EE1|lead|1|1', 'SW4|participants|1|1'],
      'a new lead hub; the old one keeps seeing its own school');
  });

  it('keeps Targeted Support to one school, and its level to the latest', async () => {
    await srv.started;
    const lead = await sql(`SELECT id FROM people WHERE email = 'lead@x.example'`);
    const sw4 = await sql(`SELECT id FROM hubs WHERE code = 'SW4'`);
    const id = await sql(`INSERT INTO activities (kind, lead_hub_id, first_year, last_year, title, format, created_by, created_at, updated_at)
      VALUES ('Targeted Support', ${sw4}, 2026, 2026, 'Targeted Support in Mathematics', 'face_to_face', ${lead}, ${now}, ${now}) RETURNING id`);
    await sql(`INSERT INTO activity_schools (activity_id, urn, hub_id, joined_on, added_at) VALUES (${id}, '900001', ${sw4}, '2026-09-01', ${now})`);
    await assert.rejects(sql(`INSERT INTO activity_schools (activity_id, urn, hub_id, joined_on, added_at)
      VALUES (${id}, '900002', ${sw4}, '2026-09-01', ${now})`), /one school/);
    await sql(`INSERT INTO targeted_support (activity_id, urn, level, agreed_half_days) VALUES (${id}, '900001', 'intensive', 16);
      INSERT INTO support_levels (activity_id, from_on, level, set_at) VALUES (${id}, '2026-09-01', 'intensive', ${now}),
        (${id}, '2027-04-20', 'standard', ${now}), (${id}, '2027-01-10', 'enhanced', ${now})`);
    assert.equal(await sql(`SELECT level FROM targeted_support WHERE activity_id = ${id}`), 'standard');
    await sql(`DELETE FROM support_levels WHERE activity_id = ${id} AND from_on = '2027-04-20'`);
    assert.equal(await sql(`SELECT level FROM targeted_support WHERE activity_id = ${id}`), 'enhanced');
  });
});
