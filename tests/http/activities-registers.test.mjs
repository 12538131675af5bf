// Hub activities' sessions and registers (src/activities/sessions.c,
// session_page.c, register*.c, sessions_part.c, home.c): those who run an
// activity schedule, change and cancel its sessions (times in
// Europe/London, across the October clock change), take a register on a
// phone (pre-set from apologies sent in advance), upload a paper one
// (matched, checked, nothing written before the confirmation, a replay
// harmless), and read the rates on the activity's page; a participant sees
// their own sessions and sends apologies; an LLME who does not lead it is
// refused (403), another hub is not told (404).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { dbQuery, errorSummary, roleSession, useServer } from './lib.mjs';

const srv = useServer();
const sql = (q) => dbQuery(srv, q);
let mhl, llme, llme2, otherMhl, ann, outsider;
const ids = {};

/** Europe/London's date n days from now, "YYYY-MM-DD". */
function londonDay(n = 0) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() + n * 86400e3));
}

/** A session form's fields for day "YYYY-MM-DD". */
function sessionForm(day, over = {}) {
  const [y, m, d] = day.split('-');
  return { 'day-day': String(Number(d)), 'day-month': String(Number(m)), 'day-year': y, start: '09:30', end: '15:30',
    format: 'face_to_face', venue: 'Fen Primary', address: '1 Fen Lane', online_url: '', purpose: 'Lesson study', ...over };
}

async function newActivity(title) {
  const year = new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
  const r = await mhl.post('/activities/new?hub=SW4', { ncp: ids.ncp09, kind: '', title, cohort: 'none', cohort_label: '',
    year: String(year), years: '1', format: 'face_to_face', sessions: '4', capacity: '', capacity_of: 'schools',
    status: 'recruiting', leads: [ids.llme], link: '' });
  assert.equal(r.status, 303, errorSummary(r.body).join(' | ') || r.body.slice(0, 300));
  return /^\/activities\/(\d+)$/.exec(r.headers.location)[1];
}

/** Adds the schools and people of an activity (another helper builds their pages): returns their participant ids by name. */
async function addPeople(activity, people) {
  const out = {};
  for (const [name, urn, personId] of people) {
    await sql(`INSERT INTO activity_schools (activity_id, urn, hub_id, joined_on, added_at)
               SELECT ${activity}, '${urn}', (SELECT id FROM hubs WHERE code = 'SW4'), '2026-09-01', 0
               WHERE NOT EXISTS (SELECT 1 FROM activity_schools WHERE activity_id = ${activity} AND urn = '${urn}')`);
    let pid = personId;
    if (!pid) {
      const email = `${name.toLowerCase().replace(/[^a-z]/g, '')}.${activity}@school.example`;
      await sql(`INSERT INTO people (email, name, created_at) VALUES ('${email}', '${name.replace(/'/g, "''")}', 0)`);
      pid = await sql(`SELECT id FROM people WHERE email = '${email}'`);
    }
    await sql(`INSERT INTO activity_participants (activity_id, person_id, school_urn, hub_id, role, joined_on, added_at)
               VALUES (${activity}, ${pid}, '${urn}', (SELECT id FROM hubs WHERE code = 'SW4'), 'lead_participant', '2026-09-01', 0)`);
    out[name] = await sql(`SELECT id FROM activity_participants WHERE activity_id = ${activity} AND person_id = ${pid}`);
  }
  return out;
}

async function schedule(activity, day, over) {
  const r = await llme.post(`/activities/${activity}/sessions/new`, sessionForm(day, over));
  assert.equal(r.status, 303, errorSummary(r.body).join(' | ') || r.body.slice(0, 300));
  return /^\/sessions\/(\d+)$/.exec(r.headers.location)[1];
}

const tallies = (activity) => sql(`SELECT n_present || '|' || n_late || '|' || n_absent || '|' || n_apologies FROM activities WHERE id = ${activity}`);
const marksOf = (session) => sql(`SELECT p.name || ':' || m.mark || ':' || m.source FROM register_marks m
  JOIN activity_participants ap ON ap.id = m.participant_id JOIN people p ON p.id = ap.person_id
  WHERE m.session_id = ${session} ORDER BY p.name`);

before(async () => {
  await srv.started;
  mhl = await roleSession(srv, 'mhl@reg.example', 'mhl', 'SW4');
  llme = await roleSession(srv, 'lead@reg.example', 'llme', 'SW4');
  llme2 = await roleSession(srv, 'notlead@reg.example', 'llme', 'SW4');
  otherMhl = await roleSession(srv, 'mhl@ee1reg.example', 'mhl', 'EE1');
  ann = await roleSession(srv, 'ann@fen.example', 'participant');
  outsider = await roleSession(srv, 'someone@else.example', 'participant');
  await sql(`UPDATE people SET name = 'Ann Archer' WHERE id = ${ann.id}`);
  ids.llme = llme.id;
  ids.ncp09 = await sql("SELECT id FROM projects WHERE code = 'NCP24-09'");
  await sql(`INSERT INTO schools (urn, name, status, digest, imported_at) VALUES
             ('900301', 'Fen Primary', 'open', 't', 0), ('900302', 'St Mary''s CE Primary School', 'open', 't', 0)`);
  ids.activity = await newActivity('Registers WG');
  ids.p = await addPeople(ids.activity, [['Ann Archer', '900301', ann.id], ['Ben Brown', '900301'],
    ["Zoë O'Neil", '900302'], ['Cara Cole', '900302']]);
});

describe('sessions', () => {
  test('scheduled by its lead in Europe/London, on both sides of the October clock change; audited', async () => {
    const before = await schedule(ids.activity, '2026-10-24');
    const after = await schedule(ids.activity, '2026-10-26', { format: 'online', online_url: 'https://meet.example/abc', venue: '' });
    assert.equal(await sql(`SELECT starts_at || '|' || ends_at FROM activity_sessions WHERE id = ${before}`),
      `${Date.UTC(2026, 9, 24, 8, 30) / 1000}|${Date.UTC(2026, 9, 24, 14, 30) / 1000}`, 'BST: 09:30 is 08:30 UTC');
    assert.equal(await sql(`SELECT starts_at || '|' || format || '|' || online_url || '|' || COALESCE(venue, '-') FROM activity_sessions WHERE id = ${after}`),
      `${Date.UTC(2026, 9, 26, 9, 30) / 1000}|online|https://meet.example/abc|-`, 'GMT: 09:30 is 09:30 UTC');
    for (const id of [before, after]) {
      const page = await llme.get(`/sessions/${id}`);
      assert.equal(page.status, 200);
      assert.match(page.body, /09:30 to 15:30/);
      assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'session_created' AND subject = 'session:${id}'`), '1');
    }
    assert.match((await llme.get(`/sessions/${before}`)).body, /Saturday 24 October 2026/);
    const activity = await mhl.get(`/activities/${ids.activity}`);
    assert.match(activity.body, /Monday 26 October 2026, 09:30 to 15:30/);
    assert.match(activity.body, /Schedule a session/);
  });

  test('bad forms answer 400 with the error summary and write nothing', async () => {
    const count = await sql('SELECT count(*) FROM activity_sessions');
    for (const [over, message] of [
      [{ 'day-day': '', 'day-month': '', 'day-year': '' }, 'Enter the date of the session'],
      [{ 'day-day': '31', 'day-month': '2' }, 'Date must be a real date'],
      [{ start: '9.30' }, 'Enter a time in the 24-hour clock'],
      [{ start: '16:00', end: '15:30' }, 'The session must end after it starts'],
      [{ venue: '' }, 'Enter the venue'],
      [{ format: 'online', online_url: '' }, "Enter the meeting's address, starting https://"],
      [{ format: 'online', online_url: 'http://meet.example/x' }, "Enter the meeting's address, starting https://"],
      [{ format: 'carrier pigeon' }, 'Select face to face or online'],
      [{ format: '' }, 'Select face to face or online'],
      [{ purpose: 'x'.repeat(2001) }, 'Purpose'],
    ]) {
      const r = await llme.post(`/activities/${ids.activity}/sessions/new`, sessionForm('2026-11-10', over));
      assert.equal(r.status, 400, JSON.stringify(over));
      assert.ok(errorSummary(r.body).some(([, text]) => text.includes(message)), `${JSON.stringify(over)}: ${errorSummary(r.body)}`);
    }
    assert.equal(await sql('SELECT count(*) FROM activity_sessions'), count);
  });

  test('a time the clocks skip (01:00 to 01:59 on the last Sunday of March) answers 400 on the field, never 500 or another time', async () => {
    const count = await sql('SELECT count(*) FROM activity_sessions');
    for (const [over, field] of [[{ start: '00:30', end: '01:30' }, 'end'], [{ start: '01:30', end: '02:30' }, 'start']]) {
      const r = await llme.post(`/activities/${ids.activity}/sessions/new`, sessionForm('2027-03-28', over));
      assert.equal(r.status, 400, JSON.stringify(over));
      const summary = errorSummary(r.body);
      assert.ok(summary.some(([href, text]) => href === `#${field}` && /There is no 01:30 on .*28 March 2027: the clocks go forward/.test(text)),
        `${JSON.stringify(over)}: ${summary}`);
    }
    assert.equal(await sql('SELECT count(*) FROM activity_sessions'), count);
    // the hour before and after are times as usual; the autumn's repeated hour is one of its two
    await schedule(ids.activity, '2027-03-28', { start: '00:15', end: '02:45' });
    await schedule(ids.activity, '2026-10-25', { start: '01:30', end: '01:45' });
  });

  test('changed and cancelled with a reason; a cancelled one is not changed again', async () => {
    const id = await schedule(ids.activity, '2026-11-17');
    let r = await llme.post(`/sessions/${id}/edit`, sessionForm('2026-11-18', { start: '16:00', end: '17:30', format: 'online',
      online_url: 'https://meet.example/twilight', venue: '' }));
    assert.equal(r.status, 303, errorSummary(r.body).join(' | '));
    assert.equal(await sql(`SELECT starts_at || '|' || format || '|' || COALESCE(venue, '-') FROM activity_sessions WHERE id = ${id}`),
      `${Date.UTC(2026, 10, 18, 16, 0) / 1000}|online|-`);
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'session_changed' AND subject = 'session:${id}'`), '1');
    // the same form sent again changes nothing, and says so: no second audit line
    r = await llme.post(`/sessions/${id}/edit`, sessionForm('2026-11-18', { start: '16:00', end: '17:30', format: 'online',
      online_url: 'https://meet.example/twilight', venue: '' }));
    assert.equal(r.status, 303);
    assert.match((await llme.get(r.headers.location)).body, /Nothing was changed/);
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'session_changed' AND subject = 'session:${id}'`), '1');
    assert.equal((await llme.post(`/sessions/${id}/cancel`, { reason: '' })).status, 400);
    r = await llme.post(`/sessions/${id}/cancel`, { reason: 'Snow closed the schools' });
    assert.equal(r.status, 303);
    assert.equal(await sql(`SELECT cancel_reason FROM activity_sessions WHERE id = ${id}`), 'Snow closed the schools');
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'session_cancelled' AND subject = 'session:${id}'`), '1');
    assert.match((await ann.get(`/sessions/${id}`)).body, /This session was cancelled: Snow closed the schools/);
    assert.equal((await llme.post(`/sessions/${id}/edit`, sessionForm('2026-11-19'))).status, 400);
    assert.equal((await llme.get(`/sessions/${id}/register`)).status, 200, 'a cancelled session has no register form');
    assert.equal((await llme.post(`/sessions/${id}/register`, { [`mark-${ids.p['Ben Brown']}`]: 'present' })).status, 400);
  });
});

describe('the phone register', () => {
  let id;
  before(async () => { id = await schedule(ids.activity, londonDay(-1)); });

  test('a fieldset a participant with small radios and the save button in view; saved in one go; re-saved, the tallies follow', async () => {
    const before = await tallies(ids.activity);
    const page = await llme.get(`/sessions/${id}/register`);
    assert.equal(page.status, 200);
    assert.equal((page.body.match(/<fieldset/g) || []).length, 4);
    assert.match(page.body, /govuk-radios--small/);
    assert.match(page.body, /mh-sticky-save/);
    assert.match(page.body, /Zoë O&#39;Neil, St Mary&#39;s CE Primary School|Zoë O'Neil, St Mary's CE Primary School/);
    const p = ids.p;
    let r = await llme.post(`/sessions/${id}/register`, { [`mark-${p['Ann Archer']}`]: 'present', [`mark-${p['Ben Brown']}`]: 'late',
      [`mark-${p["Zoë O'Neil"]}`]: 'absent' });
    assert.equal(r.status, 303);
    assert.equal(await marksOf(id), "Ann Archer:present:phone\nBen Brown:late:phone\nZoë O'Neil:absent:phone");
    assert.equal(await sql(`SELECT register_source || '|' || register_taken_by FROM activity_sessions WHERE id = ${id}`),
      `phone|${llme.id}`);
    const [p0, l0, a0, ap0] = before.split('|').map(Number);
    assert.equal(await tallies(ids.activity), `${p0 + 1}|${l0 + 1}|${a0 + 1}|${ap0}`);
    r = await llme.post(`/sessions/${id}/register`, { [`mark-${p['Ann Archer']}`]: 'present', [`mark-${p['Ben Brown']}`]: 'present',
      [`mark-${p["Zoë O'Neil"]}`]: 'apologies', [`mark-${p['Cara Cole']}`]: 'absent' });
    assert.equal(r.status, 303);
    assert.equal(await tallies(ids.activity), `${p0 + 2}|${l0}|${a0 + 1}|${ap0 + 1}`);
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'session_register_saved' AND subject = 'session:${id}'`), '2');
    const after = await llme.get(`/sessions/${id}/register`);
    assert.match(after.body, /Register saved: 3 changes/);
    assert.match(after.body, /4 participants: 2 present, 0 late, 1 absent, 1 apologies given, 0 not marked/);
  });

  test('a mark that is not one of the four, or someone not on the register, answers 400 and writes nothing', async () => {
    const before = await marksOf(id);
    let r = await llme.post(`/sessions/${id}/register`, { [`mark-${ids.p['Ann Archer']}`]: 'asleep' });
    assert.equal(r.status, 400);
    assert.ok(errorSummary(r.body).some(([, t]) => t.includes('Choose present, late, absent or apologies given for Ann Archer')));
    r = await llme.post(`/sessions/${id}/register`, { 'mark-999999': 'present' });
    assert.equal(r.status, 400);
    assert.equal(await marksOf(id), before);
  });

  test('a large programme: 150 participants marked on a phone, or from a paper register, are saved in one go', async () => {
    const activity = await newActivity('Large cohort programme');
    const people = Array.from({ length: 150 }, (_, i) => [`Cohort Member ${String(i + 1).padStart(3, '0')}`, i % 2 ? '900301' : '900302']);
    await sql(`INSERT INTO activity_schools (activity_id, urn, hub_id, joined_on, added_at)
               VALUES (${activity}, '900301', (SELECT id FROM hubs WHERE code = 'SW4'), '2026-09-01', 0)`);
    const rows = people.map(([name]) => `('${name.toLowerCase().replace(/ /g, '.')}.${activity}@school.example', '${name}', 0)`);
    await sql(`INSERT INTO people (email, name, created_at) VALUES ${rows.join(', ')}`);
    await sql(`INSERT INTO activity_participants (activity_id, person_id, school_urn, hub_id, role, joined_on, added_at)
               SELECT ${activity}, id, '900301', (SELECT id FROM hubs WHERE code = 'SW4'), 'teacher', '2026-09-01', 0
               FROM people WHERE email LIKE 'cohort.member.%.${activity}@school.example'
               AND id NOT IN (SELECT person_id FROM activity_participants WHERE activity_id = ${activity})`);
    const pids = (await sql(`SELECT id FROM activity_participants WHERE activity_id = ${activity} ORDER BY id`)).split('\n');
    assert.equal(pids.length, 150);
    const id = await schedule(activity, londonDay(-1));
    const marks = Object.fromEntries(pids.map((pid, i) => [`mark-${pid}`, i % 10 ? 'present' : 'absent']));
    let r = await llme.post(`/sessions/${id}/register`, marks);
    assert.equal(r.status, 303, r.body.slice(0, 300));
    assert.equal(await sql(`SELECT count(*) FROM register_marks WHERE session_id = ${id}`), '150');
    assert.equal(await tallies(activity), '135|0|15|0');
    // the same cohort's sign-in sheet for another session: 150 rows to confirm
    const other = await schedule(activity, londonDay(-2));
    const sheet = `Name,Signature\n${people.map(([name], i) => `${name},${i % 3 ? 'CM' : ''}`).join('\n')}\n`;
    const check = await llme.upload(`/sessions/${other}/register/upload`, { filename: 'cohort.csv', content: sheet });
    assert.equal(check.status, 200, check.body.slice(0, 300));
    r = await post(llme, `/sessions/${other}/register/upload/confirm`, confirmForm(check.body).fields);
    assert.equal(r.status, 303, r.body.slice(0, 300));
    assert.equal(await sql(`SELECT count(*) FROM register_marks WHERE session_id = ${other}`), '150');
  });

  test("a session not yet begun has no register form; its lead cannot save one", async () => {
    const future = await schedule(ids.activity, londonDay(5));
    const page = await llme.get(`/sessions/${future}/register`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.body, /<form method="post" novalidate class="mh-register"/);
    assert.match(page.body, /You can take the register from the day of the session/);
    assert.equal((await llme.post(`/sessions/${future}/register`, { [`mark-${ids.p['Ann Archer']}`]: 'present' })).status, 400);
    assert.equal(await marksOf(future), '');
  });
});

describe('apologies in advance', () => {
  test("a participant sends apologies until the session starts; the register shows them pre-set", async () => {
    const id = await schedule(ids.activity, londonDay(3));
    const page = await ann.get(`/sessions/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Send apologies/);
    assert.doesNotMatch(page.body, /Take the register/);
    let r = await ann.post(`/sessions/${id}/apologies`, { note: 'x'.repeat(501) });
    assert.equal(r.status, 400);
    assert.equal(await marksOf(id), '');
    r = await ann.post(`/sessions/${id}/apologies`, { note: 'At a moderation meeting' });
    assert.equal(r.status, 303);
    assert.equal(await marksOf(id), 'Ann Archer:apologies:participant');
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'session_apologies_given' AND subject = 'session:${id}'`), '1');
    assert.match((await ann.get(`/sessions/${id}`)).body, /You have sent your apologies for this session/);
    // the day comes: the register opens with Ann's apologies pre-set
    await sql(`UPDATE activity_sessions SET starts_at = starts_at - 4 * 86400, ends_at = ends_at - 4 * 86400 WHERE id = ${id}`);
    const reg = await llme.get(`/sessions/${id}/register`);
    assert.match(reg.body, new RegExp(`name="mark-${ids.p['Ann Archer']}" type="radio" value="apologies" checked|name="mark-${ids.p['Ann Archer']}"[^>]*value="apologies"[^>]*checked`));
    assert.match(reg.body, /Sent apologies in advance. Note: At a moderation meeting/);
    assert.equal((await ann.post(`/sessions/${id}/apologies`, {})).status, 303, 'sent already: nothing more');
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'session_apologies_given' AND subject = 'session:${id}'`), '1');
    // saved as it stands, the apologies stay the participant's own
    r = await llme.post(`/sessions/${id}/register`, { [`mark-${ids.p['Ann Archer']}`]: 'apologies', [`mark-${ids.p['Ben Brown']}`]: 'present' });
    assert.equal(r.status, 303);
    assert.equal(await marksOf(id), 'Ann Archer:apologies:participant\nBen Brown:present:phone');
  });

  test('too late once it has started; someone not taking part is not told of it', async () => {
    const id = await schedule(ids.activity, londonDay(-2));
    const r = await ann.post(`/sessions/${id}/apologies`, {});
    assert.equal(r.status, 400);
    assert.equal(await marksOf(id), '');
    assert.equal((await outsider.post(`/sessions/${id}/apologies`, {})).status, 404);
    assert.equal((await llme.post(`/sessions/${id}/apologies`, {})).status, 403, 'its lead sees it, but does not take part');
  });

  test("an activity cancelled: its sessions to come say so, offer no meeting link or apologies, and are not changed", async () => {
    const activity = await newActivity('Cancelled sessions WG');
    await addPeople(activity, [['Ann Archer', '900301', ann.id]]);
    const id = await schedule(activity, londonDay(6), { format: 'online', venue: '', address: '', online_url: 'https://meet.example.org/wg' });
    const held = await schedule(activity, londonDay(-1));
    let r = await mhl.post(`/activities/${activity}/cancel`, { reason: 'Too few schools signed up' });
    assert.equal(r.status, 303, errorSummary(r.body).join(' | '));
    const page = await ann.get(`/sessions/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /This session(&#39;|')s activity was cancelled: Too few schools signed up/);
    assert.doesNotMatch(page.body, /join the meeting/);
    assert.doesNotMatch(page.body, /Send apologies/);
    r = await ann.post(`/sessions/${id}/apologies`, { note: 'Sorry' });
    assert.equal(r.status, 400);
    assert.match(r.body, /The activity has been cancelled/);
    assert.equal(await marksOf(id), '');
    const lead = await llme.get(`/sessions/${id}`);
    assert.doesNotMatch(lead.body, /Change the session/);
    r = await llme.post(`/sessions/${id}/edit`, sessionForm(londonDay(7)));
    assert.equal(r.status, 400);
    assert.match(r.body, /The activity has been cancelled, so its sessions cannot be changed/);
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'session_changed' AND subject = 'session:${id}'`), '0');
    // a session held before it was cancelled still has its register taken
    r = await llme.post(`/sessions/${held}/register`, { [`mark-${await sql(`SELECT id FROM activity_participants WHERE activity_id = ${activity}`)}`]: 'present' });
    assert.equal(r.status, 303);
    assert.equal(await marksOf(held), 'Ann Archer:present:phone');
  });

  test('a participant who has withdrawn is not offered apologies, and sending them anyway writes nothing', async () => {
    const activity = await newActivity('Withdrawn apologies WG');
    const p = await addPeople(activity, [['Ann Archer', '900301', ann.id]]);
    const id = await schedule(activity, londonDay(5));
    await sql(`UPDATE activity_participants SET left_on = '${londonDay(0)}' WHERE id = ${p['Ann Archer']}`);
    const page = await ann.get(`/sessions/${id}`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.body, /Send apologies/);
    assert.match(page.body, /You withdrew from this activity on/);
    const r = await ann.post(`/sessions/${id}/apologies`, { note: 'Sorry' });
    assert.equal(r.status, 400);
    assert.match(r.body, /You have withdrawn from this activity/);
    assert.equal(await marksOf(id), '', 'no mark: they would be back on the register');
    assert.equal(await tallies(activity), '0|0|0|0');
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'session_apologies_given' AND subject = 'session:${id}'`), '0');
  });
});

/** The confirmation form of a check page: its hidden fields, and each select's name with its options. */
function confirmForm(html) {
  const fields = [];
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields.push([m[1], m[2].replace(/&#39;/g, "'").replace(/&amp;/g, '&')]);
  const selects = {};
  for (const m of html.matchAll(/<select class="govuk-select" id="([^"]+)" name="[^"]+"[^>]*>([\s\S]*?)<\/select>/g))
    selects[m[1]] = [...m[2].matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((o) => ({ value: o[1], text: o[2] }));
  return { fields, selects };
}

function post(session, target, pairs) {
  const body = {};
  for (const [k, v] of pairs) body[k] = k in body ? [].concat(body[k], v) : v;
  return session.post(target, body);
}

describe('a paper register uploaded', () => {
  let id;
  before(async () => { id = await schedule(ids.activity, londonDay(-3)); });

  // Excel's "CSV" on Windows: Windows-1252 (ë is 0xEB), CR LF, a title row above the header
  const sheet = Buffer.concat([
    Buffer.from('Registers WG sign-in\r\nName,School,Signature\r\nAnn Archer,Fen Primary,AA\r\n', 'latin1'),
    Buffer.from([0x5a, 0x6f, 0xeb]), Buffer.from(" O'Neil,St Mary's,ZO\r\nJon Brwn,Fen Primary,JB\r\nNobody Here,,NH\r\nCara Cole,St Mary's,\r\n", 'latin1'),
  ]);

  test('the check page lists the matches and the rows to check, and writes nothing', async () => {
    const before = await marksOf(id);
    const r = await llme.upload(`/sessions/${id}/register/upload`, { filename: 'C:\\Users\\lead\\register.csv', content: sheet });
    assert.equal(r.status, 200, r.body.slice(0, 500));
    assert.match(r.body, /Check the paper register/);
    assert.match(r.body, /register\.csv/);
    assert.match(r.body, /Line 5: Jon Brwn, Fen Primary/);
    assert.match(r.body, /Line 6: Nobody Here/);
    const { fields, selects } = confirmForm(r.body);
    assert.deepEqual(fields.filter(([k]) => k === 'm').map(([, v]) => v).sort(),
      [`${ids.p['Ann Archer']}:present`, `${ids.p['Cara Cole']}:absent`, `${ids.p["Zoë O'Neil"]}:present`].sort());
    assert.equal(selects['row-5'][0].value, 'ignore', '"Do not record this row" comes first');
    // each row to check is a fieldset named by its line, so its "Who is this?" is that row's to a screen reader
    const groups = [...r.body.matchAll(/<fieldset\b[^>]*>\s*<legend\b[^>]*>([\s\S]*?)<\/legend>([\s\S]*?)<\/fieldset>/g)]
      .map((m) => [m[1].replace(/<[^>]+>/g, '').trim(), m[2]]);
    for (const [line, name] of [[5, 'Line 5: Jon Brwn, Fen Primary'], [6, 'Line 6: Nobody Here']]) {
      const g = groups.find(([legend]) => legend.startsWith(name));
      assert.ok(g, `a fieldset whose legend is ${name}`);
      assert.match(g[1], new RegExp(`<select class="govuk-select" id="row-${line}"`));
    }
    assert.ok(selects['row-5'].some((o) => o.value === ids.p['Ben Brown']), 'Ben Brown is offered');
    assert.ok(!selects['row-5'].some((o) => o.value === ids.p['Ann Archer']), 'someone matched by another row is not');
    assert.equal(await marksOf(id), before, 'nothing written before the confirmation');
  });

  test('confirmed with one row resolved and one ignored: written in one go from the upload; a replay changes nothing', async () => {
    const check = await llme.upload(`/sessions/${id}/register/upload`, { filename: 'register.csv', content: sheet });
    const { fields } = confirmForm(check.body);
    const pairs = [...fields, ['row-5', ids.p['Ben Brown']], ['row-6', 'ignore']];
    let r = await post(llme, `/sessions/${id}/register/upload/confirm`, pairs);
    assert.equal(r.status, 303, r.body.slice(0, 500));
    assert.equal(r.headers.location, `/sessions/${id}/register`);
    assert.equal(await marksOf(id), "Ann Archer:present:upload\nBen Brown:present:upload\nCara Cole:absent:upload\nZoë O'Neil:present:upload");
    assert.equal(await sql(`SELECT register_source FROM activity_sessions WHERE id = ${id}`), 'upload');
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'session_register_uploaded' AND subject = 'session:${id}'`), '1');
    const before = await tallies(ids.activity);
    r = await post(llme, `/sessions/${id}/register/upload/confirm`, pairs);
    assert.equal(r.status, 303);
    assert.match((await llme.get(`/sessions/${id}/register`)).body, /Nothing was changed/);
    assert.equal(await tallies(ids.activity), before);
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'session_register_uploaded' AND subject = 'session:${id}'`), '1');
  });

  test('a UTF-8 file with a byte-order mark and a mark column; tampered or doubled choices answer 400 and write nothing', async () => {
    const other = await schedule(ids.activity, londonDay(-4));
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Full name,School URN,Attendance\nZoë O'Neil,900302,Late\nBen Brown,900301,apols\n")]);
    const check = await llme.upload(`/sessions/${other}/register/upload`, { filename: 'bom.csv', content: bom });
    assert.equal(check.status, 200);
    const { fields } = confirmForm(check.body);
    assert.deepEqual(fields.filter(([k]) => k === 'm').map(([, v]) => v).sort(),
      [`${ids.p['Ben Brown']}:apologies`, `${ids.p["Zoë O'Neil"]}:late`].sort());
    for (const extra of [[['m', '999999:present']], [['m', `${ids.p['Ben Brown']}:asleep`]], [['row-9', ids.p['Ben Brown']], ['mark-9', 'present']]]) {
      const r = await post(llme, `/sessions/${other}/register/upload/confirm`, [...fields, ...extra]);
      assert.equal(r.status, 400, JSON.stringify(extra));
    }
    assert.equal(await marksOf(other), '');
    const bad = await llme.upload(`/sessions/${other}/register/upload`, { filename: 'x.csv', content: 'Colour,Size\nred,4\n' });
    assert.equal(bad.status, 400);
    assert.ok(errorSummary(bad.body).length);
    assert.equal((await llme.upload(`/sessions/${other}/register/upload`, null)).status, 400);
  });

  test("the file's name the confirmation carries back is audited as a file name: 200 characters at most, on one line", async () => {
    const s = await schedule(ids.activity, londonDay(-5));
    const check = await llme.upload(`/sessions/${s}/register/upload`, { filename: 'ok.csv', content: 'Name,Mark\nBen Brown,present\n' });
    assert.equal(check.status, 200);
    const { fields } = confirmForm(check.body);
    const forged = `${'é'.repeat(5000)}\r\n2026-12-01 admin: role granted\u001b[0m`;
    const r = await post(llme, `/sessions/${s}/register/upload/confirm`, [...fields.filter(([k]) => k !== 'file_name'), ['file_name', forged]]);
    assert.equal(r.status, 303);
    const detail = await sql(`SELECT detail FROM audit_log WHERE action = 'session_register_uploaded' AND subject = 'session:${s}'`);
    assert.doesNotMatch(detail, /[\r\n\u001b]/);
    assert.ok(detail.startsWith(`activity:${ids.activity}: ${'é'.repeat(200)}: 1 marks`), detail.slice(0, 60));
  });
});

describe('rates on the activity page', () => {
  test('per participant, per school and for the activity: held sessions only, and only until a participant withdrew', async () => {
    const act = await newActivity('Rates WG');
    const p = await addPeople(act, [['Dan Dale', '900301'], ['Eve Earl', '900301'], ['Fay Ford', '900302']]);
    const [s1, s2, s3, s4] = [await schedule(act, '2026-10-06'), await schedule(act, '2026-11-03'),
      await schedule(act, '2026-11-24'), await schedule(act, londonDay(10))];
    await sql(`UPDATE activity_sessions SET register_taken_at = 1, register_source = 'phone' WHERE id IN (${s1}, ${s2})`);
    await sql(`UPDATE activity_sessions SET cancelled_at = 1, cancel_reason = 'Strike' WHERE id = ${s3}`);
    await sql(`UPDATE activity_participants SET left_on = '2026-10-20' WHERE id = ${p['Fay Ford']}`);
    const mark = (s, who, m) => `(${s}, ${p[who]}, '${m}', 'phone', 1)`;
    await sql(`INSERT INTO register_marks (session_id, participant_id, mark, source, recorded_at) VALUES
      ${[mark(s1, 'Dan Dale', 'present'), mark(s2, 'Dan Dale', 'late'), mark(s3, 'Dan Dale', 'absent'),
        mark(s1, 'Eve Earl', 'apologies'), mark(s2, 'Eve Earl', 'absent'), mark(s4, 'Eve Earl', 'apologies'),
        mark(s1, 'Fay Ford', 'absent'), mark(s2, 'Fay Ford', 'present')].join(', ')}`);
    const page = await mhl.get(`/activities/${act}`);
    assert.equal(page.status, 200);
    const row = (label) => {
      const m = new RegExp(`<tr class="govuk-table__row">\\s*<t[dh][^>]*>${label}</t[dh]>([\\s\\S]*?)</tr>`).exec(page.body);
      assert.ok(m, label);
      return [...m[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1].trim()).join(' | ');
    };
    // the whole activity's: a summary list (commitment, attendance, marks counted)
    const whole = (body) => ['Commitment', 'Attendance', 'Marks counted'].map((key) =>
      new RegExp(`<dt class="govuk-summary-list__key">${key}</dt><dd class="govuk-summary-list__value">([^<]*)</dd>`).exec(body)?.[1]);
    // counted: Dan present, late; Eve apologies, absent; Fay absent (her s2 mark came after she withdrew)
    assert.deepEqual(whole(page.body), ['60%', '40%', '5']);
    assert.equal(row('Dan Dale'), '100% | 100% | 2');
    assert.equal(row('Eve Earl'), '50% | 0% | 2');
    assert.equal(row('Fay Ford \\(withdrew 20 October 2026\\)'), '0% | 0% | 1');
    // the register of a session before she withdrew names her with the day, in words
    const reg = await llme.get(`/sessions/${s1}/register`);
    assert.equal(reg.status, 200);
    assert.match(reg.body, /Fay Ford, [^<]*\(withdrew 20 October 2026\)/);
    assert.equal(row('Fen Primary'), '75% | 50% | 4');
    assert.equal(row('St Mary&#39;s CE Primary School'), '0% | 0% | 1');
    // the LLME of the hub who does not lead it sees the activity's rate, not its people's
    const seen = await llme2.get(`/activities/${act}`);
    assert.deepEqual(whole(seen.body), ['60%', '40%', '5']);
    assert.doesNotMatch(seen.body, /Dan Dale/);
    // the export: every session not cancelled, everyone taking part on its day
    const csv = await llme.get(`/activities/${act}/register.csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.body, /"2026-10-06","09:30","15:30","Held","Dan Dale",.*"Present","Register on a phone","Yes"/);
    assert.match(csv.body, /"2026-11-03","09:30","15:30","Held","Fay Ford",.*"Present","Register on a phone","No"/);
    assert.doesNotMatch(csv.body, /2026-11-24/, 'a cancelled session is left out');
    const xlsx = await llme.get(`/activities/${act}/register.xlsx`);
    assert.equal(xlsx.status, 200);
    assert.match(xlsx.headers['content-type'], /spreadsheetml/);
  });
});

describe('who may', () => {
  let id;
  before(async () => { id = await schedule(ids.activity, londonDay(-5)); });

  test('its LLME lead runs it; an LLME of the hub who does not lead it is refused (403); another hub is not told (404)', async () => {
    for (const target of [`/sessions/${id}/register`, `/sessions/${id}/register/print`, `/sessions/${id}/register/upload`,
      `/sessions/${id}/edit`, `/sessions/${id}/cancel`, `/activities/${ids.activity}/sessions/new`, `/activities/${ids.activity}/register.csv`]) {
      assert.equal((await llme.get(target)).status, 200, target);
      assert.equal((await llme2.get(target)).status, 403, target);
      assert.equal((await otherMhl.get(target)).status, 404, target);
    }
    assert.equal((await llme2.get(`/sessions/${id}`)).status, 200, 'the hub sees the session');
    assert.equal((await otherMhl.get(`/sessions/${id}`)).status, 404);
    const r = await llme2.post(`/sessions/${id}/register`, { [`mark-${ids.p['Ann Archer']}`]: 'present' });
    assert.equal(r.status, 403);
    assert.equal(await marksOf(id), '');
    const sheet = await llme.get(`/sessions/${id}/register/print`);
    assert.match(sheet.body, /Sign-in sheet/);
    assert.match(sheet.body, /Cara Cole/);
  });

  test("a participant sees their own activity's sessions only, and no register", async () => {
    const page = await ann.get(`/sessions/${id}`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.body, /Take the register|Print a sign-in sheet/);
    assert.equal((await ann.get(`/sessions/${id}/register`)).status, 403);
    assert.equal((await outsider.get(`/sessions/${id}`)).status, 404);
    const other = await newActivity('Not Ann\'s WG');
    const theirs = await schedule(other, londonDay(2));
    assert.equal((await ann.get(`/sessions/${theirs}`)).status, 404);
    assert.equal((await ann.get('/sessions/99999999')).status, 404);
  });

  test("the home page shows a participant's and a lead's sessions of the next 14 days", async () => {
    const soon = await schedule(ids.activity, londonDay(6), { venue: 'Fen Hall' });
    const later = await schedule(ids.activity, londonDay(20), { venue: 'Far Hall' });
    for (const who of [ann, llme]) {
      const home = await who.get('/');
      assert.match(home.body, /Your next sessions?/);
      assert.match(home.body, new RegExp(`href="/sessions/${soon}"`));
      assert.doesNotMatch(home.body, new RegExp(`href="/sessions/${later}"`));
    }
    assert.match((await llme.get('/')).body, /You lead it/);
    assert.doesNotMatch((await outsider.get('/')).body, /Your next session/);
  });
});
