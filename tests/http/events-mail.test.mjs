// The events' email and calendars (src/events/notify.c, ics.c, jobs.c,
// offer.c, calendar.c; src/mail/deliver.c): every email is read from a real
// SMTP server (Debian's aiosmtpd, writing a maildir) and every .ics parsed
// by a real iCalendar parser (ical.js). The server's clock is fixed with
// MATHSHUBS_NOW and moved by starting it again on the same database, so the
// reminder (two working days before) and an offer's end are tested at the
// dates they happen, as the periodic jobs run when the server starts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import ICAL from 'ical.js';

import { startSmtp } from '../lib/mail.mjs';
import { dbQuery, get, roleSession, sessionFor, startServer, stopClean, waitFor } from './lib.mjs';

const unix = (iso) => Math.floor(Date.parse(iso) / 1000);
const cleanups = [];
let smtp;

before(async () => { smtp = await startSmtp('mathshubs-ev-mail-'); });

after(async () => {
  for (const c of cleanups.reverse()) await c();
  if (smtp) await smtp.stop();
});

/** Every message received: {to, subject, type, text, ics: {type, disposition, raw} | null}. */
function messages() {
  return smtp.messages().map((m) => {
    const cal = m.leaves.find((p) => /^text\/calendar/i.test(p.headers['content-type'] || ''));
    return {
      to: m.to, subject: m.subject, type: m.type, text: m.text,
      ics: cal ? { type: cal.headers['content-type'], disposition: cal.headers['content-disposition'], raw: cal.content } : null,
    };
  });
}

/** Waits for the one message to `to` whose subject starts with `subject`. */
async function mailTo(to, subject, count = 1) {
  let found = [];
  await waitFor(() => (found = messages().filter((m) => (m.to || '').includes(to) && m.subject.startsWith(subject))).length >= count,
    undefined, `${count} message(s) "${subject}" to ${to}`);
  assert.equal(found.length, count, `${subject} to ${to}`);
  return found[count - 1];
}

/** The VEVENTs of an .ics, parsed by ical.js: {method, events: [{uid, sequence, start, end, status, ...}]}. */
function parseIcs(raw) {
  const cal = new ICAL.Component(ICAL.parse(raw));
  return {
    method: cal.getFirstPropertyValue('method'),
    events: cal.getAllSubcomponents('vevent').map((v) => {
      const ev = new ICAL.Event(v);
      return {
        uid: ev.uid, sequence: ev.sequence, start: ev.startDate.toJSDate().toISOString(), end: ev.endDate.toJSDate().toISOString(),
        summary: ev.summary, location: ev.location, description: ev.description, url: v.getFirstPropertyValue('url'),
        status: v.getFirstPropertyValue('status'),
        organizer: v.getFirstPropertyValue('organizer'), attendee: v.getFirstPropertyValue('attendee'),
      };
    }),
  };
}

// ---- servers at shifted dates ----

async function serverAt(iso, from = null) {
  const opts = { env: { MATHSHUBS_NOW: iso }, args: ['--smtp-url', `smtp://127.0.0.1:${smtp.port}`, '--mail-from', 'events@mathshubs.example'] };
  if (from) {
    await from.stop({ keep: true });
    Object.assign(opts, { dir: from.dir, database: from.pg || undefined });
  }
  const srv = await startServer(opts);
  srv.at = unix(iso);
  await waitFor(() => srv.log.some((l) => /periodic jobs ran at start/.test(l.msg || '')), undefined, 'the periodic jobs');
  return srv;
}

function eventForm({ title, day, starts = '10:00', ends = '16:00', capacity = '', venue = 'Birmingham Conference Centre' }) {
  const [y, m, d] = day.split('-');
  return {
    title, description: 'Bring your Work Group plans.', kind: 'national_workshop', organiser: 'national', format: 'face_to_face',
    venue, address: '1 Example Street\nBirmingham B1 1AA', meeting_url: '',
    'day1-day': String(Number(d)), 'day1-month': String(Number(m)), 'day1-year': y, start1: starts, end1: ends, capacity, roles: 'llme',
  };
}

async function createEvent(admin, fields) {
  const r = await admin.post('/events/new', fields);
  assert.equal(r.status, 303, r.body);
  return Number(/^\/events\/(\d+)$/.exec(r.headers.location)[1]);
}

describe('the invitation: confirmation, change and cancellation, across the clock change', () => {
  test('REQUEST on confirming, the same UID with a higher SEQUENCE on a change, CANCEL on cancelling', async () => {
    // Tuesday 10 March 2026 (GMT); the event is on Monday 30 March 2026, the day after the clocks go forward (BST)
    const srv = await serverAt('2026-03-10T12:00:00Z');
    cleanups.push(() => stopClean(srv, 'events mail server'));
    const admin = await roleSession(srv, 'organiser-a@ncetm.example', 'national_admin', null, { at: srv.at });
    const llme = await roleSession(srv, 'sian@school.example', 'llme', 'LO1', { at: srv.at });
    const id = await createEvent(admin, eventForm({ title: 'Mastery workshop – spring', day: '2026-03-30' }));
    assert.equal((await llme.post(`/events/${id}/confirm`)).status, 303);

    const confirmed = await mailTo('sian@school.example', 'You have confirmed: Mastery workshop – spring');
    assert.match(confirmed.type, /^multipart\/mixed/);
    assert.match(confirmed.text, /Your place is confirmed/);
    assert.match(confirmed.ics.type, /^text\/calendar; method=REQUEST; charset=UTF-8/);
    assert.match(confirmed.ics.disposition, /attachment; filename="invitation.ics"/);
    const inv = parseIcs(confirmed.ics.raw);
    assert.equal(inv.method, 'REQUEST');
    assert.equal(inv.events.length, 1);
    const [day] = inv.events;
    assert.equal(day.uid, `event-${id}-day1@127.0.0.1`);
    assert.equal(day.sequence, 0);
    // 10:00 to 16:00 British Summer Time
    assert.equal(day.start, '2026-03-30T09:00:00.000Z');
    assert.equal(day.end, '2026-03-30T15:00:00.000Z');
    assert.equal(day.summary, 'Mastery workshop – spring');
    assert.equal(day.location, 'Birmingham Conference Centre, 1 Example Street,Birmingham B1 1AA');
    assert.equal(day.organizer, 'mailto:events@mathshubs.example');
    assert.equal(day.attendee, 'mailto:sian@school.example');
    assert.equal(day.status, 'CONFIRMED');
    assert.doesNotMatch(confirmed.text + confirmed.ics.raw, /\/join\//, 'a face-to-face event has no joining link');

    // the organiser moves it to Friday 27 March (still GMT), 09:30: the same UID, a higher SEQUENCE
    assert.equal((await admin.post(`/events/${id}/edit`, eventForm({ title: 'Mastery workshop – spring', day: '2026-03-27', starts: '09:30' }))).status, 303);
    const changed = await mailTo('sian@school.example', 'Changed: Mastery workshop – spring');
    const upd = parseIcs(changed.ics.raw);
    assert.equal(upd.method, 'REQUEST');
    assert.equal(upd.events[0].uid, day.uid);
    assert.ok(upd.events[0].sequence > day.sequence, `${upd.events[0].sequence} > ${day.sequence}`);
    assert.equal(upd.events[0].start, '2026-03-27T09:30:00.000Z');
    assert.equal(upd.events[0].end, '2026-03-27T16:00:00.000Z');

    // cancelled: METHOD:CANCEL, the same UID, a higher SEQUENCE still
    assert.equal((await admin.post(`/events/${id}/cancel`, { reason: 'The venue flooded' })).status, 303);
    const cancelled = await mailTo('sian@school.example', 'Cancelled: Mastery workshop – spring');
    assert.match(cancelled.ics.type, /method=CANCEL/);
    const can = parseIcs(cancelled.ics.raw);
    assert.equal(can.method, 'CANCEL');
    assert.equal(can.events[0].uid, day.uid);
    assert.ok(can.events[0].sequence > upd.events[0].sequence);
    assert.equal(can.events[0].status, 'CANCELLED');
  });

  test('apologies are acknowledged; from a confirmed place, with a CANCEL; a waiting-list email has no .ics', async () => {
    const srv = await serverAt('2026-10-01T12:00:00Z');
    cleanups.push(() => stopClean(srv, 'events mail server'));
    const admin = await roleSession(srv, 'organiser-b@ncetm.example', 'national_admin', null, { at: srv.at });
    const a = await roleSession(srv, 'apol-a@school.example', 'llme', 'LO1', { at: srv.at });
    const b = await roleSession(srv, 'apol-b@school.example', 'llme', 'LO1', { at: srv.at });
    const id = await createEvent(admin, eventForm({ title: 'Autumn residential', day: '2026-11-02', capacity: '1' }));
    await a.post(`/events/${id}/confirm`);
    await b.post(`/events/${id}/confirm`);
    const waiting = await mailTo('apol-b@school.example', 'You are on the waiting list: Autumn residential');
    assert.equal(waiting.ics, null);
    assert.match(waiting.type, /^text\/plain/);
    await b.post(`/events/${id}/apologies`, { reason: '' });
    const bApol = await mailTo('apol-b@school.example', 'Apologies received: Autumn residential');
    assert.equal(bApol.ics, null);
    const inv = parseIcs((await mailTo('apol-a@school.example', 'You have confirmed: Autumn residential')).ics.raw);
    await a.post(`/events/${id}/apologies`, { reason: 'Ofsted' });
    const aApol = await mailTo('apol-a@school.example', 'Apologies received: Autumn residential');
    const can = parseIcs(aApol.ics.raw);
    assert.equal(can.method, 'CANCEL');
    assert.equal(can.events[0].uid, inv.events[0].uid);
    assert.ok(can.events[0].sequence >= inv.events[0].sequence);
    // in GMT again: 10:00 is 10:00Z
    assert.equal(inv.events[0].start, '2026-11-02T10:00:00.000Z');
  });
});

describe('the reminder two working days before', () => {
  test('sent once, on the right day, never on a weekend or a bank holiday', async () => {
    // Tuesday 5 May 2026: two working days before, Monday 4 May being a bank holiday, is Thursday 30 April.
    // Wednesday 6 May 2026: two working days before is Friday 1 May; missed, it waits past the weekend and the
    // bank holiday to Tuesday 5 May.
    let srv = await serverAt('2026-04-20T09:00:00Z');
    const admin = await roleSession(srv, 'organiser-r@ncetm.example', 'national_admin', null, { at: srv.at });
    const llme = await roleSession(srv, 'remind@school.example', 'llme', 'LO1', { at: srv.at });
    const tue = await createEvent(admin, eventForm({ title: 'Tuesday workshop', day: '2026-05-05' }));
    const wed = await createEvent(admin, eventForm({ title: 'Wednesday workshop', day: '2026-05-06' }));
    assert.equal((await llme.post(`/events/${tue}/confirm`)).status, 303);
    assert.equal((await llme.post(`/events/${wed}/confirm`)).status, 303);
    const reminders = (title) => dbQuery(srv, `SELECT count(*) FROM outbox WHERE to_addr = 'remind@school.example' AND subject = 'Reminder: ${title}'`);
    for (const [iso, tueCount, wedCount] of [
      ['2026-04-29T08:00:00Z', '0', '0'], // Wednesday 29 April
      ['2026-04-30T06:00:00Z', '1', '0'], // Thursday 30 April, 07:00 BST: Tuesday's
      ['2026-04-30T15:00:00Z', '1', '0'], // the same day again: not twice
      ['2026-05-02T10:00:00Z', '1', '0'], // Saturday
      ['2026-05-04T10:00:00Z', '1', '0'], // Monday 4 May, a bank holiday
      ['2026-05-05T07:00:00Z', '1', '1'], // Tuesday 5 May: Wednesday's, late but on a working day
    ]) {
      srv = await serverAt(iso, srv);
      assert.equal(await reminders('Tuesday workshop'), tueCount, `Tuesday's at ${iso}`);
      assert.equal(await reminders('Wednesday workshop'), wedCount, `Wednesday's at ${iso}`);
    }
    cleanups.push(() => stopClean(srv, 'events mail server'));
    const mail = await mailTo('remind@school.example', 'Reminder: Tuesday workshop');
    assert.match(mail.text, /A reminder that you have confirmed your place at Tuesday workshop/);
    assert.match(mail.text, /Tuesday 5 May 2026, 10:00 to 16:00/);
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM event_answers WHERE reminded_at IS NOT NULL`), '2');
  });
});

describe('a place offered from the waiting list', () => {
  test('the next person is offered it by email; not accepted in time, it passes on', async () => {
    let srv = await serverAt('2026-06-01T09:00:00Z');
    const admin = await roleSession(srv, 'organiser-o@ncetm.example', 'national_admin', null, { at: srv.at });
    const people = [];
    for (const who of ['offer-a', 'offer-b', 'offer-c', 'offer-d', 'offer-e']) people.push(await roleSession(srv, `${who}@school.example`, 'llme', 'LO1', { at: srv.at }));
    const id = await createEvent(admin, eventForm({ title: 'Summer workshop', day: '2026-07-06', capacity: '1' }));
    for (const p of people) assert.equal((await p.post(`/events/${id}/confirm`)).status, 303);
    assert.equal((await people[0].post(`/events/${id}/apologies`, { reason: 'Ill' })).status, 303);
    const until = srv.at + 48 * 3600;
    assert.equal(await dbQuery(srv, `SELECT offered_until FROM event_answers WHERE event_id = ${id} AND person_id = ${people[1].id}`), String(until));
    const offer = await mailTo('offer-b@school.example', 'A place is offered to you: Summer workshop');
    assert.match(offer.text, /accept it by Wednesday 3 June 2026 at 10:00 \(UK time\)/);
    assert.match(offer.text, new RegExp(`/events/${id}/offer`));
    assert.equal(offer.ics, null);

    // 47 hours later: still B's
    srv = await serverAt('2026-06-03T08:00:00Z', srv);
    assert.equal(await dbQuery(srv, `SELECT offered_until FROM event_answers WHERE event_id = ${id} AND person_id = ${people[1].id}`), String(until));
    // 49 hours later: passed to C
    srv = await serverAt('2026-06-03T10:00:00Z', srv);
    cleanups.push(() => stopClean(srv, 'events mail server'));
    assert.equal(await dbQuery(srv, `SELECT COALESCE(offered_until, -1) FROM event_answers WHERE event_id = ${id} AND person_id = ${people[1].id}`), '0');
    assert.equal(await dbQuery(srv, `SELECT offered_until FROM event_answers WHERE event_id = ${id} AND person_id = ${people[2].id}`),
      String(srv.at + 48 * 3600));
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM audit_log WHERE action = 'event_offer_lapsed' AND subject = 'event:${id}'`), '1');
    await mailTo('offer-c@school.example', 'A place is offered to you: Summer workshop');
    // B is too late
    const bLate = await sessionFor(srv, people[1].id, { at: srv.at });
    const refused = await bLate.post(`/events/${id}/offer`);
    assert.equal(refused.status, 400);
    assert.match(refused.body, /The offer of this place has ended/);
    assert.equal(await dbQuery(srv, `SELECT answer FROM event_answers WHERE event_id = ${id} AND person_id = ${people[1].id}`), 'waiting');
    // C accepts: confirmed, with the invitation
    const cNow = await sessionFor(srv, people[2].id, { at: srv.at });
    assert.match((await cNow.get(`/events/${id}`)).body, /A place has come free and is offered to you/);
    assert.match((await cNow.get(`/events/${id}/offer`)).body, /Accept the place/);
    assert.equal((await cNow.post(`/events/${id}/offer`)).status, 303);
    assert.equal(await dbQuery(srv, `SELECT answer FROM event_answers WHERE event_id = ${id} AND person_id = ${people[2].id}`), 'confirmed');
    const accepted = await mailTo('offer-c@school.example', 'You have accepted a place: Summer workshop');
    assert.equal(parseIcs(accepted.ics.raw).method, 'REQUEST');
    // accepted again (a second tap, another tab): told it is theirs already, not that the offer passed on
    const again = await cNow.post(`/events/${id}/offer`);
    assert.equal(again.status, 303);
    assert.match((await cNow.get(`/events/${id}`)).body, /You have already accepted the place: it is confirmed/);
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM audit_log WHERE action = 'event_offer_accepted' AND subject = 'event:${id}'`), '1');
    // the job run again does nothing more
    srv = await serverAt('2026-06-03T11:00:00Z', srv);
    cleanups.push(() => stopClean(srv, 'events mail server'));
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM audit_log WHERE action = 'event_offer_lapsed'`), '1');
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM audit_log WHERE action = 'event_place_offered'`), '2');
    // C gives the place up: D (not B, whose offer lapsed) is offered it; D declines at once: E is
    const offeredTo = () => dbQuery(srv, `SELECT person_id FROM event_answers WHERE event_id = ${id} AND offered_until > 0`);
    assert.equal((await (await sessionFor(srv, people[2].id, { at: srv.at })).post(`/events/${id}/apologies`, { reason: '' })).status, 303);
    assert.equal(await offeredTo(), people[3].id);
    assert.equal((await (await sessionFor(srv, people[3].id, { at: srv.at })).post(`/events/${id}/apologies`, { reason: '' })).status, 303);
    assert.equal(await offeredTo(), people[4].id);
    await mailTo('offer-e@school.example', 'A place is offered to you: Summer workshop');
  });
});

describe('the calendar feed', () => {
  test('a secret address listing confirmed events, without signing in; a new address ends the old one', async () => {
    const srv = await serverAt('2026-09-01T09:00:00Z');
    cleanups.push(() => stopClean(srv, 'events mail server'));
    const admin = await roleSession(srv, 'organiser-f@ncetm.example', 'national_admin', null, { at: srv.at });
    const llme = await roleSession(srv, 'feed@school.example', 'llme', 'LO1', { at: srv.at });
    const yes = await createEvent(admin, eventForm({ title: 'Confirmed workshop', day: '2026-10-05' }));
    const no = await createEvent(admin, eventForm({ title: 'Declined workshop', day: '2026-10-06' }));
    await llme.post(`/events/${yes}/confirm`);
    await llme.post(`/events/${no}/apologies`, { reason: '' });

    let page = await llme.get('/calendar');
    assert.equal(page.status, 200);
    assert.match(page.body, /You do not have a calendar address yet/);
    assert.match((await llme.get('/events')).body, /href="\/calendar"/);
    assert.match((await llme.get('/account')).body, /href="\/calendar"/);
    assert.equal((await llme.post('/calendar')).status, 303);
    page = await llme.get('/calendar');
    const url = /value="(http:\/\/[^"]+\/calendar\/[A-Za-z0-9_-]{43}\.ics)"/.exec(page.body)[1];
    assert.match(page.body, /This is the only time we show the address/);
    // shown once
    const again = await llme.get('/calendar');
    assert.doesNotMatch(again.body, /\/calendar\/[A-Za-z0-9_-]{43}\.ics/);
    assert.match(again.body, /You made your calendar address on Tuesday 1 September 2026/);
    // stored hashed
    const token = /\/calendar\/([A-Za-z0-9_-]{43})\.ics/.exec(url)[1];
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM calendar_feeds WHERE token_hash = '${token}'`), '0');

    const feed = await get(srv.base, new URL(url).pathname);
    assert.equal(feed.status, 200);
    assert.match(feed.headers['content-type'], /^text\/calendar/);
    const cal = parseIcs(feed.body);
    assert.equal(cal.method, null);
    assert.deepEqual(cal.events.map((e) => e.summary), ['Confirmed workshop']);
    assert.equal(cal.events[0].uid, `event-${yes}-day1@127.0.0.1`);
    assert.equal(cal.events[0].start, '2026-10-05T09:00:00.000Z');

    // a new address: the old one is gone
    assert.equal((await llme.post('/calendar')).status, 303);
    const url2 = /value="(http:\/\/[^"]+\.ics)"/.exec((await llme.get('/calendar')).body)[1];
    assert.notEqual(url2, url);
    assert.equal((await get(srv.base, new URL(url).pathname)).status, 404);
    assert.equal((await get(srv.base, new URL(url2).pathname)).status, 200);
    assert.equal((await get(srv.base, '/calendar/nonsense.ics')).status, 404);
    assert.equal(await dbQuery(srv, `SELECT count(*) FROM audit_log WHERE action = 'calendar_feed_reset'`), '2');
    // the secret path is not logged
    assert.ok(!srv.log.some((l) => JSON.stringify(l).includes(token)), 'the token is not in the log');
  });
});

describe('an online event: each person\'s own joining link, never the meeting\'s address', () => {
  const meeting = 'https://meet.example/j/987?pwd=hush';
  const onlineForm = (extra = {}) => ({
    ...eventForm({ title: 'Online session: fractions', day: '2026-11-16', starts: '16:00', ends: '17:00' }),
    kind: 'online_session', format: 'online', venue: '', address: '', meeting_url: meeting, ...extra,
  });
  const linkOn = (html) => (/href="(\/join\/[A-Za-z0-9_-]{43})"/.exec(html) || [])[1];
  /** The one joining link in an email's text (a whole address). */
  const linkIn = (text) => {
    const all = text.match(/https?:\/\/\S+\/join\/[A-Za-z0-9_-]{43}/g) || [];
    assert.equal(all.length, 1, text);
    return all[0];
  };
  /** The link's .ics: LOCATION is it, DESCRIPTION gives it, URL the event's page; no meeting address anywhere. */
  function assertIcsLink(raw, link, base, id) {
    assert.doesNotMatch(raw, /meet\.example/);
    const cal = parseIcs(raw);
    assert.equal(cal.events.length, 1);
    assert.equal(cal.events[0].location, link);
    assert.ok(cal.events[0].description.includes(`Join with your own link: ${link}`), cal.events[0].description);
    assert.match(cal.events[0].description, /It is yours alone/);
    assert.equal(cal.events[0].url, `${base}/events/${id}`);
    return cal;
  }

  test('the confirmation, a change, an organiser\'s answer, the reminder and the feed carry it; a cancellation does not', async () => {
    // Monday 2 November 2026; the session is on Monday 16 November (its reminder on Thursday 12 November)
    let srv = await serverAt('2026-11-02T12:00:00Z');
    cleanups.push(() => stopClean(srv, 'events mail server')); // the one running last
    const admin = await roleSession(srv, 'organiser-j@ncetm.example', 'national_admin', null, { at: srv.at });
    const ola = await roleSession(srv, 'ola@school.example', 'llme', 'LO1', { at: srv.at });
    const ben = await roleSession(srv, 'ben@school.example', 'llme', 'LO1', { at: srv.at });
    const id = await createEvent(admin, onlineForm());
    assert.equal((await ola.post(`/events/${id}/confirm`)).status, 303);

    // the confirmation: her own link, whole, as the event's page shows it
    const confirmed = await mailTo('ola@school.example', 'You have confirmed: Online session: fractions');
    const link = linkIn(confirmed.text);
    assert.equal(link, `${srv.base}${linkOn((await ola.get(`/events/${id}`)).body)}`);
    assert.match(confirmed.text, /It is yours alone: it records that you came, so do not share it/);
    assert.doesNotMatch(confirmed.text, /meet\.example/);
    assertIcsLink(confirmed.ics.raw, link, srv.base, id);

    // an organiser confirms Ben: his own link, not hers
    assert.equal((await admin.post(`/events/${id}/answers`, { email: 'ben@school.example', answer: 'confirmed', reason: 'Asked by phone' })).status, 303);
    const set = await mailTo('ben@school.example', 'Your answer has been changed: Online session: fractions');
    const benLink = linkIn(set.text);
    assert.notEqual(benLink, link);
    assert.equal(benLink, `${srv.base}${linkOn((await ben.get(`/events/${id}`)).body)}`);
    assertIcsLink(set.ics.raw, benLink, srv.base, id);

    // a change: the same link in the updated invitation
    assert.equal((await admin.post(`/events/${id}/edit`, onlineForm({ start1: '15:30' }))).status, 303);
    const changed = await mailTo('ola@school.example', 'Changed: Online session: fractions');
    assert.equal(linkIn(changed.text), link);
    assert.equal(assertIcsLink(changed.ics.raw, link, srv.base, id).events[0].start, '2026-11-16T15:30:00.000Z');

    // the calendar feed: the link with the feed server's base URL
    assert.equal((await ola.post('/calendar')).status, 303);
    const feedUrl = /value="(http:\/\/[^"]+\/calendar\/[A-Za-z0-9_-]{43}\.ics)"/.exec((await ola.get('/calendar')).body)[1];
    const feed = await get(srv.base, new URL(feedUrl).pathname);
    assert.equal(feed.status, 200);
    assertIcsLink(feed.body, link, srv.base, id);

    // Thursday 12 November: the reminder, with the link under this server's base URL
    srv = await serverAt('2026-11-12T08:00:00Z', srv);
    const reminder = await mailTo('ola@school.example', 'Reminder: Online session: fractions');
    const token = link.slice(link.indexOf('/join/'));
    assert.equal(linkIn(reminder.text), `${srv.base}${token}`);
    assert.match(reminder.text, /Join with your own link\./);
    assert.equal(reminder.ics, null);

    // cancelled: the cancellation carries no link (the place is gone), nor the meeting's address
    const orgNow = await sessionFor(srv, admin.id, { at: srv.at });
    assert.equal((await orgNow.post(`/events/${id}/cancel`, { reason: 'The speaker is ill' })).status, 303);
    const cancelled = await mailTo('ola@school.example', 'Cancelled: Online session: fractions');
    assert.doesNotMatch(cancelled.text + cancelled.ics.raw, /\/join\/|meet\.example/);
    assert.equal(parseIcs(cancelled.ics.raw).events[0].location, `${srv.base}/events/${id}`);

    // nothing anyone was sent holds the meeting's address
    const sent = messages().filter((m) => /ola@|ben@/.test(m.to || ''));
    assert.ok(sent.length >= 6, `${sent.length} messages`);
    for (const m of sent) assert.doesNotMatch(m.text + (m.ics ? m.ics.raw : ''), /meet\.example/, m.subject);
  });
});
