// One read transaction per request: every page and API answer of the
// catalogue reads what it shows in one transaction (one snapshot), named
// after its body (db_transact names it after the function), and the access
// log line says which. Written against the server's own JSON log, so a
// handler that opens a second transaction fails here.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
  PASSWORD, ROOT, accessLines, csrfOf, dbQuery, emailCodePerson, formClient, get, personSession, roleSession, seedSchools, signInByEmail, uploadPost,
  tokenHashes, useServer, waitFor,
} from './lib.mjs';
import { surveyResultsFixture } from '../lib/survey-results-fixture.mjs';

const srv = useServer();

/** The access-log line of the request that answered with X-Request-Id id. */
async function lineOf(id) {
  let line;
  await waitFor(() => (line = accessLines(srv.log).find((l) => l.request_id === id)), undefined, `the log line of ${id}`);
  return line;
}

const ONE_READ = [
  ['/hubs', 'hubs_lookup_read'],
  ['/hubs/SW4', 'hubs_lookup_read'],
  ['/projects', 'project_search_read'],
  ['/projects?phase=Primary&kind=Work+Group', 'project_search_read'],
  ['/projects/NCP24-09', 'project_lookup_read'],
  ['/api/v1/hubs', 'hubs_lookup_read'],
  ['/api/v1/hubs/SW4', 'hubs_lookup_read'],
  ['/api/v1/projects?year=2024/25', 'project_search_read'],
  ['/api/v1/projects/NCP24-09', 'project_lookup_read'],
];

test('each catalogue page and API answer reads in exactly one named transaction', async () => {
  for (const [target, name] of ONE_READ) {
    const r = await get(srv.base, target);
    assert.equal(r.status, 200, target);
    const line = await lineOf(r.headers['x-request-id']);
    assert.equal(line.transactions, name, `${target}: ${JSON.stringify(line)}`);
  }
});

test('each school page and API answer reads in exactly one named transaction', async () => {
  await seedSchools(srv);
  for (const [target, name, status = 200] of [
    ['/schools', ''],
    ['/schools?q=st+marys', 'school_search_read'],
    ['/schools?q=primary&page=2', 'school_search_read'],
    ['/schools?q=' + encodeURIComponent('The Aldgate School (URN 100000), London EC3A 5DE'), 'school_search_read', 302],
    ['/schools/115895', 'school_lookup_read'],
    ['/schools/999999', 'school_lookup_read', 404],
    ['/trusts/1', 'trust_lookup_read'],
    ['/find-your-hub', ''],
    ['/find-your-hub?q=EC3A+5DE', 'hub_finder_read'],
    ['/find-your-hub?q=125000', 'hub_finder_read'], // a closed school: its successor and that one's hub, in the same read
    ['/hubs/SE3/schools', 'hub_schools_read'],
    ['/hubs/SE3/schools?status=closed&page=2', 'hub_schools_read'],
    ['/hubs/SE3/schools.csv?phase=Primary', 'hub_schools_read'],
    ['/hubs/SE3/schools.xlsx', 'hub_schools_read'],
    ['/api/v1/schools?query=aldg', 'school_search_read'],
    ['/api/v1/schools/100000', 'school_lookup_read'],
  ]) {
    const r = await get(srv.base, target);
    assert.equal(r.status, status, target);
    const line = await lineOf(r.headers['x-request-id']);
    assert.equal(line.transactions, name, `${target}: ${JSON.stringify(line)}`);
  }
});

test('a page that needs no database runs no transaction; a 404 still reads once', async () => {
  let r = await get(srv.base, '/');
  assert.equal(r.status, 200);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, '');
  r = await get(srv.base, '/hubs/XX9');
  assert.equal(r.status, 404);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'hubs_lookup_read');
});

test('the account pages read the person, their codes, sessions and events in one transaction', async () => {
  const email = 'one-snapshot@school.example';
  await emailCodePerson(srv, email);
  const go = await signInByEmail(srv, email);
  for (const target of ['/account', '/account/password']) {
    const r = await go(target);
    assert.equal(r.status, 200, target);
    const line = await lineOf(r.headers['x-request-id']);
    assert.ok(line.transactions.split(',').length <= 1, `${target}: ${line.transactions}`);
  }
  const r = await go('/account');
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'own_read');
  assert.match(r.body, /Recent security events/);
  assert.match(r.body, /This device/);
});

test('the admin pages read what they show in one named transaction, then render from it', async () => {
  const email = 'one-snapshot-admin@national.example';
  await emailCodePerson(srv, email); // `mathshubs admin create`: a national administrator
  const go = await signInByEmail(srv, email);
  const id = String(await dbQuery(srv, `SELECT id FROM people WHERE email = '${email}'`)).trim();
  for (const [target, name] of [
    ['/admin/people', 'people_read'],
    [`/admin/people/${id}`, 'person_page_read'],
    ['/admin/audit', 'audit_read'],
    ['/admin/audit?action=role_granted', 'audit_read'],
    ['/admin/outbox', 'outbox_read'],
    ['/admin/audit.csv', 'audit_read'],
  ]) {
    const r = await go(target);
    assert.equal(r.status, 200, target);
    const line = await lineOf(r.headers['x-request-id']);
    assert.equal(line.transactions, name, `${target}: ${JSON.stringify(line)}`);
  }
});

test('the hub areas and people-upload pages read what they show in one named transaction', async () => {
  await seedSchools(srv);
  const admin = await roleSession(srv, 'one-read-areas@national.example', 'national_admin');
  const csv = 'Name,Email,Role\nOne Read,one-read@school.example,National analyst\n';
  const up = await admin.upload('/admin/people/upload', { filename: 'one.csv', content: csv });
  assert.equal(up.status, 303, up.body.slice(0, 300));
  for (const [target, name] of [
    ['/admin/hub-areas', 'areas_list_read'],
    ['/admin/hub-areas?region=London&hub=LO1', 'areas_list_read'],
    ['/admin/hub-areas/850', 'area_one_read'],
    ['/schools/100000/hub', 'school_hub_read'],
    ['/admin/people/upload', 'upload_offer_read'],
    ['/admin/people/upload/template.csv', ''],
    [up.headers.location, 'upload_review_read'],
  ]) {
    const r = await admin.get(target);
    assert.equal(r.status, 200, target);
    const line = await lineOf(r.headers['x-request-id']);
    assert.equal(line.transactions, name, `${target}: ${JSON.stringify(line)}`);
  }
});

test('a hub lead\'s pages of people and of the hub\'s team read in one named transaction each', async () => {
  const lead = await personSession(srv, 'one-read-lead@glow.example', [['mhl', 'SW4']]);
  const llme = await personSession(srv, 'one-read-llme@glow.example', [['llme', 'SW4']]);
  const amhl = await personSession(srv, 'one-read-amhl@glow.example', [['amhl', 'SW4']]);
  const other = await personSession(srv, 'one-read-llme@enigma.example', [['llme', 'EE1']]);
  const grant = await dbQuery(srv, `SELECT id FROM role_grants WHERE person_id = ${amhl.id}`);
  const now = Math.floor(Date.now() / 1000);
  await dbQuery(srv, `INSERT INTO llme_designations (person_id, academic_year, designation, hub_id, granted_at) SELECT ${llme.id}, 2026, 'wgl', id, ${now} FROM hubs WHERE code = 'SW4';` +
    `INSERT INTO llme_accreditations (person_id, accreditation, state, since, changed_at) VALUES (${llme.id}, 'pd_lead', 'accredited', '2025-06-30', ${now});`);
  const designation = await dbQuery(srv, `SELECT id FROM llme_designations WHERE person_id = ${llme.id}`);
  for (const [who, target, name, status = 200] of [
    [lead, `/admin/people/${llme.id}`, 'person_page_read'],
    [lead, `/admin/people/${llme.id}/details`, 'person_subject_read'],
    [lead, `/admin/people/${llme.id}/email`, 'person_subject_read'],
    [lead, `/admin/people/${llme.id}/deactivate`, 'person_subject_read'],
    [lead, `/admin/people/${llme.id}/designations`, 'team_person_read'],
    [lead, `/admin/people/${llme.id}/accreditations/sd-lead`, 'team_person_read'],
    [lead, `/admin/people/${llme.id}/designations/${designation}/remove`, 'team_person_read'],
    [lead, `/admin/people/${llme.id}/accreditations/pd-lead/remove`, 'team_person_read'],
    [lead, `/admin/people/${amhl.id}/roles/${grant}/phase`, 'team_person_read'],
    [lead, '/hubs/SW4/team', 'team_page_read'],
    [lead, '/hubs/SW4/team/community-leads', 'community_read'],
    [llme, '/hubs/SW4/team', 'team_page_read'],
    [other, '/hubs/SW4/team', 'team_page_read', 403],
    [lead, `/admin/people/${other.id}`, 'person_page_read', 403],
  ]) {
    const r = await who.get(target);
    assert.equal(r.status, status, target);
    const line = await lineOf(r.headers['x-request-id']);
    assert.equal(line.transactions, name, `${target}: ${JSON.stringify(line)}`);
  }
});

test('the GIAS import pages: the form reads nothing, the check, its rejected rows and the result read the upload in one transaction', async () => {
  const email = 'one-read-import@national.example';
  await emailCodePerson(srv, email);
  const go = await signInByEmail(srv, email);
  const form = await go('/admin/schools/import');
  assert.equal(form.status, 200);
  assert.equal((await lineOf(form.headers['x-request-id'])).transactions, '');
  const file = readFileSync(path.join(ROOT, '../shared/data/gias/JackFrostStudios__summer-born-info/ExampleImportFile.csv'));
  const up = await uploadPost(srv, go.jar, '/admin/schools/import', form, { establishments: { filename: 'ExampleImportFile.csv', content: file } });
  assert.equal(up.status, 303);
  assert.equal((await lineOf(up.headers['x-request-id'])).transactions, 'import_check_write');
  let r = await go(up.headers.location);
  assert.equal(r.status, 200);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'import_read');
  const csv = await go(`${up.headers.location}/rejected.csv`);
  assert.equal(csv.status, 200);
  assert.equal((await lineOf(csv.headers['x-request-id'])).transactions, 'import_read');
  const done = await go(up.headers.location, { method: 'POST', page: r, fields: {} });
  assert.equal(done.status, 303);
  assert.equal((await lineOf(done.headers['x-request-id'])).transactions, 'import_confirm_write');
  r = await go(up.headers.location);
  assert.match(r.body, /What importing did/);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'import_read');
});

test('GET /sign-in writes the anonymous session of its form, once, and then reads nothing', async () => {
  const go = formClient(srv);
  let r = await go('/sign-in'); // no cookie: the form's CSRF token needs a session
  assert.equal(r.status, 200);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'begin_anonymous');
  r = await go('/sign-in'); // the session is there now
  assert.equal(r.status, 200);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, '');
});

test('each GET page of the accounts reads in at most one named transaction', async () => {
  const email = 'one-read-each@school.example';
  await emailCodePerson(srv, email);
  // between password and code: the code page reads the person once
  const half = formClient(srv);
  const page = await half('/sign-in');
  await half('/sign-in', { method: 'POST', page, fields: { email, password: PASSWORD } });
  let r = await half('/sign-in/code');
  assert.equal(r.status, 200);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'person_read_one', '/sign-in/code');

  const go = await signInByEmail(srv, email);
  const pages = [
    ['/account/second-factor', 'own_read'],
    ['/account/recovery-codes', 'own_read'],
    ['/account/password', ''],
    ['/account/confirm', ''],
  ];
  for (const [target, name] of pages) {
    r = await go(target);
    assert.equal(r.status, 200, target);
    assert.equal((await lineOf(r.headers['x-request-id'])).transactions, name, target);
  }
  // confirm it is you, then the enrolment pages read the person once
  r = await go('/account/confirm', { method: 'POST', page: r, fields: { password: PASSWORD, next: '/account/authenticator' } });
  assert.equal(r.headers.location, '/account/authenticator');
  r = await go('/account/authenticator');
  assert.equal(r.status, 200);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'person_read_one', '/account/authenticator');
  r = await go('/account/phone/confirm'); // no number waiting: redirected, after one read
  assert.equal(r.status, 303);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'person_read_one', '/account/phone/confirm');
});

test('the events pages read what they show in one named transaction each', async () => {
  const admin = await roleSession(srv, 'one-read-events@national.example', 'national_admin');
  const llme = await roleSession(srv, 'one-read-events@school.example', 'llme', 'SW4');
  const create = await admin.post('/events/new', {
    title: 'One read workshop', kind: 'national_workshop', organiser: 'national', format: 'face_to_face', venue: 'Leeds',
    address: '1 Park Row', 'day1-day': '7', 'day1-month': '6', 'day1-year': '2099', start1: '10:00', end1: '15:30', roles: 'llme',
  });
  assert.equal(create.status, 303, create.body.slice(0, 500));
  const event = create.headers.location;
  for (const [who, target, name, status = 200] of [
    [llme, '/events', 'events_list_read'],
    [admin, '/events', 'events_list_read'],
    [llme, event, 'event_page_read'],
    [admin, event, 'event_page_read'],
    [admin, '/events/new', 'event_edit_read'],
    [admin, `${event}/edit`, 'event_edit_read'],
    [admin, `${event}/answers`, 'event_answer_read'],
    [admin, `${event}/cancel`, 'event_cancel_read'],
    [llme, '/events/999999', 'event_page_read', 404],
    [llme, `${event}/offer`, 'offer_read', 404],
    [llme, '/calendar', 'calendar_page_read'],
    [admin, `${event}/register`, 'register_read'],
    [admin, `${event}/register/print?day=2099-06-07`, 'register_read'],
    [admin, `${event}/register.csv`, 'register_read'],
    [admin, `${event}/register.xlsx`, 'register_read'],
    [admin, `${event}/attendance/add`, 'event_attendance_add_read'],
    [admin, `${event}/report`, 'register_read'],
  ]) {
    const r = await who.get(target);
    assert.equal(r.status, status, target);
    const line = await lineOf(r.headers['x-request-id']);
    assert.equal(line.transactions, name, `${target}: ${JSON.stringify(line)}`);
  }
  // a place offered, and the calendar feed (no sign-in)
  assert.equal((await llme.post(`${event}/confirm`)).status, 303);
  assert.equal((await llme.post('/calendar')).status, 303);
  const url = /value="http:\/\/[^"\/]+(\/calendar\/[^"]+\.ics)"/.exec((await llme.get('/calendar')).body)[1];
  for (const [who, target, name] of [
    [llme, `${event}/offer`, 'offer_read'],
    [llme, '/calendar', 'calendar_page_read'],
    [null, url, 'calendar_feed_read'],
  ]) {
    const r = who ? await who.get(target) : await get(srv.base, target);
    assert.equal(r.status, 200, target);
    const line = await lineOf(r.headers['x-request-id']);
    assert.equal(line.transactions, name, `${target}: ${JSON.stringify(line)}`);
  }
});

test('the activities pages read what they show in one named transaction each', async () => {
  const mhl = await roleSession(srv, 'one-read-activities@sw4.example', 'mhl', 'SW4');
  const llme = await roleSession(srv, 'one-read-activities-llme@sw4.example', 'llme', 'SW4');
  const ncp = (await dbQuery(srv, "SELECT id FROM projects WHERE code = 'NCP24-10'")).trim();
  const create = await mhl.post('/activities/new?hub=SW4', { ncp, year: '2026', years: '1', format: 'online', status: 'planned',
    leads: llme.id });
  assert.equal(create.status, 303, create.body.slice(0, 500));
  const activity = create.headers.location;
  for (const [who, target, name, status = 200] of [
    [llme, '/activities', 'activities_own_read'],
    [mhl, '/activities/new?hub=SW4', 'activity_edit_read'],
    [mhl, activity, 'activity_read'],
    [llme, activity, 'activity_read'],
    [mhl, `${activity}/edit`, 'activity_edit_read'],
    [mhl, `${activity}/cancel`, 'activity_cancel_read'],
    [mhl, '/hubs/SW4/activities', 'activities_hub_read'],
    [llme, '/activities/999999', 'activity_read', 404],
  ]) {
    const r = await who.get(target);
    assert.equal(r.status, status, target);
    const line = await lineOf(r.headers['x-request-id']);
    assert.equal(line.transactions, name, `${target}: ${JSON.stringify(line)}`);
  }
});

test('the events\' requirements, API, home and funded-days pages read in one named transaction each', async () => {
  const admin = await roleSession(srv, 'one-read-req@national.example', 'national_admin');
  const llme = await roleSession(srv, 'one-read-req@school.example', 'llme', 'SW4');
  const mhl = await roleSession(srv, 'one-read-req@glow.example', 'mhl', 'SW4');
  const create = await admin.post('/events/new', {
    title: 'One read requirements', kind: 'national_workshop', organiser: 'national', format: 'face_to_face', venue: 'Leeds',
    address: '1 Park Row', 'day1-day': '8', 'day1-month': '6', 'day1-year': '2099', start1: '10:00', end1: '15:30', roles: 'llme',
  });
  assert.equal(create.status, 303, create.body.slice(0, 500));
  const event = create.headers.location;
  assert.equal((await llme.post(`${event}/confirm`)).status, 303);
  assert.equal((await llme.post(`${event}/your-requirements`, { dietary: 'Vegan' })).status, 303);
  const id = event.split('/').pop();
  for (const [who, target, name, status = 200] of [
    [llme, `${event}/your-requirements`, 'event_requirements_read'],
    // the organisers' read and its audit line: one transaction (a write: the audit line)
    [admin, `${event}/requirements`, 'event_requirements_seen'],
    [admin, `${event}/requirements.csv`, 'event_requirements_seen'],
    [llme, '/api/v1/events', 'events_api_read'],
    [admin, '/api/v1/events?scope=all', 'events_api_read'],
    [llme, `/api/v1/events/${id}`, 'events_api_one_read'],
    [llme, '/', 'home_read'],
    [mhl, '/hubs/SW4/funded-days', 'funded_days_read'],
  ]) {
    const r = await who.get(target);
    assert.equal(r.status, status, target);
    const line = await lineOf(r.headers['x-request-id']);
    assert.equal(line.transactions, name, `${target}: ${JSON.stringify(line)}`);
  }
  const r = await llme.post(`${event}/your-requirements`, { dietary: 'Vegan, no nuts' });
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'event_requirements_write');
});

test("Targeted Support's pages read what they show in one named transaction each", async () => {
  const mhl = await roleSession(srv, 'one-read-support@sw4.example', 'mhl', 'SW4');
  const llme = await roleSession(srv, 'one-read-support-llme@sw4.example', 'llme', 'SW4');
  const ncp = (await dbQuery(srv, "SELECT id FROM projects WHERE code = 'NCP24-33'")).trim();
  const create = await mhl.post('/activities/new?hub=SW4', { ncp, year: '2026', years: '1', format: 'face_to_face',
    status: 'planned', leads: llme.id });
  assert.equal(create.status, 303, create.body.slice(0, 500));
  const activity = create.headers.location;
  await dbQuery(srv, "INSERT INTO schools (urn, name, status, digest, imported_at) VALUES ('900301', 'One Read Primary', 'open', 't', 0)");
  const before = await llme.get(`${activity}/support`); // not set up yet: the set-up form, in the same one read
  assert.equal((await lineOf(before.headers['x-request-id'])).transactions, 'support_read');
  const setUp = await llme.post(`${activity}/support`, { school: '900301', level: 'intensive', 'began-day': '1',
    'began-month': '9', 'began-year': '2026', days: '6' });
  assert.equal(setUp.status, 303, setUp.body.slice(0, 500));
  assert.equal((await lineOf(setUp.headers['x-request-id'])).transactions, 'support_set_up_write');
  for (const [who, target, name, status = 200] of [
    [llme, `${activity}/support`, 'support_read'],
    [llme, `${activity}/support/details`, 'support_details_read'],
    [llme, `${activity}/support/cycle/plan`, 'support_cycle_read'],
    [mhl, `${activity}/support/level`, 'support_level_read'],
    [llme, '/activities/999999/support', 'support_read', 404],
  ]) {
    const r = await who.get(target);
    assert.equal(r.status, status, target);
    const line = await lineOf(r.headers['x-request-id']);
    assert.equal(line.transactions, name, `${target}: ${JSON.stringify(line)}`);
  }
});

test("an activity's sessions and registers read in one named transaction each (issue 12, WP3)", async () => {
  const mhl = await roleSession(srv, 'one-read-sessions@hub.example', 'mhl', 'SW4');
  const year = new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
  const made = await mhl.post('/activities/new?hub=SW4', { ncp: 'local', kind: 'Work Group', title: 'One read sessions',
    cohort: 'none', year: String(year), years: '1', phases: 'Primary', format: 'face_to_face', capacity_of: 'schools', status: 'planned' });
  assert.equal(made.status, 303, made.body.slice(0, 300));
  const activity = made.headers.location;
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() - 86400e3)).split('-');
  const session = await mhl.post(`${activity}/sessions/new`, { 'day-day': day[2], 'day-month': day[1], 'day-year': day[0],
    start: '09:30', end: '15:30', format: 'face_to_face', venue: 'The hub' });
  assert.equal(session.status, 303, session.body.slice(0, 300));
  const s = session.headers.location;
  for (const [target, name] of [
    [activity, 'activity_read'],
    [`${activity}/sessions/new`, 'session_new_read'],
    [`${activity}/register.csv`, 'activity_register_read'],
    [`${activity}/register.xlsx`, 'activity_register_read'],
    [s, 'session_read'],
    [`${s}/edit`, 'session_edit_read'],
    [`${s}/cancel`, 'session_cancel_read'],
    [`${s}/register`, 'session_register_read'],
    [`${s}/register/print`, 'session_sheet_read'],
    [`${s}/register/upload`, 'session_upload_read'],
    ['/', 'home_read'],
  ]) {
    const r = await mhl.get(target);
    assert.equal(r.status, 200, target);
    const line = await lineOf(r.headers['x-request-id']);
    assert.equal(line.transactions, name, `${target}: ${JSON.stringify(line)}`);
  }
});

test('the journey pages read what they show in one named transaction each', async () => {
  const admin = await roleSession(srv, 'one-read-journey@national.example', 'national_admin');
  const mhl = await roleSession(srv, 'one-read-journey@sw4.example', 'mhl', 'SW4');
  for (const [who, target, name, status = 200] of [
    [mhl, '/schools/115895', 'school_lookup_read'],
    [admin, '/schools/100000/activities', 'journey_history_read'],
    [admin, '/schools/100000/activities.csv', 'journey_history_read'],
    [admin, '/schools/100000/activities.xlsx', 'journey_history_read'],
    [mhl, '/schools/100000/activities', 'journey_history_read', 403],
    [admin, '/schools/100000/journey', 'journey_entries_read'],
    [admin, '/admin/teaching-for-mastery', 'tfm_settings_read'],
    [admin, '/projects/NCP24-10/teaching-for-mastery', 'tfm_setting_read'],
  ]) {
    const r = await who.get(target);
    assert.equal(r.status, status, target);
    const line = await lineOf(r.headers['x-request-id']);
    assert.equal(line.transactions, name, `${target}: ${JSON.stringify(line)}`);
  }
});

test("an activity's schools, participants and partner hubs read in one named transaction each", async () => {
  const mhl = await roleSession(srv, 'one-read-people@sw4.example', 'mhl', 'SW4');
  const llme = await roleSession(srv, 'one-read-people-llme@sw4.example', 'llme', 'SW4');
  await dbQuery(srv, `INSERT INTO schools (urn, name, status, digest, imported_at) VALUES ('900311', 'One Read Primary', 'open', 't', 0);
    INSERT INTO school_hub_overrides (urn, hub_id, reason, changed_at) SELECT '900311', id, 'test', 0 FROM hubs WHERE code = 'SW4';`);
  const ncp = (await dbQuery(srv, "SELECT id FROM projects WHERE code = 'NCP24-10'")).trim();
  const create = await mhl.post('/activities/new?hub=SW4', { ncp, year: '2026', years: '1', format: 'online', status: 'planned',
    leads: llme.id });
  assert.equal(create.status, 303, create.body.slice(0, 500));
  const activity = create.headers.location;
  assert.equal((await mhl.post(`${activity}/schools`, { school: '900311' })).status, 303);
  const added = await mhl.post(`${activity}/participants/new`, { who: 'new', name: 'Ola Read', email: 'ola@oneread.example',
    school: '900311', role: 'teacher' });
  assert.equal(added.status, 303, added.body.slice(0, 500));
  const place = added.headers.location;
  for (const [who, target, name, status = 200] of [
    [mhl, `${activity}/schools`, 'activity_schools_read'],
    [llme, `${activity}/schools?page=2`, 'activity_schools_read'],
    [mhl, `${activity}/schools/900311/withdraw`, 'activity_school_withdraw_read'],
    [mhl, `${activity}/participants`, 'activity_participants_read'],
    [mhl, `${activity}/participants/new`, 'activity_participant_new_read'],
    [mhl, place, 'activity_participant_read'],
    [mhl, `${place}/edit`, 'activity_participant_edit_read'],
    [mhl, `${place}/withdraw`, 'activity_participant_withdraw_read'],
    [mhl, `${activity}/hubs`, 'activity_hubs_read'],
    [llme, '/participants/999999', 'activity_participant_read', 404],
  ]) {
    const r = await who.get(target);
    assert.equal(r.status, status, target);
    const line = await lineOf(r.headers['x-request-id']);
    assert.equal(line.transactions, name, `${target}: ${JSON.stringify(line)}`);
  }
  const r = await mhl.post(`${activity}/schools`, { school: '900311' });
  assert.equal(r.status, 400, 'already there: the page again, from the write transaction');
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'activity_school_add_write');
});

test("the activities' lists, downloads, NCP runs, continuing and API read in one named transaction each", async () => {
  const mhl = await roleSession(srv, 'one-read-lists@sw4.example', 'mhl', 'SW4');
  const llme = await roleSession(srv, 'one-read-lists-llme@sw4.example', 'llme', 'SW4');
  const analyst = await roleSession(srv, 'one-read-lists@national.example', 'national_analyst');
  const ncp = (await dbQuery(srv, "SELECT id FROM projects WHERE code = 'NCP24-11'")).trim();
  const create = await mhl.post('/activities/new?hub=SW4', { ncp, year: '2026', years: '1', format: 'online', status: 'planned',
    leads: llme.id });
  assert.equal(create.status, 303, create.body.slice(0, 500));
  const activity = create.headers.location;
  const id = activity.split('/').pop();
  for (const [who, target, name, status = 200] of [
    [mhl, '/hubs/SW4/activities?year=2026&ncp=NCP24-11&status=planned', 'activities_hub_read'],
    [mhl, '/hubs/SW4/activities?kind=Bogus', 'activities_hub_read', 400],
    [mhl, '/hubs/SW4/activities.csv?year=2026', 'activities_hub_read'],
    [mhl, '/hubs/SW4/activities.xlsx?year=2026', 'activities_hub_read'],
    [llme, '/activities.csv', 'activities_own_export_read'],
    [llme, '/activities.xlsx', 'activities_own_export_read'],
    [analyst, '/projects/NCP24-11/activities', 'activities_project_read'],
    [analyst, '/projects/NCP24-11/activities.csv', 'activities_project_read'],
    [mhl, `${activity}/continue`, 'activity_continue_read'],
    [llme, '/api/v1/activities', 'activities_api_read'],
    [mhl, '/api/v1/activities?hub=SW4&year=2026', 'activities_api_read'],
    [llme, `/api/v1/activities/${id}`, 'activities_api_one_read'],
  ]) {
    const r = await who.get(target);
    assert.equal(r.status, status, target);
    const line = await lineOf(r.headers['x-request-id']);
    assert.equal(line.transactions, name, `${target}: ${JSON.stringify(line)}`);
  }
  const r = await mhl.post(`${activity}/continue`, { carry: 'yes' });
  assert.equal(r.status, 303);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'activity_continue_write');
});

test('HAPPI: an NCP\'s outcomes page and its forms read in one named transaction; a change writes in one', async () => {
  const admin = await roleSession(srv, 'one-read-outcomes@national.example', 'national_admin');
  let r = await admin.post('/projects/NCP24-10/outcomes/new', { kind: 'pupils', text: 'Pupils reason' });
  assert.equal(r.status, 303);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'happi_outcome_write');
  const id = (await dbQuery(srv, "SELECT max(id) FROM ncp_outcomes")).trim();
  for (const [target, name] of [
    ['/projects/NCP24-10/outcomes', 'happi_outcomes_read'],
    ['/projects/NCP24-10/outcomes/new', 'happi_outcome_read'],
    [`/projects/NCP24-10/outcomes/${id}`, 'happi_outcome_read'],
    [`/projects/NCP24-10/outcomes/${id}/remove`, 'happi_outcome_remove_read'],
  ]) {
    r = await admin.get(target);
    assert.equal(r.status, 200, target);
    const line = await lineOf(r.headers['x-request-id']);
    assert.equal(line.transactions, name, `${target}: ${JSON.stringify(line)}`);
  }
  r = await admin.post('/projects/NCP24-10/outcomes/copy', { from: 'NCP23-10' });
  assert.equal(r.status, 303);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'happi_outcomes_copy');
  // an activity's form: each page one named read; a save and a step one named write
  const mhl = await roleSession(srv, 'one-read-happi@sw4.example', 'mhl', 'SW4');
  const lead = await roleSession(srv, 'one-read-happi-llme@sw4.example', 'llme', 'SW4');
  const ncp = (await dbQuery(srv, "SELECT id FROM projects WHERE code = 'NCP24-10'")).trim();
  const made = await mhl.post('/activities/new?hub=SW4', { ncp, year: '2026', years: '1', format: 'online', status: 'planned',
    leads: lead.id });
  assert.equal(made.status, 303, made.body.slice(0, 300));
  const happi = `${made.headers.location}/happi`;
  r = await mhl.post(`${happi}/planning`, { version: '0', schedule: 'One session' });
  assert.equal(r.status, 303);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'happi_edit_write');
  r = await mhl.post(`${happi}/planning`, { version: '1', schedule: 'Two sessions' });
  for (const [target, name] of [[happi, 'happi_read'], [`${happi}/planning`, 'happi_edit_read'],
    [`${happi}/versions`, 'happi_versions_read'], [`${happi}/compare?from=1&to=2`, 'happi_compare_read'],
    ['/happi', 'happi_own_read'], ['/hubs/SW4/happi', 'happi_hub_read'], ['/admin/happi-dates', 'happi_dates_read'],
    [`${happi}/qa`, 'happi_qa_read'], ['/happi/national', 'happi_national_read'], [`${happi}/print`, 'happi_print_read'],
    ['/hubs/SW4/happi.csv', 'happi_hub_export_read'], ['/hubs/SW4/happi.xlsx', 'happi_hub_export_read'],
    ['/happi/national.csv', 'happi_national_export_read'], ['/happi/national.xlsx', 'happi_national_export_read']]) {
    r = await admin.get(target);
    assert.equal(r.status, 200, target);
    assert.equal((await lineOf(r.headers['x-request-id'])).transactions, name, target);
  }
  r = await mhl.post(`${happi}/submit-planning`, { version: '2' });
  assert.equal(r.status, 400, 'a planning with gaps: its page, from the one write transaction');
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'happi_step_write');
});

test('the survey template pages read what they show in one named transaction each; a change writes in one', async () => {
  const admin = await roleSession(srv, 'one-read-surveys@national.example', 'national_admin');
  let r = await admin.post('/surveys/new', { kind: 'autumn', ncp: 'NCP24-10', year: '2024', title: 'One read' });
  assert.equal(r.status, 303);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'surveys_new_write');
  const survey = r.headers.location;
  r = await admin.post(`${survey}/sections/new`, { title: 'About you' });
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'surveys_section_write');
  r = await admin.post(`${survey}/sections/about-you/questions/new`, { key: 'confidence', type: 'agree5', text: 'I am confident',
    required: 'yes' });
  assert.equal(r.status, 303);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'surveys_question_write');
  for (const [target, name] of [
    ['/surveys?year=2024', 'surveys_list_read'],
    ['/surveys/new', 'surveys_new_read'],
    [survey, 'surveys_template_read'],
    [`${survey}/preview`, 'surveys_preview_read'],
    [`${survey}/sections/new`, 'surveys_section_read'],
    [`${survey}/sections/about-you`, 'surveys_section_read'],
    [`${survey}/sections/about-you/remove`, 'surveys_section_remove_read'],
    [`${survey}/sections/about-you/questions/new`, 'surveys_question_read'],
    [`${survey}/questions/confidence`, 'surveys_question_read'],
    [`${survey}/questions/confidence/remove`, 'surveys_question_remove_read'],
    [`${survey}/open`, 'surveys_open_read'],
  ]) {
    r = await admin.get(target);
    assert.equal(r.status, 200, target);
    assert.equal((await lineOf(r.headers['x-request-id'])).transactions, name, target);
  }
  r = await admin.post(`${survey}/open`, {});
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'surveys_open_write');
  r = await admin.get(`${survey}/close`);
  assert.equal(r.status, 200);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'surveys_close_read');
  r = await admin.post(`${survey}/close`, {});
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'surveys_close_write');
});

test('a survey answered by its link: each GET page reads in one named transaction (its form\'s page first writes its anonymous session); a page saved writes in one', async () => {
  const mhl = await roleSession(srv, 'one-read-invites@sw4.example', 'mhl', 'SW4');
  const llme = await roleSession(srv, 'one-read-invites-llme@sw4.example', 'llme', 'SW4');
  const now = new Date();
  const year = now.getUTCFullYear() - (now.getUTCMonth() < 8 ? 1 : 0);
  const ncp = await dbQuery(srv, "SELECT id FROM projects WHERE code = 'NCP24-09'");
  let r = await mhl.post('/activities/new?hub=SW4', { ncp, kind: '', title: 'One read surveys', cohort: 'none', cohort_label: '',
    year: String(year), years: '1', format: 'face_to_face', sessions: '3', capacity: '', capacity_of: 'schools', status: 'recruiting',
    leads: [llme.id], link: '' });
  assert.equal(r.status, 303);
  const activity = r.headers.location.split('/').pop();
  const content = JSON.stringify({ sections: [{ key: 'one', title: 'One', internal: false, questions: [
    { key: 'q', type: 'agree5', text: 'I agree', required: true }] }] });
  const token = 'T'.repeat(43);
  const [hash] = tokenHashes([token]);
  await dbQuery(srv, `INSERT INTO survey_templates (year, kind, title, status, content, created_at, updated_at) VALUES (${year}, 'llme', 'One read LLME', 'open', '${content}', 0, 0);
    INSERT INTO survey_invites (template_id, activity_id, person_id, token_hash, token_sealed, invited_at)
      SELECT t.id, ${activity}, ${llme.id}, '${hash}', '${token}', 0 FROM survey_templates t WHERE t.title = 'One read LLME';`);
  r = await mhl.get(`/activities/${activity}`);
  assert.equal(r.status, 200);
  assert.match(r.body, /One read LLME/);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'activity_read');
  r = await llme.get('/');
  assert.match(r.body, /One read LLME/);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'home_read');
  const go = formClient(srv);
  r = await go(`/s/${token}/pages/1`);
  assert.equal(r.status, 200);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'begin_anonymous,survey_answer_read');
  const page = r;
  for (const target of ['', '/pages/1', '/saved', '/check', '/done']) {
    r = await go(`/s/${token}${target}`);
    assert.equal(r.status, 200, target);
    assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'survey_answer_read', target);
  }
  // a form token refused (the page's session has ended): one read, a new session, nothing else
  await dbQuery(srv, `UPDATE sessions SET last_seen_at = last_seen_at - 7300 WHERE csrf_token = '${csrfOf(page.body)}'`);
  const reshown = await go(`/s/${token}/pages/1`, { method: 'POST', page, fields: { action: 'continue', q: '4' } });
  assert.equal(reshown.status, 403);
  assert.equal((await lineOf(reshown.headers['x-request-id'])).transactions, 'survey_answer_read,begin_anonymous');
  r = await go(`/s/${token}/pages/1`, { method: 'POST', page: reshown, fields: { action: 'continue', q: '4' } });
  assert.equal(r.status, 303);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'survey_page_write');
  r = await go(`/s/${token}/check`, { method: 'POST', page: reshown, fields: {} });
  assert.equal(r.status, 303);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'survey_submit_write');
  r = await go(`/s/${'U'.repeat(43)}`);
  assert.equal(r.status, 404);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'survey_answer_read');
});

test('the school term dates pages read in one named transaction each; an upload checks in one, its confirmation writes in one', async () => {
  const admin = await roleSession(srv, 'one-read-terms@national.example', 'national_admin');
  const csv = 'LA code,Term,First day,Last day\n919,Autumn 1,2026-09-03,2026-10-23\n';
  let r = await admin.upload('/surveys/terms/upload', { filename: 'terms.csv', content: csv });
  assert.equal(r.status, 200);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'surveys_terms_check_read');
  const terms = /name="terms" value="([^"]*)"/.exec(r.body)[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  r = await admin.post('/surveys/terms/upload/confirm', { terms, file_name: 'terms.csv' });
  assert.equal(r.status, 303);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'surveys_terms_load_write');
  for (const [target, name] of [
    ['/surveys/terms', 'surveys_terms_list_read'],
    ['/surveys/terms/default', 'surveys_terms_calendar_read'],
    ['/surveys/terms/919', 'surveys_terms_calendar_read'],
    ['/surveys/terms/upload', ''],
  ]) {
    r = await admin.get(target);
    assert.equal(r.status, 200, target);
    assert.equal((await lineOf(r.headers['x-request-id'])).transactions, name, target);
  }
});

test('the survey results and completion pages and their downloads read in one named transaction each; a refusal too', async () => {
  const admin = await roleSession(srv, 'one-read-results@national.example', 'national_admin');
  const mhl = await roleSession(srv, 'one-read-results@sw4.example', 'mhl', 'SW4');
  const ids = await surveyResultsFixture(srv, { tag: 'one-read' });
  for (const [who, target, name, status = 200] of [
    [admin, `/surveys/${ids.autumn}/results`, 'surveys_results_read'],
    [admin, `/surveys/${ids.autumn}/results?hub=SW4&ncp=NCP24-06&activity=${ids.A1}`, 'surveys_results_read'],
    [admin, `/surveys/${ids.autumn}/results.csv`, 'surveys_results_export_read'],
    [admin, `/surveys/${ids.autumn}/results.xlsx?hub=EE1`, 'surveys_results_export_read'],
    [admin, '/surveys/paired?year=2024', 'surveys_paired_read'],
    [admin, '/surveys/paired.csv?year=2024&hub=SW4', 'surveys_paired_export_read'],
    [admin, '/surveys/paired.xlsx?year=2024', 'surveys_paired_export_read'],
    [mhl, `/surveys/${ids.autumn}/results`, 'surveys_results_read'],
    [mhl, `/surveys/${ids.autumn}/results?hub=EE1`, 'surveys_results_read', 403],
    [admin, `/surveys/${ids.autumn}/results?hub=XX9`, 'surveys_results_read', 400],
    [admin, '/surveys/999999/results', 'surveys_results_read', 404],
    [admin, `/surveys/${ids.autumn}/quality-assurance`, 'surveys_quality_assurance_read'],
    [admin, `/surveys/${ids.autumn}/quality-assurance?hub=SW4&ncp=NCP24-06`, 'surveys_quality_assurance_read'],
    [admin, `/surveys/${ids.autumn}/quality-assurance.csv?hub=EE1`, 'surveys_quality_assurance_export_read'],
    [admin, `/surveys/${ids.autumn}/quality-assurance?hub=XX9`, 'surveys_quality_assurance_read', 400],
    [admin, '/surveys/999999/quality-assurance', 'surveys_quality_assurance_read', 404],
    // beyond the national team: refused before anything is read
    [mhl, `/surveys/${ids.autumn}/quality-assurance`, '', 403],
    [admin, `/surveys/${ids.autumn}/completion`, 'surveys_completion_read'],
    [admin, `/surveys/${ids.autumn}/completion?hub=SW4&ncp=NCP24-06`, 'surveys_completion_read'],
    [admin, `/surveys/${ids.autumn}/completion.csv`, 'surveys_completion_export_read'],
    [admin, `/surveys/${ids.autumn}/completion.xlsx?hub=EE1`, 'surveys_completion_export_read'],
    [mhl, `/surveys/${ids.autumn}/completion`, 'surveys_completion_read'],
    [mhl, `/surveys/${ids.autumn}/completion?hub=EE1`, 'surveys_completion_read', 403],
    [admin, `/surveys/${ids.autumn}/completion?ncp=NOPE`, 'surveys_completion_read', 400],
    [admin, '/surveys/999999/completion', 'surveys_completion_read', 404],
  ]) {
    const r = await who.get(target);
    assert.equal(r.status, status, target);
    assert.equal((await lineOf(r.headers['x-request-id'])).transactions, name, target);
  }
});

test("an activity's survey schedule page reads in one named transaction; its save writes in one; a refusal too", async () => {
  const mhl = await roleSession(srv, 'one-read-schedule@sw4.example', 'mhl', 'SW4');
  const llme = await roleSession(srv, 'one-read-schedule-llme@sw4.example', 'llme', 'SW4');
  const ncp = (await dbQuery(srv, "SELECT id FROM projects WHERE code = 'NCP24-10'")).trim();
  const create = await mhl.post('/activities/new?hub=SW4', { ncp, year: '2026', years: '1', format: 'online', status: 'planned',
    leads: llme.id });
  assert.equal(create.status, 303, create.body.slice(0, 500));
  await dbQuery(srv, `INSERT INTO survey_templates (project_id, year, kind, title, status, content, created_at, updated_at) VALUES (${ncp}, 2026, 'autumn', 'One read schedule', 'open', '{"sections":[]}', 0, 0)`);
  const survey = (await dbQuery(srv, `SELECT id FROM survey_templates WHERE project_id = ${ncp} AND year = 2026 AND kind = 'autumn'`)).trim();
  const target = `${create.headers.location}/surveys/${survey}/schedule`;
  for (const [who, path, name, status = 200] of [
    [llme, target, 'survey_schedule_read'],
    [mhl, target, 'survey_schedule_read'],
    [llme, `${create.headers.location}/surveys/999999/schedule`, 'survey_schedule_read', 404],
  ]) {
    const r = await who.get(path);
    assert.equal(r.status, status, path);
    assert.equal((await lineOf(r.headers['x-request-id'])).transactions, name, path);
  }
  const r = await llme.post(target, { every_days: '7', max_reminders: '3' });
  assert.equal(r.status, 303);
  assert.equal((await lineOf(r.headers['x-request-id'])).transactions, 'survey_schedule_write');
});
