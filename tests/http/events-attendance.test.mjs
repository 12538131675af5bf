// Attendance at events (src/events/join.c, register*.c, report*.c): each
// person confirmed for an online event has their own joining link, which
// records their attendance and sends them to the meeting; organisers take
// registers (present, late, absent, apologies), add attendance with a note,
// export them as CSV and XLSX, and read Zoom's participant report as
// attendance after a confirm step. The clock is fixed with MATHSHUBS_NOW
// and moved by starting the server again on the same database.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import ExcelJS from 'exceljs';

import { FEW_SCHOOLS, csvRecords, dbQuery, errorSummary, request, roleSession, seedSchools, sessionFor, startServer, stopClean } from './lib.mjs';

const unix = (iso) => Math.floor(Date.parse(iso) / 1000);
const cleanups = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });
const blake = (t) => execFileSync('/usr/bin/python3', ['-c',
  'import hashlib,sys\nprint(hashlib.blake2b(sys.argv[1].encode(), digest_size=32).hexdigest())', t]).toString().trim();

/** A server whose clock reads `iso`; with `from`, on the database of that (stopped) server; `args` for serve. */
async function serverAt(iso, from = null, args = []) {
  const opts = { env: { MATHSHUBS_NOW: iso }, args };
  if (from) {
    await from.stop({ keep: true });
    Object.assign(opts, { dir: from.dir, database: from.pg || undefined });
  }
  const srv = await startServer(opts);
  srv.at = unix(iso);
  cleanups.push(() => stopClean(srv, 'attendance server'));
  return srv;
}

/** The event form's fields: one day (or two), online or face to face. */
function eventForm({ title = 'Online session: reasoning', day = '2026-03-02', day2 = '', starts = '10:00', ends = '11:30',
  format = 'online', roles = 'llme' } = {}) {
  const f = { title, description: 'Bring a question.', kind: format === 'online' ? 'online_session' : 'national_workshop',
    organiser: 'national', format, venue: 'Leeds Conference Centre', address: '1 Park Row\nLeeds LS1 5AB',
    meeting_url: 'https://meet.example/j/123?pwd=secret', capacity: '', roles, start1: starts, end1: ends };
  const put = (n, d) => { const [y, m, dd] = d.split('-'); Object.assign(f, { [`day${n}-day`]: String(Number(dd)), [`day${n}-month`]: String(Number(m)), [`day${n}-year`]: y }); };
  put(1, day);
  if (day2) { put(2, day2); Object.assign(f, { start2: starts, end2: ends }); }
  return f;
}

async function createEvent(admin, fields) {
  const r = await admin.post('/events/new', fields);
  assert.equal(r.status, 303, r.body);
  return Number(/^\/events\/(\d+)$/.exec(r.headers.location)[1]);
}

const linkOf = (html) => {
  const m = /href="(\/join\/[A-Za-z0-9_-]{43})"/.exec(html);
  return m && m[1];
};

describe('individual joining links', () => {
  test('a confirmed person joins by their own link; another person\'s session is refused and flagged', async () => {
    let srv = await serverAt('2026-02-20T12:00:00Z');
    const admin = await roleSession(srv, 'organiser@ncetm.example', 'national_admin', null, { at: srv.at });
    const ann = await roleSession(srv, 'ann@school.example', 'llme', 'LO1', { at: srv.at });
    const bob = await roleSession(srv, 'bob@school.example', 'llme', 'LO1', { at: srv.at });
    const cat = await roleSession(srv, 'cat@school.example', 'llme', 'LO1', { at: srv.at });
    const id = await createEvent(admin, eventForm());
    const f2f = await createEvent(admin, eventForm({ title: 'Workshop in Leeds', format: 'face_to_face', day: '2026-04-20', starts: '10:00', ends: '15:00' }));

    // before confirming: no link, and never the meeting's address
    let page = await ann.get(`/events/${id}`);
    assert.equal(linkOf(page.body), null);
    assert.doesNotMatch(page.body, /meet\.example/);
    for (const p of [ann, bob, cat]) assert.equal((await p.post(`/events/${id}/confirm`)).status, 303);
    assert.equal((await ann.post(`/events/${f2f}/confirm`)).status, 303);
    page = await ann.get(`/events/${id}`);
    const link = linkOf(page.body);
    assert.ok(link, 'the confirmed person sees their link');
    assert.match(page.body, /Your joining link/);
    assert.doesNotMatch(page.body, /meet\.example/);
    assert.equal(linkOf((await ann.get(`/events/${id}`)).body), link, 'the same link each time');
    const bobLink = linkOf((await bob.get(`/events/${id}`)).body);
    assert.ok(bobLink && bobLink !== link);
    // stored hashed, one per person, none for the face-to-face event
    const token = link.slice('/join/'.length);
    assert.equal(await dbQuery(srv, `SELECT person_id FROM event_join_tokens WHERE token_hash = '${blake(token)}'`), ann.id);
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM event_join_tokens WHERE token_hash LIKE '%${token.slice(0, 20)}%'`), '0');
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM event_join_tokens WHERE event_id = ${id}`), '3');
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM event_join_tokens WHERE event_id = ${f2f}`), '0');
    // cat sends apologies: her link stops working
    const catLink = linkOf((await cat.get(`/events/${id}`)).body);
    assert.equal((await cat.post(`/events/${id}/apologies`, { reason: '' })).status, 303);
    assert.equal(linkOf((await cat.get(`/events/${id}`)).body), null);

    // ten days early: not open yet, nothing recorded
    let r = await request(srv.base, link);
    assert.equal(r.status, 403);
    assert.match(r.body, /This link is not open now/);
    assert.match(r.body, /Monday 2 March 2026/);

    // 09:05 on the day (GMT): an hour before is open
    srv = await serverAt('2026-03-02T09:05:00Z', srv);
    r = await request(srv.base, '/join/' + 'x'.repeat(43));
    assert.equal(r.status, 404);
    assert.match(r.body, /This joining link does not work/);
    // another person's signed-in session: refused, flagged, nothing recorded
    const bobNow = await sessionFor(srv, bob.id, { at: srv.at });
    r = await bobNow.get(link);
    assert.equal(r.status, 403);
    assert.match(r.body, /This joining link is someone else&#39;s|This joining link is someone else's/);
    assert.match(r.body, /Use your own link/);
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM event_attendance WHERE event_id = ${id}`), '0');
    const flagged = await dbQuery(srv, `SELECT actor_id || ' ' || detail FROM audit_log WHERE action = 'event_join_refused' AND subject = 'event:${id}'`);
    assert.equal(flagged, `${bob.id} the joining link of person:${ann.id} used in the signed-in session of person:${bob.id}`);
    // without signing in (another device): to the meeting, attendance recorded for the day
    r = await request(srv.base, link);
    assert.equal(r.status, 303);
    assert.equal(r.headers.location, 'https://meet.example/j/123?pwd=secret');
    assert.equal(r.headers['referrer-policy'], 'no-referrer');
    assert.equal(await dbQuery(srv, `SELECT day || ' ' || status || ' ' || source FROM event_attendance WHERE event_id = ${id} AND person_id = ${ann.id}`),
      '2026-03-02 present link');
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM audit_log WHERE action = 'event_joined' AND subject = 'event:${id}'`), '1');
    // again, and in her own session: still to the meeting, recorded once
    const annNow = await sessionFor(srv, ann.id, { at: srv.at });
    r = await annNow.get(link);
    assert.equal(r.status, 303);
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM event_attendance WHERE event_id = ${id}`), '1');
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM audit_log WHERE action = 'event_joined'`), '1');
    // bob's own link works in his session
    assert.equal((await bobNow.get(bobLink)).status, 303);
    // cat's link, no longer confirmed
    r = await request(srv.base, catLink);
    assert.equal(r.status, 403);
    assert.match(r.body, /Your place is not confirmed/);
    // the logs show the route's pattern, never the token
    assert.ok(!JSON.stringify(srv.log).includes(token), 'the token is not logged');

    // the evening after: closed
    srv = await serverAt('2026-03-02T13:00:00Z', srv);
    r = await request(srv.base, link);
    assert.equal(r.status, 403);
  });
});

describe('joining links and the deployment key', () => {
  test('links are keyed; another key makes them again; an event made online gives links to those confirmed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mathshubs-key-'));
    const keyA = path.join(dir, 'a.key');
    const keyB = path.join(dir, 'b.key');
    writeFileSync(keyA, 'ab'.repeat(32));
    writeFileSync(keyB, 'cd'.repeat(32));
    let srv = await serverAt('2026-02-20T12:00:00Z', null, ['--secret-key-file', keyA]);
    const admin = await roleSession(srv, 'organiser@ncetm.example', 'national_admin', null, { at: srv.at });
    const ann = await roleSession(srv, 'ann@school.example', 'llme', 'LO1', { at: srv.at });
    const id = await createEvent(admin, eventForm({ format: 'face_to_face', day: '2026-04-20' }));
    assert.equal((await ann.post(`/events/${id}/confirm`)).status, 303);
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM event_join_tokens`), '0');
    // made online: those confirmed get their links
    const edit = await admin.get(`/events/${id}/edit`);
    assert.equal(edit.status, 200);
    assert.equal((await admin.post(`/events/${id}/edit`, eventForm({ day: '2026-04-20' }))).status, 303);
    const linkA = linkOf((await ann.get(`/events/${id}`)).body);
    assert.ok(linkA);
    // the same ids and time without the key make another token: the key is in it
    const created = await dbQuery(srv, `SELECT created_at FROM event_join_tokens WHERE event_id = ${id}`);
    const unkeyed = execFileSync('/usr/bin/python3', ['-c', 'import hashlib,sys,base64\n' +
      'print(base64.urlsafe_b64encode(hashlib.blake2b(sys.argv[1].encode(), digest_size=32).digest()).decode().rstrip("="))',
    `event-join:${id}:${ann.id}:${created}`]).toString().trim();
    assert.notEqual(linkA, `/join/${unkeyed}`);
    // another key: the old link no longer works and none is shown, until the event is saved
    srv = await serverAt('2026-02-21T12:00:00Z', srv, ['--secret-key-file', keyB]);
    const annB = await sessionFor(srv, ann.id, { at: srv.at });
    const adminB = await sessionFor(srv, admin.id, { at: srv.at });
    assert.equal(linkOf((await annB.get(`/events/${id}`)).body), null);
    assert.equal((await adminB.post(`/events/${id}/edit`, eventForm({ day: '2026-04-20', title: 'Online session: reasoning (2)' }))).status, 303);
    const linkB = linkOf((await annB.get(`/events/${id}`)).body);
    assert.ok(linkB && linkB !== linkA);
    assert.equal((await request(srv.base, linkA)).status, 404);
    assert.equal((await request(srv.base, linkB)).status, 403); // not open yet: but it is a link
  });
});

describe('registers', () => {
  test('an organiser takes the register of each day, adds someone with a note, prints and exports it', async () => {
    let srv = await serverAt('2026-02-02T12:00:00Z');
    await seedSchools(srv, { urns: FEW_SCHOOLS });
    const admin = await roleSession(srv, 'organiser@ncetm.example', 'national_admin', null, { at: srv.at });
    const mhl = await roleSession(srv, 'mhl@other.example', 'mhl', 'SW4', { at: srv.at });
    const ann = await roleSession(srv, 'ann@school.example', 'llme', 'LO1', { at: srv.at });
    const bob = await roleSession(srv, 'bob@school.example', 'llme', 'LO1', { at: srv.at });
    const cat = await roleSession(srv, 'cat@school.example', 'llme', 'LO1', { at: srv.at });
    const dan = await roleSession(srv, 'dan@school.example', 'participant', null, { at: srv.at });
    await dbQuery(srv, `UPDATE people SET school_urn = '100008', name = 'Ann Archer' WHERE id = ${ann.id}; ` +
      `UPDATE people SET name = 'Bob Baker' WHERE id = ${bob.id}; UPDATE people SET name = 'Cat Cole' WHERE id = ${cat.id};`);
    const id = await createEvent(admin, eventForm({ title: 'Residential: mastery', format: 'face_to_face', day: '2026-03-03',
      day2: '2026-03-04', starts: '09:30', ends: '16:00' }));
    assert.equal((await ann.post(`/events/${id}/confirm`)).status, 303);
    assert.equal((await bob.post(`/events/${id}/confirm`)).status, 303);
    assert.equal((await cat.post(`/events/${id}/apologies`, { reason: 'Year 6 residential' })).status, 303);

    srv = await serverAt('2026-03-03T09:00:00Z', srv);
    const org = await sessionFor(srv, admin.id, { at: srv.at });
    // not theirs to see: refused to one it is for; not found for one who may not know of it
    assert.equal((await (await sessionFor(srv, ann.id, { at: srv.at })).get(`/events/${id}/register`)).status, 403);
    assert.equal((await (await sessionFor(srv, mhl.id, { at: srv.at })).get(`/events/${id}/register`)).status, 404);
    assert.equal((await org.get(`/events/${id}/register?day=2026-03-09`)).status, 404);
    // today's register: the confirmed and those who sent apologies
    let page = await org.get(`/events/${id}/register`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Tuesday 3 March 2026/);
    assert.match(page.body, /Ann Archer, Argyle Primary School/);
    assert.match(page.body, /Bob Baker/);
    assert.match(page.body, /Cat Cole/);
    assert.match(page.body, /3 people: 0 present, 0 late, 0 absent, 0 apologies, 3 not marked/);
    assert.match(page.body, new RegExp(`name="status-${cat.id}" type="radio" value="apologies" checked|value="apologies" checked`));
    assert.match(page.body, /mh-sticky-save/);
    // a bad value: 400, nothing written
    let r = await org.post(`/events/${id}/register`, { day: '2026-03-03', [`status-${ann.id}`]: 'present', [`status-${bob.id}`]: 'asleep' });
    assert.equal(r.status, 400);
    assert.match(errorSummary(r.body).join(' '), /Choose present, late, absent or apologies for Bob Baker/);
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM event_attendance WHERE event_id = ${id}`), '0');
    // someone not on the register: refused
    r = await org.post(`/events/${id}/register`, { day: '2026-03-03', [`status-${dan.id}`]: 'present' });
    assert.equal(r.status, 400);
    r = await org.post(`/events/${id}/register`, { day: '2026-03-03', [`status-${ann.id}`]: 'present',
      [`status-${bob.id}`]: 'late', [`status-${cat.id}`]: 'apologies' });
    assert.equal(r.status, 303);
    assert.equal(r.headers.location, `/events/${id}/register?day=2026-03-03`);
    assert.equal(await dbQuery(srv, `SELECT person_id || ':' || status || ':' || source FROM event_attendance ` +
      `WHERE event_id = ${id} AND day = '2026-03-03' ORDER BY person_id`),
    [`${ann.id}:present:register`, `${bob.id}:late:register`, `${cat.id}:apologies:register`].join('\n'));
    assert.match((await org.get(`/events/${id}/register?day=2026-03-03`)).body, /Register saved: 3 changes/);
    assert.equal(await dbQuery(srv, `SELECT detail FROM audit_log WHERE action = 'event_register_saved'`), '2026-03-03: 3 marked');
    // saving the same again changes nothing
    r = await org.post(`/events/${id}/register`, { day: '2026-03-03', [`status-${ann.id}`]: 'present' });
    assert.equal(r.status, 303);
    assert.match((await org.get(r.headers.location)).body, /Nothing was changed/);
    // the second day, one absent
    r = await org.post(`/events/${id}/register`, { day: '2026-03-04', [`status-${ann.id}`]: 'absent' });
    assert.equal(r.status, 303);

    // someone who came without a place, with a note
    page = await org.get(`/events/${id}/attendance/add?day=2026-03-04`);
    assert.equal(page.status, 200);
    r = await org.post(`/events/${id}/attendance/add`, { email: 'dan@school.example', day: '2026-03-04', status: 'present', note: '' });
    assert.equal(r.status, 400);
    r = await org.post(`/events/${id}/attendance/add`, { email: 'nobody@school.example', day: '2026-03-04', status: 'present', note: 'x' });
    assert.equal(r.status, 400);
    r = await org.post(`/events/${id}/attendance/add`, { email: 'dan@school.example', day: '2026-03-04', status: 'present',
      note: "Came with Ann Archer's group" });
    assert.equal(r.status, 303);
    assert.equal(r.headers.location, `/events/${id}/register?day=2026-03-04`);
    assert.equal(await dbQuery(srv, `SELECT status || ' ' || source || ' ' || note FROM event_attendance WHERE person_id = ${dan.id}`),
      "present register Came with Ann Archer's group");
    page = await org.get(`/events/${id}/register?day=2026-03-04`);
    assert.match(page.body, /Person dan@school.example/);
    assert.match(page.body, /Came with Ann Archer&#39;s group|Came with Ann Archer's group/);

    // the sign-in sheet: the confirmed, their schools, a column to sign
    page = await org.get(`/events/${id}/register/print?day=2026-03-03`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Sign-in sheet/);
    assert.match(page.body, /Ann Archer<\/td><td class="govuk-table__cell">Argyle Primary School|Argyle Primary School/);
    assert.match(page.body, /Signature/);
    assert.doesNotMatch(page.body, /Cat Cole/);

    // exports: a row per person and day
    r = await org.get(`/events/${id}/register.csv`);
    assert.equal(r.status, 200);
    assert.match(r.headers['content-disposition'], new RegExp(`event-${id}-register.csv`));
    const rows = csvRecords(r.body.replace(/^\uFEFF/, '')).map((x) => [...x]);
    assert.deepEqual(rows[0], ['Day', 'Name', 'Email address', 'School', 'Answer', 'Attendance', 'Minutes', 'How recorded', 'Note']);
    const line = (day, name) => rows.find((x) => x[0] === day && x[1] === name);
    assert.deepEqual(line('2026-03-03', 'Ann Archer').slice(0, 8),
      ['2026-03-03', 'Ann Archer', 'ann@school.example', 'Argyle Primary School', 'Confirmed', 'Present', '', 'Register']);
    assert.equal(line('2026-03-03', 'Bob Baker')[5], 'Late');
    assert.equal(line('2026-03-04', 'Bob Baker')[5], 'Not marked');
    assert.equal(line('2026-03-04', 'Ann Archer')[5], 'Absent');
    assert.equal(line('2026-03-04', 'Person dan@school.example')[8], "Came with Ann Archer's group");
    assert.equal(rows.length, 1 + 2 * 4);
    const x = await request(srv.base, `/events/${id}/register.xlsx`, { headers: { Cookie: org.cookie } });
    assert.equal(x.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw);
    const ws = wb.getWorksheet('Register');
    const values = [];
    ws.eachRow((row) => values.push(Array.from(row.values).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    assert.deepEqual(values.map((v) => v.slice(0, 6)), rows.map((v) => v.slice(0, 6)));
  });
});

describe("the meeting's participant report", () => {
  const REPORT = '\uFEFFMeeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\r\n' +
    '812 3456 7890,Online session: reasoning,03/02/2026 09:55:01 AM,03/02/2026 11:31:40 AM,host@ncetm.example,97,4\r\n\r\n' +
    'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n' +
    'Ann Archer,ANN@school.example,03/02/2026 09:58:12 AM,03/02/2026 10:40:00 AM,42,No\r\n' +
    'Bobby (Bob Baker),,03/02/2026 10:02:00 AM,03/02/2026 11:30:00 AM,88,Yes\r\n' +
    'iPad,,03/02/2026 10:05:00 AM,03/02/2026 11:30:00 AM,85,Yes\r\n' +
    'Ann Archer,ann@school.example,03/02/2026 10:45:30 AM,03/02/2026 11:30:00 AM,45,No\r\n' +
    'Ann Archer,ann@school.example,03/09/2026 10:45:30 AM,03/09/2026 11:30:00 AM,45,No\r\n';

  test('rows matched by email, then by name; the unmatched listed; nothing written before confirm; minutes summed', async () => {
    let srv = await serverAt('2026-02-20T12:00:00Z');
    const admin = await roleSession(srv, 'organiser@ncetm.example', 'national_admin', null, { at: srv.at });
    const ann = await roleSession(srv, 'ann@school.example', 'llme', 'LO1', { at: srv.at });
    const bob = await roleSession(srv, 'bob@school.example', 'llme', 'LO1', { at: srv.at });
    const cat = await roleSession(srv, 'cat@school.example', 'llme', 'LO1', { at: srv.at });
    await dbQuery(srv, `UPDATE people SET name = 'Ann Archer' WHERE id = ${ann.id}; UPDATE people SET name = 'Bob Baker' WHERE id = ${bob.id};`);
    const id = await createEvent(admin, eventForm());
    for (const p of [ann, bob, cat]) assert.equal((await p.post(`/events/${id}/confirm`)).status, 303);

    srv = await serverAt('2026-03-02T15:00:00Z', srv);
    const org = await sessionFor(srv, admin.id, { at: srv.at });
    assert.equal((await (await sessionFor(srv, ann.id, { at: srv.at })).get(`/events/${id}/report`)).status, 403);
    let r = await org.get(`/events/${id}/report`);
    assert.equal(r.status, 200);
    assert.match(r.body, /enctype="multipart\/form-data"/);
    r = await org.upload(`/events/${id}/report`, null);
    assert.equal(r.status, 400);
    assert.match(errorSummary(r.body).join(' '), /Select Zoom&#39;s participant report|Select Zoom's participant report/);
    r = await org.upload(`/events/${id}/report`, { filename: 'people.csv', content: 'Name,Email address\nAnn,ann@school.example\n', type: 'text/csv' });
    assert.equal(r.status, 400);
    assert.match(r.body, /not a Zoom participant report/);

    r = await org.upload(`/events/${id}/report`, { filename: 'participants_81234567890.csv', content: REPORT, type: 'text/csv' });
    assert.equal(r.status, 200, r.body);
    assert.match(r.body, /Check the participant report/);
    assert.match(r.body, /Online session: reasoning/);
    assert.match(r.body, /2 rows not matched/);
    assert.match(r.body, /iPad/);
    assert.match(r.body, /Nobody who answered this event has this email address or name/);
    assert.match(r.body, /Joined on Monday 9 March 2026, not a day of this event/);
    assert.match(r.body, /87 \(2 joins\)/);
    assert.match(r.body, /Record attendance for 2/);
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM event_attendance WHERE event_id = ${id}`), '0', 'nothing before confirm');
    const ms = [...r.body.matchAll(/name="m" value="([^"]+)"/g)].map((m) => m[1]).sort();
    assert.deepEqual(ms, [`${ann.id}:2026-03-02:87`, `${bob.id}:2026-03-02:88`].sort());

    // a confirmation that names someone who is not the event's: refused, nothing written (all or nothing)
    const body = (extra) => {
      const p = new URLSearchParams({ csrf_token: org.csrf, file_name: 'participants_81234567890.csv' });
      for (const m of [...ms, ...extra]) p.append('m', m);
      return p.toString();
    };
    const confirm = (extra) => request(srv.base, `/events/${id}/report/confirm`, { method: 'POST', body: body(extra), headers: {
      Cookie: org.cookie, Origin: srv.base, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded' } });
    r = await confirm(['999999:2026-03-02:10']);
    assert.equal(r.status, 400);
    assert.match(r.body, /upload the report again/);
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM event_attendance WHERE event_id = ${id}`), '0');
    r = await confirm([]);
    assert.equal(r.status, 303);
    assert.equal(r.headers.location, `/events/${id}/register?day=2026-03-02`);
    assert.equal(await dbQuery(srv, `SELECT status || ' ' || minutes || ' ' || source FROM event_attendance WHERE event_id = ${id} AND person_id = ${ann.id}`),
      'present 87 report');
    assert.equal(await dbQuery(srv, `SELECT status || ' ' || minutes || ' ' || source FROM event_attendance WHERE event_id = ${id} AND person_id = ${bob.id}`),
      'present 88 report');
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM event_attendance WHERE event_id = ${id} AND person_id = ${cat.id}`), '0');
    assert.equal(await dbQuery(srv, `SELECT detail FROM audit_log WHERE action = 'event_report_recorded'`),
      'participants_81234567890.csv: attendance of 2 recorded');
    const reg = await org.get(`/events/${id}/register?day=2026-03-02`);
    assert.match(reg.body, /Attendance from the participant report recorded: 2/);
    assert.match(reg.body, /From the meeting&#39;s participant report: 87 minutes|From the meeting's participant report: 87 minutes/);
  });
});
