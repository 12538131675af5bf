// The HAPPI forms' reminders (src/happi/remind.c), read from a real SMTP
// server (Debian's aiosmtpd): the planning due within a fortnight, then
// late, to the activity's leads; a submission a week old, to its MHLM link
// (with none, the hub's Maths Hub Lead); at most once a week per form, only
// on working days from 08:00 to 18:00 in London, never for a cancelled
// activity. The server's clock is fixed with MATHSHUBS_NOW and moved by
// starting it again on the same database, as the job runs when the server
// starts (as tests/http/events-mail.test.mjs does).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startSmtp } from '../lib/mail.mjs';
import { dbQuery, errorSummary, roleSession, sessionFor, startServer, stopClean, waitFor } from './lib.mjs';

const unix = (iso) => Math.floor(Date.parse(iso) / 1000);
let smtp;
let srv;

before(async () => { smtp = await startSmtp('mathshubs-happi-mail-'); });
after(async () => {
  if (srv) await stopClean(srv, 'HAPPI reminders server');
  if (smtp) await smtp.stop();
});

async function serverAt(iso) {
  const opts = { env: { MATHSHUBS_NOW: iso }, args: ['--smtp-url', `smtp://127.0.0.1:${smtp.port}`, '--mail-from', 'happi@mathshubs.example'] };
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
/** How many reminders `to` has had in the outbox, by subject's start. */
const count = async (to, subject) => Number(await sql(
  `SELECT count(*) FROM outbox WHERE to_addr = '${to}' AND subject LIKE '${subject.replace(/'/g, "''")}%'`));
/** The messages received by `to` whose subject starts with `subject`, in order. */
async function mails(to, subject, n) {
  let found = [];
  await waitFor(() => (found = smtp.messages().filter((m) => (m.to || '').includes(to) && m.subject.startsWith(subject))).length >= n,
    undefined, `${n} message(s) "${subject}" to ${to}`);
  return found;
}

const LEAD_A = 'lead-a@happi-remind.example', LEAD_B = 'lead-b@happi-remind.example', LEAD_C = 'lead-c@happi-remind.example';
const LINK = 'link@happi-remind.example', MHL = 'mhl@happi-remind.example';
let ids, outcomes;

describe('HAPPI reminders through the outbox', () => {
  test('set up: three activities of 2026/27, due dates set nationally', async () => {
    await serverAt('2026-09-14T09:00:00Z'); // Monday 14 September 2026
    const mhl = await roleSession(srv, MHL, 'mhl', 'SW4', { at: srv.at });
    const link = await roleSession(srv, LINK, 'amhl', 'SW4', { at: srv.at });
    const leads = [];
    for (const email of [LEAD_A, LEAD_B, LEAD_C]) leads.push(await roleSession(srv, email, 'llme', 'SW4', { at: srv.at }));
    await sql("INSERT INTO happi_due (year, planning_due, final_due, set_at) VALUES (2026, '2026-10-16', '2027-07-16', 0)");
    const ncp = await sql("SELECT id FROM projects WHERE code = 'NCP24-09'");
    for (const kind of ['pupils', 'schools', 'practice'])
      await sql(`INSERT INTO ncp_outcomes (project_id, kind, position, text, created_at, updated_at) VALUES (${ncp}, '${kind}', 1, 'Outcome for ${kind}', 0, 0)`);
    outcomes = (await sql(`SELECT id FROM ncp_outcomes WHERE project_id = ${ncp} ORDER BY id`)).split('\n');
    ids = [];
    for (const [i, title] of ['Fractions in Year 4', 'Reasoning in Year 6', 'Cancelled group'].entries()) {
      const r = await mhl.post('/activities/new?hub=SW4', { ncp, kind: '', title, cohort: 'none', cohort_label: '',
        year: '2026', years: '1', format: 'face_to_face', sessions: '3', capacity: '', capacity_of: 'schools', status: 'recruiting',
        leads: [leads[i].id], link: i === 0 ? link.id : '' });
      assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
      ids.push(r.headers.location.split('/').pop());
    }
    const c = await mhl.post(`/activities/${ids[2]}/cancel`, { reason: 'Too few schools signed up' });
    assert.equal(c.status, 303, JSON.stringify(errorSummary(c.body)));
    assert.equal(await count(LEAD_A, 'HAPPI form'), 0, 'the planning is a month away');
  });

  test('a fortnight before the planning is due: its leads, once, in working hours; never a cancelled activity\'s', async () => {
    await serverAt('2026-10-02T06:30:00Z'); // Friday 2 October, 07:30 in London: too early
    assert.equal(await count(LEAD_A, 'HAPPI form'), 0);
    await serverAt('2026-10-02T07:30:00Z'); // 08:30 in London
    assert.equal(await count(LEAD_A, 'HAPPI form: planning due soon: Fractions in Year 4'), 1);
    assert.equal(await count(LEAD_B, 'HAPPI form: planning due soon: Reasoning in Year 6'), 1);
    assert.equal(await count(LEAD_C, 'HAPPI form'), 0, 'a cancelled activity has no form to write');
    assert.equal(await count(LINK, 'HAPPI form'), 0, 'the link is told only when a submission waits');
    const [mail] = await mails(LEAD_A, 'HAPPI form: planning due soon', 1);
    assert.match(mail.text, /Hello Person lead-a@happi-remind\.example,/);
    assert.match(mail.text, /The planning of the HAPPI form for Fractions in Year 4 is due by Friday 16 October 2026\./);
    assert.match(mail.text, /Write it and submit it to your MHLM link\./);
    assert.ok(mail.text.includes(`${srv.base}/activities/${ids[0]}/happi`), 'a link to the form');
    await serverAt('2026-10-02T14:00:00Z'); // the same day again
    assert.equal(await count(LEAD_A, 'HAPPI form'), 1, 'not twice in a week');
    await serverAt('2026-10-03T10:00:00Z'); // Saturday
    assert.equal(await count(LEAD_A, 'HAPPI form'), 1);
  });

  test('B\'s planning submitted on Monday; a week on, its waiting goes to the hub\'s Maths Hub Lead (it has no link)', async () => {
    await serverAt('2026-10-05T09:00:00Z'); // Monday 5 October
    const lead = await sessionFor(srv, await sql(`SELECT id FROM people WHERE email = '${LEAD_B}'`), { at: srv.at });
    const href = `/activities/${ids[1]}/happi`;
    let r = await lead.post(`${href}/planning`, { version: '0', schedule: 'Launch in October',
      [`local-${outcomes[0]}`]: 'Year 6 explain', [`local-${outcomes[1]}`]: 'Time to meet', [`local-${outcomes[2]}`]: 'Bar models',
      methods: ['visits'], methods_other: '', agreed: ['mhlm_link'] });
    assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
    r = await lead.post(`${href}/submit-planning`, { version: '1' });
    assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));

    await serverAt('2026-10-09T08:00:00Z'); // Friday 9 October, a week after the first: A's again; B waits 4 days
    assert.equal(await count(LEAD_A, 'HAPPI form: planning due soon'), 2);
    assert.equal(await count(LEAD_B, 'HAPPI form'), 1, 'submitted: no more reminders to write it');
    assert.equal(await count(MHL, 'HAPPI form'), 0, 'waiting only four days');

    await serverAt('2026-10-12T08:00:00Z'); // Monday 12 October: a week after B's submission
    assert.equal(await count(MHL, 'HAPPI form waiting for you: Reasoning in Year 6'), 1);
    assert.equal(await count(LINK, 'HAPPI form'), 0, 'A\'s link is not B\'s');
    const [mail] = await mails(MHL, 'HAPPI form waiting for you', 1);
    assert.match(mail.text, /Person lead-b@happi-remind\.example submitted the planning of the HAPPI form for Reasoning in Year 6 on Monday 5 October 2026\. It is waiting for you to agree it, or to return it with comments\./);
  });

  test('late: the planning overdue; a bank holiday waits for the next working day', async () => {
    await serverAt('2026-10-19T09:00:00Z'); // Monday 19 October
    assert.equal(await count(LEAD_A, 'HAPPI form: planning overdue: Fractions in Year 4'), 1);
    assert.equal(await count(MHL, 'HAPPI form waiting'), 2, 'B still waits, a week after its first');
    const [mail] = await mails(LEAD_A, 'HAPPI form: planning overdue', 1);
    assert.match(mail.text, /was due on Friday 16 October 2026\. It has not been submitted yet\./);
    await serverAt('2026-12-28T10:00:00Z'); // Monday 28 December: the Boxing Day bank holiday, moved
    assert.equal(await count(LEAD_A, 'HAPPI form: planning overdue'), 1);
    assert.equal(await count(MHL, 'HAPPI form waiting'), 2);
    await serverAt('2026-12-29T10:00:00Z'); // Tuesday 29 December
    assert.equal(await count(LEAD_A, 'HAPPI form: planning overdue'), 2);
    assert.equal(await count(MHL, 'HAPPI form waiting'), 3);
    assert.equal(await count(LEAD_C, 'HAPPI form'), 0);
    assert.equal(await sql(`SELECT kind FROM happi_reminders WHERE activity_id = ${ids[1]}`), 'waiting');
    // the form's page says when it is due, that it is late, and when its leads were last reminded
    const lead = await sessionFor(srv, await sql(`SELECT id FROM people WHERE email = '${LEAD_A}'`), { at: srv.at });
    const page = await lead.get(`/activities/${ids[0]}/happi`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Planning by Friday 16 October 2026<br>Final form by Friday 16 July 2027/);
    assert.match(page.body, /Planning overdue/);
    assert.match(page.body, /Tuesday 29 December 2026: the planning, to its leads \(at most one a week\)/);
  });

  test('agreed at last: a fortnight before the final form is due, its leads are reminded of that', async () => {
    const [lead, link] = await Promise.all([LEAD_A, LINK].map(async (e) =>
      sessionFor(srv, await sql(`SELECT id FROM people WHERE email = '${e}'`), { at: srv.at })));
    const href = `/activities/${ids[0]}/happi`;
    assert.equal((await lead.post(`${href}/planning`, { version: '0', schedule: 'Launch in January',
      [`local-${outcomes[0]}`]: 'Year 4 explain', [`local-${outcomes[1]}`]: 'Time to meet', [`local-${outcomes[2]}`]: 'Bar models',
      methods: ['visits'], methods_other: '', agreed: ['mhlm_link'] })).status, 303);
    assert.equal((await lead.post(`${href}/submit-planning`, { version: '1' })).status, 303);
    assert.equal((await link.post(`${href}/agree`, { version: '2' })).status, 303);
    await serverAt('2027-07-01T09:00:00Z'); // Thursday 1 July 2027: the final form due in 15 days
    assert.equal(await count(LEAD_A, 'HAPPI form: final'), 0);
    await serverAt('2027-07-02T09:00:00Z'); // Friday 2 July
    assert.equal(await count(LEAD_A, 'HAPPI form: final form due soon: Fractions in Year 4'), 1);
    const [mail] = await mails(LEAD_A, 'HAPPI form: final form due soon', 1);
    assert.match(mail.text, /The final form \(progress and impact\) of the HAPPI form for Fractions in Year 4 is due by Friday 16 July 2027\./);
    assert.match(mail.text, /Complete the progress and impact, then submit the final form\./);
  });
});
