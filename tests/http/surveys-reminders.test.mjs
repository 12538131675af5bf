// Scheduled survey reminders (src/surveys/schedule.c, schedule_job.c), read
// from a real SMTP server (Debian's aiosmtpd): an activity's lead sets a
// schedule (every N days, at most M) on a page of its own, refused on bad
// input with nothing written and to another activity's lead; the hourly job
// sends each reminder only at an hour school life allows: a school day of
// the participant's school's local authority (its own term dates when
// loaded, else the default national calendar), from 09:00 to 16:00 in
// London; never more than the most, never sooner than the gap, never after
// completing, never while the survey is closed. The server's clock is fixed
// with MATHSHUBS_NOW and moved by starting it again on the same database,
// as the job runs when the server starts (as happi-reminders does).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startSmtp } from '../lib/mail.mjs';
import { dbQuery, errorSummary, get, plain, roleSession, sessionFor, startServer, stopClean, waitFor } from './lib.mjs';

const unix = (iso) => Math.floor(Date.parse(iso) / 1000);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
let smtp, srv;

before(async () => { smtp = await startSmtp('mathshubs-survey-reminders-'); });
after(async () => {
  if (srv) await stopClean(srv, 'survey reminders server');
  if (smtp) await smtp.stop();
});

async function serverAt(iso) {
  const opts = { env: { MATHSHUBS_NOW: iso }, args: ['--smtp-url', `smtp://127.0.0.1:${smtp.port}`, '--mail-from', 'surveys@mathshubs.example'] };
  if (srv) {
    await srv.stop({ keep: true });
    Object.assign(opts, { dir: srv.dir, database: srv.pg || undefined });
  }
  srv = await startServer(opts);
  srv.at = unix(iso);
  await waitFor(() => srv.log.some((l) => /periodic jobs ran at start/.test(l.msg || '')), undefined, 'the periodic jobs');
  return srv;
}

const sql = (q) => dbQuery(srv, q);
const SUBJECT = 'Reminder: please answer the Autumn survey';
/** How many reminders `to` has had in the outbox. */
const count = async (to) => Number(await sql(`SELECT count(*) FROM outbox WHERE to_addr = ${q(to)} AND subject LIKE ${q(`${SUBJECT}%`)}`));
const counts = async () => Promise.all([ADA, BEN, CAL].map(count));
async function mails(to, n) {
  let found = [];
  await waitFor(() => (found = smtp.messages().filter((m) => (m.to || '').includes(to) && m.subject.startsWith(SUBJECT))).length >= n,
    undefined, `${n} reminder(s) to ${to}`);
  return found;
}

// ADA's school is in Devon (878: no term dates loaded, the default calendar);
// BEN's in Plymouth (879: its own dates, half term a week before the
// default's); CAL's in Devon and completes after the first reminder.
const ADA = 'ada@reminders.example', BEN = 'ben@reminders.example', CAL = 'cal@reminders.example';
let lead, ids = {}, survey, base;

describe('scheduled survey reminders', () => {
  test('set up: an activity of 2026/27, its participants sent their links on Monday 21 September', async () => {
    await serverAt('2026-09-21T09:00:00Z'); // 10:00 in London
    const mhl = await roleSession(srv, 'mhl@reminders.example', 'mhl', 'SW4', { at: srv.at });
    lead = await roleSession(srv, 'lead@reminders.example', 'llme', 'SW4', { at: srv.at });
    const other = await roleSession(srv, 'other@reminders.example', 'llme', 'SW4', { at: srv.at });
    const ncp = await sql("SELECT id FROM projects WHERE code = 'NCP24-09'");
    for (const [key, title, who] of [['main', 'Fractions in Year 4', lead], ['other', 'Reasoning in Year 6', other]]) {
      const r = await mhl.post('/activities/new?hub=SW4', { ncp, kind: '', title, cohort: 'none', cohort_label: '', year: '2026',
        years: '1', format: 'face_to_face', sessions: '3', capacity: '', capacity_of: 'schools', status: 'recruiting', leads: [who.id], link: '' });
      assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
      ids[key] = r.headers.location.split('/').pop();
    }
    await sql(`INSERT INTO survey_templates (project_id, year, kind, title, status, content, created_at, updated_at) VALUES (NULL, 2026, 'autumn', 'Autumn survey', 'open', ${q(JSON.stringify({ sections: [{ key: 'you', title: 'You', internal: false, questions: [{ key: 'confidence', type: 'agree5', text: 'I feel confident', required: false }] }] }))}, 0, 0)`);
    survey = await sql("SELECT id FROM survey_templates WHERE kind = 'autumn' AND year = 2026");
    base = `/activities/${ids.main}/surveys/${survey}`;
    await sql(`INSERT INTO schools (urn, name, la_code, status, digest, imported_at) VALUES ('900401', 'Moor Primary School', '878', 'open', 't', 0), ('900402', 'Sound Primary School', '879', 'open', 't', 0);
      INSERT INTO activity_schools (activity_id, urn, joined_on, added_at) VALUES (${ids.main}, '900401', '2026-09-01', 0), (${ids.main}, '900402', '2026-09-01', 0);` +
      [[ADA, 'Ada Lovelace', '900401'], [BEN, 'Ben Nevis', '900402'], [CAL, 'Cal Lee', '900401']].map(([email, name, urn]) =>
        `INSERT INTO people (email, name, created_at) VALUES (${q(email)}, ${q(name)}, 0);
         INSERT INTO activity_participants (activity_id, person_id, school_urn, role, joined_on, added_at)
           SELECT ${ids.main}, id, '${urn}', 'teacher', '2026-09-01', 0 FROM people WHERE email = ${q(email)};`).join('\n') +
      // Plymouth's own autumn term: half term 19 to 23 October (the default's is 26 to 30 October)
      `INSERT INTO school_terms (la_code, name, first_day, last_day, loaded_at) VALUES
        ('879', 'Autumn first half 2026/27', '2026-09-03', '2026-10-16', 0), ('879', 'Autumn second half 2026/27', '2026-10-26', '2026-12-18', 0);`);
    const r = await lead.post(`${base}/send`);
    assert.equal(r.status, 303);
    assert.equal(Number(await sql(`SELECT count(*) FROM survey_invites WHERE activity_id = ${ids.main}`)), 3);
    const page = plain((await lead.get(`/activities/${ids.main}`)).body);
    assert.match(page, /No reminders are scheduled\. Schedule reminders/);
  });

  test('the schedule form: defaults 7 and 3; bad input is 400 with the error summary and nothing written', async () => {
    let r = await lead.get(`${base}/schedule`);
    assert.equal(r.status, 200);
    assert.match(r.body, /name="every_days"[^>]*value="7"|value="7"[^>]*name="every_days"/);
    assert.match(r.body, /name="max_reminders"[^>]*value="3"|value="3"[^>]*name="max_reminders"/);
    for (const [every, most, field] of [['1', '3', 'every_days'], ['31', '3', 'every_days'], ['abc', '3', 'every_days'], ['', '3', 'every_days'],
      ['7', '0', 'max_reminders'], ['7', '11', 'max_reminders'], ['7', '2.5', 'max_reminders']]) {
      r = await lead.post(`${base}/schedule`, { every_days: every, max_reminders: most });
      assert.equal(r.status, 400, `${every}, ${most}`);
      const errs = errorSummary(r.body);
      assert.ok(errs.some(([href]) => href === `#${field}`), JSON.stringify(errs));
    }
    assert.equal(Number(await sql('SELECT count(*) FROM survey_reminder_plans')), 0);
  });

  test("another activity's lead cannot see or set this one's schedule; nor a survey that does not apply", async () => {
    const other = await sessionFor(srv, await sql("SELECT id FROM people WHERE email = 'other@reminders.example'"), { at: srv.at });
    for (const r of [await other.get(`${base}/schedule`), await other.post(`${base}/schedule`, { every_days: '7', max_reminders: '3' }),
      await other.post(`${base}/schedule/stop`)])
      assert.ok([403, 404].includes(r.status), String(r.status));
    assert.equal((await lead.get(`/activities/${ids.main}/surveys/999999/schedule`)).status, 404);
    assert.equal((await lead.post(`/activities/${ids.main}/surveys/999999/schedule`, { every_days: '7', max_reminders: '3' })).status, 404);
    assert.equal(Number(await sql('SELECT count(*) FROM survey_reminder_plans')), 0);
  });

  test('set: every 5 days, at most 2; the Surveys part says so in words; audited', async () => {
    const r = await lead.post(`${base}/schedule`, { every_days: '5', max_reminders: '2' });
    assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
    assert.equal(r.headers.location, `/activities/${ids.main}#surveys`);
    const page = plain((await lead.get(`/activities/${ids.main}`)).body);
    assert.match(page, /Reminders every 5 days, at most 2, on school days from 09:00 to 16:00; never in school holidays\./);
    assert.match(page, /Stop scheduled reminders/);
    assert.equal(await sql(`SELECT every_days || ' ' || max_reminders FROM survey_reminder_plans WHERE activity_id = ${ids.main}`), '5 2');
    assert.equal(Number(await sql("SELECT count(*) FROM audit_log WHERE action = 'survey_reminders_scheduled'")), 1);
  });

  test('due on Saturday 26 September: it waits for Monday 09:00', async () => {
    await serverAt('2026-09-26T10:00:00Z'); // Saturday, 11:00 in London
    assert.deepEqual(await counts(), [0, 0, 0]);
    await serverAt('2026-09-28T07:30:00Z'); // Monday, 08:30 in London: too early
    assert.deepEqual(await counts(), [0, 0, 0]);
    await serverAt('2026-09-28T08:00:00Z'); // Monday 09:00 in London
    assert.deepEqual(await counts(), [1, 1, 1]);
    assert.equal(Number(await sql(`SELECT reminders FROM survey_invites i JOIN people p ON p.id = i.person_id WHERE p.email = ${q(ADA)}`)), 1);
  });

  test("the email says a reminder's words and its link opens the survey", async () => {
    const [m] = await mails(ADA, 1);
    assert.match(m.text, /Hello Ada Lovelace,/);
    assert.match(m.text, /You have not finished the Autumn survey for Fractions in Year 4\./);
    const link = new URL(/https?:\/\/\S+\/s\/[A-Za-z0-9_-]{43}/.exec(m.text)[0]).pathname;
    const r = await get(srv.base, link);
    assert.ok([200, 303].includes(r.status), String(r.status));
    assert.match(plain(r.body) + (r.headers.location || ''), /Autumn survey|pages/);
  });

  test('every 27 days from now: never sooner; in the default October half term it waits; Plymouth\'s own dates move it', async () => {
    await sql(`UPDATE survey_invites SET completed_at = ${unix('2026-09-29T10:00:00Z')} WHERE person_id = (SELECT id FROM people WHERE email = ${q(CAL)})`);
    const who = await sessionFor(srv, lead.id, { at: srv.at });
    assert.equal((await who.post(`${base}/schedule`, { every_days: '27', max_reminders: '2' })).status, 303);
    await serverAt('2026-10-23T08:00:00Z'); // Friday 23 October, 09:00: a school day in the default calendar, 25 days on
    assert.deepEqual(await counts(), [1, 1, 1]);
    // due Sunday 25 October; Monday 26 October: the default's half term, Plymouth's term again
    await serverAt('2026-10-26T09:00:00Z'); // 09:00 GMT
    assert.deepEqual(await counts(), [1, 2, 1]);
    await serverAt('2026-10-30T12:00:00Z');
    assert.deepEqual(await counts(), [1, 2, 1]);
    await serverAt('2026-11-02T09:00:00Z'); // the Monday after the default half term
    assert.deepEqual(await counts(), [2, 2, 1], 'and never to Cal, who completed');
  });

  test('at most the most; none while the survey is closed; the rest once it opens again', async () => {
    await serverAt('2026-12-07T10:00:00Z'); // both due again, at their most
    assert.deepEqual(await counts(), [2, 2, 1]);
    const who = await sessionFor(srv, lead.id, { at: srv.at });
    assert.equal((await who.post(`${base}/schedule`, { every_days: '27', max_reminders: '3' })).status, 303);
    await sql(`UPDATE survey_templates SET status = 'closed' WHERE id = ${survey}`);
    await serverAt('2026-12-08T10:00:00Z');
    assert.deepEqual(await counts(), [2, 2, 1]);
    await sql(`UPDATE survey_templates SET status = 'open' WHERE id = ${survey}`);
    // Ben leaves the activity: nobody chases someone who has left
    await sql(`UPDATE activity_participants SET left_on = '2026-12-08' WHERE person_id = (SELECT id FROM people WHERE email = ${q(BEN)})`);
    await serverAt('2026-12-09T10:00:00Z');
    assert.deepEqual(await counts(), [3, 2, 1]);
    await mails(ADA, 3);
    const now = await sessionFor(srv, lead.id, { at: srv.at });
    assert.equal((await now.post(`${base}/remind`)).status, 303);
    assert.deepEqual(await counts(), [3, 2, 1], 'nor a reminder now');
    // nor counted against the 100 % target, nor listed as not completed
    const part = plain((await now.get(`/activities/${ids.main}`)).body);
    assert.match(part, /Completed by 1 of 2 invited: 50% \(the target is 100%\)/);
    assert.match(part, /Ada Lovelace/);
    assert.doesNotMatch(part, /Ben Nevis/);
  });

  test('20,100 invites waiting for their own term (Torbay in holiday) never starve the one due now: it goes, they wait', { timeout: 180000 }, async () => {
    await serverAt('2026-12-10T09:00:00Z'); // Thursday, 09:00 in London: a school day in the default calendar
    const mhl = await sessionFor(srv, await sql("SELECT id FROM people WHERE email = 'mhl@reminders.example'"), { at: srv.at });
    const ncp = await sql("SELECT id FROM projects WHERE code = 'NCP24-09'");
    let r = await mhl.post('/activities/new?hub=SW4', { ncp, kind: '', title: 'Bar models across Torbay', cohort: 'none', cohort_label: '', year: '2026',
      years: '1', format: 'face_to_face', sessions: '3', capacity: '', capacity_of: 'schools', status: 'recruiting', leads: [lead.id], link: '' });
    assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
    const big = r.headers.location.split('/').pop();
    const BULK = 20100;
    // Torbay (880) has its own dates: 5 December to 3 January is its Christmas holiday
    await sql(`INSERT INTO schools (urn, name, la_code, status, digest, imported_at) VALUES ('900403', 'Bay Primary School', '880', 'open', 't', 0);
      INSERT INTO school_terms (la_code, name, first_day, last_day, loaded_at) VALUES
        ('880', 'Autumn 2026/27', '2026-09-03', '2026-12-04', 0), ('880', 'Spring 2026/27', '2027-01-04', '2027-03-26', 0);
      WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < ${BULK})
        INSERT INTO people (email, name, school_urn, created_at) SELECT 'bay' || k || '@reminders.example', 'Bay Teacher ' || k, '900403', 0 FROM n;
      INSERT INTO survey_invites (template_id, activity_id, person_id, token_hash, token_sealed, invited_at)
        SELECT ${survey}, ${big}, id, 'bulk-' || id, 'v1:bulk', ${srv.at - 20 * 86400} FROM people WHERE email LIKE 'bay%@reminders.example';
      INSERT INTO people (email, name, created_at) VALUES ('dee@reminders.example', 'Dee Moor', 0);
      INSERT INTO activity_schools (activity_id, urn, joined_on, added_at) VALUES (${big}, '900401', '2026-09-01', 0);
      INSERT INTO activity_participants (activity_id, person_id, school_urn, role, joined_on, added_at)
        SELECT ${big}, id, '900401', 'teacher', '2026-09-01', 0 FROM people WHERE email = 'dee@reminders.example';`);
    const who = await sessionFor(srv, lead.id, { at: srv.at });
    assert.equal((await who.post(`/activities/${big}/surveys/${survey}/send`)).status, 303);
    // Dee's link (sent now, the newest invite) is as old as theirs; a schedule of every 2 days
    const dee = "(SELECT id FROM people WHERE email = 'dee@reminders.example')";
    await sql(`UPDATE survey_invites SET invited_at = ${srv.at - 20 * 86400} WHERE person_id = ${dee}`);
    assert.equal(Number(await sql(`SELECT count(*) FROM survey_invites WHERE activity_id = ${big} AND id > (SELECT id FROM survey_invites WHERE person_id = ${dee})`)), 0);
    assert.equal((await who.post(`/activities/${big}/surveys/${survey}/schedule`, { every_days: '2', max_reminders: '3' })).status, 303);
    const DEE = 'dee@reminders.example';
    assert.equal(await count(DEE), 0);
    await serverAt('2026-12-10T10:00:00Z'); // the next hourly run
    assert.equal(await count(DEE), 1, 'the one due now is reached behind 20,100 that wait');
    await mails(DEE, 1);
    assert.equal(Number(await sql(`SELECT sum(reminders) FROM survey_invites WHERE activity_id = ${big}`)), 1, 'the holiday ones wait');
    // their links are stand-ins that cannot be opened, so they are never sent: gone, with the plan
    await sql(`DELETE FROM survey_invites WHERE activity_id = ${big}; DELETE FROM survey_reminder_plans WHERE activity_id = ${big}`);
  });

  test('stopped: the plan goes, audited, and the part offers a schedule again', async () => {
    const who = await sessionFor(srv, lead.id, { at: srv.at });
    const r = await who.post(`${base}/schedule/stop`);
    assert.equal(r.status, 303);
    assert.equal(Number(await sql('SELECT count(*) FROM survey_reminder_plans')), 0);
    assert.equal(Number(await sql("SELECT count(*) FROM audit_log WHERE action = 'survey_reminders_stopped'")), 1);
    assert.match(plain((await who.get(`/activities/${ids.main}`)).body), /No reminders are scheduled/);
  });

  test('a reminder now on a Friday evening goes at once; the next one offered is the first school hour a day later, not Saturday evening', async () => {
    await serverAt('2026-12-11T18:08:00Z'); // Friday 11 December, 18:08 in London (GMT): no plan, the job sends nothing
    assert.deepEqual(await counts(), [3, 2, 1]);
    const who = await sessionFor(srv, lead.id, { at: srv.at });
    let part = plain((await who.get(`/activities/${ids.main}`)).body);
    assert.match(part, /A reminder sent now goes at once, whatever the day or time\. Scheduled reminders wait for school hours: 09:00 to 16:00 on a school day\. Send a reminder now/);
    assert.equal((await who.post(`${base}/remind`)).status, 303);
    assert.deepEqual(await counts(), [4, 2, 1], 'now, though it is a Friday evening');
    assert.equal((await who.post(`${base}/remind`)).status, 303);
    part = plain((await who.get(`/activities/${ids.main}`)).body);
    assert.match(part, /Nobody was reminded: the 1 person who has not completed the survey has had a link or a reminder in the last day\. You can remind them again from Monday 14 December 2026 at 09:00/);
    assert.doesNotMatch(part, /Saturday 12 December 2026/);
    assert.match(part, /Ada Lovelace Moor Primary School Not started Reminded 4 times, the last on 11 December 2026/);
    // the last day of term: the next school hour is the spring term's first day (the default calendar)
    await sql(`UPDATE survey_invites SET last_reminded_at = ${unix('2026-12-17T15:30:00Z')} WHERE person_id = (SELECT id FROM people WHERE email = ${q(ADA)})`);
    await serverAt('2026-12-17T16:00:00Z'); // Thursday 17 December, 16:00: due again Friday 18 December at 15:30, the last day of term
    const later = await sessionFor(srv, lead.id, { at: srv.at });
    assert.equal((await later.post(`${base}/remind`)).status, 303);
    assert.match(plain((await later.get(`/activities/${ids.main}`)).body), /You can remind them again from Friday 18 December 2026 at 15:30/);
    await sql(`UPDATE survey_invites SET last_reminded_at = ${unix('2026-12-17T16:30:00Z')} WHERE person_id = (SELECT id FROM people WHERE email = ${q(ADA)})`);
    assert.equal((await later.post(`${base}/remind`)).status, 303);
    assert.match(plain((await later.get(`/activities/${ids.main}`)).body), /You can remind them again from Monday 4 January 2027 at 09:00/);
  });
});
