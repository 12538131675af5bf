// A survey's completion rolled up (src/surveys/completion*.c, completion.h;
// issue 14 "Completion rolls up per hub, NCP and nationally"): invited,
// completed, not yet and the rate for the reader's group, by NCP, by lead
// hub and (narrowed) by activity, lowest rate first; as CSV and XLSX. The
// reach is the results' (results_access.c): the national team everything,
// a Project Lead their NCP (forced), hub leadership their hub (forced), an
// LLME the activities they lead (a hub or NCP filter narrows those, as on
// the results page).
//
// The fixture (tests/lib/survey-results-fixture.mjs), counted by hand for
// the autumn survey, with two changes made here: a fourth activity A4 (EE1,
// NCP24-08: 4 invited, 1 completed), and two participants who left their
// activity: A2's fifth (not completed: no longer counted, A2 is 4 of 4) and
// A1's first (completed before leaving: still counted, A1 stays 7 of 8).
//   A1 SW4 NCP24-06  8 invited 7 completed  87%
//   A2 SW4 NCP24-08  4         4           100%
//   A3 EE1 NCP24-06  5         5           100%
//   A4 EE1 NCP24-08  4         1            25%
//   every activity  21        17  (4 not yet)  80%
//   NCP24-06 13/12 92%; NCP24-08 8/5 62%; SW4 12/11 91%; EE1 9/6 66%
// (a completion rate rounds down, core/percent.h: never 100% while someone
// is still to complete; 87.5 is 87%)
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { dbQuery, plain, roleSession, tableRows, useServer } from './lib.mjs';
import { csvOf, downloadAs, sheetRows } from '../lib/downloads.mjs';
import { surveyResultsFixture } from '../lib/survey-results-fixture.mjs';

const srv = useServer();
const sql = (s) => dbQuery(srv, s);
let admin, analyst, lead06, mhl, ee1Mhl, llme1, participant, ids, names;

const download = (who, target) => downloadAs(srv.base, who, target);
const sheetOf = sheetRows;
const completion = (q = '') => `/surveys/${ids.autumn}/completion${q}`;
const summary = (body) => plain(body).match(/Who it covers (.*?) Invited (\d+) Completed (\d+) Not completed yet (\d+) Completion rate (\S+)/)?.slice(1);
const hrefs = (body, caption) => {
  const at = body.indexOf(`${caption}</caption>`);
  const table = body.slice(at, body.indexOf('</table>', at));
  return [...table.matchAll(/<th scope="row"[^>]*><a class="govuk-link" href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
};

/** Never a name, an email or an answer. */
function countsOnly(text) {
  assert.ok(!text.includes('Secret Name'), 'a participant\'s name');
  assert.ok(!/p\d-A\d@/.test(text), 'a participant\'s email');
  assert.ok(!text.includes('Great sessions') && !text.includes('Loved the bar models'), 'an answer');
}

before(async () => {
  await srv.started;
  admin = await roleSession(srv, 'admin@completion.example', 'national_admin');
  analyst = await roleSession(srv, 'analyst@completion.example', 'national_analyst');
  lead06 = await roleSession(srv, 'lead06@completion.example', 'participant');
  await sql(`UPDATE role_grants SET role = 'project_lead', project_id = (SELECT id FROM projects WHERE code = 'NCP24-06')
             WHERE person_id = ${lead06.id}`);
  mhl = await roleSession(srv, 'mhl@completion.example', 'hub_manager', 'SW4');
  ee1Mhl = await roleSession(srv, 'mhl-ee1@completion.example', 'mhl', 'EE1');
  llme1 = await roleSession(srv, 'llme1@completion.example', 'llme', 'SW4');
  participant = await roleSession(srv, 'teacher@completion.example', 'participant');
  ids = await surveyResultsFixture(srv, { llmes: { A1: llme1.id }, tag: 'completion', status: 'open' }); // chased while open
  const now = Math.floor(Date.now() / 1000);
  // A4: EE1, NCP24-08; four invited, the first completed
  ids.A4 = Number(await sql(`INSERT INTO activities (project_id, kind, lead_hub_id, first_year, last_year, title, format, status,
    created_by, created_at, updated_at) VALUES ((SELECT id FROM projects WHERE code = 'NCP24-08'), 'Work Group', (SELECT id FROM hubs WHERE code = 'EE1'),
    2024, 2024, 'Readiness Norwich', 'online', 'running', ${admin.id}, ${now}, ${now}) RETURNING id`));
  for (let i = 1; i <= 4; i++) {
    const person = await sql(`INSERT INTO people (email, name, created_at) VALUES ('p${i}-A4@completion.example', 'Secret Name A4-${i}', ${now}) RETURNING id`);
    await sql(`INSERT INTO survey_invites (template_id, activity_id, person_id, token_hash, token_sealed, invited_at, completed_at)
      VALUES (${ids.autumn}, ${ids.A4}, ${person}, 'h-completion-a4-${i}', 'x', ${now}, ${i === 1 ? now : 'NULL'})`);
  }
  // two who left: A2's fifth (never completed) and A1's first (completed before leaving)
  for (const [act, email] of [['A2', 'p5-A2@completion.example'], ['A1', 'p1-A1@completion.example']])
    await sql(`INSERT INTO activity_participants (activity_id, person_id, role, joined_on, left_on, added_at)
      VALUES (${ids[act]}, (SELECT id FROM people WHERE email = '${email}'), 'teacher', '2024-09-01', '2024-11-01', ${now})`);
  names = {};
  for (const code of ['NCP24-06', 'NCP24-08']) names[code] = (await sql(`SELECT title FROM projects WHERE code = '${code}'`)).trim();
  for (const code of ['SW4', 'EE1']) names[code] = (await sql(`SELECT name FROM hubs WHERE code = '${code}'`)).trim();
});

describe('the completion of the autumn survey, rolled up', () => {
  test('nationally: the total, by NCP and by lead hub, lowest rate first, each linking to its narrower view', async () => {
    const r = await admin.get(completion());
    assert.equal(r.status, 200);
    assert.deepEqual(summary(r.body), ['Every activity', '21', '17', '4', '80%']);
    assert.match(plain(r.body), /A survey is completed when the person has sent their answers with their own link/);
    assert.deepEqual(tableRows(r.body, 'By NCP'), [
      [`NCP24-08 ${names['NCP24-08']}`, '62% 5 of 8', '3'],
      [`NCP24-06 ${names['NCP24-06']}`, '92% 12 of 13', '1'],
    ]);
    assert.deepEqual(tableRows(r.body, 'By lead hub'), [
      [`${names.EE1} (EE1)`, '66% 6 of 9', '3'],
      [`${names.SW4} (SW4)`, '91% 11 of 12', '1'],
    ]);
    assert.deepEqual(hrefs(r.body, 'By NCP'), [completion('?ncp=NCP24-08'), completion('?ncp=NCP24-06')]);
    assert.deepEqual(hrefs(r.body, 'By lead hub'), [completion('?hub=EE1'), completion('?hub=SW4')]);
    assert.equal(tableRows(r.body, 'By activity'), null, 'no activity table nationally');
    assert.match(r.body, new RegExp(`href="/surveys/${ids.autumn}/completion\\.csv" download>Download as CSV`));
    assert.match(r.body, new RegExp(`href="/surveys/${ids.autumn}/results">Results of the answers`));
    countsOnly(r.body);
  });

  test('a hub: its total, by NCP and by activity (each linking to the activity\'s page, where it is chased)', async () => {
    const r = await analyst.get(completion('?hub=sw4'));
    assert.equal(r.status, 200);
    assert.deepEqual(summary(r.body), [`Activities led by ${names.SW4} (SW4)`, '12', '11', '1', '91%']);
    assert.deepEqual(tableRows(r.body, 'By NCP'), [
      [`NCP24-06 ${names['NCP24-06']}`, '87% 7 of 8', '1'],
      [`NCP24-08 ${names['NCP24-08']}`, '100% 4 of 4', '0'],
    ]);
    assert.deepEqual(hrefs(r.body, 'By NCP'), [completion('?ncp=NCP24-06&hub=SW4'), completion('?ncp=NCP24-08&hub=SW4')]);
    assert.equal(tableRows(r.body, 'By lead hub'), null);
    // the hub is fixed, so each activity's hint is its NCP
    assert.deepEqual(tableRows(r.body, 'By activity'), [
      ['Mastering Number Cornwall NCP24-06', '87% 7 of 8', '1'],
      ['Readiness Plymouth NCP24-08', '100% 4 of 4', '0'],
    ]);
    assert.deepEqual(hrefs(r.body, 'By activity'), [`/activities/${ids.A1}#surveys`, `/activities/${ids.A2}#surveys`]);
    countsOnly(r.body);
  });

  test('an NCP: by lead hub and by activity; an NCP and a hub together: one activity', async () => {
    let r = await admin.get(completion('?ncp=NCP24-08'));
    assert.deepEqual(summary(r.body), [`NCP24-08 ${names['NCP24-08']}`, '8', '5', '3', '62%']);
    assert.deepEqual(tableRows(r.body, 'By lead hub'), [
      [`${names.EE1} (EE1)`, '25% 1 of 4', '3'],
      [`${names.SW4} (SW4)`, '100% 4 of 4', '0'],
    ]);
    assert.deepEqual(tableRows(r.body, 'By activity'), [
      ['Readiness Norwich EE1', '25% 1 of 4', '3'],
      ['Readiness Plymouth SW4', '100% 4 of 4', '0'],
    ]);
    assert.equal(tableRows(r.body, 'By NCP'), null);
    r = await admin.get(completion('?ncp=NCP24-06&hub=EE1'));
    assert.deepEqual(summary(r.body).slice(1), ['5', '5', '0', '100%']);
    assert.deepEqual(tableRows(r.body, 'By activity'), [['Mastering Number Norfolk', '100% 5 of 5', '0']]);
  });

  test('a participant who has left is not counted unless they completed first, as on the activity\'s own page', async () => {
    // A2 on its page: 4 of 4, the one who left neither counted nor listed
    const page = await admin.get(`/activities/${ids.A2}`);
    assert.match(plain(page.body), /Completed by 4 of 4 invited: 100%/);
    const r = await admin.get(completion(`?activity=${ids.A2}`));
    assert.deepEqual(summary(r.body).slice(1), ['4', '4', '0', '100%']);
    // A1's leaver had completed: still 7 of 8
    assert.match(plain((await admin.get(`/activities/${ids.A1}`)).body), /Completed by 7 of 8 invited: 87%/);
    assert.deepEqual(summary((await admin.get(completion(`?activity=${ids.A1}`))).body).slice(1), ['8', '7', '1', '87%']);
  });

  test('no links sent in a group: said so, no tables', async () => {
    const r = await admin.get(`/surveys/${ids.summer}/completion?hub=EE1&ncp=NCP24-08`);
    assert.equal(r.status, 200);
    assert.deepEqual(summary(r.body).slice(1), ['0', '0', '0', 'No']);
    assert.match(plain(r.body), /No survey links have been sent in this group yet/);
    assert.equal(tableRows(r.body, 'By activity'), null);
  });
});

describe('who sees which completion: the results\' reach', () => {
  test('hub leadership: their hub, forced; another hub 403', async () => {
    let r = await mhl.get(completion());
    assert.equal(r.status, 200);
    assert.deepEqual(summary(r.body), [`Activities led by ${names.SW4} (SW4)`, '12', '11', '1', '91%']);
    assert.equal(tableRows(r.body, 'By lead hub'), null);
    assert.equal(tableRows(r.body, 'By activity').length, 2);
    r = await mhl.get(completion('?hub=EE1'));
    assert.equal(r.status, 403);
    assert.equal((await download(mhl, completion('.csv?hub=EE1'))).status, 403);
    assert.equal((await mhl.get(completion(`?activity=${ids.A3}`))).status, 403);
    r = await ee1Mhl.get(completion());
    assert.deepEqual(summary(r.body).slice(1), ['9', '6', '3', '66%']);
    assert.deepEqual(tableRows(r.body, 'By activity').map((x) => x[0]), ['Readiness Norwich NCP24-08', 'Mastering Number Norfolk NCP24-06']);
  });

  test('a Project Lead: forced to their NCP; another NCP 403', async () => {
    let r = await lead06.get(completion());
    assert.equal(r.status, 200);
    assert.deepEqual(summary(r.body), [`NCP24-06 ${names['NCP24-06']}`, '13', '12', '1', '92%']);
    assert.equal(tableRows(r.body, 'By NCP'), null);
    assert.deepEqual(tableRows(r.body, 'By lead hub').map((x) => x[0]), [`${names.SW4} (SW4)`, `${names.EE1} (EE1)`]);
    assert.equal((await lead06.get(completion('?ncp=NCP24-08'))).status, 403);
    assert.equal((await download(lead06, completion('.xlsx?ncp=NCP24-08'))).status, 403);
    r = await lead06.get(completion('?hub=EE1'));
    assert.equal(r.status, 200);
    assert.deepEqual(summary(r.body).slice(1), ['5', '5', '0', '100%']);
  });

  test('an LLME: the activities they lead; a hub or an NCP narrows them (as the results do); another\'s activity 403', async () => {
    const r = await llme1.get(completion());
    assert.equal(r.status, 200);
    assert.deepEqual(summary(r.body), ['The activities you lead', '8', '7', '1', '87%']);
    assert.deepEqual(tableRows(r.body, 'By activity'), [['Mastering Number Cornwall SW4, NCP24-06', '87% 7 of 8', '1']]);
    assert.equal(tableRows(r.body, 'By NCP'), null);
    assert.equal(tableRows(r.body, 'By lead hub'), null);
    assert.match(r.body, /Narrow the completion/, 'the same filters as the results');
    // their own activity's hub and NCP: the same one activity, never the hub's or the NCP's others
    for (const q of ['?hub=SW4', '?ncp=NCP24-06', '?hub=SW4&ncp=NCP24-06']) {
      const n = await llme1.get(completion(q));
      assert.equal(n.status, 200, q);
      assert.deepEqual(summary(n.body).slice(1), ['8', '7', '1', '87%'], q);
      assert.match(summary(n.body)[0], /The activities you lead/, q);
      assert.deepEqual(tableRows(n.body, 'By activity'), [[tableRows(n.body, 'By activity')[0][0], '87% 7 of 8', '1']], q);
      assert.equal(tableRows(n.body, 'By NCP'), null, q);
      assert.equal(tableRows(n.body, 'By lead hub'), null, q);
      const d = await download(llme1, completion(`.csv${q}`));
      assert.equal(d.status, 200, q);
      assert.deepEqual(csvOf(d).slice(1).map((row) => [row[0], row[3], row.slice(5).join(' ')]),
        [['Total', '', '8 7 1 87%'], ['Activity', String(ids.A1), '8 7 1 87%']], q);
      countsOnly(n.body);
    }
    // a hub or an NCP of none of theirs: nothing of anyone else's, counted as none
    for (const q of ['?hub=EE1', '?ncp=NCP24-08']) {
      const n = await llme1.get(completion(q));
      assert.equal(n.status, 200, q);
      assert.deepEqual(summary(n.body).slice(1), ['0', '0', '0', 'No'], q);
      assert.match(plain(n.body), /No survey links have been sent in this group yet/, q);
      assert.equal((await download(llme1, completion(`.xlsx${q}`))).status, 200, q);
      countsOnly(n.body);
    }
    // the results and paired change take the same filter the same way
    assert.equal((await llme1.get(`/surveys/${ids.autumn}/results?hub=EE1`)).status, 200);
    for (const target of [completion(`?activity=${ids.A2}`), completion(`?hub=SW4&activity=${ids.A2}`)]) {
      assert.equal((await llme1.get(target)).status, 403, target);
      assert.equal((await download(llme1, target.replace('/completion', '/completion.csv'))).status, 403, target);
    }
    assert.equal((await llme1.get(completion(`?activity=${ids.A1}`))).status, 200);
  });

  test('filters not understood 400; no such survey 404; someone who reads no results 403', async () => {
    for (const q of ['?hub=XX9', '?ncp=NOPE', '?activity=abc', '?activity=-3']) {
      assert.equal((await admin.get(completion(q))).status, 400, q);
      assert.equal((await download(admin, completion(`.xlsx${q}`))).status, 400, q);
    }
    assert.equal((await mhl.get(completion('?hub=XX9'))).status, 400);
    assert.equal((await admin.get('/surveys/999999/completion')).status, 404);
    assert.equal((await download(admin, '/surveys/999999/completion.csv')).status, 404);
    assert.equal((await participant.get(completion())).status, 403);
  });
});

describe('the downloads', () => {
  test('CSV nationally: the total, then by NCP and by lead hub, as on the page', async () => {
    const d = await download(analyst, completion('.csv'));
    assert.equal(d.status, 200);
    assert.match(d.type, /text\/csv/);
    assert.match(d.disposition, /survey-completion-autumn-2024-25\.csv/);
    assert.deepEqual(csvOf(d), [
      ['Level', 'NCP', 'Lead hub', 'Activity number', 'Name', 'Invited', 'Completed', 'Not yet', 'Completion rate'],
      ['Total', '', '', '', 'Every activity', '21', '17', '4', '80%'],
      ['NCP', 'NCP24-08', '', '', names['NCP24-08'], '8', '5', '3', '62%'],
      ['NCP', 'NCP24-06', '', '', names['NCP24-06'], '13', '12', '1', '92%'],
      ['Lead hub', '', 'EE1', '', names.EE1, '9', '6', '3', '66%'],
      ['Lead hub', '', 'SW4', '', names.SW4, '12', '11', '1', '91%'],
    ]);
    countsOnly(d.bytes.toString('utf8'));
  });

  test('XLSX of a hub (its leadership): numbers as numbers, by NCP and by activity', async () => {
    const d = await download(mhl, completion('.xlsx'));
    assert.equal(d.status, 200);
    assert.match(d.disposition, /survey-completion-autumn-2024-25-sw4\.xlsx/);
    const rows = await sheetOf(d);
    assert.deepEqual(rows, [
      ['Level', 'NCP', 'Lead hub', 'Activity number', 'Name', 'Invited', 'Completed', 'Not yet', 'Completion rate'],
      ['Total', '', 'SW4', '', `Activities led by ${names.SW4} (SW4)`, 12, 11, 1, 0.91],
      ['NCP', 'NCP24-06', 'SW4', '', names['NCP24-06'], 8, 7, 1, 0.87],
      ['NCP', 'NCP24-08', 'SW4', '', names['NCP24-08'], 4, 4, 0, 1],
      ['Activity', 'NCP24-06', 'SW4', Number(ids.A1), 'Mastering Number Cornwall', 8, 7, 1, 0.87],
      ['Activity', 'NCP24-08', 'SW4', Number(ids.A2), 'Readiness Plymouth', 4, 4, 0, 1],
    ]);
    countsOnly(JSON.stringify(rows));
  });
});

describe('links to the completion', () => {
  test('from the results page, the year\'s results list, the template page and the templates list', async () => {
    let r = await mhl.get(`/surveys/${ids.autumn}/results`);
    assert.match(r.body, new RegExp(`href="/surveys/${ids.autumn}/completion\\?hub=SW4">Completion by NCP, hub and activity`));
    r = await mhl.get('/surveys/paired?year=2024');
    assert.match(r.body, new RegExp(`href="/surveys/${ids.autumn}/completion\\?hub=SW4">Completion`));
    r = await admin.get(`/surveys/${ids.autumn}`);
    assert.match(r.body, new RegExp(`href="/surveys/${ids.autumn}/completion"[^>]*>\\s*Completion`));
    r = await admin.get('/surveys?year=2024');
    assert.match(r.body, new RegExp(`href="/surveys/${ids.autumn}/completion">Completion<span class="govuk-visually-hidden"> of the Autumn survey 2024/25`));
  });
});

describe('a completion rate rounds down: the 100% target only when everyone has completed, never 0% when someone has', () => {
  test('199 of 200 is 99%, 1 of 300 is "under 1%" ("<1%" in the downloads), 0 of 3 is 0%: page, activity, results, CSV, XLSX', async () => {
    const now = Math.floor(Date.now() / 1000);
    const llme = Number(await sql(`INSERT INTO survey_templates (project_id, year, kind, title, status, content, created_at, updated_at)
      VALUES (NULL, 2024, 'llme', 'LLME survey 2024/25', 'open', '{"sections":[]}', ${now}, ${now}) RETURNING id`));
    const act = {};
    for (const [key, n, done] of [['A5', 200, 199], ['A6', 300, 1], ['A7', 3, 0]]) {
      act[key] = Number(await sql(`INSERT INTO activities (project_id, kind, lead_hub_id, first_year, last_year, title, format, status,
        created_by, created_at, updated_at) VALUES ((SELECT id FROM projects WHERE code = 'NCP24-08'), 'Work Group', (SELECT id FROM hubs WHERE code = 'EE1'),
        2024, 2024, 'Rounding ${key}', 'online', 'running', ${admin.id}, ${now}, ${now}) RETURNING id`));
      await sql(`WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < ${n})
          INSERT INTO people (email, name, created_at) SELECT 'r' || k || '-${key}@completion.example', 'Secret Name ${key}', ${now} FROM n;
        INSERT INTO survey_invites (template_id, activity_id, person_id, token_hash, token_sealed, invited_at, completed_at)
          SELECT ${llme}, ${act[key]}, id, 'h-round-' || id, 'x', ${now}, CASE WHEN id - (SELECT min(id) FROM people WHERE email LIKE 'r%-${key}@completion.example') < ${done} THEN ${now} ELSE NULL END
          FROM people WHERE email LIKE 'r%-${key}@completion.example'`);
    }
    const at = (q) => `/surveys/${llme}/completion${q}`;
    const r = await admin.get(at('?hub=EE1'));
    assert.equal(r.status, 200);
    assert.deepEqual(summary(r.body).slice(1), ['503', '200', '303', '39%']); // 39.76
    assert.deepEqual(tableRows(r.body, 'By activity'), [
      ['Rounding A7 NCP24-08', '0% 0 of 3', '3'],
      ['Rounding A6 NCP24-08', 'under 1% 1 of 300', '299'],
      ['Rounding A5 NCP24-08', '99% 199 of 200', '1'],
    ]);
    assert.deepEqual(summary((await admin.get(at(`?activity=${act.A5}`))).body).slice(1), ['200', '199', '1', '99%']);
    assert.match(plain((await admin.get(at(`?activity=${act.A6}`))).body), /Completion rate under 1% \(the target is 100%\)/);
    // the activity's own Surveys part and the results page say the same
    assert.match(plain((await admin.get(`/activities/${act.A5}`)).body), /Completed by 199 of 200 invited: 99% \(the target is 100%\)/);
    assert.match(plain((await admin.get(`/activities/${act.A6}`)).body), /Completed by 1 of 300 invited: under 1% \(the target is 100%\)/);
    assert.match(plain((await admin.get(`/surveys/${llme}/results?activity=${act.A5}`)).body), /Completion rate 99% \(the target is 100%\)/);
    assert.match(plain((await admin.get(`/surveys/${llme}/results?activity=${act.A6}`)).body), /Completion rate under 1% \(the target is 100%\)/);
    const rates = (rows) => rows.slice(1).map((row) => [row[0], String(row[3]), row[8]]);
    const csv = await download(admin, at('.csv?hub=EE1'));
    assert.deepEqual(rates(csvOf(csv)), [['Total', '', '39%'], ['NCP', '', '39%'], ['Activity', String(act.A7), '0%'], ['Activity', String(act.A6), '<1%'],
      ['Activity', String(act.A5), '99%']]);
    // the workbook's rates are numbers (a percentage format), but for "<1%", said in words
    const xlsx = await download(admin, at('.xlsx?hub=EE1'));
    assert.deepEqual(rates(await sheetOf(xlsx)), [['Total', '', 0.39], ['NCP', '', 0.39], ['Activity', String(act.A7), 0], ['Activity', String(act.A6), '<1%'],
      ['Activity', String(act.A5), 0.99]]);
    // everyone: 100%
    await sql(`UPDATE survey_invites SET completed_at = ${now} WHERE activity_id = ${act.A5}`);
    assert.deepEqual(summary((await admin.get(at(`?activity=${act.A5}`))).body).slice(1), ['200', '200', '0', '100%']);
  });
});
