// Events, part 2: dietary and access requirements (a confirmed person's
// own; only the event's organisers see them, each read audited; deleted 30
// days after the event by the server's periodic clean-up job, run at shifted
// dates with MATHSHUBS_NOW), the JSON API (/api/v1/events, read as a client
// would and checked against the OpenAPI description), the home page's
// events that need an answer, and the LLMEs' funded days.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';

import { check, dbQuery, parseCsv, get, getJson, roleSession, sessionFor, startServer, stopClean, waitFor } from './lib.mjs';

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
  cleanups.push(() => stopClean(srv, 'events server'));
  return srv;
}

/** Resolves once the server's clean-up job has run n times. */
const cleanedUp = (srv, n = 1) => waitFor(
  () => srv.log.filter((l) => /^events: clean-up of requirements done/.test(l.msg || '')).length >= n,
  undefined, 'the clean-up of requirements');

function eventForm({ title = 'Mastery national workshop 1', day = '2026-03-02', starts = '10:00', ends = '16:00',
  format = 'face_to_face', capacity = '', roles = 'llme', organiser = 'national', extra = {} } = {}) {
  const [y, m, d] = day.split('-');
  return {
    title, description: 'Bring your Work Group plans.', kind: format === 'online' ? 'online_session' : 'national_workshop',
    organiser, format, venue: 'Birmingham Conference Centre', address: '1 Example Street\nBirmingham B1 1AA',
    meeting_url: 'https://meet.example/abc', 'day1-day': String(Number(d)), 'day1-month': String(Number(m)), 'day1-year': y,
    start1: starts, end1: ends, capacity, roles, ...extra,
  };
}

async function createEvent(who, fields) {
  const r = await who.post('/events/new', fields);
  assert.equal(r.status, 303, (r.body.match(/govuk-error-summary__list[\s\S]*?<\/ul>/) || [r.body.slice(0, 300)])[0]);
  return Number(/^\/events\/(\d+)$/.exec(r.headers.location)[1]);
}

const q = (srv, sql) => dbQuery(srv, sql);
const json = (r) => JSON.parse(r.body);

describe('dietary and access requirements', () => {
  test('given by a confirmed person, seen by the organisers only (each read audited), deleted 30 days after', async () => {
    let srv = await serverAt('2026-02-15T12:00:00Z');
    const admin = await roleSession(srv, 'organiser@ncetm.example', 'national_admin', null, { at: srv.at });
    const llme = await roleSession(srv, 'llme@school.example', 'llme', 'LO1', { at: srv.at });
    const other = await roleSession(srv, 'other@school.example', 'llme', 'LO1', { at: srv.at });
    const leaver = await roleSession(srv, 'leaver@school.example', 'llme', 'LO1', { at: srv.at });
    const hubMhl = await roleSession(srv, 'mhl@hub.example', 'mhl', 'LO1', { at: srv.at });
    const id = await createEvent(admin, eventForm());

    // not confirmed: nothing to give yet
    let r = await other.get(`/events/${id}/your-requirements`);
    assert.equal(r.status, 200);
    assert.match(r.body, /You can give your requirements once you have confirmed your place/);
    assert.doesNotMatch(r.body, /name="dietary"/);
    r = await other.post(`/events/${id}/your-requirements`, { dietary: 'Vegan', access: '' });
    assert.equal(r.status, 400);
    assert.equal(await q(srv, 'SELECT count(*) FROM event_requirements'), '0');

    // confirmed: the event's page links to the form, which says who sees them
    assert.equal((await llme.post(`/events/${id}/confirm`)).status, 303);
    r = await llme.get(`/events/${id}`);
    assert.match(r.body, new RegExp(`href="/events/${id}/your-requirements"`));
    r = await llme.get(`/events/${id}/your-requirements`);
    assert.equal(r.status, 200);
    assert.match(r.body, /Only this event&#39;s organisers see these, and they are deleted 30 days after the event ends\./);
    r = await llme.post(`/events/${id}/your-requirements`, { dietary: 'x'.repeat(501), access: '' });
    assert.equal(r.status, 400);
    assert.match(r.body, /govuk-error-summary/);
    r = await llme.post(`/events/${id}/your-requirements`, { dietary: 'Vegetarian, no nuts', access: 'Step-free access' });
    assert.equal(r.status, 303);
    assert.equal(r.headers.location, `/events/${id}`);
    assert.match((await llme.get(`/events/${id}`)).body, /Your requirements have been saved/);
    assert.equal(await q(srv, `SELECT dietary || '|' || access || '|' || delete_after FROM event_requirements WHERE person_id = ${llme.id}`),
      'Vegetarian, no nuts|Step-free access|2026-04-01');
    // the audit line says what kind was given, never what
    const given = await q(srv, `SELECT detail FROM audit_log WHERE action = 'event_requirements_given' AND subject = 'event:${id}'`);
    assert.equal(given, 'dietary and access');
    // shown back to them to change
    assert.match((await llme.get(`/events/${id}/your-requirements`)).body, /Vegetarian, no nuts/);

    // someone who sends apologies keeps none
    assert.equal((await leaver.post(`/events/${id}/confirm`)).status, 303);
    assert.equal((await leaver.post(`/events/${id}/your-requirements`, { dietary: 'Halal' })).status, 303);
    assert.equal((await leaver.post(`/events/${id}/apologies`, { reason: '' })).status, 303);
    assert.equal(await q(srv, `SELECT count(*) FROM event_requirements WHERE person_id = ${leaver.id}`), '0');

    // not the organisers: refused, and nothing is read or audited
    assert.equal((await llme.get(`/events/${id}/requirements`)).status, 403);
    assert.equal((await hubMhl.get(`/events/${id}/requirements`)).status, 404, 'a hub lead neither organises nor is invited to it');
    assert.equal((await hubMhl.get(`/events/${id}/requirements.csv`)).status, 404);
    assert.equal(await q(srv, "SELECT count(*) FROM audit_log WHERE action = 'event_requirements_viewed'"), '0');

    // the organisers: the page and the CSV, one audit line per read, naming the event
    r = await admin.get(`/events/${id}`);
    assert.match(r.body, new RegExp(`href="/events/${id}/requirements"`));
    r = await admin.get(`/events/${id}/requirements`);
    assert.equal(r.status, 200);
    assert.match(r.body, /Vegetarian, no nuts/);
    assert.match(r.body, /Step-free access/);
    assert.match(r.body, /Person llme@school\.example/);
    assert.doesNotMatch(r.body, /Halal/);
    assert.match(r.body, /Only this event&#39;s organisers see these/);
    assert.match(r.body, /1 person confirmed; 1 has given requirements/);
    let seen = await q(srv, `SELECT subject || '|' || detail FROM audit_log WHERE action = 'event_requirements_viewed' ORDER BY id`);
    assert.equal(seen, `event:${id}|page, 1 people's: Mastery national workshop 1`);
    assert.equal((await admin.get(`/events/${id}/requirements`)).status, 200);
    r = await admin.get(`/events/${id}/requirements.csv`);
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'], /^text\/csv/);
    assert.match(r.headers['content-disposition'], new RegExp(`event-${id}-requirements\\.csv`));
    assert.deepEqual(parseCsv(r.body.replace(/^\uFEFF/, '')),
      [{ name: 'Person llme@school.example', dietary_requirements: 'Vegetarian, no nuts', access_requirements: 'Step-free access' }]);
    seen = (await q(srv, "SELECT detail FROM audit_log WHERE action = 'event_requirements_viewed' ORDER BY id")).split('\n');
    assert.equal(seen.length, 3);
    assert.match(seen[2], /^CSV for caterers, 1 people's/);

    // removing both removes them
    assert.equal((await other.post(`/events/${id}/confirm`)).status, 303);
    assert.equal((await other.post(`/events/${id}/your-requirements`, { dietary: 'Gluten free' })).status, 303);
    assert.equal((await other.post(`/events/${id}/your-requirements`, { dietary: '', access: '' })).status, 303);
    assert.equal(await q(srv, `SELECT count(*) FROM event_requirements WHERE person_id = ${other.id}`), '0');
    await cleanedUp(srv);
    assert.equal(await q(srv, 'SELECT count(*) FROM event_requirements'), '1', 'nothing deleted before the event');

    // 1 April 2026, 30 days after the event's one day (2 March): kept
    srv = await serverAt('2026-04-01T22:59:00Z', srv); // 23:59 in London (BST)
    await cleanedUp(srv);
    assert.equal(await q(srv, 'SELECT count(*) FROM event_requirements'), '1');
    // after the event, no one gives them any more
    const late = await sessionFor(srv, llme.id, { at: srv.at });
    assert.match((await late.get(`/events/${id}/your-requirements`)).body, /The event has ended/);
    // 2 April in London (still 1 April in UTC): deleted, audited once
    srv = await serverAt('2026-04-01T23:30:00Z', srv);
    await cleanedUp(srv);
    assert.equal(await q(srv, 'SELECT count(*) FROM event_requirements'), '0');
    assert.equal(await q(srv, `SELECT subject || '|' || detail FROM audit_log WHERE action = 'event_requirements_deleted'`),
      `event:${id}|1 people's, 30 days after the event ended: Mastery national workshop 1`);
    // again: nothing more to do, nothing more audited
    srv = await serverAt('2026-04-03T09:00:00Z', srv);
    await cleanedUp(srv);
    assert.equal(await q(srv, "SELECT count(*) FROM audit_log WHERE action = 'event_requirements_deleted'"), '1');
    const admin2 = await sessionFor(srv, admin.id, { at: srv.at });
    r = await admin2.get(`/events/${id}/requirements`);
    assert.equal(r.status, 200);
    assert.match(r.body, /2 people confirmed; 0 have given requirements/);
    assert.equal(await q(srv, "SELECT count(*) FROM audit_log WHERE action = 'event_requirements_viewed'"), '3',
      'a page that shows none is not a read of anyone\'s');
  });
});

describe('the JSON API', () => {
  test('a person\'s events, one event, scope=all, paging and problems, as the OpenAPI description says', async () => {
    const srv = await serverAt('2026-02-15T12:00:00Z');
    const admin = await roleSession(srv, 'organiser@ncetm.example', 'national_admin', null, { at: srv.at });
    const analyst = await roleSession(srv, 'analyst@ncetm.example', 'national_analyst', null, { at: srv.at });
    const mhl = await roleSession(srv, 'mhl@hub.example', 'mhl', 'LO1', { at: srv.at });
    const swMhl = await roleSession(srv, 'mhl@sw4.example', 'mhl', 'SW4', { at: srv.at });
    const llme = await roleSession(srv, 'llme@school.example', 'llme', 'LO1', { at: srv.at });
    const outsider = await roleSession(srv, 'outsider@school.example', 'participant', null, { at: srv.at });
    const lo1 = await q(srv, "SELECT id FROM hubs WHERE code = 'LO1'");
    const sw4 = await q(srv, "SELECT id FROM hubs WHERE code = 'SW4'");
    const ncp = await q(srv, "SELECT id FROM projects WHERE code = 'NCP24-09'");
    const winter = await createEvent(admin, eventForm({ capacity: '10', extra: { ncps: ncp, funded: 'yes' } }));
    const summer = await createEvent(admin, eventForm({ title: 'Summer residential', day: '2026-06-15' }));
    const online = await createEvent(admin, eventForm({ title: 'Online catch-up', day: '2026-03-10', starts: '16:00',
      ends: '17:00', format: 'online' }));
    const hubEvent = await createEvent(mhl, eventForm({ title: 'LO1 network', day: '2026-03-20', organiser: `hub:${lo1}`, roles: 'amhl' }));
    const swEvent = await createEvent(swMhl, eventForm({ title: 'SW4 network', day: '2026-03-21', organiser: `hub:${sw4}`, roles: 'amhl' }));
    const { json: doc } = await getJson(srv.base, '/api/v1/openapi.json');
    const op = (p) => doc.paths[p].get;
    const valid = (r, p, status = '200') => {
      const media = r.headers['content-type'].split(';')[0];
      const content = op(p).responses[status]?.content ?? doc.components.responses.Problem.content;
      assert.ok(content[media], `${p} ${status}: ${media} is documented`);
      assert.deepEqual(check(doc, content[media].schema, json(r)), [], `${p} ${status} matches its schema`);
      return json(r);
    };

    // without a session: a 401 problem document
    let r = await get(srv.base, '/api/v1/events');
    assert.equal(r.status, 401);
    assert.equal(r.headers['content-type'], 'application/problem+json');
    valid(r, '/events', '401');

    // the LLME's events: upcoming, soonest first, their answer
    assert.equal((await llme.post(`/events/${winter}/confirm`)).status, 303);
    r = await llme.get('/api/v1/events');
    assert.equal(r.status, 200);
    let j = valid(r, '/events');
    assert.deepEqual(j.events.map((e) => e.id), [winter, online, summer]);
    assert.equal(j.total, 3);
    assert.equal(j.scope, 'mine');
    assert.equal(j.when, 'upcoming');
    const w = j.events[0];
    assert.deepEqual(w, {
      id: winter, title: 'Mastery national workshop 1', kind: 'national_workshop', format: 'face_to_face',
      days: [{ date: '2026-03-02', start: '10:00', end: '16:00' }], confirm_by: '2026-02-17T00:00:00+00:00', capacity: 10,
      answer: 'confirmed', status: 'open', counts_funded_days: true, venue: 'Birmingham Conference Centre',
      address: '1 Example Street\nBirmingham B1 1AA', ncps: ['NCP24-09'], url: `/events/${winter}`, join_url: null,
    });
    // British Summer Time: the offset of the deadline is +01:00 (confirm by Monday 1 June)
    assert.equal(j.events[2].confirm_by, '2026-06-02T00:00:00+01:00');
    assert.equal(j.events[2].answer, null);
    assert.equal(j.events[2].capacity, null);
    // online: answers close when it starts; no venue; the meeting address is never given
    assert.equal(j.events[1].confirm_by, '2026-03-10T16:00:00+00:00');
    assert.equal(j.events[1].format, 'online');
    assert.equal(j.events[1].venue, null);
    assert.doesNotMatch(r.body, /meet\.example/);
    assert.equal(j.events[1].join_url, null, 'no joining link before confirming');

    // confirmed for the online session: their own joining link, the one on the event's page
    assert.equal((await llme.post(`/events/${online}/confirm`)).status, 303);
    const pageLink = (await llme.get(`/events/${online}`)).body.match(/href="(\/join\/[^"]+)"/)[1];
    j = valid(await llme.get('/api/v1/events'), '/events');
    assert.equal(j.events[1].join_url, `${srv.base}${pageLink}`);
    assert.equal(j.events[0].join_url, null, 'face to face: no joining link');
    assert.equal(valid(await llme.get(`/api/v1/events/${online}`), '/events/{id}').join_url, `${srv.base}${pageLink}`);
    assert.equal(json(await admin.get(`/api/v1/events/${online}`)).join_url, null, "never someone else's link");
    assert.doesNotMatch((await admin.get('/api/v1/events?scope=all')).body, /\/join\//);
    assert.equal((await llme.post(`/events/${online}/apologies`, { reason: '' })).status, 303);
    assert.equal(json(await llme.get(`/api/v1/events/${online}`)).join_url, null, 'not confirmed: no link');

    // one event
    r = await llme.get(`/api/v1/events/${summer}`);
    assert.equal(r.status, 200);
    assert.equal(valid(r, '/events/{id}').title, 'Summer residential');
    for (const [who, target] of [[outsider, `/api/v1/events/${summer}`], [llme, `/api/v1/events/${swEvent}`],
      [llme, '/api/v1/events/999999'], [llme, '/api/v1/events/abc']]) {
      r = await who.get(target);
      assert.equal(r.status, 404, target);
      valid(r, '/events/{id}', '404');
    }
    r = await analyst.get(`/api/v1/events/${swEvent}`);
    assert.equal(r.status, 200, 'the national team sees every event');
    r = await analyst.get(`/events/${swEvent}`);
    assert.equal(r.status, 200, 'its page too, as the API does');
    assert.doesNotMatch(r.body, /id="your-answer"|\/confirm"/, 'with nothing to answer: it is not for them');
    assert.match(r.body, /This event is not open to you\. You can see it because the national team sees every event\./);

    // paging
    r = await llme.get('/api/v1/events?page_size=2');
    j = valid(r, '/events');
    assert.deepEqual([j.total, j.page, j.page_size, j.events.map((e) => e.id)], [3, 1, 2, [winter, online]]);
    j = json(await llme.get('/api/v1/events?page_size=2&page=2'));
    assert.deepEqual(j.events.map((e) => e.id), [summer]);
    j = json(await llme.get('/api/v1/events?page=9'));
    assert.deepEqual([j.total, j.events.length], [3, 0]);
    for (const [query, parameter] of [['page_size=0', 'page_size'], ['page_size=101', 'page_size'], ['page=x', 'page'],
      ['scope=everything', 'scope'], ['when=later', 'when'], ['scope=all&when=past', 'when']]) {
      r = await admin.get(`/api/v1/events?${query}`);
      assert.equal(r.status, 400, query);
      const p = valid(r, '/events', '400');
      assert.deepEqual(p.errors.map((e) => e.parameter), [parameter], query);
    }

    // scope=all: the national team sees all; a hub's leadership its hub's and its own; others are refused
    r = await llme.get('/api/v1/events?scope=all');
    assert.equal(r.status, 403);
    valid(r, '/events', '403');
    for (const who of [admin, analyst]) {
      j = valid(await who.get('/api/v1/events?scope=all'), '/events');
      assert.equal(j.scope, 'all');
      assert.deepEqual(j.events.map((e) => e.id), [summer, swEvent, hubEvent, online, winter], 'latest first');
    }
    j = valid(await mhl.get('/api/v1/events?scope=all'), '/events');
    assert.deepEqual(j.events.map((e) => e.id), [hubEvent]);
    assert.equal(j.total, 1);

    // past events, once the clock has moved on
    const later = await serverAt('2026-07-01T09:00:00Z', srv);
    const llmeLater = await sessionFor(later, llme.id, { at: later.at });
    j = valid(await llmeLater.get('/api/v1/events?when=past'), '/events');
    assert.deepEqual(j.events.map((e) => [e.id, e.status]), [[summer, 'started'], [online, 'started'], [winter, 'started']]);
    j = json(await llmeLater.get('/api/v1/events'));
    assert.equal(j.total, 0);
  });
});

describe('home: what needs an answer', () => {
  test('the home page lists the events open to them not yet answered, with their deadlines', async () => {
    const srv = await serverAt('2026-02-15T12:00:00Z');
    const admin = await roleSession(srv, 'organiser@ncetm.example', 'national_admin', null, { at: srv.at });
    const llme = await roleSession(srv, 'llme@school.example', 'llme', 'LO1', { at: srv.at });
    const participant = await roleSession(srv, 'participant@school.example', 'participant', null, { at: srv.at });
    const a = await createEvent(admin, eventForm());
    const b = await createEvent(admin, eventForm({ title: 'Online catch-up', day: '2026-03-10', starts: '16:00', ends: '17:00', format: 'online' }));
    let r = await llme.get('/');
    assert.equal(r.status, 200);
    assert.match(r.body, /Events that need your answer/);
    assert.match(r.body, new RegExp(`href="/events/${a}">Mastery national workshop 1</a>`));
    assert.match(r.body, /Confirm by Monday 16 February 2026/);
    assert.match(r.body, new RegExp(`href="/events/${b}">Online catch-up</a>`));
    assert.equal((await llme.post(`/events/${a}/confirm`)).status, 303);
    r = await llme.get('/');
    assert.match(r.body, /An event needs your answer/);
    assert.doesNotMatch(r.body, new RegExp(`href="/events/${a}"`));
    assert.equal((await llme.post(`/events/${b}/apologies`, { reason: '' })).status, 303);
    assert.doesNotMatch((await llme.get('/')).body, /need(s)? your answer/);
    // not invited, or not signed in: nothing about events
    assert.doesNotMatch((await participant.get('/')).body, /needs? your answer/);
    assert.doesNotMatch((await get(srv.base, '/')).body, /needs? your answer/);
  });
});

describe('funded days', () => {
  test('each LLME\'s days attended this year per NCP, for them on /events and for their hub\'s leadership', async () => {
    let srv = await serverAt('2026-02-15T12:00:00Z');
    const admin = await roleSession(srv, 'organiser@ncetm.example', 'national_admin', null, { at: srv.at });
    const llme = await roleSession(srv, 'llme@school.example', 'llme', 'LO1', { at: srv.at });
    const quiet = await roleSession(srv, 'quiet@school.example', 'llme', 'LO1', { at: srv.at });
    const mhl = await roleSession(srv, 'mhl@hub.example', 'mhl', 'LO1', { at: srv.at });
    const otherMhl = await roleSession(srv, 'mhl@other.example', 'mhl', 'SW4', { at: srv.at });
    const ncp9 = await q(srv, "SELECT id FROM projects WHERE code = 'NCP24-09'");
    const ncp1 = await q(srv, "SELECT id FROM projects WHERE code = 'NCP24-01'");
    assert.ok(ncp9 && ncp1);
    const two = await createEvent(admin, eventForm({ title: 'Two-day residential', extra: { ncps: ncp9, funded: 'yes', 'day2-day': '3', 'day2-month': '3', 'day2-year': '2026', start2: '09:00', end2: '15:00' } }));
    const other = await createEvent(admin, eventForm({ title: 'Other NCP workshop', day: '2026-03-05', extra: { ncps: ncp1, funded: 'yes' } }));
    const unfunded = await createEvent(admin, eventForm({ title: 'Not funded', day: '2026-03-06', extra: { ncps: ncp9 } }));
    assert.equal(await q(srv, `SELECT count(*) FROM event_days WHERE event_id = ${two}`), '2');
    // the registers (taken on the register page) record attendance
    const mark = (event, person, day, status) => `INSERT INTO event_attendance (event_id, person_id, day, status, source, recorded_at) VALUES (${event}, ${person}, '${day}', '${status}', 'register', ${srv.at})`;
    await q(srv, [
      mark(two, llme.id, '2026-03-02', 'present'), mark(two, llme.id, '2026-03-03', 'late'),
      mark(other, llme.id, '2026-03-05', 'absent'), mark(unfunded, llme.id, '2026-03-06', 'present'),
    ].join(';\n') + ';');

    srv = await serverAt('2026-03-10T12:00:00Z', srv);
    const me = await sessionFor(srv, llme.id, { at: srv.at });
    let r = await me.get('/events');
    assert.match(r.body, /Your funded days 2025\/26/);
    assert.match(r.body, /NCP24-09[^<]*<\/td>\s*<td[^>]*>2 of 3</);
    assert.doesNotMatch(r.body, /NCP24-01/, 'absent is not attended');
    const lead = await sessionFor(srv, mhl.id, { at: srv.at });
    assert.match((await lead.get('/hubs/LO1/team')).body, /href="\/hubs\/LO1\/funded-days"/, 'the team page links to it');
    assert.doesNotMatch((await me.get('/hubs/LO1/team')).body, /funded-days/, 'not for the LLMEs');
    r = await lead.get('/hubs/LO1/funded-days');
    assert.equal(r.status, 200);
    assert.match(r.body, /Funded days 2025\/26/);
    assert.match(r.body, /Person llme@school\.example<\/td>\s*<td[^>]*>NCP24-09[^<]*<\/td>\s*<td[^>]*>2 of 3</);
    assert.match(r.body, /Person quiet@school\.example<\/td>\s*<td[^>]*>None attended yet<\/td>\s*<td[^>]*>0 of 3</);
    assert.doesNotMatch(r.body, /mhl@hub\.example/, 'only the hub\'s LLMEs');
    assert.equal((await (await sessionFor(srv, otherMhl.id, { at: srv.at })).get('/hubs/LO1/funded-days')).status, 403);
    assert.equal((await me.get('/hubs/LO1/funded-days')).status, 403);
    assert.equal((await lead.get('/hubs/ZZ9/funded-days')).status, 404);
    void quiet;

    // a new academic year starts a new tally
    srv = await serverAt('2026-09-02T12:00:00Z', srv);
    r = await (await sessionFor(srv, llme.id, { at: srv.at })).get('/events');
    assert.match(r.body, /Your funded days 2026\/27/);
    assert.match(r.body, /You have not attended any funded days this year yet/);
  });
});

describe('an event of five days', () => {
  test('made with five days, shown with them in the API, and changed on its edit page without losing one', async () => {
    const srv = await serverAt('2026-02-15T12:00:00Z');
    const admin = await roleSession(srv, 'organiser@ncetm.example', 'national_admin', null, { at: srv.at });
    const llme = await roleSession(srv, 'llme@school.example', 'llme', 'LO1', { at: srv.at });
    const day = (n, d) => ({ [`day${n}-day`]: String(d), [`day${n}-month`]: '7', [`day${n}-year`]: '2026', [`start${n}`]: '09:30', [`end${n}`]: '16:00' });
    const days = { ...day(2, 7), ...day(3, 8), ...day(4, 9), ...day(5, 10) };
    const id = await createEvent(admin, eventForm({ title: 'Summer school', day: '2026-07-06', extra: days }));
    const api = json(await llme.get(`/api/v1/events/${id}`));
    assert.deepEqual(api.days.map((d) => d.date), ['2026-07-06', '2026-07-07', '2026-07-08', '2026-07-09', '2026-07-10']);
    const edit = await admin.get(`/events/${id}/edit`);
    assert.match(edit.body, /name="day5-day"[^>]*value="10"/, 'the fifth day is on the edit page');
    // a sixth is not offered; the title changed, the five days kept
    assert.doesNotMatch(edit.body, /name="day6-day"/);
    assert.equal((await admin.post(`/events/${id}/edit`, eventForm({ title: 'Summer school (changed)', day: '2026-07-06', extra: days }))).status, 303);
    assert.equal(await q(srv, `SELECT count(*) FROM event_days WHERE event_id = ${id}`), '5');
    assert.equal(await q(srv, `SELECT last_day FROM events WHERE id = ${id}`), '2026-07-10');
  });
});
