// An NCP's expected outcomes (src/happi/outcomes.c): the national team
// and the NCP's Project Lead define them under the handbook's three kinds,
// and are told which kinds the handbook still needs; everyone signed in
// reads them; last year's same-numbered NCP's are copied in one step.
// Another NCP's Project Lead and an LLME are refused (403), a visitor is
// sent to sign in; bad forms answer 400 with the error summary and write
// nothing; every change is audited.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { dbQuery, errorSummary, roleSession, useServer } from './lib.mjs';
import { request } from '../lib/client.mjs';

const srv = useServer();
const sql = (q) => dbQuery(srv, q);
let admin, lead, otherLead, llme;

const count = (code) => sql(`SELECT count(*) FROM ncp_outcomes o JOIN projects p ON p.id = o.project_id WHERE p.code = '${code}'`);

before(async () => {
  await srv.started;
  admin = await roleSession(srv, 'admin@outcomes.example', 'national_admin');
  lead = await roleSession(srv, 'lead06@outcomes.example', 'participant');
  otherLead = await roleSession(srv, 'lead08@outcomes.example', 'participant');
  llme = await roleSession(srv, 'llme@outcomes.example', 'llme', 'SW4');
  await sql(`UPDATE role_grants SET role = 'project_lead', project_id = (SELECT id FROM projects WHERE code = 'NCP24-06')
             WHERE person_id = ${lead.id}`);
  await sql(`UPDATE role_grants SET role = 'project_lead', project_id = (SELECT id FROM projects WHERE code = 'NCP24-08')
             WHERE person_id = ${otherLead.id}`);
  // the year before, with its Mastering Number outcomes
  await sql(`INSERT INTO academic_years (code, starts_on, ends_on) VALUES ('2023/24', '2023-09-01', '2024-08-31')`);
  await sql(`INSERT INTO projects (code, academic_year_id, title, kind, develops_llmes)
             SELECT 'NCP23-06', id, 'Mastering Number at KS2 Work Groups', 'Work Group', 0 FROM academic_years WHERE code = '2023/24'`);
  await sql(`INSERT INTO ncp_outcomes (project_id, kind, position, text, created_at, updated_at)
             SELECT id, 'pupils', 1, 'Pupils recall multiplication facts fluently', 0, 0 FROM projects WHERE code = 'NCP23-06'`);
  await sql(`INSERT INTO ncp_outcomes (project_id, kind, position, text, created_at, updated_at)
             SELECT id, 'practice', 1, 'Teachers plan short daily sessions on number', 0, 0 FROM projects WHERE code = 'NCP23-06'`);
});

describe('the rules the handbook sets', () => {
  test('the SKTM programmes of 2024/25 are marked; nothing else is', async () => {
    assert.equal((await sql('SELECT code FROM projects WHERE sktm = 1 ORDER BY code')).split('\n').join(','),
      'NCP24-22,NCP24-25,NCP24-26,NCP24-27,NCP24-28,NCP24-29,NCP24-30,NCP24-32');
  });

  test('a Work Group with no outcomes: those who keep it are told all three kinds are needed', async () => {
    const r = await admin.get('/projects/NCP24-08/outcomes');
    assert.equal(r.status, 200);
    assert.match(r.body, /A Work Group must state at least one outcome for pupils\. There are none yet\./);
    assert.match(r.body, /A Work Group must state at least one outcome for schools or departments/);
    assert.match(r.body, /A Work Group must state at least one outcome for professional practice/);
    assert.match(r.body, /Add an outcome/);
  });

  test('an SKTM programme needs pupils and practice; an LLME programme schools and practice', async () => {
    const sktm = await admin.get('/projects/NCP24-25/outcomes');
    assert.match(sktm.body, /A Specialist Knowledge for Teaching Mathematics programme must state at least one outcome for pupils/);
    assert.doesNotMatch(sktm.body, /must state at least one outcome for schools or departments/);
    assert.match(sktm.body, /Every project must state at least one outcome for professional practice/);
    const llmeProgramme = await admin.get('/projects/NCP24-01/outcomes');
    assert.match(llmeProgramme.body, /An LLME professional development programme must state at least one outcome for schools or departments/);
    assert.doesNotMatch(llmeProgramme.body, /outcome for pupils\. There/);
  });
});

describe('defining them', () => {
  test('the Project Lead adds outcomes of each kind; the gaps close; audited; anyone signed in reads them', async () => {
    for (const [kind, text] of [['pupils', 'Pupils explain their reasoning with precise vocabulary'],
      ['schools', 'The school has a shared calculation policy'], ['practice', 'Teachers use representations with purpose'],
      ['pupils', 'Pupils choose efficient strategies']]) {
      const r = await lead.post('/projects/NCP24-06/outcomes/new', { kind, text });
      assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
      assert.equal(r.headers.location, '/projects/NCP24-06/outcomes');
    }
    assert.equal(await count('NCP24-06'), '4');
    assert.equal((await sql(`SELECT o.text FROM ncp_outcomes o JOIN projects p ON p.id = o.project_id
      WHERE p.code = 'NCP24-06' AND o.kind = 'pupils' ORDER BY o.position`)).split('\n').join('|'),
    'Pupils explain their reasoning with precise vocabulary|Pupils choose efficient strategies');
    assert.equal(await sql("SELECT count(*) FROM audit_log WHERE action = 'outcome_added' AND subject = 'project:NCP24-06'"), '4');
    const page = await lead.get('/projects/NCP24-06/outcomes');
    assert.match(page.body, /Outcome added/);
    assert.doesNotMatch(page.body, /must state at least one/);
    const read = await llme.get('/projects/NCP24-06/outcomes');
    assert.equal(read.status, 200);
    assert.match(read.body, /<ol class="govuk-list govuk-list--number govuk-list--spaced">\s*<li>Pupils explain their reasoning[^<]*<\/li>/);
    assert.doesNotMatch(read.body, /Add an outcome|Remove/, 'a reader is not offered changes');
  });

  test('bad forms answer 400 with the error summary, keep what was typed and write nothing', async () => {
    const before = await count('NCP24-06');
    let r = await lead.post('/projects/NCP24-06/outcomes/new', { kind: '', text: '' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#kind', 'Select who it is an outcome for'], ['#text', 'Enter the outcome']]);
    r = await lead.post('/projects/NCP24-06/outcomes/new', { kind: 'pupils', text: 'x'.repeat(1001) });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#text', 'Outcome must be 1000 characters or less']]);
    r = await lead.post('/projects/NCP24-06/outcomes/new', { kind: 'everyone', text: 'Kept text' });
    assert.equal(r.status, 400);
    assert.match(r.body, /Kept text/);
    assert.equal(await count('NCP24-06'), before);
  });

  test('changed: its text, and its kind (to the end of that list); removed after a confirmation', async () => {
    const id = await sql("SELECT id FROM ncp_outcomes WHERE text = 'Pupils choose efficient strategies'");
    const form = await lead.get(`/projects/NCP24-06/outcomes/${id}`);
    assert.equal(form.status, 200);
    assert.match(form.body, /Pupils choose efficient strategies<\/textarea>/);
    let r = await lead.post(`/projects/NCP24-06/outcomes/${id}`, { kind: 'schools', text: 'Leaders give time for collaborative planning' });
    assert.equal(r.status, 303);
    assert.equal(await sql(`SELECT kind || '|' || position || '|' || text FROM ncp_outcomes WHERE id = ${id}`),
      'schools|2|Leaders give time for collaborative planning');
    const confirm = await lead.get(`/projects/NCP24-06/outcomes/${id}/remove`);
    assert.match(confirm.body, /Remove this outcome\?/);
    assert.match(confirm.body, /Leaders give time for collaborative planning/);
    r = await lead.post(`/projects/NCP24-06/outcomes/${id}/remove`, {});
    assert.equal(r.status, 303);
    assert.equal(await sql(`SELECT count(*) FROM ncp_outcomes WHERE id = ${id}`), '0');
    assert.equal(await sql("SELECT count(*) FROM audit_log WHERE action IN ('outcome_changed', 'outcome_removed')"), '2');
    // gone: its pages are 404, as is an id of another NCP's outcome
    assert.equal((await lead.get(`/projects/NCP24-06/outcomes/${id}`)).status, 404);
    const other = await sql("SELECT min(o.id) FROM ncp_outcomes o JOIN projects p ON p.id = o.project_id WHERE p.code = 'NCP23-06'");
    assert.equal((await admin.get(`/projects/NCP24-06/outcomes/${other}`)).status, 404);
    assert.equal((await admin.post(`/projects/NCP24-06/outcomes/${other}/remove`, {})).status, 404);
    assert.equal((await admin.get('/projects/NCP24-06/outcomes/12abc')).status, 404);
    assert.equal((await admin.get('/projects/NCP99-99/outcomes')).status, 404);
  });

  test("last year's outcomes copied into an NCP that has none, once", async () => {
    const page = await admin.get('/projects/NCP24-06/outcomes');
    assert.doesNotMatch(page.body, /Copy the/, 'not offered when the NCP has outcomes');
    await sql("DELETE FROM ncp_outcomes WHERE project_id = (SELECT id FROM projects WHERE code = 'NCP24-06')");
    const empty = await admin.get('/projects/NCP24-06/outcomes');
    assert.match(empty.body, /Copy the 2 outcomes of NCP23-06/);
    let r = await admin.post('/projects/NCP24-06/outcomes/copy', { from: 'NCP23-06' });
    assert.equal(r.status, 303);
    assert.equal(await count('NCP24-06'), '2');
    assert.match((await admin.get('/projects/NCP24-06/outcomes')).body, /2 outcomes copied from NCP23-06: check them for this year/);
    r = await admin.post('/projects/NCP24-06/outcomes/copy', { from: 'NCP23-06' }); // the form sent again
    assert.equal(r.status, 303);
    assert.equal(await count('NCP24-06'), '2', 'a replay copies nothing');
    assert.match((await admin.get('/projects/NCP24-06/outcomes')).body, /Nothing was copied/);
    assert.equal(await sql("SELECT count(*) FROM audit_log WHERE action = 'outcomes_copied'"), '1');
  });
});

describe('who may', () => {
  test("another NCP's Project Lead and an LLME are refused; nothing is written", async () => {
    const before = await count('NCP24-06');
    for (const s of [otherLead, llme]) {
      const get = await s.get('/projects/NCP24-06/outcomes/new');
      assert.equal(get.status, 403);
      const post = await s.post('/projects/NCP24-06/outcomes/new', { kind: 'pupils', text: 'Not theirs' });
      assert.equal(post.status, 403);
      assert.equal((await s.post('/projects/NCP24-06/outcomes/copy', { from: 'NCP23-06' })).status, 403);
    }
    assert.equal((await otherLead.get('/projects/NCP24-08/outcomes/new')).status, 200, 'their own NCP');
    assert.equal(await count('NCP24-06'), before);
  });

  test('a visitor is sent to sign in', async () => {
    const r = await request(srv.base, '/projects/NCP24-06/outcomes');
    assert.equal(r.status, 303);
    assert.match(r.headers.location, /^\/sign-in/);
  });
});
