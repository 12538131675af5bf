// A local activity's HAPPI form (src/happi/content.c, own outcomes): with
// no NCP to give it national outcomes, its planning states outcomes of its
// own, and the handbook's rule for its kind holds before it is submitted
// (a Work Group: pupils, schools or departments, professional practice).
// An own outcome emptied is removed; a new one never takes an old one's
// key, so its impact and every version read the same outcome.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { dbQuery, errorSummary, roleSession, useServer } from './lib.mjs';

const srv = useServer();
const sql = (q) => dbQuery(srv, q);
const year = new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
let mhl, llme, link, href;

const planning = (version, over = {}) => ({ version: String(version), schedule: 'Launch in October\nReview in March',
  'new-pupils': '', 'new-schools': '', 'new-practice': '', methods: ['interviews'], methods_other: '', agreed: ['mhlm_link'], ...over });
const outcomes = async () => JSON.parse(await sql(`SELECT content FROM happi_forms WHERE activity_id = ${href.split('/')[2]}`)).outcomes
  .map((o) => [o.id, o.kind, o.local]);

before(async () => {
  await srv.started;
  mhl = await roleSession(srv, 'mhl@happi-local.example', 'mhl', 'SW4');
  llme = await roleSession(srv, 'llme@happi-local.example', 'llme', 'SW4');
  link = await roleSession(srv, 'link@happi-local.example', 'amhl', 'SW4');
  const r = await mhl.post('/activities/new?hub=SW4', { ncp: 'local', kind: 'Work Group', title: 'Research Work Group: number sense',
    cohort: 'none', cohort_label: '', year: String(year), years: '1', format: 'online', sessions: '4', capacity: '', capacity_of: 'schools',
    status: 'recruiting', phases: ['Primary'], leads: [llme.id], link: link.id });
  assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
  href = `${r.headers.location}/happi`;
});

describe("a local activity's own outcomes", () => {
  test('not started: the page says it states its own; the planning offers one of each kind', async () => {
    const page = await llme.get(href);
    assert.equal(page.status, 200);
    assert.match(page.body, /This activity has no NCP, so it states outcomes of its own: none yet\./);
    const form = await llme.get(`${href}/planning`);
    assert.equal(form.status, 200);
    for (const k of ['pupils', 'schools', 'practice']) assert.match(form.body, new RegExp(`name="new-${k}"`));
    assert.match(form.body, /Add an outcome for pupils/);
    const activity = await llme.get(href.replace(/\/happi$/, ''));
    assert.match(activity.body, /This Work Group has no outcomes for pupils in its HAPPI form yet/);
  });

  test("submitted with only pupils': what its kind still needs, on the fields to add them; nothing written", async () => {
    let r = await llme.post(`${href}/planning`, planning(0, { 'new-pupils': 'Pupils use number lines to explain' }));
    assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
    assert.deepEqual(await outcomes(), [[-1, 'pupils', 'Pupils use number lines to explain']]);
    const activity = await llme.get(href.replace(/\/happi$/, ''));
    assert.doesNotMatch(activity.body, /no outcomes for pupils/, 'its own outcome for pupils counts');
    r = await llme.post(`${href}/submit-planning`, { version: '1' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [
      ['#new-schools', 'A Work Group must state at least one outcome for schools or departments'],
      ['#new-practice', 'A Work Group must state at least one outcome for professional practice']]);
    assert.equal(await sql(`SELECT status FROM happi_forms WHERE activity_id = ${href.split('/')[2]}`), 'draft');
  });

  test('added, one emptied (removed), another added: new numbers, never an old one', async () => {
    let r = await llme.post(`${href}/planning`, planning(1, { 'local-own1': 'Pupils use number lines to explain', 'new-schools': 'Departments plan together', 'new-practice': 'Teachers question well' }));
    assert.equal(r.status, 303);
    assert.deepEqual((await outcomes()).map((o) => o[0]), [-1, -2, -3]);
    r = await llme.post(`${href}/planning`, planning(2, { 'local-own2': 'Departments plan together', 'local-own3': 'Teachers question well',
      'local-own1': '', 'new-pupils': 'Pupils reason about size' }));
    assert.equal(r.status, 303);
    assert.deepEqual(await outcomes(), [[-2, 'schools', 'Departments plan together'], [-3, 'practice', 'Teachers question well'],
      [-4, 'pupils', 'Pupils reason about size']]);
    const page = await llme.get(href);
    assert.match(page.body, /This activity&#39;s own outcome|This activity's own outcome/);
    assert.match(page.body, /Pupils reason about size/);
    assert.doesNotMatch(page.body, /Pupils use number lines/, 'the emptied one is gone from the form');
    const cmp = await llme.get(`${href}/compare?from=2&to=3`);
    assert.equal(cmp.status, 200);
    assert.match(cmp.body, /Pupils use number lines/, 'and kept in the version before');
  });

  test('submitted and agreed: the impact asks about each own outcome, by its own text', async () => {
    assert.equal((await llme.post(`${href}/submit-planning`, { version: '3' })).status, 303);
    assert.equal((await link.post(`${href}/agree`, { version: '4' })).status, 303);
    const form = await llme.get(`${href}/impact`);
    assert.equal(form.status, 200);
    assert.match(form.body, /Pupils reason about size/);
    for (const n of [2, 3, 4]) assert.match(form.body, new RegExp(`name="judgement-own${n}"`));
    const planningPage = await llme.get(`${href}/planning`);
    assert.equal(planningPage.status, 403, 'agreed: its outcomes stay as agreed');
  });
});
