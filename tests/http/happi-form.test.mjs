// An activity's HAPPI form (src/happi): its LLME writes the planning (the
// schedule filled in from its sessions, each national outcome tailored),
// submits it; the MHLM link returns it with a comment, then agrees it;
// progress is added, the final form submitted and reviewed. Every save is a
// version; two people saving the same version: the second is told and keeps
// their text, nothing written; a part submitted with gaps comes back with
// them. Another hub, a participant and visitors are not told it exists
// (404); who may read it but not do a step gets 403.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { dbQuery, errorSummary, roleSession, sessionFor, useServer } from './lib.mjs';
import { request } from '../lib/client.mjs';

const srv = useServer();
const sql = (q) => dbQuery(srv, q);
let mhl, amhl, llme, otherLlme, analyst, participant, id, href;
const year = new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;

const versionOf = async () => Number(await sql(`SELECT version FROM happi_forms WHERE activity_id = ${id}`) || 0);
const statusOf = () => sql(`SELECT status FROM happi_forms WHERE activity_id = ${id}`);
const versions = () => sql(`SELECT count(*) FROM happi_versions WHERE activity_id = ${id}`);
let outcomes;

before(async () => {
  await srv.started;
  mhl = await roleSession(srv, 'mhl@happi.example', 'mhl', 'SW4');
  amhl = await roleSession(srv, 'amhl@happi.example', 'amhl', 'SW4');
  llme = await roleSession(srv, 'llme@happi.example', 'llme', 'SW4');
  otherLlme = await roleSession(srv, 'llme@ee1-happi.example', 'llme', 'EE1');
  analyst = await roleSession(srv, 'analyst@happi.example', 'national_analyst');
  participant = await roleSession(srv, 'teacher@happi.example', 'participant');
  const ncp = await sql("SELECT id FROM projects WHERE code = 'NCP24-09'");
  for (const [kind, text] of [['pupils', 'Pupils explain their reasoning'], ['schools', 'Leaders plan time to collaborate'],
    ['practice', 'Teachers use representations']])
    await sql(`INSERT INTO ncp_outcomes (project_id, kind, position, text, created_at, updated_at) VALUES (${ncp}, '${kind}', 1, '${text}', 0, 0)`);
  outcomes = (await sql(`SELECT id FROM ncp_outcomes WHERE project_id = ${ncp} ORDER BY id`)).split('\n');
  const r = await mhl.post('/activities/new?hub=SW4', { ncp, kind: '', title: '', cohort: 'none', cohort_label: '',
    year: String(year), years: '1', format: 'face_to_face', sessions: '3', capacity: '', capacity_of: 'schools', status: 'recruiting',
    leads: [llme.id], link: amhl.id });
  assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
  id = r.headers.location.split('/').pop();
  href = `/activities/${id}/happi`;
  const start = Date.UTC(year, 9, 7, 15, 0) / 1000;
  await sql(`INSERT INTO activity_sessions (activity_id, starts_at, ends_at, format, venue, purpose, created_by, created_at, updated_at)
             VALUES (${id}, ${start}, ${start + 5400}, 'face_to_face', 'Hub office', 'Launch', ${mhl.id}, 0, 0)`);
});

const planning = (over = {}) => ({ version: '0', schedule: 'Launch in October\nReview in March',
  [`local-${outcomes[0]}`]: 'Year 4 pupils explain', [`local-${outcomes[1]}`]: 'Leaders give an hour a half term',
  [`local-${outcomes[2]}`]: 'Teachers use bar models', methods: ['visits', 'school_work'], methods_other: '', agreed: ['mhlm_link'], ...over });

describe('the planning', () => {
  test('not started: the LLME is offered to write it; the schedule comes from the sessions', async () => {
    const page = await llme.get(href);
    assert.equal(page.status, 200);
    assert.match(page.body, /Not started/);
    assert.match(page.body, /Write the planning/);
    assert.doesNotMatch(page.body, /Submit the planning/, 'nothing to submit yet');
    const form = await llme.get(`${href}/planning`);
    assert.equal(form.status, 200);
    assert.match(form.body, /Launch<\/textarea>/);
    assert.match(form.body, /Outcomes for pupils: Pupils explain their reasoning/);
  });

  test('saved: version 1, audited; saved again: version 2, each kept', async () => {
    let r = await llme.post(`${href}/planning`, planning({ [`local-${outcomes[1]}`]: '' }));
    assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
    assert.equal(r.headers.location, href);
    assert.equal(await versionOf(), 1);
    assert.equal(await statusOf(), 'draft');
    r = await llme.post(`${href}/planning`, planning({ version: '1', [`local-${outcomes[1]}`]: '' }));
    assert.equal(r.status, 303);
    assert.equal(await versions(), '2');
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'happi_saved' AND subject = 'activity:${id}'`), '2');
    const page = await llme.get(href);
    assert.match(page.body, /Planning saved/);
    assert.match(page.body, /Year 4 pupils explain/);
    assert.match(page.body, /Every version \(2\), and what changed/);
  });

  test('submitted with a gap: the planning page again, with what it needs; nothing written', async () => {
    const r = await llme.post(`${href}/submit-planning`, { version: '2' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [[`#local-${outcomes[1]}`, 'Say what outcome 2 means for your schools and participants']]);
    assert.equal(await statusOf(), 'draft');
  });

  test('two people save the same version: the second is told, keeps their text, nothing written', async () => {
    let r = await llme.post(`${href}/planning`, planning({ version: '2' }));
    assert.equal(r.status, 303);
    r = await mhl.post(`${href}/planning`, planning({ version: '2', schedule: 'Hub lead schedule typed meanwhile' }));
    assert.equal(r.status, 409);
    assert.match(r.body, /Person llme@happi\.example saved this form .*after you opened it/);
    assert.match(r.body, /Hub lead schedule typed meanwhile<\/textarea>/, 'their text is kept in the form');
    assert.match(r.body, /name="version" value="3"/, 'saving again saves over the newer version deliberately');
    assert.equal(await versionOf(), 3);
    assert.doesNotMatch(await sql(`SELECT content FROM happi_forms WHERE activity_id = ${id}`), /Hub lead schedule/);
    r = await llme.post(`${href}/planning`, { schedule: 'no version sent' });
    assert.equal(r.status, 409, 'a save that names no version writes nothing');
  });

  test('submitted; the LLME can no longer change it; the link returns it (a comment needed), it is resubmitted and agreed', async () => {
    let r = await llme.post(`${href}/submit-planning`, { version: '3' });
    assert.equal(r.status, 303);
    assert.equal(await statusOf(), 'planning_submitted');
    assert.equal((await llme.get(`${href}/planning`)).status, 403);
    assert.equal((await llme.post(`${href}/agree`, { version: '4' })).status, 403, 'an LLME does not agree their own');
    r = await amhl.post(`${href}/return`, { version: '4', comment: '' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#comment', 'Enter comments saying what should change']]);
    r = await amhl.post(`${href}/return`, { version: '4', comment: 'Say which Year 4 classes' });
    assert.equal(r.status, 303);
    assert.equal(await statusOf(), 'planning_returned');
    assert.equal(await sql(`SELECT comment FROM happi_versions WHERE activity_id = ${id} AND version = 5`), 'Say which Year 4 classes');
    r = await llme.post(`${href}/planning`, planning({ version: '5', [`local-${outcomes[0]}`]: 'Year 4 classes 4B and 4R' }));
    assert.equal(r.status, 303);
    assert.equal((await llme.post(`${href}/submit-planning`, { version: '6' })).status, 303);
    assert.equal((await amhl.post(`${href}/agree`, { version: '6' })).status, 409, 'a step on an old version does nothing');
    assert.equal((await amhl.post(`${href}/agree`, { version: '7' })).status, 303);
    assert.equal(await statusOf(), 'planning_agreed');
    assert.equal((await llme.get(`${href}/planning`)).status, 403, 'the agreed planning is kept as agreed');
  });
});

describe('progress and impact', () => {
  test('a progress update, then the final form with gaps, then complete; reviewed; nothing after', async () => {
    let r = await llme.post(`${href}/progress`, { version: '8', 'progress_day-day': '1', 'progress_day-month': '9',
      'progress_day-year': String(year), progress_text: 'Two sessions held; book looks in 4B' });
    assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
    const page = await llme.get(href);
    assert.match(page.body, /Two sessions held; book looks in 4B/);
    assert.match(page.body, /Sessions held/);
    r = await llme.post(`${href}/submit-final`, { version: '9' });
    assert.equal(r.status, 400);
    assert.equal(errorSummary(r.body).length, 6, 'evidence and a judgement for each of the three outcomes');
    const impact = { version: '9' };
    for (const o of outcomes) Object.assign(impact, { [`evidence-${o}`]: 'Book looks', [`judgement-${o}`]: 'met',
      [`analysis-${o}`]: 'Mostly', [`next-${o}`]: 'Carry on' });
    assert.equal((await llme.post(`${href}/impact`, impact)).status, 303);
    assert.equal((await llme.post(`${href}/submit-final`, { version: '10' })).status, 303);
    assert.equal((await amhl.post(`${href}/review`, { version: '11' })).status, 303);
    assert.equal(await statusOf(), 'reviewed');
    assert.equal((await llme.get(`${href}/impact`)).status, 403);
    assert.equal(await versions(), '12');
    assert.deepEqual((await sql(`SELECT action FROM happi_versions WHERE activity_id = ${id} ORDER BY version`)).split('\n'),
      ['save', 'save', 'save', 'submit_planning', 'return', 'save', 'submit_planning', 'agree', 'save', 'save', 'submit_final', 'review']);
  });
});

describe('who may', () => {
  test('another hub, a participant: 404; a national analyst reads it but takes no step', async () => {
    for (const s of [otherLlme, participant]) {
      assert.equal((await s.get(href)).status, 404);
    }
    assert.equal((await otherLlme.post(`${href}/planning`, planning())).status, 404);
    const read = await analyst.get(href);
    assert.equal(read.status, 200);
    assert.doesNotMatch(read.body, />(Write the planning|Submit the [a-z ]+|Agree the planning|Mark as reviewed|Return it with comments)</);
    assert.equal((await analyst.post(`${href}/review`, { version: '12' })).status, 403);
    assert.equal((await llme.get(`${href}/nonsense`)).status, 404);
    assert.equal((await llme.get(`${href}/agree`)).status, 404, 'a step is a button, not a page');
  });
});

describe('versions', () => {
  test('every version listed with its comments; two compared: the words removed and added, marked for everyone', async () => {
    const list = await amhl.get(`${href}/versions`);
    assert.equal(list.status, 200);
    assert.match(list.body, /Returned \(Planning returned\)/);
    assert.match(list.body, /Say which Year 4 classes/);
    const cmp = await llme.get(`${href}/compare?from=3&to=6`);
    assert.equal(cmp.status, 200);
    assert.match(cmp.body, /Version 3 and version 6/);
    assert.match(cmp.body, /<del class="mh-removed"><span class="govuk-visually-hidden">Removed: <\/span>pupils explain<span class="govuk-visually-hidden"> \(end of removed\)<\/span><\/del>/);
    assert.match(cmp.body, /<ins class="mh-added"><span class="govuk-visually-hidden">Added: <\/span>classes 4B and 4R<span/);
    assert.match(cmp.body, /1 answer changed; \d+ the same\./);
    const bad = await llme.get(`${href}/compare?from=3&to=999`);
    assert.equal(bad.status, 400);
    assert.deepEqual(errorSummary(bad.body), [['#from', 'Select two versions of this form to compare']]);
    assert.equal((await otherLlme.get(`${href}/versions`)).status, 404);
    assert.equal((await otherLlme.get(`${href}/compare?from=1&to=2`)).status, 404);
  });
});

describe('a save after the session ended', () => {
  test('what was typed is kept for its person, given back once signed in, and saved; never for anyone else', async () => {
    // a second activity of the same LLME, its form just started
    const ncp = await sql("SELECT id FROM projects WHERE code = 'NCP24-09'");
    const made = await mhl.post('/activities/new?hub=SW4', { ncp, year: String(year), years: '1', format: 'online',
      sessions: '2', status: 'recruiting', leads: [llme.id], link: amhl.id });
    assert.equal(made.status, 303);
    const page = `${made.headers.location}/happi/planning`;
    assert.equal((await llme.post(page, planning({ schedule: 'First plan' }))).status, 303);
    // three hours later the LLME presses Save: their session has ended
    const lapsed = await sessionFor(srv, llme.id, { at: Math.floor(Date.now() / 1000) - 3 * 3600 });
    let r = await lapsed.post(page, planning({ version: '1', schedule: 'An hour of careful planning' }));
    assert.equal(r.status, 401);
    assert.match(r.body, /We have kept what you typed, for a week/);
    assert.equal(await sql(`SELECT count(*) FROM kept_forms WHERE person_id = ${llme.id} AND path = '${page}'`), '1');
    assert.doesNotMatch(await sql(`SELECT content FROM happi_forms WHERE activity_id = ${made.headers.location.split('/').pop()}`),
      /careful planning/, 'nothing saved');
    assert.doesNotMatch(await sql('SELECT fields FROM kept_forms'), /csrf_token/, 'the form token is not kept');
    // a lapsed session cannot fill the table: its person's newest 20 pages are kept
    for (let i = 0; i < 25; i++)
      assert.equal((await lapsed.post(`/activities/${9000 + i}/happi/planning`, { schedule: `flood ${i}`, version: '0' })).status, 401);
    assert.equal(await sql(`SELECT count(*) FROM kept_forms WHERE person_id = ${llme.id}`), '20');
    r = await lapsed.post(page, planning({ version: '1', schedule: 'An hour of careful planning' }));
    assert.equal(r.status, 401);
    assert.equal(await sql(`SELECT count(*) FROM kept_forms WHERE person_id = ${llme.id} AND path = '${page}'`), '1');
    // a form from elsewhere (not this session's token) is refused, not kept
    r = await request(srv.base, page, { method: 'POST', body: 'csrf_token=guess&schedule=planted&version=1',
      headers: { Cookie: lapsed.cookie, 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(r.status, 403);
    assert.doesNotMatch(await sql('SELECT fields FROM kept_forms'), /planted/);
    // signed in again: the page gives it back, with its version; another person is never given it
    const back = await sessionFor(srv, llme.id);
    const home = await back.get('/');
    assert.match(home.body, /Text we kept for you/, 'the home page, where signing in lands, leads back to it');
    assert.ok(home.body.includes(`href="${page}"`));
    assert.doesNotMatch((await mhl.get('/')).body, /Text we kept for you/, "nobody else's");
    const form = await back.get(page);
    assert.match(form.body, /We kept what you typed here when you were signed out/);
    assert.match(form.body, /An hour of careful planning<\/textarea>/);
    assert.doesNotMatch((await mhl.get(page)).body, /careful planning/);
    r = await back.post(page, planning({ version: '1', schedule: 'An hour of careful planning' }));
    assert.equal(r.status, 303);
    assert.equal(await sql(`SELECT count(*) FROM kept_forms WHERE person_id = ${llme.id} AND path = '${page}'`), '0', 'saved: forgotten');
    assert.doesNotMatch((await back.get(page)).body, /We kept what you typed/);
    assert.ok(!(await back.get('/')).body.includes(`href="${page}"`), 'saved: no longer on the home page');
  });
});

describe('quality assurance notes', () => {
  test('the link adds them (a visit needs its date); the LLME never sees them; another hub is not told', async () => {
    let r = await amhl.post(`${href}/qa`, { kind: 'visit', body: 'Saw 4B: reasoning aloud in pairs' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#visited-day', 'Enter the date of the visit']]);
    assert.match(r.body, /Saw 4B: reasoning aloud in pairs<\/textarea>/);
    r = await amhl.post(`${href}/qa`, { kind: 'visit', 'visited-day': '12', 'visited-month': '11', 'visited-year': String(year),
      body: 'Saw 4B: reasoning aloud in pairs' });
    assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
    r = await amhl.post(`${href}/qa`, { kind: 'mechanism', mechanism: 'embed_practice', body: 'Routines not yet shared across year groups' });
    assert.equal(r.status, 303);
    const page = await amhl.get(`${href}/qa`);
    assert.match(page.body, /QA visit on Thursday 12 November/);
    assert.match(page.body, /Embed practice/);
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'happi_qa_added' AND subject = 'activity:${id}'`), '2');
    assert.equal((await analyst.get(`${href}/qa`)).status, 200, 'the national team reads them');
    assert.equal((await llme.get(`${href}/qa`)).status, 403);
    assert.equal((await llme.post(`${href}/qa`, { kind: 'note', body: 'mine' })).status, 403);
    const form = await llme.get(href);
    assert.doesNotMatch(form.body, /reasoning aloud in pairs|Quality assurance notes/);
    assert.equal((await otherLlme.get(`${href}/qa`)).status, 404);
    assert.doesNotMatch((await llme.get(`${href}/versions`)).body, /reasoning aloud/);
  });
});

describe("on the activity's page", () => {
  test('its form this year, linked; a Work Group with no outcomes for pupils is warned about, never blocked', async () => {
    const page = await llme.get(`/activities/${id}`);
    assert.match(page.body, new RegExp(`<a class="govuk-link" href="/activities/${id}/happi\\?year=${year}">HAPPI form, \\d{4}/\\d\\d</a>: Reviewed`));
    assert.doesNotMatch(page.body, /no outcomes for pupils|no expected outcomes for pupils/);
    const ncp10 = await sql("SELECT id FROM projects WHERE code = 'NCP24-10'");
    const ncp09 = await sql("SELECT id FROM projects WHERE code = 'NCP24-09'");
    const make = async (ncp) => (await mhl.post('/activities/new?hub=SW4', { ncp, year: String(year), years: '1',
      format: 'online', sessions: '2', status: 'planned', leads: [llme.id], link: amhl.id })).headers.location;
    const none = await make(ncp10);
    assert.match((await llme.get(none)).body, /NCP24-10 has no expected outcomes for pupils yet: the handbook expects every Work Group to state them/);
    const untailored = await make(ncp09);
    assert.match((await amhl.get(untailored)).body, /This Work Group has no outcomes for pupils in its HAPPI form yet/);
    assert.match((await amhl.get(untailored)).body, />HAPPI form, \d{4}\/\d\d<\/a>: not started/);
    assert.doesNotMatch((await analyst.get(untailored)).body, /has no outcomes for pupils/, 'told to its writers and link only');
    assert.doesNotMatch((await participant.get(untailored)).body, /HAPPI form/);
  });
});

describe('the due dates', () => {
  test('the national team sets them, within the year, planning before final; audited; nobody else may', async () => {
    const admin = await roleSession(srv, 'admin@happi.example', 'national_admin');
    const page = `/admin/happi-dates?year=${year}`;
    assert.equal((await admin.get(page)).status, 200);
    const date = (prefix, y, m, d) => ({ [`${prefix}-day`]: String(d), [`${prefix}-month`]: String(m), [`${prefix}-year`]: String(y) });
    let r = await admin.post(page, { ...date('planning', year + 1, 9, 1), ...date('final', year, 10, 1) });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body).map(([, m]) => m), [`Planning due by must be in ${year}/${String(year + 1).slice(2)}`,
      'Final form due by must be after the planning is due']);
    r = await admin.post(page, { ...date('planning', year, 10, 1), ...date('final', year + 1, 7, 15) });
    assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
    assert.equal(await sql(`SELECT planning_due || ' ' || final_due FROM happi_due WHERE year = ${year}`), `${year}-10-01 ${year + 1}-07-15`);
    assert.equal(await sql("SELECT count(*) FROM audit_log WHERE action = 'happi_dates_set'"), '1');
    assert.equal((await mhl.get(page)).status, 403);
    assert.equal((await mhl.post(page, { ...date('planning', year, 10, 2), ...date('final', year + 1, 7, 15) })).status, 403);
  });
});

describe('the lists', () => {
  test("the LLME's forms, the link's (waiting first), the hub's with counts; overdue against the national dates", async () => {
    const own = await llme.get('/happi');
    assert.equal(own.status, 200);
    assert.match(own.body, /Activities you lead/);
    assert.match(own.body, /Reviewed/);
    assert.match(own.body, new RegExp(`href="/activities/${id}/happi\\?year=${year}"`));
    const linked = await amhl.get('/happi');
    assert.match(linked.body, /As MHLM link/);
    const hub = await mhl.get('/hubs/SW4/happi');
    assert.equal(hub.status, 200);
    assert.match(hub.body, /4 activities: 2 not started, 1 draft, 1 reviewed\./);
    const today = new Date().toISOString().slice(0, 10);
    if (today > `${year}-10-01`) // the second activity's planning, saved but not submitted, is late once its date has passed
      assert.match(hub.body, /Planning overdue/);
    assert.equal((await llme.get('/hubs/SW4/happi')).status, 403, "an LLME reads their own, not the hub's");
    assert.equal((await otherLlme.get('/hubs/SW4/happi')).status, 403);
    assert.equal((await analyst.get('/hubs/SW4/happi')).status, 200);
    assert.equal((await mhl.get('/hubs/XX9/happi')).status, 404);
    // across the hubs: counts by NCP and by hub, for the national team and a Project Lead (their NCP's)
    const national = await analyst.get('/happi/national');
    assert.equal(national.status, 200);
    const row = (code) => new RegExp(`<th scope="row" class="govuk-table__header">${code}[^<]*</th>((?:<td[^>]*>[^<]*</td>){9})`).exec(national.body);
    const cells = (m) => [...m[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]);
    assert.deepEqual(cells(row('NCP24-09')), ['3', '1', '1', '0', '0', '0', '0', '0', '1'], 'activities, not started, draft, ..., reviewed');
    assert.deepEqual(cells(row('NCP24-10')), ['1', '1', '0', '0', '0', '0', '0', '0', '0']);
    assert.ok(row('GLOW'), 'by hub');
    // the reviewed form's judgements (each of its three outcomes met), through the handbook's two lenses
    assert.match(national.body, /in the 1 form submitted at the end of the year/);
    const lens = (head) => [...new RegExp(`<th scope="row" class="govuk-table__header">${head}</th>((?:<td[^>]*>[^<]*</td>){7})`)
      .exec(national.body)[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]);
    assert.deepEqual(lens('Lens 1: mathematics, for pupils, schools and departments'), ['2', '0', '0', '2', '0', '0', '100%']);
    assert.deepEqual(lens('of which for pupils'), ['1', '0', '0', '1', '0', '0', '100%']);
    assert.deepEqual(lens('Lens 2: professional learning and practice'), ['1', '0', '0', '1', '0', '0', '100%']);
    assert.equal(await sql(`SELECT count(*) FROM happi_judgements WHERE activity_id = ${id}`), '3');
    const lead = await roleSession(srv, 'lead10@happi.example', 'participant');
    await sql(`UPDATE role_grants SET role = 'project_lead', project_id = (SELECT id FROM projects WHERE code = 'NCP24-10') WHERE person_id = ${lead.id}`);
    const theirs = await lead.get('/happi/national');
    assert.equal(theirs.status, 200);
    assert.match(theirs.body, /NCP24-10/);
    assert.doesNotMatch(theirs.body, /NCP24-09/, "a Project Lead sees their own NCP's");
    assert.equal((await mhl.get('/happi/national')).status, 403);
  });
});
