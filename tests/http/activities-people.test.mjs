// An activity's schools, participants and partner hubs (src/activities:
// schools.c, participants.c, participant.c, hubs.c): those who run it add
// schools with the school search (once each; Targeted Support only one),
// each with its hub fixed when it joins; a partner hub's leadership adds
// only its own hub's; participants are people at its schools or someone
// new, added to the registry with their school, the participant role and
// an invitation (an address already held is that person); schools and
// people withdraw and stay as history. A regional cohort led by SW4 with
// people from SW4 and EE1: EE1's leadership sees EE1's people only, SW4
// all of them, another hub nothing (404); a participant sees their own
// place. Every change is audited; every bad form answers 400 with the
// GOV.UK error summary and writes nothing.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { dbArgs, dbQuery, errorSummary, plain, roleSession, run, sessionFor, tableRows, useServer } from './lib.mjs';

const srv = useServer();
const sql = (q) => dbQuery(srv, q);
let mhl, llme, llmeOther, sw3Mhl, eeMhl, ee2Mhl, ee2Llme, analyst;
let ncp09, today;

// the schools of these tests, each in a hub of its own choosing (school_hub_overrides)
const SCHOOLS = [
  ['900201', 'Quay Primary School', 'Plymouth', 'SW4'],
  ['900202', 'Harbour Academy', 'Plymouth', 'SW4'],
  ['900203', 'Fen Primary School', 'Ely', 'EE1'],
  ['900204', 'Marsh Junior School', 'Ely', 'EE1'],
  ['900205', 'Moor Lane School', 'Exeter', 'SW3'],
  ['900206', 'Old Mill School', 'Plymouth', 'SW4', 'closed'],
  ['900207', 'Tor View Primary School', 'Torquay', 'SW4'],
  ['900208', 'Estuary Primary School', 'Salcombe', 'SW4'],
];

/** The form of a new activity of SW4 (the create form's fields). */
function activityForm(over = {}) {
  return { ncp: ncp09, kind: '', title: '', cohort: 'none', cohort_label: '', year: today.slice(0, 4) - (today.slice(5, 7) < '09'),
    years: '1', format: 'face_to_face', sessions: '4', capacity: '', capacity_of: 'schools', status: 'planned', leads: [llme.id],
    link: '', ...over };
}

async function createActivity(over) {
  const r = await mhl.post('/activities/new?hub=SW4', activityForm(over));
  assert.equal(r.status, 303, errorSummary(r.body).join(' | ') || r.body.slice(0, 300));
  return /^\/activities\/(\d+)$/.exec(r.headers.location)[1];
}

/** Posts the add-a-school form as `who`: asserts the status; resolves to the answer. */
async function addSchool(who, id, school, status = 303, extra = {}) {
  const r = await who.post(`/activities/${id}/schools`, { school, ...extra });
  assert.equal(r.status, status, `${school}: ${errorSummary(r.body).join(' | ') || r.body.slice(0, 200)}`);
  return r;
}

/** Posts the add-a-participant form: asserts the status; resolves to the participant's id (303) or the answer. */
async function addParticipant(who, id, fields, status = 303) {
  const r = await who.post(`/activities/${id}/participants/new`, { role: 'teacher', ...fields });
  assert.equal(r.status, status, `${JSON.stringify(fields)}: ${errorSummary(r.body).join(' | ') || r.body.slice(0, 300)}`);
  return status === 303 ? /^\/participants\/(\d+)$/.exec(r.headers.location)[1] : r;
}

/** "3 September 2026" for "2026-09-03". */
const plainDay = (day) => new Date(`${day}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const messages = (r) => errorSummary(r.body).map(([, m]) => m).join(' | ');

before(async () => {
  await srv.started;
  const q = (s) => `'${s.replace(/'/g, "''")}'`;
  await sql(SCHOOLS.map(([urn, name, town, hub, status = 'open']) =>
    `INSERT INTO schools (urn, name, town, postcode, status, digest, imported_at) VALUES (${q(urn)}, ${q(name)}, ${q(town)}, 'PL1 1AA', '${status}', 't', 0);\n` +
    `INSERT INTO school_hub_overrides (urn, hub_id, reason, changed_at) SELECT ${q(urn)}, id, 'test', 0 FROM hubs WHERE code = '${hub}';`).join('\n'));
  const r = await run(['reindex-schools', ...dbArgs(srv)]);
  assert.equal(r.code, 0, r.stderr);
  mhl = await roleSession(srv, 'mhl@sw4.example', 'mhl', 'SW4');
  llme = await roleSession(srv, 'llme@sw4.example', 'llme', 'SW4');
  llmeOther = await roleSession(srv, 'other-llme@sw4.example', 'llme', 'SW4');
  sw3Mhl = await roleSession(srv, 'mhl@sw3.example', 'mhl', 'SW3');
  eeMhl = await roleSession(srv, 'mhl@ee1.example', 'mhl', 'EE1');
  ee2Mhl = await roleSession(srv, 'mhl@ee2.example', 'mhl', 'EE2');
  ee2Llme = await roleSession(srv, 'llme@ee2.example', 'llme', 'EE2');
  analyst = await roleSession(srv, 'analyst@national.example', 'national_analyst');
  ncp09 = await sql("SELECT id FROM projects WHERE code = 'NCP24-09'");
  today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
});

describe("an activity's schools", () => {
  let id;
  before(async () => { id = await createActivity({ title: 'Schools WG' }); });

  test('added by URN, by the picker\'s text or by words typed; each with its hub when it joined; audited', async () => {
    let r = await addSchool(mhl, id, '900201');
    assert.equal(r.headers.location, `/activities/${id}/schools`);
    await addSchool(mhl, id, 'Harbour Academy (URN 900202), Plymouth, PL1 1AA');
    await addSchool(mhl, id, 'tor view', 303, { 'joined-day': '3', 'joined-month': '9', 'joined-year': '2026' });
    assert.equal(await sql(`SELECT s.urn || '|' || h.code || '|' || s.joined_on || '|' || s.added_by FROM activity_schools s
      JOIN hubs h ON h.id = s.hub_id WHERE activity_id = ${id} ORDER BY urn`),
    [`900201|SW4|${today}|${mhl.id}`, `900202|SW4|${today}|${mhl.id}`, `900207|SW4|2026-09-03|${mhl.id}`].join('\n'));
    assert.equal(await sql(`SELECT n_schools FROM activities WHERE id = ${id}`), '3');
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'activity_school_added' AND subject = 'activity:${id}'`), '3');
    const page = await mhl.get(`/activities/${id}/schools`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Harbour Academy has been added|Tor View Primary School has been added/);
    const rows = tableRows(page.body, 'Schools in it');
    assert.equal(rows.length, 3);
    assert.deepEqual(rows.map((r) => r.join(' | ')), [
      `Harbour Academy URN 900202, Plymouth | GLOW | ${plainDay(today)} | 0 | Taking part | Withdraw Harbour Academy`,
      `Quay Primary School URN 900201, Plymouth | GLOW | ${plainDay(today)} | 0 | Taking part | Withdraw Quay Primary School`,
      'Tor View Primary School URN 900207, Torquay | GLOW | 3 September 2026 | 0 | Taking part | Withdraw Tor View Primary School',
    ]);
    assert.match(page.body, /aria-current="page"[^>]*>Schools</);
  });

  test('a school already in it, an unknown one, a closed one and words naming several: a clear error, nothing written', async () => {
    const before = await sql(`SELECT count(*) FROM activity_schools WHERE activity_id = ${id}`);
    for (const [school, message] of [
      ['900201', 'Quay Primary School already takes part in this activity'],
      ['999999', 'There is no school with this URN'],
      ['900206', 'Old Mill School has closed: add the school open in its place'],
      ['primary school', 'schools match \u201cprimary school\u201d'],
      ['zzzz nowhere', 'No school matches'],
      ['', "Enter the school's name, postcode or URN"],
    ]) {
      const r = await addSchool(mhl, id, school, 400);
      assert.match(messages(r), new RegExp(message.replace(/[()]/g, '\\$&')), school);
      assert.match(r.body, /<title>Error: Schools: Schools WG/);
    }
    const r = await addSchool(mhl, id, '900208', 400, { 'joined-day': '31', 'joined-month': '2', 'joined-year': '2026' });
    assert.match(messages(r), /Date it joined must be a real date/);
    assert.equal(await sql(`SELECT count(*) FROM activity_schools WHERE activity_id = ${id}`), before);
  });

  test('a school withdraws on a day with a reason: its row stays, and its people are withdrawn with it', async () => {
    const pid = await addParticipant(mhl, id, { who: 'new', name: 'Wendy Wave', email: 'wendy@quay.example', school: '900201' });
    assert.equal(await sql(`SELECT n_participants FROM activities WHERE id = ${id}`), '1');
    const form = await mhl.get(`/activities/${id}/schools/900201/withdraw`);
    assert.equal(form.status, 200);
    assert.match(form.body, /Withdraw Quay Primary School/);
    assert.match(form.body, /Its 1 participant still taking part will be withdrawn on the same day/);
    let r = await mhl.post(`/activities/${id}/schools/900201/withdraw`, { 'date-day': '1', 'date-month': '1', 'date-year': '2000', reason: 'x' });
    assert.equal(r.status, 400);
    assert.match(messages(r), /Date it withdrew must be on or after the day it joined/);
    r = await mhl.post(`/activities/${id}/schools/900201/withdraw`, { 'date-day': today.slice(8), 'date-month': today.slice(5, 7),
      'date-year': today.slice(0, 4), reason: '' });
    assert.equal(r.status, 400);
    assert.match(messages(r), /Enter why did it withdraw\?|Why did it withdraw/i);
    r = await mhl.post(`/activities/${id}/schools/900201/withdraw`, { 'date-day': today.slice(8), 'date-month': today.slice(5, 7),
      'date-year': today.slice(0, 4), reason: 'New headteacher' });
    assert.equal(r.status, 303);
    assert.equal(await sql(`SELECT left_on || '|' || left_reason FROM activity_schools WHERE activity_id = ${id} AND urn = '900201'`),
      `${today}|New headteacher`);
    assert.equal(await sql(`SELECT left_on FROM activity_participants WHERE id = ${pid}`), today);
    assert.equal(await sql(`SELECT n_schools || '|' || n_participants FROM activities WHERE id = ${id}`), '2|0');
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'activity_school_withdrawn' AND subject = 'activity:${id}'`), '1');
    const page = await mhl.get(`/activities/${id}/schools`);
    const row = tableRows(page.body, 'Schools in it').find((c) => c[0].startsWith('Quay'));
    assert.match(row.join(' | '), /Withdrawn On .+: New headteacher/);
    assert.doesNotMatch(row.join(' | '), /Withdraw Quay/, 'no second withdrawal');
    assert.equal((await mhl.get(`/activities/${id}/schools/900201/withdraw`)).status, 303, 'already withdrawn');
    r = await addSchool(mhl, id, '900201', 400);
    assert.match(messages(r), /Quay Primary School withdrew from this activity on .+: it cannot join again/);
    assert.equal((await mhl.get(`/activities/${id}/schools/900299/withdraw`)).status, 404);
    assert.equal((await mhl.get(`/activities/${id}/schools/12ab/withdraw`)).status, 404);
  });

  test('Targeted Support is for one school: a second is a form error, never a 500', async () => {
    await sql(`INSERT INTO activities (kind, lead_hub_id, first_year, last_year, title, format, created_by, created_at, updated_at)
      VALUES ('Targeted Support', (SELECT id FROM hubs WHERE code = 'SW4'), 2026, 2026, 'Support for Estuary', 'face_to_face', ${mhl.id}, 0, 0)`);
    const ts = await sql("SELECT id FROM activities WHERE title = 'Support for Estuary'");
    await addSchool(mhl, ts, '900208');
    const r = await addSchool(mhl, ts, '900207', 400);
    assert.match(messages(r), /Targeted Support is for one school, and this activity has its school/);
    assert.equal(await sql(`SELECT count(*) FROM activity_schools WHERE activity_id = ${ts}`), '1');
    const page = await mhl.get(`/activities/${ts}/schools`);
    assert.match(page.body, /Targeted Support is for one school, and this activity has its school\./);
    assert.doesNotMatch(page.body, /Add school/);
  });

  test('those who may see it but not its people are refused its lists; another hub is not told it exists', async () => {
    for (const path of ['schools', 'participants']) {
      assert.equal((await llmeOther.get(`/activities/${id}/${path}`)).status, 403, path);
      assert.equal((await ee2Mhl.get(`/activities/${id}/${path}`)).status, 404, path);
      assert.equal((await analyst.get(`/activities/${id}/${path}`)).status, 200, `${path}: analysts see names`);
    }
    const r = await llmeOther.post(`/activities/${id}/schools`, { school: '900208' });
    assert.equal(r.status, 403);
    assert.equal((await ee2Mhl.post(`/activities/${id}/schools`, { school: '900208' })).status, 404);
    assert.equal((await analyst.post(`/activities/${id}/schools`, { school: '900208' })).status, 403);
    assert.equal(await sql(`SELECT count(*) FROM activity_schools WHERE activity_id = ${id} AND urn = '900208'`), '0');
    const lead = await llme.get(`/activities/${id}/schools`);
    assert.equal(lead.status, 200, 'its lead runs it');
    assert.match(lead.body, /Add school/);
  });
});

describe('partner hubs', () => {
  let id;
  before(async () => { id = await createActivity({ title: 'Level 3 WG' }); });

  test('the lead hub adds a partner, whose leadership adds only its own hub\'s schools; the leads any', async () => {
    const page = await mhl.get(`/activities/${id}/hubs`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Add a partner hub/);
    let r = await mhl.post(`/activities/${id}/hubs`, { hub: '' });
    assert.equal(r.status, 400);
    assert.match(messages(r), /Select the partner hub/);
    r = await mhl.post(`/activities/${id}/hubs`, { hub: 'SW3' });
    assert.equal(r.status, 303);
    assert.equal(await sql(`SELECT h.code || '|' || ah.role FROM activity_hubs ah JOIN hubs h ON h.id = ah.hub_id
      WHERE activity_id = ${id} ORDER BY ah.role, h.code`), 'SW4|lead\nSW3|partner');
    assert.equal(await sql(`SELECT detail FROM audit_log WHERE action = 'activity_hubs_changed' AND subject = 'activity:${id}'`),
      'partner added: SW3');
    assert.match(plain((await mhl.get(`/activities/${id}`)).body), /Partner hubs Boolean Change partner hubs/);

    assert.equal((await sw3Mhl.get(`/activities/${id}`)).status, 200, 'the partner sees it');
    assert.equal((await sw3Mhl.get(`/activities/${id}/hubs`)).status, 403, 'but does not choose its partners');
    r = await addSchool(sw3Mhl, id, '900203', 400);
    assert.match(messages(r), /You can add only your own hub's schools: Fen Primary School is not in your hub's area/);
    await addSchool(sw3Mhl, id, '900205');
    await addSchool(llme, id, '900204');
    assert.equal(await sql(`SELECT h.code || '|' || ah.role || '|' || ah.n_schools FROM activity_hubs ah JOIN hubs h ON h.id = ah.hub_id
      WHERE activity_id = ${id} ORDER BY h.code`), 'EE1|participants|1\nSW3|partner|1\nSW4|lead|0');
    // its own hub's people only, too
    const add = await sw3Mhl.get(`/activities/${id}/participants/new`);
    assert.equal(add.status, 200);
    assert.match(add.body, /Moor Lane School \(URN 900205\)/);
    assert.doesNotMatch(add.body, /Marsh Junior School/);
    r = await addParticipant(sw3Mhl, id, { who: 'new', name: 'Mo Marsh', email: 'mo@marsh.example', school: '900204' }, 400);
    assert.match(messages(r), /Select school from the list|Select their school from the list/);
    const withdraw = await sw3Mhl.get(`/activities/${id}/schools/900204/withdraw`);
    assert.equal(withdraw.status, 403, "another hub's school is not the partner's to withdraw");
  });

  test('a partner removed keeps seeing its own schools; one with none goes', async () => {
    let r = await mhl.post(`/activities/${id}/hubs/SW3/remove`);
    assert.equal(r.status, 303);
    assert.equal(await sql(`SELECT ah.role FROM activity_hubs ah JOIN hubs h ON h.id = ah.hub_id WHERE activity_id = ${id} AND h.code = 'SW3'`),
      'participants');
    assert.match((await mhl.get(`/activities/${id}/hubs`)).body, /no longer a partner; it still sees its own schools and people/);
    assert.equal((await sw3Mhl.get(`/activities/${id}`)).status, 200);
    assert.equal((await sw3Mhl.post(`/activities/${id}/schools`, { school: '900205' })).status, 403, 'no longer runs it');
    assert.equal((await mhl.post(`/activities/${id}/hubs`, { hub: 'EE2' })).status, 303);
    assert.equal((await ee2Mhl.get(`/activities/${id}`)).status, 200);
    assert.equal((await mhl.post(`/activities/${id}/hubs/EE2/remove`)).status, 303);
    assert.equal(await sql(`SELECT count(*) FROM activity_hubs ah JOIN hubs h ON h.id = ah.hub_id WHERE activity_id = ${id} AND h.code = 'EE2'`), '0');
    assert.equal((await ee2Mhl.get(`/activities/${id}`)).status, 404);
    r = await mhl.post(`/activities/${id}/hubs/EE2/remove`);
    assert.equal(r.status, 303, 'removing what is not a partner changes nothing');
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'activity_hubs_changed' AND subject = 'activity:${id}'`), '4');
    assert.equal((await ee2Mhl.post(`/activities/${id}/hubs`, { hub: 'EE2' })).status, 404);
    assert.equal((await llme.post(`/activities/${id}/hubs`, { hub: 'EE2' })).status, 403, 'leads run it; they do not choose its hubs');
  });
});

describe('participants', () => {
  let id;
  before(async () => {
    id = await createActivity({ title: 'Participants WG' });
    await addSchool(mhl, id, '900202');
    await addSchool(mhl, id, '900203');
  });

  test('someone new is added to the registry with their school and the participant role, and invited to sign up', async () => {
    const outbox = Number(await sql('SELECT count(*) FROM outbox'));
    const pid = await addParticipant(llme, id, { who: 'new', name: 'Nia Newton', email: 'Nia.Newton@Harbour.Example', school: '900202',
      role: 'subject_leader', 'joined-day': '8', 'joined-month': '9', 'joined-year': '2026' });
    const person = await sql("SELECT id FROM people WHERE email = 'nia.newton@harbour.example'");
    assert.ok(person, 'the address is kept in lower case');
    assert.equal(await sql(`SELECT name || '|' || school_urn FROM people WHERE id = ${person}`), 'Nia Newton|900202');
    assert.equal(await sql(`SELECT g.role || '|' || h.code FROM role_grants g JOIN hubs h ON h.id = g.hub_id WHERE person_id = ${person}`),
      'participant|SW4');
    assert.equal(Number(await sql('SELECT count(*) FROM outbox')) - outbox, 1);
    assert.match(await sql("SELECT body_text FROM outbox WHERE to_addr = 'nia.newton@harbour.example'"),
      /has added you to Maths Hubs as Participant[\s\S]*sign up with this email address at http:\/\/[^/]+\/sign-up/);
    assert.equal(await sql(`SELECT person_id || '|' || school_urn || '|' || h.code || '|' || role || '|' || joined_on
      FROM activity_participants p JOIN hubs h ON h.id = p.hub_id WHERE p.id = ${pid}`), `${person}|900202|SW4|subject_leader|2026-09-08`);
    for (const action of ['person_created', 'role_granted'])
      assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = '${action}' AND subject = 'person:${person}'`), '1', action);
    assert.match(await sql(`SELECT detail FROM audit_log WHERE action = 'activity_participant_added' AND subject = 'activity:${id}'`),
      new RegExp(`participant ${pid}: person:${person} as subject_leader for 900202 \\(new to the registry\\)`));
    const place = await llme.get(`/participants/${pid}`);
    assert.equal(place.status, 200);
    assert.match(place.body, /Nia Newton has been added and emailed an invitation to sign up/);
    assert.match(plain(place.body), /School Harbour Academy \(URN 900202\)/);
    assert.match(plain(place.body), /Role in the activity Maths subject leader/);
    assert.match(plain(place.body), /No register has been taken for them yet/);
  });

  test('an address already in the registry is that person, never a second one; and only once an activity', async () => {
    const people = await sql('SELECT count(*) FROM people');
    const outbox = await sql('SELECT count(*) FROM outbox');
    const pid = await addParticipant(mhl, id, { who: 'new', name: 'Another name', email: 'OTHER-LLME@sw4.example', school: '900202' });
    assert.equal(await sql(`SELECT person_id FROM activity_participants WHERE id = ${pid}`), llmeOther.id);
    assert.equal(await sql('SELECT count(*) FROM people'), people);
    assert.equal(await sql('SELECT count(*) FROM outbox'), outbox, 'no invitation for someone already there');
    assert.equal(await sql(`SELECT name FROM people WHERE id = ${llmeOther.id}`), 'Person other-llme@sw4.example', 'their record is theirs');
    const r = await addParticipant(mhl, id, { who: 'new', name: 'Again', email: 'other-llme@sw4.example', school: '900203' }, 400);
    assert.match(messages(r), /Someone with this email address already takes part in this activity/);
    assert.equal(await sql(`SELECT count(*) FROM activity_participants WHERE activity_id = ${id} AND person_id = ${llmeOther.id}`), '1');
  });

  test('someone already at one of its schools is chosen from a list; bad forms write nothing', async () => {
    await sql(`INSERT INTO people (email, name, created_at, school_urn) VALUES ('ella@fen.example', 'Ella Fen', 0, '900203')`);
    const ella = await sql("SELECT id FROM people WHERE email = 'ella@fen.example'");
    const form = await mhl.get(`/activities/${id}/participants/new`);
    assert.equal(form.status, 200);
    assert.match(form.body, /Ella Fen \(ella@fen\.example\), Fen Primary School/);
    assert.doesNotMatch(form.body, /Nia Newton \(/, 'someone taking part already is not offered');
    const before = await sql(`SELECT count(*) FROM activity_participants WHERE activity_id = ${id}`);
    for (const [fields, message] of [
      [{ who: '' }, 'Select whether they are in the registry already'],
      [{ who: 'existing', person: '' }, 'Select the person'],
      [{ who: 'existing', person: '999999' }, 'Select person from the list'],
      [{ who: 'new', name: '', email: 'x@y.example', school: '900202' }, 'Enter full name'],
      [{ who: 'new', name: 'X', email: 'not an address', school: '900202' }, 'Enter an email address in the correct format'],
      [{ who: 'new', name: 'X', email: 'x@y.example', school: '900201' }, 'Select school from the list'],
      [{ who: 'existing', person: ella, role: 'captain' }, 'Select their role in the activity from the list|Select role|from the list'],
    ]) {
      const r = await addParticipant(mhl, id, fields, 400);
      assert.match(messages(r), new RegExp(message.replace(/[()]/g, '\\$&'), 'i'), JSON.stringify(fields));
    }
    assert.equal(await sql(`SELECT count(*) FROM activity_participants WHERE activity_id = ${id}`), before);
    const pid = await addParticipant(mhl, id, { who: 'existing', person: ella, role: 'ect' });
    assert.equal(await sql(`SELECT p.school_urn || '|' || h.code || '|' || p.role FROM activity_participants p JOIN hubs h ON h.id = p.hub_id
      WHERE p.id = ${pid}`), '900203|EE1|ect', "their school's hub");
    const list = await mhl.get(`/activities/${id}/participants`);
    assert.equal(list.status, 200);
    const rows = tableRows(list.body, 'Participants').map((r) => r.join(' | '));
    assert.ok(rows.some((r) => /^Ella Fen ella@fen\.example \| Fen Primary School \| Enigma \| Early career teacher \(ECT\) \| .+ \| Taking part Not signed up yet$/.test(r)), rows.join('\n'));
  });

  test('a place changes (role, school among the activity\'s) and withdraws; audited', async () => {
    const pid = await sql(`SELECT p.id FROM activity_participants p JOIN people pe ON pe.id = p.person_id WHERE pe.email = 'nia.newton@harbour.example'`);
    const form = await mhl.get(`/participants/${pid}/edit`);
    assert.equal(form.status, 200);
    assert.match(form.body, /Fen Primary School \(URN 900203\)/);
    let r = await mhl.post(`/participants/${pid}/edit`, { role: 'senior_leader', school: '900203' });
    assert.equal(r.status, 303);
    assert.equal(await sql(`SELECT p.role || '|' || p.school_urn || '|' || h.code FROM activity_participants p JOIN hubs h ON h.id = p.hub_id
      WHERE p.id = ${pid}`), 'senior_leader|900203|EE1');
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'activity_participant_changed' AND subject = 'activity:${id}'`), '1');
    assert.equal(await sql(`SELECT n_participants FROM activity_hubs WHERE activity_id = ${id} AND hub_id = (SELECT id FROM hubs WHERE code = 'EE1')`), '2');
    r = await mhl.post(`/participants/${pid}/edit`, { role: 'senior_leader', school: '900299' });
    assert.equal(r.status, 400);
    r = await mhl.post(`/participants/${pid}/withdraw`, { 'date-day': '1', 'date-month': '1', 'date-year': '2001' });
    assert.equal(r.status, 400);
    assert.match(messages(r), /Date they withdrew must be on or after the day they joined, 8 September 2026/);
    r = await mhl.post(`/participants/${pid}/withdraw`, { 'date-day': '9', 'date-month': '9', 'date-year': '2026' });
    assert.equal(r.status, 303);
    assert.equal(await sql(`SELECT left_on FROM activity_participants WHERE id = ${pid}`), '2026-09-09');
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'activity_participant_withdrawn' AND subject = 'activity:${id}'`), '1');
    const place = await mhl.get(`/participants/${pid}`);
    assert.match(plain(place.body), /They withdrew on 9 September 2026/);
    assert.doesNotMatch(place.body, /Withdraw them/);
    assert.equal((await mhl.post(`/participants/${pid}/edit`, { role: 'teacher', school: '900203' })).status, 400, 'withdrawn: it stays');
    assert.equal((await llmeOther.get(`/participants/${pid}/edit`)).status, 404, 'one who may not see its people');
    assert.equal((await analyst.get(`/participants/${pid}`)).status, 200);
    assert.equal((await mhl.get('/participants/999999')).status, 404);
  });

  test("a participant's marks and rates, once registers are taken", async () => {
    const pid = await sql(`SELECT p.id FROM activity_participants p JOIN people pe ON pe.id = p.person_id WHERE pe.email = 'ella@fen.example'`);
    await sql(`INSERT INTO activity_sessions (activity_id, starts_at, ends_at, format, venue, created_by, created_at, updated_at,
        register_taken_at, register_source) VALUES
      (${id}, 1790000000, 1790007200, 'face_to_face', 'Quay', ${mhl.id}, 0, 0, 1790007200, 'phone'),
      (${id}, 1791000000, 1791007200, 'face_to_face', 'Quay', ${mhl.id}, 0, 0, 1791007200, 'phone')`);
    await sql(`INSERT INTO register_marks (session_id, participant_id, mark, source, recorded_at)
      SELECT id, ${pid}, CASE WHEN starts_at = 1790000000 THEN 'late' ELSE 'apologies' END, 'phone', 0
      FROM activity_sessions WHERE activity_id = ${id}`);
    const text = plain((await mhl.get(`/participants/${pid}`)).body);
    assert.match(text, /Attendance 50% \(1 of 2 sessions\)/);
    assert.match(text, /Commitment \(attended or gave apologies\) 100% \(2 of 2 sessions\)/);
    assert.match(text, /Late/);
    assert.match(text, /Apologies given/);
  });
});

describe('a regional cohort led by SW4 with participants from SW4 and EE1', () => {
  let id, sw4Pid, ee1Pid, ee1Person;
  before(async () => {
    id = await createActivity({ ncp: 'local', kind: 'Programme', title: 'Mastery Specialists (South West)', cohort: 'regional',
      cohort_label: 'Cohort 10', phases: ['Primary'], capacity_of: 'participants' });
    await addSchool(mhl, id, '900207');
    await addSchool(mhl, id, '900204');
    sw4Pid = await addParticipant(mhl, id, { who: 'new', name: 'Sam Tor', email: 'sam@torview.example', school: '900207' });
    ee1Pid = await addParticipant(mhl, id, { who: 'new', name: 'Erin Marsh', email: 'erin@marsh.example', school: '900204' });
    ee1Person = await sql(`SELECT person_id FROM activity_participants WHERE id = ${ee1Pid}`);
  });

  test("each participant counts in their school's hub; EE1's leadership sees only EE1's people and schools", async () => {
    assert.equal(await sql(`SELECT h.code || '|' || ah.role || '|' || ah.n_schools || '|' || ah.n_participants FROM activity_hubs ah
      JOIN hubs h ON h.id = ah.hub_id WHERE activity_id = ${id} ORDER BY h.code`), 'EE1|participants|1|1\nSW4|lead|1|1');
    const people = await eeMhl.get(`/activities/${id}/participants`);
    assert.equal(people.status, 200);
    assert.match(people.body, /Erin Marsh/);
    assert.doesNotMatch(people.body, /Sam Tor/);
    assert.match(people.body, /You see the participants of your own hub's schools/);
    assert.doesNotMatch(people.body, /Add a participant/);
    const schools = await eeMhl.get(`/activities/${id}/schools`);
    assert.equal(schools.status, 200);
    assert.match(schools.body, /Marsh Junior School/);
    assert.doesNotMatch(schools.body, /Tor View/);
    assert.doesNotMatch(schools.body, /Add school/);
    assert.equal((await eeMhl.get(`/participants/${ee1Pid}`)).status, 200);
    assert.equal((await eeMhl.get(`/participants/${sw4Pid}`)).status, 404, "another hub's participant");
    assert.equal((await eeMhl.get(`/participants/${ee1Pid}/edit`)).status, 403, 'sees them, but does not run it');
    assert.equal((await eeMhl.post(`/activities/${id}/schools`, { school: '900203' })).status, 403);
    assert.equal((await eeMhl.get(`/activities/${id}/participants/new`)).status, 403);
  });

  test('SW4 sees all of them; another hub, and its LLME, are not told it exists', async () => {
    const people = await mhl.get(`/activities/${id}/participants`);
    assert.match(people.body, /Erin Marsh/);
    assert.match(people.body, /Sam Tor/);
    const rows = tableRows(people.body, 'Participants').map((r) => r.join(' | '));
    assert.ok(rows.some((r) => r.includes('Marsh Junior School | Enigma')), rows.join('\n'));
    assert.equal((await mhl.get(`/participants/${ee1Pid}`)).status, 200);
    for (const who of [ee2Mhl, ee2Llme]) {
      for (const path of [`/activities/${id}`, `/activities/${id}/schools`, `/activities/${id}/participants`, `/participants/${ee1Pid}`])
        assert.equal((await who.get(path)).status, 404, path);
    }
    assert.equal((await ee2Llme.get(`/participants/${ee1Pid}/edit`)).status, 404);
  });

  test('a participant sees their own place only', async () => {
    const erin = await sessionFor(srv, ee1Person);
    const page = await erin.get(`/activities/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.body, new RegExp(`href="/participants/${ee1Pid}">your place and attendance`));
    const own = await erin.get(`/participants/${ee1Pid}`);
    assert.equal(own.status, 200);
    assert.match(own.body, /<h1 class="govuk-heading-l">Your place<\/h1>/);
    assert.equal((await erin.get(`/participants/${sw4Pid}`)).status, 404);
    assert.equal((await erin.get(`/activities/${id}/participants`)).status, 403);
    assert.equal((await erin.get(`/activities/${id}/schools`)).status, 403);
    assert.equal((await erin.get(`/participants/${ee1Pid}/edit`)).status, 403, 'the route is for those who run activities');
  });
});
