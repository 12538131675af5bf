// Events (src/events): organisers create an event, people Confirm or send
// Apologies until the lock (the end of the tenth working day before a
// face-to-face event, Europe/London), then only an organiser changes who is
// coming, with a reason, audited. The server's clock is fixed for these
// tests with MATHSHUBS_NOW (a development server only), and moved by
// starting the server again on the same database, as DfE's services test
// their deadlines at shifted dates. Capacity: fifty people confirming at
// once for ten places leaves exactly ten confirmed and forty waiting.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import { dbArgs, dbQuery, errorSummary, roleSession, run, sessionFor, startServer, stopClean } from './lib.mjs';

const unix = (iso) => Math.floor(Date.parse(iso) / 1000);
const cleanups = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

/** A server whose clock reads `iso`; with `from`, on the database of that (stopped) server. */
async function serverAt(iso, from = null) {
  const opts = { env: { MATHSHUBS_NOW: iso } };
  if (from) {
    await from.stop({ keep: true });
    Object.assign(opts, { dir: from.dir, database: from.pg || undefined });
  }
  const srv = await startServer(opts);
  srv.at = unix(iso);
  return srv;
}

/** The fields of the event form for a one-day face-to-face event. */
function eventForm({ title = 'Mastery national workshop 1', day = '2026-03-02', starts = '10:00', ends = '16:00',
  format = 'face_to_face', capacity = '', roles = 'llme', organiser = 'national' } = {}) {
  const [y, m, d] = day.split('-');
  return {
    title, description: 'Bring your Work Group plans.\nLunch is provided.', kind: 'national_workshop', organiser, format,
    venue: 'Birmingham Conference Centre', address: '1 Example Street\nBirmingham B1 1AA',
    meeting_url: 'https://meet.example/abc', 'day1-day': String(Number(d)), 'day1-month': String(Number(m)), 'day1-year': y,
    start1: starts, end1: ends, capacity, roles,
  };
}

async function createEvent(admin, fields) {
  const r = await admin.post('/events/new', fields);
  assert.equal(r.status, 303, r.body);
  const m = /^\/events\/(\d+)$/.exec(r.headers.location);
  assert.ok(m, r.headers.location);
  return Number(m[1]);
}

const answerOf = async (srv, event, person) =>
  dbQuery(srv, `SELECT answer FROM event_answers WHERE event_id = ${event} AND person_id = ${person}`);

describe('the lock: confirm the day before the deadline, refused the day after, an organiser overrides', () => {
  test('the journey across the deadline', async () => {
    // Sunday 15 February 2026: the day before the deadline of an event on Monday 2 March 2026
    let srv = await serverAt('2026-02-15T12:00:00Z');
    cleanups.push(() => stopClean(srv, 'events server'));
    const admin = await roleSession(srv, 'organiser@ncetm.example', 'national_admin', null, { at: srv.at });
    const early = await roleSession(srv, 'early@school.example', 'llme', 'LO1', { at: srv.at });
    const late = await roleSession(srv, 'late@school.example', 'llme', 'LO1', { at: srv.at });
    const outsider = await roleSession(srv, 'outsider@school.example', 'participant', null, { at: srv.at });
    const id = await createEvent(admin, eventForm());
    assert.equal(await dbQuery(srv, `SELECT confirm_by FROM events WHERE id = ${id}`), String(unix('2026-02-17T00:00:00Z')));

    const page = await early.get(`/events/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Confirm by Monday 16 February 2026/);
    assert.match(page.body, /Do not travel unless you have confirmed/);
    assert.match(page.body, />Confirm</);
    assert.doesNotMatch(page.body, /meet\.example/);
    const list = await early.get('/events');
    assert.match(list.body, /Eligible &amp; Upcoming/);
    assert.match(list.body, /Mastery national workshop 1/);
    // not invited: not shown, cannot answer
    assert.equal((await outsider.get(`/events/${id}`)).status, 404);
    assert.equal((await outsider.post(`/events/${id}/confirm`)).status, 404);
    assert.doesNotMatch((await outsider.get('/events')).body, /Mastery national workshop 1/);

    const r = await early.post(`/events/${id}/confirm`);
    assert.equal(r.status, 303);
    assert.equal(await answerOf(srv, id, early.id), 'confirmed');
    assert.match((await early.get(`/events/${id}`)).body, /You have confirmed your place/);
    assert.equal(await dbQuery(srv, "SELECT count(*) FROM outbox WHERE to_addr = 'early@school.example' AND subject LIKE 'You have confirmed%'"), '1');
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM audit_log WHERE action = 'event_confirmed' AND subject = 'event:${id}'`), '1');

    // the last second before the lock: still open (23:59:59 GMT on Monday 16 February)
    srv = await serverAt('2026-02-16T23:59:59Z', srv);
    let lateNow = await roleSession(srv, 'late2@school.example', 'llme', 'LO1', { at: srv.at });
    assert.match((await lateNow.get(`/events/${id}`)).body, />Confirm</);
    // the first second of the lock
    srv = await serverAt('2026-02-17T00:00:00Z', srv);
    lateNow = await sessionFor(srv, late.id, { at: srv.at });
    let refused = await lateNow.post(`/events/${id}/confirm`);
    assert.equal(refused.status, 400);
    assert.match(refused.body, /answers closed at the end of Monday 16 February 2026/);
    assert.equal(await answerOf(srv, id, late.id), '');

    // Tuesday 17 February: refused with the reason on screen, apologies too
    srv = await serverAt('2026-02-17T09:00:00Z', srv);
    const lateTue = await sessionFor(srv, late.id, { at: srv.at });
    const earlyTue = await sessionFor(srv, early.id, { at: srv.at });
    const adminTue = await sessionFor(srv, admin.id, { at: srv.at });
    refused = await lateTue.post(`/events/${id}/confirm`);
    assert.equal(refused.status, 400);
    assert.match(refused.body, /govuk-error-summary/);
    assert.match(refused.body, /You can no longer change your answer: answers closed at the end of Monday 16 February 2026/);
    assert.match(refused.body, /You have not confirmed: do not travel to this event/);
    assert.equal(await answerOf(srv, id, late.id), '');
    const apol = await earlyTue.post(`/events/${id}/apologies`, { reason: 'Ofsted' });
    assert.equal(apol.status, 400);
    assert.equal(await answerOf(srv, id, early.id), 'confirmed');
    // only the organisers' page changes answers now; it needs a reason
    assert.equal((await lateTue.get(`/events/${id}/answers`)).status, 403);
    const noReason = await adminTue.post(`/events/${id}/answers`, { email: 'late@school.example', answer: 'confirmed' });
    assert.equal(noReason.status, 400);
    assert.match(noReason.body, /Enter reason|Enter a reason|Enter the reason/i);
    const ok = await adminTue.post(`/events/${id}/answers`,
      { email: 'late@school.example', answer: 'confirmed', reason: 'Their cover was confirmed late; agreed with the hub' });
    assert.equal(ok.status, 303);
    assert.equal(await answerOf(srv, id, late.id), 'confirmed');
    assert.equal(await dbQuery(srv, `SELECT set_reason FROM event_answers WHERE event_id = ${id} AND person_id = ${late.id}`),
      'Their cover was confirmed late; agreed with the hub');
    const audit = await dbQuery(srv, `SELECT detail FROM audit_log WHERE action = 'event_answer_set' AND subject = 'event:${id}'`);
    assert.match(audit, /none -> confirmed \(after the lock\): Their cover was confirmed late/);
    const orgPage = await adminTue.get(`/events/${id}`);
    assert.match(orgPage.body, /Set by an organiser: Their cover was confirmed late/);
    assert.equal(await dbQuery(srv, "SELECT count(*) FROM outbox WHERE to_addr = 'late@school.example' AND subject LIKE 'Your answer has been changed%'"), '1');
  });
});

describe('organisers', () => {
  test('the form refuses what cannot be; scope decides who organises what', async () => {
    const srv = await serverAt('2026-02-15T12:00:00Z');
    cleanups.push(() => stopClean(srv, 'events server'));
    const admin = await roleSession(srv, 'organiser@ncetm.example', 'national_admin', null, { at: srv.at });
    const mhl = await roleSession(srv, 'mhl@hub.example', 'mhl', 'LO1', { at: srv.at });
    const otherMhl = await roleSession(srv, 'mhl@other.example', 'mhl', 'SW4', { at: srv.at });
    const llme = await roleSession(srv, 'llme@school.example', 'llme', 'LO1', { at: srv.at });

    let r = await admin.post('/events/new', eventForm({ starts: '16:00', ends: '10:00' }));
    assert.equal(r.status, 400);
    assert.match(r.body, /Day 1 must end after it starts/);
    r = await admin.post('/events/new', eventForm({ day: '2026-02-14' }));
    assert.equal(r.status, 400);
    assert.match(r.body, /Day 1 must be today or in the future/);
    r = await admin.post('/events/new', eventForm({ starts: '25:00' }));
    assert.equal(r.status, 400);
    assert.match(r.body, /Enter a time in the 24-hour clock/);
    r = await admin.post('/events/new', { ...eventForm(), roles: '' });
    assert.equal(r.status, 400);
    assert.match(r.body, /Choose whom the event is for/);
    r = await admin.post('/events/new', { ...eventForm(), 'day1-month': '13' });
    assert.equal(r.status, 400);
    r = await admin.post('/events/new', { ...eventForm(), format: 'online', meeting_url: 'not a url' });
    assert.equal(r.status, 400);
    assert.match(r.body, /Enter the meeting&#39;s address|Enter the meeting's address/);
    assert.equal(await dbQuery(srv, 'SELECT count(*) FROM events'), '0');

    // a hub's leadership organises its own hub's events only
    const hubId = await dbQuery(srv, "SELECT id FROM hubs WHERE code = 'LO1'");
    assert.equal((await mhl.get('/events/new')).status, 200);
    r = await mhl.post('/events/new', eventForm({ organiser: 'national' }));
    assert.equal(r.status, 400, 'an MHL cannot organise a national event');
    const id = await createEvent(mhl, eventForm({ organiser: `hub:${hubId}`, title: 'Hub network meeting' }));
    assert.equal(await dbQuery(srv, `SELECT hub_id FROM events WHERE id = ${id}`), hubId);
    // another hub's event, not open to them: not found, never "refused" (which would say it exists)
    assert.equal((await otherMhl.get(`/events/${id}`)).status, 404);
    assert.equal((await otherMhl.get(`/events/${id}/edit`)).status, 404);
    assert.equal((await otherMhl.post(`/events/${id}/cancel`, { reason: 'x' })).status, 404);
    assert.equal((await otherMhl.post(`/events/${id}/answers`, { email: 'llme@school.example', answer: 'confirmed', reason: 'x' })).status, 404);
    assert.equal((await llme.get('/events/new')).status, 403);
    assert.equal((await admin.get(`/events/${id}/edit`)).status, 200, 'the national team organises every event');
    // an edit keeps what was held and raises the sequence
    const edit = await mhl.get(`/events/${id}/edit`);
    assert.match(edit.body, /value="Hub network meeting"/);
    r = await mhl.post(`/events/${id}/edit`, { ...eventForm({ title: 'Hub network meeting (room changed)' }), organiser: undefined });
    assert.equal(r.status, 303, r.body);
    assert.equal(await dbQuery(srv, `SELECT title || '|' || sequence FROM events WHERE id = ${id}`), 'Hub network meeting (room changed)|1');
    // cancelling tells those who confirmed
    assert.equal((await llme.post(`/events/${id}/confirm`)).status, 303);
    r = await mhl.post(`/events/${id}/cancel`, { reason: 'The venue flooded' });
    assert.equal(r.status, 303);
    assert.equal(await dbQuery(srv, "SELECT count(*) FROM outbox WHERE to_addr = 'llme@school.example' AND subject LIKE 'Cancelled:%'"), '1');
    r = await llme.post(`/events/${id}/confirm`);
    assert.equal(r.status, 400);
    assert.match(r.body, /This event has been cancelled/);
  });
});

describe('a time the clocks skip', () => {
  test('01:00 to 01:59 on the day the clocks go forward answers 400 on its field, and nothing is written', async () => {
    const srv = await serverAt('2026-02-15T12:00:00Z');
    cleanups.push(() => stopClean(srv, 'events server'));
    const admin = await roleSession(srv, 'organiser@ncetm.example', 'national_admin', null, { at: srv.at });
    // Sunday 29 March 2026: the clocks go forward an hour at 01:00
    const words = 'There is no 01:30 on 29 March 2026: the clocks go forward an hour at 01:00, so enter a time before 01:00 or from 02:00';
    for (const [times, field] of [[{ starts: '01:30', ends: '03:00' }, 'start1'], [{ starts: '00:30', ends: '01:30' }, 'end1']]) {
      const r = await admin.post('/events/new', eventForm({ day: '2026-03-29', ...times }));
      assert.equal(r.status, 400, JSON.stringify(times));
      const summary = errorSummary(r.body);
      assert.deepEqual(summary, [[`#${field}`, words]], JSON.stringify(times));
    }
    assert.equal(await dbQuery(srv, 'SELECT count(*) FROM events'), '0');
    assert.equal(await dbQuery(srv, 'SELECT count(*) FROM event_days'), '0');
    assert.equal(await dbQuery(srv, "SELECT count(*) FROM audit_log WHERE action LIKE 'event_%'"), '0');

    // the minutes either side are times as usual; changing one to a skipped time changes nothing
    const id = await createEvent(admin, eventForm({ day: '2026-03-29', starts: '00:59', ends: '02:00' }));
    const r = await admin.post(`/events/${id}/edit`,
      { ...eventForm({ day: '2026-03-29', starts: '01:15', ends: '16:00', title: 'Moved to 01:15' }), organiser: undefined });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body).map(([href]) => href), ['#start1']);
    assert.match(errorSummary(r.body)[0][1], /^There is no 01:15 on 29 March 2026: the clocks go forward/);
    assert.equal(await dbQuery(srv, `SELECT title || '|' || sequence FROM events WHERE id = ${id}`), 'Mastery national workshop 1|0');
    assert.equal(await dbQuery(srv, `SELECT starts || '-' || ends FROM event_days WHERE event_id = ${id}`), '00:59-02:00');
    // the hour the clocks show twice when they go back (Sunday 25 October 2026) is a time
    await createEvent(admin, eventForm({ day: '2026-10-25', starts: '01:30', ends: '01:45', title: 'Autumn workshop' }));
  });
});

describe('capacity and the waiting list', () => {
  test('50 people confirm at once for 10 places: exactly 10 confirmed and 40 waiting', async () => {
    const srv = await serverAt('2026-02-02T12:00:00Z');
    cleanups.push(() => stopClean(srv, 'events server'));
    const admin = await roleSession(srv, 'organiser@ncetm.example', 'national_admin', null, { at: srv.at });
    const id = await createEvent(admin, eventForm({ capacity: '10' }));
    const people = [];
    for (let i = 0; i < 50; i++) people.push(await roleSession(srv, `llme${i}@school.example`, 'llme', 'LO1', { at: srv.at }));
    const answers = await Promise.all(people.map((p) => p.post(`/events/${id}/confirm`)));
    for (const a of answers) assert.equal(a.status, 303, a.body);
    assert.equal(await dbQuery(srv, `SELECT answer || ':' || count(*) FROM event_answers WHERE event_id = ${id} GROUP BY answer ORDER BY answer`),
      'confirmed:10\nwaiting:40');
    // when full, Confirm becomes Join the waiting list
    const newcomer = await roleSession(srv, 'newcomer@school.example', 'llme', 'LO1', { at: srv.at });
    const page = await newcomer.get(`/events/${id}`);
    assert.match(page.body, /Join the waiting list/);
    assert.doesNotMatch(page.body, />Confirm</);
    // a place freed before the lock is offered to the first person waiting, who is emailed and
    // accepts it (tests/http/events-mail.test.mjs: an offer not accepted in time passes on)
    const confirmedIds = (await dbQuery(srv, `SELECT person_id FROM event_answers WHERE event_id = ${id} AND answer = 'confirmed' ORDER BY person_id`)).split('\n');
    const firstWaiting = await dbQuery(srv, `SELECT person_id FROM event_answers WHERE event_id = ${id} AND answer = 'waiting' ORDER BY answered_at, person_id LIMIT 1`);
    const leaver = people.find((p) => p.id === confirmedIds[0]);
    assert.equal((await leaver.post(`/events/${id}/apologies`, { reason: 'Illness' })).status, 303);
    assert.equal(await answerOf(srv, id, leaver.id), 'apologies');
    assert.equal(await answerOf(srv, id, firstWaiting), 'waiting');
    assert.equal(await dbQuery(srv, `SELECT offered_until FROM event_answers WHERE event_id = ${id} AND person_id = ${firstWaiting}`),
      String(srv.at + 48 * 3600));
    // the offered place is held: a newcomer still joins the waiting list
    assert.match((await newcomer.get(`/events/${id}`)).body, /Join the waiting list/);
    const email = await dbQuery(srv, `SELECT email FROM people WHERE id = ${firstWaiting}`);
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM outbox WHERE to_addr = '${email}' AND subject LIKE 'A place is offered to you%'`), '1');
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM audit_log WHERE action = 'event_place_offered'`), '1');
    const offered = people.find((p) => p.id === firstWaiting);
    assert.match((await offered.get(`/events/${id}/offer`)).body, /Accept the place/);
    assert.equal((await offered.post(`/events/${id}/offer`)).status, 303);
    assert.equal(await answerOf(srv, id, firstWaiting), 'confirmed');
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM event_answers WHERE event_id = ${id} AND answer = 'confirmed'`), '10');
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM audit_log WHERE action = 'event_offer_accepted'`), '1');
  });
});

describe('mathshubs import-bank-holidays', () => {
  test('adds later years, idempotent, audited; moves the deadlines it changes', async () => {
    const srv = await serverAt('2027-11-01T12:00:00Z');
    cleanups.push(() => stopClean(srv, 'events server'));
    const admin = await roleSession(srv, 'organiser@ncetm.example', 'national_admin', null, { at: srv.at });
    // Monday 10 January 2028: 2028's bank holidays (Monday 3 January, New Year's Day's substitute) are not known yet
    const r = await admin.post('/events/new', eventForm({ day: '2028-01-10' }));
    assert.equal(r.status, 303);
    const id = Number(/(\d+)$/.exec(r.headers.location)[1]);
    const warned = await admin.get(r.headers.location);
    assert.match(warned.body, /bank holidays of 2028 are not known yet/);
    assert.equal(await dbQuery(srv, `SELECT holidays_known FROM events WHERE id = ${id}`), '0');
    // counted without it: ten working days back from Monday 10 January 2028, over the Christmas
    // substitute days 27 and 28 December 2027, is Thursday 23 December 2027
    assert.equal(await dbQuery(srv, `SELECT confirm_by FROM events WHERE id = ${id}`), String(unix('2027-12-24T00:00:00Z')));

    const dir = mkdtempSync(path.join(tmpdir(), 'holidays-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'bank-holidays.json');
    writeFileSync(file, JSON.stringify({
      'england-and-wales': { division: 'england-and-wales', events: [
        { title: 'Boxing Day', date: '2027-12-28', notes: 'Substitute day', bunting: true },
        { title: 'New Year’s Day', date: '2028-01-03', notes: 'Substitute day', bunting: true },
        { title: 'Good Friday', date: '2028-04-14', notes: '', bunting: false },
      ] },
    }));
    let out = await run(['import-bank-holidays', file, ...dbArgs(srv)]);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /3 England and Wales bank holidays \(2027-12-28 to 2028-04-14\), 2 new\. 1 event deadline moved/);
    // with 3 January 2028 a holiday the tenth working day back is Wednesday 22 December 2027
    assert.equal(await dbQuery(srv, `SELECT confirm_by || '|' || holidays_known FROM events WHERE id = ${id}`),
      `${unix('2027-12-23T00:00:00Z')}|1`);
    out = await run(['import-bank-holidays', file, ...dbArgs(srv)]);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /0 new\. 0 event deadlines moved/);
    assert.equal(await dbQuery(srv, "SELECT count(*) FROM audit_log WHERE action = 'bank_holidays_imported'"), '2');
    writeFileSync(file, '{"scotland": {"events": []}}');
    out = await run(['import-bank-holidays', file, ...dbArgs(srv)]);
    assert.equal(out.code, 1);
    assert.match(out.stderr, /no "england-and-wales" events/);
  });
});

describe('the fixed clock is for tests only', () => {
  test('a server others can reach refuses MATHSHUBS_NOW', async () => {
    const out = await run(['serve', '--db', path.join(tmpdir(), `never-${process.pid}.db`), '--listen', '0.0.0.0:0'],
      { env: { MATHSHUBS_NOW: '2026-02-15' } });
    assert.equal(out.code, 2);
    assert.match(out.stderr, /MATHSHUBS_NOW is for tests only/);
    const https = await run(['serve', '--db', path.join(tmpdir(), `never-${process.pid}.db`), '--listen', '127.0.0.1:0',
      '--base-url', 'https://mathshubs.example'], { env: { MATHSHUBS_NOW: '2026-02-15' } });
    assert.equal(https.code, 2);
  });
});

describe('the Past tab', () => {
  test('this academic year\'s and last\'s by default; an earlier year through its link; answers shown', async () => {
    const first = await serverAt('2024-01-10T12:00:00Z');
    const admin = await roleSession(first, 'organiser@ncetm.example', 'national_admin', null, { at: first.at });
    const llme = await roleSession(first, 'llme@school.example', 'llme', 'LO1', { at: first.at });
    await createEvent(admin, eventForm({ title: 'Workshop of 2023/24', day: '2024-03-05' }));
    await createEvent(admin, eventForm({ title: 'Workshop of 2024/25', day: '2025-03-05' }));
    await createEvent(admin, eventForm({ title: 'Workshop of 2025/26', day: '2026-03-05' }));
    const old = await createEvent(admin, eventForm({ title: 'Answered in 2023/24', day: '2024-03-06' }));
    assert.equal((await llme.post(`/events/${old}/confirm`)).status, 303);
    const srv = await serverAt('2026-10-01T12:00:00Z', first);
    cleanups.push(() => stopClean(srv, 'events server'));
    const me = await sessionFor(srv, llme.id, { at: srv.at });
    const pastPanel = (body) => body.slice(body.indexOf('id="past"'), body.indexOf('</div>\n', body.lastIndexOf('Other years')));
    let p = pastPanel((await me.get('/events')).body);
    assert.match(p, /Past events of 2025\/26 and 2026\/27 so far/);
    assert.match(p, /Workshop of 2025\/26/);
    assert.doesNotMatch(p, /Workshop of 2024\/25|of 2023\/24/);
    assert.match(p, /href="\/events\?past=2024#past">2024\/25</);
    assert.match(p, /href="\/events\?past=2023#past">2023\/24</);
    p = pastPanel((await me.get('/events?past=2024')).body);
    assert.match(p, /Past events of 2024\/25/);
    assert.match(p, /Workshop of 2024\/25/);
    assert.doesNotMatch(p, /Workshop of 2025\/26|of 2023\/24/);
    assert.match(p, /href="\/events#past">2025\/26 and 2026\/27 so far</);
    p = pastPanel((await me.get('/events?past=2023')).body);
    assert.match(p, /Workshop of 2023\/24/);
    assert.match(p, /Answered in 2023\/24[\s\S]*?Confirmed/);
    // anything else: the default
    for (const q of ['1999', '2025', 'x', '20245']) assert.match((await me.get(`/events?past=${q}`)).body, /Past events of 2025\/26 and 2026\/27 so far/, q);
  });
});
