// Survey results and paired change (src/surveys/results*.c, paired.c;
// docs/plans/surveys.md "Results"): the results of a template for a group
// (every activity, an NCP, a lead hub, one activity), with completion at the
// top, charts and their tables for choices and the agree scale, numbers as
// answered and mean (never a lowest or a highest: one person's answers), free
// text as a count and the texts for
// those who may read them; the paired change of a year from the autumn to the
// summer survey; both as CSV and XLSX. Every expected number is worked by
// hand from the fixture (tests/lib/survey-results-fixture.mjs). Never an
// internal section, never a name, never a breakdown of fewer than 5; who
// sees what: the national team everything, a Project Lead their NCP's counts,
// hub leadership their hub's (forced), an LLME only their activity. Answers
// only once a survey has closed; and no group shows what a wider one less it
// would tell of fewer than 5 (the blocks of src/surveys/blocks.c), worked by
// hand here: A2 (SW4, NCP24-08, 4 answers) is pooled with A1 (SW4, NCP24-06,
// 7), the hub's smallest block; so SW4 shows both, A1 and A2 alone nothing,
// NCP24-06 only A3 (EE1, 5). The comments (A1 5, A2 2, A3 2): A3's 2 join
// SW4's 7 and every comment is one block, read only for every activity.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { dbQuery, errorSummary, plain, roleSession, tableRows, useServer } from './lib.mjs';
import { csvOf, downloadAs, firstSheet, sheetRows } from '../lib/downloads.mjs';
import { QA_QUESTION, QA_SECRET, recountSurveys, surveyResultsFixture } from '../lib/survey-results-fixture.mjs';

const srv = useServer();
const sql = (s) => dbQuery(srv, s);
let admin, analyst, lead06, mhl, ee1Mhl, llme1, llme2, participant, linkRole, ids;

const download = (who, target) => downloadAs(srv.base, who, target);
const sheetOf = sheetRows;
const results = (q = '') => `/surveys/${ids.autumn}/results${q}`;
const chart = (body, question) => tableRows(body, `The numbers: ${question}`);
const PHASE = 'Which phase do you teach?';
const RESOURCES = 'Which resources did you use?';
const CONFIDENCE = 'I feel confident teaching fractions';
const COMMENTS = 'Anything else you would like to tell us?';
// The downloads' columns (results_export.c): the results' after their heading row and 6 heading rows
// (survey, year, who it covers, invited, completed, completion rate), the paired change's after 3 (year,
// who it covers, people who completed both surveys)
const RESULT_HEADS = ['Section', 'Question key', 'Question', 'Question type', 'Answer', 'People', 'Share', 'Value'];
const RESULTS_TOP = 7;
const PAIRED_TOP = 4;
const [KEY, QTYPE, ANSWER, PEOPLE, SHARE, VALUE] = [1, 3, 4, 5, 6, 7];
const MULTIPLE = 'Multiple choice (shares add up to more than 100%)';
const PAIRED_HEADS = ['Question key', 'Question', 'Pairs', 'Mean change', 'Moved up', 'Stayed', 'Moved down',
  'Pairs not counted here, to protect a small group',
  'Pairs not counted here, from activities where 1 to 4 people answered the question in only one of the two surveys',
  "Share of the group's pairs in the change"];

/** Nothing a page or a file may never hold: the internal section, a name. */
function neverLeaks(text) {
  assert.ok(!text.includes(QA_SECRET), 'an internal section\'s answer');
  assert.ok(!text.includes(QA_QUESTION) && !text.includes('(QA)'), 'an internal section\'s question');
  assert.ok(!text.includes('Secret Name'), 'a participant\'s name');
  assert.ok(!/p\d-A\d@/.test(text), 'a participant\'s email');
}

before(async () => {
  await srv.started;
  admin = await roleSession(srv, 'admin@results.example', 'national_admin');
  analyst = await roleSession(srv, 'analyst@results.example', 'national_analyst');
  lead06 = await roleSession(srv, 'lead06@results.example', 'participant');
  await sql(`UPDATE role_grants SET role = 'project_lead', project_id = (SELECT id FROM projects WHERE code = 'NCP24-06')
             WHERE person_id = ${lead06.id}`);
  linkRole = await roleSession(srv, 'link@results.example', 'participant');
  await sql(`UPDATE role_grants SET role = 'hub_lead_link', project_id = (SELECT id FROM projects WHERE code = 'NCP24-06')
             WHERE person_id = ${linkRole.id}`);
  mhl = await roleSession(srv, 'mhl@results.example', 'hub_manager', 'SW4');
  ee1Mhl = await roleSession(srv, 'mhl-ee1@results.example', 'mhl', 'EE1');
  llme1 = await roleSession(srv, 'llme1@results.example', 'llme', 'SW4');
  llme2 = await roleSession(srv, 'llme2@results.example', 'llme', 'SW4');
  participant = await roleSession(srv, 'teacher@results.example', 'participant');
  ids = await surveyResultsFixture(srv, { llmes: { A1: llme1.id, A2: llme2.id } });
});

describe('the results of the autumn survey', () => {
  test('every activity (the national team): completion, charts, numbers and free text, worked by hand', async () => {
    const r = await admin.get(results());
    assert.equal(r.status, 200);
    const text = plain(r.body);
    assert.match(text, /Who it covers Every activity Invited 18 Completed 16 Completion rate 88% \(the target is 100%\)/);
    assert.deepEqual(chart(r.body, PHASE), [['Primary', '10', '63%'], ['Secondary', '6', '38%']]);
    assert.match(text, /Which resources did you use\? 15 people answered; each could choose more than one answer, so the shares add up to more than 100%;/);
    assert.match(text, /Which phase do you teach\? 16 people answered; the numbers are in the table/);
    assert.deepEqual(chart(r.body, RESOURCES), [['NCETM PD materials', '9', '60%'], ['Textbooks', '7', '47%'], ['Other', '4', '27%']]);
    assert.deepEqual(chart(r.body, CONFIDENCE), [['Strongly disagree', '1', '6%'], ['Disagree', '3', '19%'],
      ['Neither agree nor disagree', '4', '25%'], ['Agree', '5', '31%'], ['Strongly agree', '3', '19%']]);
    assert.match(r.body, /<svg class="mh-chart__bars"[^>]*role="img"[^>]*aria-labelledby="q-confidence-caption"/);
    assert.match(text, /How many years have you taught\? Answered 16 Mean 7\.56 (?!Lowest)/);
    assert.ok(!text.includes('Lowest') && !text.includes('Highest'), 'one person\'s answer');
    assert.ok(!text.includes('not counted here'), 'every activity: nothing left out');
    assert.match(text, /Anything else you would like to tell us\? 9 people answered\. Read the answers \(9\) Clear explanations Great sessions, thank you Helpful sessions Loved the bar models More time for planning Needs more examples OK overall Too fast Useful/);
    // the answer saved part-way (a "Strongly agree" and no years) is not counted: 3 strongly agree, not 4
    neverLeaks(r.body);
    assert.ok(!r.body.includes('qa-rating') && !r.body.includes('Quality assurance'));
    assert.match(r.body, new RegExp(`href="/surveys/${ids.autumn}/results\\.csv" download>Download as CSV`));
  });

  test('narrowed to a lead hub, an NCP, an activity: counted in SQL for that group', async () => {
    let r = await analyst.get(results('?hub=sw4'));
    assert.equal(r.status, 200);
    let text = plain(r.body);
    assert.match(text, /Who it covers Activities led by [^;]+\(SW4\) Invited 13 Completed 11 Completion rate 84%/);
    assert.deepEqual(chart(r.body, PHASE), [['Primary', '6', '55%'], ['Secondary', '5', '45%']]);
    assert.deepEqual(chart(r.body, CONFIDENCE).map((x) => x[1]), ['1', '2', '3', '3', '2']);
    assert.match(text, /How many years have you taught\? Answered 11 Mean 8\.09/);
    // SW4's comments (7) would tell, from every activity's 9, EE1's 2
    assert.match(text, /Anything else you would like to tell us\? 7 answers are not counted here, to protect a group of fewer than 5 elsewhere/);
    r = await analyst.get(results('?ncp=NCP24-06'));
    text = plain(r.body);
    assert.match(text, /Invited 13 Completed 12 Completion rate 92%/);
    // A1 is in a block with A2 (NCP24-08): only A3 here, A1's 7 left out
    assert.match(text, /How many years have you taught\? 7 answers are not counted here[^?]*Answered 5 Mean 6\.40/);
    assert.deepEqual(chart(r.body, PHASE), [['Primary', '4', '80%'], ['Secondary', '1', '20%']]);
    r = await analyst.get(results(`?activity=${ids.A1}`));
    text = plain(r.body);
    assert.match(text, /Who it covers Activity \d+: Mastering Number Cornwall Invited 8 Completed 7 Completion rate 87%/);
    // SW4 (11) less A1 (7) would be A2's 4
    assert.equal(chart(r.body, CONFIDENCE), null);
    assert.match(text, /I feel confident teaching fractions 7 answers are not counted here/);
    assert.ok(!/Mean \d/.test(text));
    // hub and NCP together: A1 only
    r = await analyst.get(results('?hub=SW4&ncp=NCP24-06'));
    assert.match(plain(r.body), /Invited 8 Completed 7/);
    assert.ok(!r.body.includes('<svg'));
  });

  test('a group of 4 shows no breakdown anywhere: page, CSV, XLSX', async () => {
    const q = `?activity=${ids.A2}`;
    const r = await admin.get(results(q));
    assert.equal(r.status, 200);
    const text = plain(r.body);
    assert.match(text, /Invited 5 Completed 4 Completion rate 80%/);
    assert.match(text, /4 people completed the survey in this group: fewer than 5, so no answers are broken down/);
    assert.ok(!r.body.includes('<svg'), 'no chart');
    assert.equal(chart(r.body, PHASE), null);
    // A2 is the small group itself: said plainly, never "elsewhere"
    assert.match(text, /Which phase do you teach\? 4 people answered: fewer than 5, so the answers are not shown, to keep them anonymous\./);
    assert.match(text, /Anything else you would like to tell us\? 2 people answered: fewer than 5/);
    assert.ok(!text.includes('elsewhere') && !text.includes('not counted here'), 'nothing said to be protected elsewhere');
    assert.ok(!/Mean \d/.test(text));
    assert.ok(!text.includes('Great sessions'), 'no free text');
    const csv = csvOf(await download(admin, results(`.csv${q}`)));
    assert.deepEqual(csv[0], RESULT_HEADS);
    const body = csv.slice(RESULTS_TOP);
    // one row a question: the group's own count, too few
    const NOT = 'Not shown: fewer than 5 answered';
    assert.deepEqual(body.map((x) => [x[KEY], x[ANSWER], x[PEOPLE]]), [
      ['phase', NOT, '4'], ['resources', NOT, '4'], ['confidence', NOT, '4'], ['years', NOT, '4'], ['comments', NOT, '2']]);
    const xlsx = await sheetOf(await download(admin, results(`.xlsx${q}`)));
    assert.deepEqual(xlsx.slice(RESULTS_TOP).map((x) => [x[KEY], x[ANSWER], x[PEOPLE]]),
      body.map((x) => [x[KEY], x[ANSWER], Number(x[PEOPLE])]));
    for (const t of [JSON.stringify(csv), JSON.stringify(xlsx)]) {
      assert.ok(!t.includes('Great sessions') && !t.includes('Primary'));
      neverLeaks(t);
    }
  });

  test('CSV and XLSX of every activity: the page\'s numbers, never the internal section or a name', async () => {
    const c = await download(admin, results('.csv'));
    assert.equal(c.status, 200);
    assert.match(c.type, /^text\/csv/);
    assert.match(c.disposition, /filename="survey-results-autumn-2024-25\.csv"/);
    const csv = csvOf(c);
    const rows = (key) => csv.filter((x) => x[1] === key).map((x) => x.slice(ANSWER));
    // under the headings: the survey, its year, who it covers, and completion as the page has it, each
    // figure its own row (the rate never in the Share column, which is of a question's answers)
    const gap = (row) => [...row, ...Array(RESULT_HEADS.length - row.length).fill('')];
    assert.deepEqual(csv.slice(1, RESULTS_TOP), [gap(['Survey', '', 'Autumn survey 2024/25 (Autumn participant survey 2024/25, every NCP)']),
      gap(['Year', '', '2024/25']), gap(['Who it covers', '', 'Every activity']), gap(['Invited', '', '18']),
      gap(['Completed', '', '16']), gap(['Completion rate', '', '88%'])]);
    // each question's type, a multiple-choice one's shares said to add up to more than 100%
    const types = Object.fromEntries(csv.slice(RESULTS_TOP).map((x) => [x[KEY], x[QTYPE]]));
    assert.deepEqual(types, { phase: 'Single choice', resources: MULTIPLE, confidence: 'Agreement (5-point scale)',
      years: 'Number', comments: 'Free text' });
    assert.deepEqual(rows('resources'), [['Answered', '15', '', ''], ['NCETM PD materials', '9', '60%', ''],
      ['Textbooks', '7', '47%', ''], ['Other', '4', '27%', '']]);
    // a column means one thing throughout: Share only ever a question's answer's
    assert.ok(csv.slice(1).every((x) => x[SHARE] === '' || (/^\d+%$/.test(x[SHARE]) && x[ANSWER] !== '')), JSON.stringify(csv));
    assert.deepEqual(rows('phase'), [['Answered', '16', '', ''], ['Primary', '10', '63%', ''], ['Secondary', '6', '38%', '']]);
    assert.deepEqual(rows('confidence').map((x) => x[1]), ['16', '1', '3', '4', '5', '3']);
    assert.deepEqual(rows('years'), [['Answered', '16', '', ''], ['Mean', '', '', '7.56']]);
    assert.deepEqual(rows('comments').map((x) => x[0]), ['Answered', 'Clear explanations', 'Great sessions, thank you',
      'Helpful sessions', 'Loved the bar models', 'More time for planning', 'Needs more examples', 'OK overall', 'Too fast', 'Useful']);
    neverLeaks(c.bytes.toString('utf8'));
    const x = await download(admin, results('.xlsx'));
    assert.equal(x.status, 200);
    assert.match(x.disposition, /filename="survey-results-autumn-2024-25\.xlsx"/);
    const sheet = await sheetOf(x);
    assert.deepEqual(sheet[0], csv[0]);
    assert.deepEqual(sheet.filter((r) => r[1] === 'years').map((r) => [r[ANSWER], r[PEOPLE], r[VALUE]]),
      [['Answered', 16, ''], ['Mean', '', 7.56]]);
    assert.deepEqual(sheet.filter((r) => r[1] === 'phase').map((r) => r[PEOPLE]), [16, 10, 6]);
    // the heading rows' counts and rate, the shares: numbers (0.63 shown "63%"), not text
    assert.deepEqual(sheet.slice(1, RESULTS_TOP).map((r) => [r[0], r[2]]), [
      ['Survey', 'Autumn survey 2024/25 (Autumn participant survey 2024/25, every NCP)'], ['Year', '2024/25'],
      ['Who it covers', 'Every activity'], ['Invited', 18], ['Completed', 16], ['Completion rate', 0.88]]);
    assert.deepEqual(sheet.filter((r) => r[1] === 'phase').map((r) => r[SHARE]), ['', 0.63, 0.38]);
    assert.deepEqual(sheet.filter((r) => r[1] === 'resources').map((r) => [r[QTYPE], r[SHARE]]),
      [[MULTIPLE, ''], [MULTIPLE, 0.6], [MULTIPLE, 0.47], [MULTIPLE, 0.27]]);
    const ws = await firstSheet(x);
    const cellOf = (key, answer, col) => {
      let found;
      ws.eachRow((row, n) => {
        if (n > 1 && row.getCell(KEY + 1).value === key && row.getCell(ANSWER + 1).value === answer) found = row.getCell(col + 1);
      });
      return found;
    };
    assert.equal(cellOf('phase', 'Primary', SHARE).numFmt, '0%');
    assert.equal(cellOf('years', 'Mean', VALUE).numFmt, '0.00');
    assert.equal(ws.getRow(RESULTS_TOP).getCell(3).numFmt, '0%', 'the completion rate');
    neverLeaks(JSON.stringify(sheet));
    // a mean as the page has it, to two places: NCP24-06's 6.40 ("6.40" in the CSV, 6.4 shown 6.40 in
    // the workbook), SW4's 8.09
    for (const [q, mean] of [['?ncp=NCP24-06', '6.40'], ['?hub=SW4', '8.09']]) {
      const m = csvOf(await download(admin, results(`.csv${q}`))).filter((r) => r[KEY] === 'years' && r[ANSWER] === 'Mean');
      assert.deepEqual(m.map((r) => r[VALUE]), [mean], q);
      const w = await firstSheet(await download(admin, results(`.xlsx${q}`)));
      const cells = [];
      w.eachRow((row) => { if (row.getCell(ANSWER + 1).value === 'Mean') cells.push(row.getCell(VALUE + 1)); });
      assert.deepEqual(cells.map((c) => [c.value, c.numFmt]), [[Number(mean), '0.00']], q);
    }
    // narrowed: the group in the file's name
    const h = await download(admin, results('.csv?hub=SW4&ncp=NCP24-06'));
    assert.match(h.disposition, /filename="survey-results-autumn-2024-25-ncp24-06-sw4\.csv"/);
  });
});

describe('the internal sections\' answers (quality assurance): the national team only', () => {
  // qa-rating is 1 + (i % 5) of each completed autumn invite: A1 1,2,3,4,5,1,2; A2 1,2,3,4; A3 1,2,3,4,5
  const QA_RATING = 'The Work Group was run as planned (QA)';
  const qaPage = (q = '') => `/surveys/${ids.autumn}/quality-assurance${q}`;

  test('the national team reads them for every activity and a group, with the results\' rules', async () => {
    const r = await admin.get(qaPage());
    assert.equal(r.status, 200);
    const text = plain(r.body);
    assert.match(text, /Internal: for the national team only/);
    assert.match(text, /Who it covers Every activity Invited 18 Completed 16/);
    assert.deepEqual(chart(r.body, QA_RATING), [['Strongly disagree', '4', '25%'], ['Disagree', '4', '25%'],
      ['Neither agree nor disagree', '3', '19%'], ['Agree', '3', '19%'], ['Strongly agree', '2', '13%']]);
    assert.ok(r.body.includes(QA_QUESTION), 'the internal free-text question');
    assert.match(text, /16 people answered\. Read the answers \(16\)/);
    assert.ok(r.body.includes(`${QA_SECRET} A1-1`) && r.body.includes(`${QA_SECRET} A3-5`), 'the internal free texts');
    // only the internal sections: never the reported questions, never a name
    assert.ok(!r.body.includes(PHASE) && !r.body.includes(COMMENTS));
    assert.ok(!r.body.includes('Secret Name') && !/p\d-A\d@/.test(r.body));
    // a hub's: A1 and A2 (11), one block; one activity of 4: no breakdown
    const hub = await admin.get(qaPage('?hub=SW4'));
    assert.match(plain(hub.body), /Completed 11/);
    assert.deepEqual(chart(hub.body, QA_RATING).map((x) => x[1]), ['3', '3', '2', '2', '1']);
    const small = await admin.get(qaPage(`?activity=${ids.A2}`));
    assert.equal(small.status, 200);
    assert.equal(chart(small.body, QA_RATING), null);
    assert.ok(!small.body.includes(QA_SECRET));
    // A1 alone would tell, from SW4's, A2's 4: left out, as on the results page
    const one = plain((await analyst.get(qaPage(`?activity=${ids.A1}`))).body);
    assert.match(one, new RegExp(`${QA_RATING.replace(/[()]/g, '\\$&')} 7 answers are not counted here`));
    // the CSV: the same, all the texts
    const c = await download(admin, qaPage('.csv'));
    assert.equal(c.status, 200);
    assert.match(c.disposition, /filename="survey-quality-assurance-autumn-2024-25\.csv"/);
    const csv = csvOf(c);
    assert.deepEqual(csv.filter((x) => x[1] === 'qa-rating').map((x) => x[5]), ['16', '4', '4', '3', '3', '2']);
    assert.equal(csv.filter((x) => x[1] === 'qa-notes' && x[4].startsWith(QA_SECRET)).length, 16);
    assert.ok(!csv.some((x) => x[1] === 'phase' || x[1] === 'comments'));
  });

  test('linked for the national team from the template and results pages; never in the results', async () => {
    const page = await admin.get(results());
    assert.ok(page.body.includes(`href="/surveys/${ids.autumn}/quality-assurance"`));
    neverLeaks(page.body);
    assert.ok(page.body.includes(`href="/surveys/${ids.autumn}/quality-assurance?hub=SW4"`) === false);
    assert.ok((await admin.get(results('?hub=SW4'))).body.includes(`href="/surveys/${ids.autumn}/quality-assurance?hub=SW4"`));
    assert.ok((await admin.get(`/surveys/${ids.autumn}`)).body.includes(`href="/surveys/${ids.autumn}/quality-assurance"`));
    for (const who of [mhl, lead06, llme1]) {
      const r = await who.get(results());
      assert.equal(r.status, 200);
      assert.ok(!r.body.includes('quality-assurance'), 'no link for a reader beyond the national team');
    }
    assert.ok(!(await lead06.get(`/surveys/${ids.autumn}`)).body.includes('quality-assurance"'));
  });

  test('a hub lead, a Project Lead and an LLME are refused (403), page and CSV, whatever the group', async () => {
    for (const who of [mhl, ee1Mhl, lead06, llme1]) {
      for (const target of [qaPage(), qaPage('.csv'), qaPage(`?activity=${ids.A1}`), qaPage('?hub=SW4')]) {
        const r = await who.get(target);
        assert.equal(r.status, 403, target);
        assert.ok(!r.body.includes(QA_SECRET) && !r.body.includes(QA_QUESTION), target);
      }
    }
    assert.equal((await admin.get('/surveys/999999/quality-assurance')).status, 404);
    assert.equal((await admin.get(qaPage('?hub=XX9'))).status, 400);
  });
});

describe('free text beyond the 200 the page lists', () => {
  // An activity (T, EE1, NCP24-06) whose 201 completed autumn invites each answer the comments
  // "Zz answer 000" to "Zz answer 200" (after the fixture's 9 in the order of their words): every
  // activity's comments are then 210; the page lists the first 200 (the 9, then Zz answer 000 to
  // 190) and says how many there are; the CSV has all 210.
  test('the page reads and lists the first 200 of 210 in order; the CSV all', async () => {
    const now = Math.floor(Date.now() / 1000);
    const t = await sql(`INSERT INTO activities (project_id, kind, lead_hub_id, first_year, last_year, title, format, status,
      created_by, created_at, updated_at) VALUES ((SELECT id FROM projects WHERE code = 'NCP24-06'), 'Work Group',
      (SELECT id FROM hubs WHERE code = 'EE1'), 2024, 2024, 'Mastering Number Essex', 'online', 'running', ${admin.id}, ${now}, ${now})
      RETURNING id`);
    const n = (i) => String(i).padStart(3, '0');
    const stmts = [];
    for (let i = 0; i <= 200; i++) {
      stmts.push(`INSERT INTO people (email, name, created_at) VALUES ('many${i}@results.example', 'Many ${i}', ${now})`);
      stmts.push(`INSERT INTO survey_invites (template_id, activity_id, person_id, token_hash, token_sealed, invited_at, started_at,
        completed_at, answers) VALUES (${ids.autumn}, ${t}, (SELECT id FROM people WHERE email = 'many${i}@results.example'),
        'h-many-${i}', 'x', ${now}, ${now}, ${now}, '{"saved":["about-you"],"answers":{"comments":["Zz answer ${n(i)}"]}}')`);
      stmts.push(`INSERT INTO survey_values (invite_id, question_key, value_num, value_text) VALUES
        ((SELECT id FROM survey_invites WHERE token_hash = 'h-many-${i}'), 'comments', NULL, 'Zz answer ${n(i)}')`);
    }
    try {
      await sql(stmts.join(';\n') + ';');
      await recountSurveys(srv); // as the close would have counted them
      const page = await admin.get(results());
      assert.equal(page.status, 200);
      const text = plain(page.body);
      assert.match(text, /Anything else you would like to tell us\? 210 people answered\. Read the answers \(210\) The first 200, in alphabetical order/);
      const listed = [...page.body.matchAll(/<li>Zz answer (\d+)<\/li>/g)].map((m) => m[1]);
      assert.equal(listed.length, 191);
      assert.deepEqual([listed[0], listed.at(-1)], ['000', '190']);
      assert.match(text, /Useful Zz answer 000/);
      const csv = csvOf(await download(admin, results('.csv')));
      const comments = csv.filter((x) => x[1] === 'comments').map((x) => x[ANSWER]);
      assert.equal(comments.length, 211); // Answered, then all 210
      assert.deepEqual(comments.slice(-2), ['Zz answer 199', 'Zz answer 200']);
    } finally {
      await sql(`DELETE FROM survey_values WHERE invite_id IN (SELECT id FROM survey_invites WHERE activity_id = ${t})`);
      await sql(`DELETE FROM survey_invites WHERE activity_id = ${t}`);
      await sql(`DELETE FROM activities WHERE id = ${t}`);
      await sql(`DELETE FROM people WHERE email LIKE 'many%@results.example'`);
      await recountSurveys(srv); // the whole programme's counted without them again
    }
  });
});

describe('answers only once a survey has closed', () => {
  test('an open survey: completion, and no answer anywhere: page, CSV, XLSX, paired change', async () => {
    await sql(`UPDATE survey_templates SET status = 'open' WHERE id IN (${ids.autumn}, ${ids.summer})`);
    try {
      const r = await admin.get(results());
      assert.equal(r.status, 200);
      const text = plain(r.body);
      assert.match(text, /Invited 18 Completed 16 Completion rate 88%/);
      assert.match(text, /Answers are shown once the survey has closed\. While it is open, results that change as each person finishes would tell/);
      assert.ok(!r.body.includes('<svg') && chart(r.body, PHASE) === null && !/Mean \d/.test(text) && !text.includes('Too fast'));
      assert.match(r.body, new RegExp(`href="/surveys/${ids.autumn}/close">Close the survey`));
      const csv = csvOf(await download(admin, results('.csv')));
      assert.ok(csv.slice(RESULTS_TOP).every((x) => x[ANSWER] === 'Not shown until the survey closes' && x[PEOPLE] === ''),
        JSON.stringify(csv));
      const xlsx = await sheetOf(await download(admin, results('.xlsx')));
      assert.ok(xlsx.slice(RESULTS_TOP).every((x) => x[ANSWER] === 'Not shown until the survey closes'));
      // the LLME sees who has not answered on the activity's page: never live answers
      assert.ok(!plain((await llme1.get(results())).body).includes('Too fast'));
      const p = await admin.get('/surveys/paired?year=2024');
      assert.match(plain(p.body), /People who completed both surveys 0/);
      assert.deepEqual(tableRows(p.body, 'Change from autumn to summer')[0].slice(1), ['Not shown note 1', '0', '']);
      assert.match(plain(p.body), /Notes I feel confident teaching fractions: Not shown: fewer than 5 pairs\./);
    } finally {
      await sql(`UPDATE survey_templates SET status = 'closed' WHERE id IN (${ids.autumn}, ${ids.summer})`);
    }
  });
});

describe('who sees what', () => {
  test('hub leadership: forced to their hub, with free text; another hub refused', async () => {
    let r = await mhl.get(results());
    assert.equal(r.status, 200);
    let text = plain(r.body);
    assert.match(text, /Lead hub: [^(]*\(SW4\)/);
    assert.match(text, /Invited 13 Completed 11/);
    // the hub's own: every block of SW4 is whole in it; the comments' block reaches EE1
    assert.deepEqual(chart(r.body, PHASE), [['Primary', '6', '55%'], ['Secondary', '5', '45%']]);
    assert.match(text, /Anything else you would like to tell us\? 7 answers are not counted here/);
    for (const t of ['Helpful sessions', 'Too fast', 'Great sessions']) assert.ok(!text.includes(t), t);
    neverLeaks(r.body);
    r = await ee1Mhl.get(results());
    assert.match(plain(r.body), /Invited 5 Completed 5/);
    for (const who of [mhl]) {
      assert.equal((await who.get(results('?hub=EE1'))).status, 403);
      assert.equal((await who.get(results(`?activity=${ids.A3}`))).status, 403);
      assert.equal((await download(who, results('.csv?hub=EE1'))).status, 403);
    }
    const csv = csvOf(await download(mhl, results('.csv')));
    assert.deepEqual(csv.filter((x) => x[1] === 'phase').map((x) => x[PEOPLE]), ['11', '6', '5']);
    assert.ok(!csv.some((x) => x[ANSWER] === 'Too fast' || x[ANSWER] === 'Clear explanations'));
  });

  test('a Project Lead: their NCP\'s counts, never the free text', async () => {
    const r = await lead06.get(results());
    assert.equal(r.status, 200);
    const text = plain(r.body);
    assert.match(text, /NCP: NCP24-06/);
    assert.match(text, /Invited 13 Completed 12/);
    // NCP24-06 is A1 (in SW4's block with A2: left out) and A3: its comments are in one block with every one
    assert.match(text, /Anything else you would like to tell us\? 7 answers are not counted here/);
    assert.match(text, /How many years have you taught\? 7 answers are not counted here[^?]*Answered 5 Mean 6\.40/);
    for (const t of ['Too fast', 'Clear explanations', 'Loved the bar models']) assert.ok(!text.includes(t), t);
    const csv = await download(lead06, results('.csv'));
    assert.equal(csv.status, 200);
    const rows = csvOf(csv).filter((x) => x[1] === 'comments');
    // 7 left out to protect a small group elsewhere, and none shown: one row
    assert.deepEqual(rows.map((x) => [x[ANSWER], x[PEOPLE]]), [['Not counted here, to protect a small group (wider results count them)', '7']]);
    assert.equal((await lead06.get(results('?ncp=NCP24-08'))).status, 403);
    assert.equal((await lead06.get(results(`?activity=${ids.A2}`))).status, 403);
  });

  test('an LLME: only the activity they lead; never what SW4 less theirs would tell; fewer than 5, nothing', async () => {
    let r = await llme1.get(results());
    assert.equal(r.status, 200);
    let text = plain(r.body);
    assert.match(text, /Who it covers The activities you lead Invited 8 Completed 7/);
    // A1 is in a block with A2: SW4's results less A1's would be A2's 4
    assert.equal(chart(r.body, CONFIDENCE), null);
    assert.match(text, /I feel confident teaching fractions 7 answers are not counted here: they are counted together with other activities of your hub, so that no group of fewer than 5 can be told apart\. Your hub's leadership sees them in the hub's results\./);
    assert.ok(!text.includes('Wider results'), 'an LLME can open no wider results');
    for (const t of ['Loved the bar models', 'Too fast']) assert.ok(!text.includes(t), t);
    neverLeaks(r.body);
    assert.equal((await llme1.get(results(`?activity=${ids.A2}`))).status, 403);
    assert.equal((await download(llme1, results(`.xlsx?activity=${ids.A3}`))).status, 403);
    r = await llme2.get(results());
    text = plain(r.body);
    assert.match(text, /Invited 5 Completed 4/);
    assert.ok(!r.body.includes('<svg') && !text.includes('Great sessions') && !/Mean \d/.test(text));
    const csv = csvOf(await download(llme2, results('.csv')));
    assert.ok(csv.slice(RESULTS_TOP).every((x) => x[ANSWER] === 'Not shown: fewer than 5 answered' ||
      x[ANSWER].startsWith('Not counted here')),
      JSON.stringify(csv));
  });

  test('a Project Lead of two NCPs reads both; an NCP found whatever its case and year', async () => {
    const grant = `(SELECT id FROM projects WHERE code = 'NCP24-08')`;
    await sql(`INSERT INTO role_grants (person_id, role, project_id, granted_at) VALUES (${lead06.id}, 'project_lead', ${grant}, 0)`);
    try {
      let r = await lead06.get(results());
      assert.equal(r.status, 200);
      let text = plain(r.body);
      // NCP24-06 and NCP24-08: every activity of the fixture, every block whole
      assert.match(text, /Who it covers Your NCPs' activities Invited 18 Completed 16/);
      assert.deepEqual(chart(r.body, PHASE), [['Primary', '10', '63%'], ['Secondary', '6', '38%']]);
      r = await lead06.get(results('?ncp=NCP24-08'));
      assert.equal(r.status, 200);
      assert.match(plain(r.body), /Invited 5 Completed 4/);
      assert.equal((await lead06.get(results(`?activity=${ids.A2}`))).status, 200);
      assert.equal((await lead06.get(results('?ncp=NCP24-07a'))).status, 403, 'an NCP they do not lead');
      const c = await lead06.get(`/surveys/${ids.autumn}/completion`);
      assert.equal(c.status, 200);
      assert.match(plain(c.body), /Invited 18/);
    } finally {
      await sql(`DELETE FROM role_grants WHERE person_id = ${lead06.id} AND project_id = ${grant}`);
    }
    // the catalogue's codes as they are ("NCP24-07a"), found whatever the case they come in
    let r = await admin.get(results('?ncp=NCP24-07a'));
    assert.equal(r.status, 200);
    assert.match(plain(r.body), /Who it covers NCP24-07a /);
    r = await admin.get(results('?ncp=ncp24-06'));
    assert.equal(r.status, 200);
    assert.match(plain(r.body), /Who it covers NCP24-06 [^;]*Invited 13 Completed 12/);
    // an activity of an earlier year's NCP answering this year's survey: its NCP is found too
    await sql(`INSERT INTO academic_years (code, starts_on, ends_on) SELECT '2023/24', '2023-09-01', '2024-08-31'
               WHERE NOT EXISTS (SELECT 1 FROM academic_years WHERE code = '2023/24')`);
    await sql(`INSERT INTO projects (code, academic_year_id, title, kind, develops_llmes) SELECT 'NCP23-06',
               (SELECT id FROM academic_years WHERE code = '2023/24'), 'Mastering Number at KS2 (2023/24)', 'Work Group', 0
               WHERE NOT EXISTS (SELECT 1 FROM projects WHERE code = 'NCP23-06')`);
    const earlier = 'NCP23-06';
    r = await admin.get(results(`?ncp=${encodeURIComponent(earlier)}`));
    assert.equal(r.status, 200, earlier);
    assert.match(plain(r.body), new RegExp(`Who it covers ${earlier} .*Invited 0`));
  });

  test('other scopes refused; visitors sent to sign in; a survey that is not there 404', async () => {
    for (const who of [participant, linkRole])
      for (const target of [results(), results('.csv'), '/surveys/paired?year=2024'])
        assert.equal((await who.get(target)).status, 403, target);
    const anon = await fetch(`${srv.base}${results()}`, { redirect: 'manual' });
    assert.equal(anon.status, 303);
    assert.equal((await admin.get('/surveys/999999/results')).status, 404);
  });

  test('filters not understood: 400', async () => {
    for (const q of ['?hub=XX9', '?ncp=NCP99-99', '?ncp=NCP25-06', '?activity=abc', '?activity=-3', '?activity=999999'])
      assert.equal((await admin.get(results(q))).status, 400, q);
    // a number past any activity's: said as asked, never clipped to the largest there is
    const big = await admin.get(results('?activity=99999999999999999999'));
    assert.equal(big.status, 400);
    assert.match(plain(big.body), /There is no activity number 99999999999999999999\./);
    assert.ok(!big.body.includes('9223372036854775807'));
    for (const q of ['?year=soon', '?year=1999', '?year=2024&hub=XX9'])
      assert.equal((await admin.get(`/surveys/paired${q}`)).status, 400, q);
  });

  test('a filter not understood: the page\'s form again, its error summary linked to the field, nothing read', async () => {
    const cases = [
      ['activity=abc', 'activity', 'Enter the activity as a number, like 120'],
      ['activity=99999', 'activity', 'There is no activity number 99999.'],
      ['ncp=NCP99-99', 'ncp', 'There is no NCP NCP99-99 in 2024/25. Choose one from the list.'],
      ['hub=XX9', 'hub', 'There is no hub with the code XX9. Choose one from the list.'],
    ];
    for (const [q, field, message] of cases)
      for (const [who, path] of [[admin, results(`?${q}`)], [mhl, results(`?${q}`)], [admin, `/surveys/${ids.autumn}/completion?${q}`],
        [admin, `/surveys/paired?year=2024&${q}`], [llme1, `/surveys/paired?year=2024&${q}`]]) {
        if (who !== admin && field === 'hub') continue; // their hub is fixed (or theirs the activities): no hub asked
        const r = await who.get(path);
        assert.equal(r.status, 400, path);
        assert.deepEqual(errorSummary(r.body), [[`#${field}`, message]], path);
        assert.match(r.body, /<title>Error: /);
        assert.match(r.body, new RegExp(`<form method="get" novalidate action="[^"]*">[\\s\\S]*id="${field}"`), path);
        assert.match(r.body, new RegExp(`id="${field}-error"`), path);
        const text = plain(r.body);
        assert.ok(!/Invited|Completed|Who it covers|Change from autumn|Download as CSV/.test(text), `${path}: nothing read shown`);
      }
    // a reader whose hub or NCP is fixed has no list: the summary links to the fixed text, told to clear
    for (const [who, q, field, message] of [[mhl, '?hub=XX9', 'hub', 'There is no hub with the code XX9. Clear the filters to see your own hub\'s results.'],
      [lead06, '?ncp=NCP99-99', 'ncp', 'There is no NCP NCP99-99 in 2024/25. Clear the filters to see your own NCP\'s results.']]) {
      const r = await who.get(results(q));
      assert.equal(r.status, 400, q);
      assert.deepEqual(errorSummary(r.body), [[`#${field}`, message]], q);
      assert.match(r.body, new RegExp(`<p class="govuk-body" tabindex="-1" id="${field}"><strong>`), q);
      assert.equal(r.body.match(new RegExp(`<select[^>]*id="${field}"`)), null, q);
    }
    // what was typed is shown back to be put right; the other filters kept
    const r = await admin.get(results('?activity=abc&hub=SW4'));
    assert.match(r.body, /id="activity" name="activity" type="text" value="abc"/);
    assert.match(r.body, /<option value="SW4" selected>/);
    // two at once: both in the summary
    assert.deepEqual(errorSummary((await admin.get(results('?ncp=NCP99-99&activity=abc'))).body).map((x) => x[0]), ['#activity', '#ncp']);
    // a download cannot show a form: its refusal page, as before
    const d = await admin.get(results('.csv?activity=abc'));
    assert.equal(d.status, 400);
    assert.match(plain(d.body), /Activity not recognised/);
  });

  test('another hub\'s activity: a refusal that links back to the reader\'s own results', async () => {
    let r = await mhl.get(results(`?activity=${ids.A3}`));
    assert.equal(r.status, 403);
    assert.match(r.body, new RegExp(`href="/surveys/${ids.autumn}/results"`));
    assert.match(plain(r.body), /Your hub's results/);
    r = await llme1.get(results(`?activity=${ids.A3}`));
    assert.match(plain(r.body), /The results of the activities you lead/);
    r = await llme1.get(`/surveys/paired?year=2024&activity=${ids.A3}`);
    assert.equal(r.status, 403);
    assert.match(r.body, /href="\/surveys\/paired\?year=2024"/);
  });

  test('the heading: the template\'s reach, never read as the reader\'s', async () => {
    for (const who of [admin, mhl, llme1, lead06]) {
      const text = plain((await who.get(results())).body);
      assert.match(text, /Autumn participant survey 2024\/25 \(the survey for every NCP\) Results: Autumn survey 2024\/25/);
      assert.ok(!text.includes('2024/25, every NCP'));
    }
  });

  test('a draft of another NCP (never open): 404 to readers who do not keep it; its keepers are told it is not open yet', async () => {
    const now = Math.floor(Date.now() / 1000);
    const draft = await sql(`INSERT INTO survey_templates (project_id, year, kind, title, status, content, created_at, updated_at)
      VALUES ((SELECT id FROM projects WHERE code = 'NCP24-07a'), 2024, 'autumn', 'Secret draft of NCP24-07a', 'draft',
      '{"sections":[]}', ${now}, ${now}) RETURNING id`);
    try {
      for (const who of [mhl, ee1Mhl, llme1, lead06, analyst]) {
        for (const path of [`/surveys/${draft}/results`, `/surveys/${draft}/completion`]) {
          const r = await who.get(path);
          assert.equal(r.status, 404, path);
          assert.ok(!r.body.includes('Secret draft'), path);
        }
        assert.ok(!(await who.get('/surveys/paired?year=2024')).body.includes('Secret draft'));
      }
      const r = await admin.get(`/surveys/${draft}/results`);
      assert.equal(r.status, 200);
      const text = plain(r.body);
      assert.match(text, /This survey has not been opened yet, so no one has answered it/);
      assert.ok(!text.includes('While it is open') && !r.body.includes('/close"'));
    } finally {
      await sql(`DELETE FROM survey_templates WHERE id = ${draft}`);
    }
  });
});

describe('paired change', () => {
  const CAPTION = 'Change from autumn to summer';
  // each cell a number (with a note's marker); why, in the numbered notes below the table, one a question
  const HELD = (pairs, n) => `${pairs} more pairs are not counted here: in their activities ${n === 1 ? '1 person answered' : `${n} people answered`} `
    + `only one of the two surveys, and comparing the change with each survey's results would tell ${n === 1 ? 'their answer' : 'their answers'}.`;
  const ONLY_ONE = (n) => (n === 1
    ? 'Not shown: 1 person answered this in only one of the two surveys, and comparing with each survey\'s results would tell their answer'
    : `Not shown: ${n} people answered this in only one of the two surveys, and comparing with each survey's results would tell their answers`);
  const FEW = 'Not shown: fewer than 5 pairs.';
  const LEFT = (n) => `${n} pairs are not counted here, to protect a group of fewer than 5 elsewhere. Wider results count them.`;
  const LEFT_LLME = (n) => `${n} pairs are not counted here: they are counted together with other activities of your hub, so that no group `
    + 'of fewer than 5 can be told apart. Your hub\'s leadership sees them in the hub\'s paired change.';
  // the first row's cells (the markers' "note 1" taken off), then the notes
  const change = (body) => [...tableRows(body, CAPTION)[0].slice(1).map((x) => x.replace(/ note \d+$/, '')),
    ...[...body.matchAll(/<li id="paired-note-\d+">([\s\S]*?)<\/li>/g)].map((m) => plain(m[1]))];
  const note = (text) => `${CONFIDENCE}: ${text}`;
  // Worked by hand from the fixture (confidence, autumn -> summer; pairs are both completed):
  //   A1 (SW4, NCP24-06): 2->4 3->3 4->3 1->5 3->4 2->2: 6 pairs, change +6, up 3, same 2, down 1;
  //      its 7th person completed the autumn survey (answering 5) and not the summer one: 1 in only one survey
  //   A2 (SW4, NCP24-08): 4->5 4->4 5->4 3->5: 4 pairs, change +2, up 2, same 1, down 1; none in only one
  //   A3 (EE1, NCP24-06): 3->4 4->4 2->3 5->3 4->5: 5 pairs, change +1 (+0.20), up 3, same 1, down 1; none
  // Every activity: 15 pairs, change +9 (+0.60). But the autumn results count 16 answers summing
  // 1x1 + 3x2 + 4x3 + 5x4 + 3x5 = 54 and the summer results 15 summing 21 + 18 + 19 = 58, so
  // 58 - 54 - 9 = -5: less the answer of A1's one autumn-only person, told exactly (and the mean before
  // the old page showed, 49/15, told it alone: 54 - 49). So the block of A1 and A2 (1 person in only one
  // survey) is held back from every group's change: every activity's change is A3's alone (+0.20, 5 pairs,
  // with 10 held beside it), SW4's (A1 and A2) shows only its 10 pairs and why, EE1 (A3) its change.
  // Held by block, not by group: else SW4 with a second activity of 5 such people would show, that
  // activity alone too, and the one less the other would be A1's.
  test('every activity: the change of the blocks with none in only one survey; only questions asked on the scale in both', async () => {
    const r = await admin.get('/surveys/paired?year=2024');
    assert.equal(r.status, 200);
    assert.match(plain(r.body), /People who completed both surveys 15/);
    assert.deepEqual(tableRows(r.body, CAPTION), [[CONFIDENCE, '+0.20', '5 note 1', '3', '1', '1']]);
    assert.deepEqual(change(r.body), ['+0.20', '5', '3', '1', '1', note(HELD(10, 1))]);
    // the rules behind a details component: the numbers come first on a phone
    assert.match(r.body, /<summary class="govuk-details__summary">\s*<span class="govuk-details__summary-text">\s*How paired change is counted/);
    assert.ok(!r.body.includes('Mean before') && !r.body.includes('Mean after'), 'no mean before or after');
    assert.ok(!r.body.includes('enjoyed') && !r.body.includes('qa-rating'));
    neverLeaks(r.body);
    assert.match(r.body, new RegExp(`href="/surveys/${ids.autumn}/results">Results: Autumn survey 2024/25`));
    // one heading names the table and its scrolling box: said once, not a heading and a caption too
    assert.equal(plain(r.body).split(CAPTION).length - 1, 1);
    assert.ok(!r.body.includes('<caption'));
    assert.match(r.body, /<h2 class="govuk-heading-m" id="change-heading">Change from autumn to summer<\/h2>/);
    assert.match(r.body, /<div class="mh-table-wrap" role="region" tabindex="0" aria-labelledby="change-heading"><table class="govuk-table" aria-labelledby="change-heading">/);
  });

  test('by hub, by activity; 4 pairs not shown; a few in only one survey not shown', async () => {
    let r = await analyst.get('/surveys/paired?year=2024&hub=SW4');
    assert.deepEqual(change(r.body), ['Not shown', '10', '', note(`${ONLY_ONE(1)}.`)]);
    r = await ee1Mhl.get('/surveys/paired?year=2024');
    assert.deepEqual(change(r.body), ['+0.20', '5', '3', '1', '1']);
    // A1's 6 pairs are in a block with A2's 4 (SW4's 10 less A1's would be A2's); an LLME, who can open
    // no wider group, is told their hub's leadership sees them
    r = await llme1.get('/surveys/paired?year=2024');
    assert.deepEqual(change(r.body), ['Not shown', '0', '', note(`${FEW} ${LEFT_LLME(6)}`)]);
    assert.ok(!plain(r.body).includes('Wider results'));
    r = await llme2.get('/surveys/paired?year=2024');
    assert.deepEqual(change(r.body), ['Not shown', '0', '', note(`${FEW} ${LEFT_LLME(4)}`)]);
    r = await admin.get(`/surveys/paired?year=2024&activity=${ids.A2}`);
    assert.deepEqual(change(r.body), ['Not shown', '0', '', note(`${FEW} ${LEFT(4)}`)]);
    // NCP24-06: A3 only (A1 left out with A2's block), and so no one in only one survey
    r = await admin.get('/surveys/paired?year=2024&ncp=NCP24-06');
    assert.deepEqual(change(r.body), ['+0.20', '5', '3', '1', '1', note(LEFT(6))]);
    assert.equal((await mhl.get('/surveys/paired?year=2024&hub=EE1')).status, 403);
    assert.equal((await llme1.get(`/surveys/paired?year=2024&activity=${ids.A3}`)).status, 403);
  });

  test('CSV and XLSX: the same numbers; 4 pairs not shown; pairs held back beside a change', async () => {
    const c = await download(admin, '/surveys/paired.csv?year=2024');
    assert.equal(c.status, 200);
    assert.match(c.disposition, /filename="survey-paired-change-2024-25\.csv"/);
    // under the headings, the year and who the file covers, as the page says them; then a row a
    // question, with the share of the group's pairs its change covers: 5 of every activity's 15
    // (10 held back: in the block of A1 and A2 one person answered only one survey)
    const gap = (row) => [...row, ...Array(PAIRED_HEADS.length - row.length).fill('')];
    assert.deepEqual(csvOf(c), [PAIRED_HEADS, gap(['Year', '2024/25']), gap(['Who it covers', 'Every activity']),
      gap(['People who completed both surveys', '15']),
      ['confidence', CONFIDENCE, '5', '0.20', '3', '1', '1', '0', '10', '33%']]);
    const page = plain((await admin.get('/surveys/paired?year=2024')).body);
    assert.match(page, /Survey results and paired change 2024\/25/);
    assert.match(page, /Who it covers Every activity People who completed both surveys 15/);
    const e = csvOf(await download(ee1Mhl, '/surveys/paired.csv?year=2024'));
    assert.deepEqual(e.slice(1, PAIRED_TOP).map((r) => r.slice(0, 2)), [['Year', '2024/25'],
      ['Who it covers', plain((await ee1Mhl.get('/surveys/paired?year=2024')).body).match(/Who it covers (.*\(EE1\)) People who/)[1]],
      ['People who completed both surveys', '5']]);
    assert.deepEqual(e[PAIRED_TOP].slice(2), ['5', '0.20', '3', '1', '1', '0', '0', '100%']);
    const x = await sheetOf(await download(analyst, '/surveys/paired.xlsx?year=2024&hub=EE1'));
    assert.deepEqual(x[0], PAIRED_HEADS);
    // counts are numbers, in the heading rows too; the share a number shown as a percentage
    assert.deepEqual(x[PAIRED_TOP - 1].slice(0, 2), ['People who completed both surveys', 5]);
    assert.deepEqual(x[PAIRED_TOP].filter((_, i) => i !== 3), ['confidence', CONFIDENCE, 5, 3, 1, 1, 0, 0, 1]);
    assert.equal(x[PAIRED_TOP][3], 0.2);
    const xs = await firstSheet(await download(analyst, '/surveys/paired.xlsx?year=2024&hub=EE1'));
    assert.equal(xs.getRow(PAIRED_TOP + 1).getCell(4).numFmt, '0.00');
    assert.equal(xs.getRow(PAIRED_TOP + 1).getCell(10).numFmt, '0%');
    const h = await sheetOf(await download(analyst, '/surveys/paired.xlsx?year=2024&hub=SW4'));
    assert.deepEqual(h[PAIRED_TOP].slice(0, 4), ['confidence', CONFIDENCE, 10, ONLY_ONE(1)]);
    assert.equal(h[PAIRED_TOP][9], 0, 'none of SW4\'s 10 pairs in a change');
    const small = csvOf(await download(admin, `/surveys/paired.csv?year=2024&activity=${ids.A2}`));
    assert.deepEqual(small[PAIRED_TOP], ['confidence', CONFIDENCE, '0', 'Not shown: fewer than 5 pairs', '', '', '', '4', '0', '0%']);
    const sx = await sheetOf(await download(admin, `/surveys/paired.xlsx?year=2024&activity=${ids.A2}`));
    assert.deepEqual(sx[PAIRED_TOP].slice(0, 4), ['confidence', CONFIDENCE, 0, 'Not shown: fewer than 5 pairs']);
  });

  // The reviewer's attack: an activity (A4, EE1, NCP24-06) whose summer survey 8 completed, answering
  // confidence 3, 3, 4, 2, 3 (the 5 who also completed the autumn survey, answering 2, 3, 3, 2, 4 then)
  // and 3, 3, 3 (2 never invited in the autumn, 1 who did not complete it: on the LLME's list of who has
  // not). Its summer results: 8 answers summing 1x2 + 6x3 + 1x4 = 24; its autumn results: 5 summing
  // 2x2 + 2x3 + 1x4 = 14; its 5 pairs change by +1 (up 2, same 2, down 1), after summing 15. The old
  // page's mean after (3.00) told 24 - 15 = 9 for the 3; without it 24 - 14 - 1 = 9 still does. So A4's
  // row shows its 5 pairs and that 3 people answered in only one survey; A4 (a block alone) is held back
  // everywhere: EE1's change is A3's (5 pairs, +0.20, A4's 5 held beside it: EE1's less A3's tells
  // nothing), every activity's too (15 held: A1 and A2's 10 with 1 person, A4's 5 with 3).
  test('the attack: a few who answered the summer survey and not the autumn one; no row tells them', async () => {
    const now = Math.floor(Date.now() / 1000);
    const a4 = await sql(`INSERT INTO activities (project_id, kind, lead_hub_id, first_year, last_year, title, format, status,
      created_by, created_at, updated_at) VALUES ((SELECT id FROM projects WHERE code = 'NCP24-06'), 'Work Group',
      (SELECT id FROM hubs WHERE code = 'EE1'), 2024, 2024, 'Mastering Number Suffolk', 'online', 'running', ${admin.id}, ${now}, ${now})
      RETURNING id`);
    // [autumn answer (null: no autumn invite), autumn completed, summer answer]
    const people = [[2, true, 3], [3, true, 3], [3, true, 4], [2, true, 2], [4, true, 3], [null, false, 3], [null, false, 3], [4, false, 3]];
    const invite = async (template, person, value, completed, tag) => {
      const id = await sql(`INSERT INTO survey_invites (template_id, activity_id, person_id, token_hash, token_sealed, invited_at,
        started_at, completed_at, answers) VALUES (${template}, ${a4}, ${person}, 'h-attack-${tag}', 'x', ${now}, ${now},
        ${completed ? now : 'NULL'}, '{"saved":["about-you"],"answers":{"confidence":["${value}"]}}') RETURNING id`);
      await sql(`INSERT INTO survey_values (invite_id, question_key, value_num, value_text) VALUES (${id}, 'confidence', ${value}, NULL)`);
    };
    const added = [];
    try {
      for (const [i, [before, done, after]] of people.entries()) {
        const person = await sql(`INSERT INTO people (email, name, created_at) VALUES ('attack${i}@results.example', 'Attack ${i}', ${now})
          RETURNING id`);
        added.push(person);
        if (before !== null) await invite(ids.autumn, person, before, done, `a${i}`);
        await invite(ids.summer, person, after, true, `s${i}`);
      }
      await recountSurveys(srv); // as the close would have counted them
      // what the two results pages tell of A4
      const sumOf = (rows) => rows.reduce((t, x, i) => t + (i + 1) * Number(x[1]), 0);
      const summer = await admin.get(`/surveys/${ids.summer}/results?activity=${a4}`);
      assert.equal(sumOf(chart(summer.body, CONFIDENCE)), 24);
      assert.match(plain(summer.body), /Completed 8/);
      const autumn = await admin.get(results(`?activity=${a4}`));
      assert.equal(sumOf(chart(autumn.body, CONFIDENCE)), 14);
      // and what paired change tells: the pairs, never their change
      let r = await admin.get(`/surveys/paired?year=2024&activity=${a4}`);
      assert.match(plain(r.body), /People who completed both surveys 5/);
      assert.deepEqual(change(r.body), ['Not shown', '5', '', note(`${ONLY_ONE(3)}.`)]);
      assert.ok(!/\+0\.20|3\.00|2\.80/.test(plain(r.body).split('People who completed both')[1]));
      const c = csvOf(await download(admin, `/surveys/paired.csv?year=2024&activity=${a4}`));
      assert.deepEqual(c[PAIRED_TOP], ['confidence', CONFIDENCE, '5', ONLY_ONE(3), '', '', '', '0', '0', '0%']);
      const x = await sheetOf(await download(admin, `/surveys/paired.xlsx?year=2024&activity=${a4}`));
      assert.deepEqual(x[PAIRED_TOP], ['confidence', CONFIDENCE, 5, ONLY_ONE(3), '', '', '', 0, 0, 0]);
      // every activity: 5 of 20 (A1 and A2's 10 and A4's 5 held back)
      const all = csvOf(await download(admin, '/surveys/paired.csv?year=2024'));
      assert.deepEqual(all[PAIRED_TOP].slice(2), ['5', '0.20', '3', '1', '1', '0', '15', '25%']);
      r = await ee1Mhl.get('/surveys/paired?year=2024');
      assert.deepEqual(change(r.body), ['+0.20', '5', '3', '1', '1', note(HELD(5, 3))]);
      r = await admin.get('/surveys/paired?year=2024');
      assert.deepEqual(change(r.body), ['+0.20', '5', '3', '1', '1', note(HELD(15, 4))]);
      r = await admin.get(`/surveys/paired?year=2024&activity=${ids.A3}`);
      assert.deepEqual(change(r.body), ['+0.20', '5', '3', '1', '1']);
    } finally {
      await sql(`DELETE FROM survey_values WHERE invite_id IN (SELECT id FROM survey_invites WHERE activity_id = ${a4})`);
      await sql(`DELETE FROM survey_invites WHERE activity_id = ${a4}`);
      await sql(`DELETE FROM activities WHERE id = ${a4}`);
      if (added.length) await sql(`DELETE FROM people WHERE id IN (${added.join(', ')})`);
      await recountSurveys(srv); // the whole programme's counted without them again
    }
  });

  // The attack across reports: an activity (Z, EE1, NCP24-06) with no pairs, only 3 people who answered the
  // summer survey (confidence 3, 3, 3; never invited in the autumn). The summer results' blocks of EE1's
  // cell (NCP24-06) are A3 5 and Z 3: Z's pool under 5 takes the cell's smallest large one, {A3, Z} 8; the
  // autumn results' are {A3} (Z answered none) and the change's {A3} (Z has no pairs). So EE1's summer
  // results show {A3, Z}: 8 answers summing A3's 4+4+3+3+5 = 19 and Z's 9, 28; A3's autumn results show
  // A3 alone: 5 summing 3+4+2+5+4 = 18; and A3's change alone was +1 (5 pairs): 28 - 18 - 1 = 9, Z's
  // three told. Now the change's blocks are joined with both surveys' results' blocks: {A1, A2} (1 person
  // in only one survey) and {A3, Z} (Z's 3, counted though Z has no pairs). So A3 alone shows nothing (its
  // 5 pairs left out: their block reaches Z), EE1 and NCP24-06 hold A3's 5 back (3 in only one survey;
  // NCP24-06 still leaves out A1's 6, whose block reaches A2 in NCP24-08), every activity holds all 15
  // (A1 and A2's 10 with 1 person, A3's 5 with Z's 3: 4 people); Z alone has no pairs to show (0, and its
  // block reaches A3). With Z gone, A3's change is shown alone again, as before.
  test('the attack across reports: an activity with no pairs pooled in the summer results with one that has', async () => {
    const now = Math.floor(Date.now() / 1000);
    const z = await sql(`INSERT INTO activities (project_id, kind, lead_hub_id, first_year, last_year, title, format, status,
      created_by, created_at, updated_at) VALUES ((SELECT id FROM projects WHERE code = 'NCP24-06'), 'Work Group',
      (SELECT id FROM hubs WHERE code = 'EE1'), 2024, 2024, 'Mastering Number Norfolk', 'online', 'running', ${admin.id}, ${now}, ${now})
      RETURNING id`);
    const added = [];
    try {
      for (let i = 0; i < 3; i++) {
        const person = await sql(`INSERT INTO people (email, name, created_at) VALUES ('across${i}@results.example', 'Across ${i}', ${now})
          RETURNING id`);
        added.push(person);
        const id = await sql(`INSERT INTO survey_invites (template_id, activity_id, person_id, token_hash, token_sealed, invited_at,
          started_at, completed_at, answers) VALUES (${ids.summer}, ${z}, ${person}, 'h-across-${i}', 'x', ${now}, ${now}, ${now},
          '{"saved":["about-you"],"answers":{"confidence":["3"]}}') RETURNING id`);
        await sql(`INSERT INTO survey_values (invite_id, question_key, value_num, value_text) VALUES (${id}, 'confidence', 3, NULL)`);
      }
      await recountSurveys(srv); // as the close would have counted them
      // what the two surveys' results tell: EE1's summer {A3, Z}, A3's autumn alone
      const sumOf = (rows) => rows.reduce((t, x, i) => t + (i + 1) * Number(x[1]), 0);
      const summer = await admin.get(`/surveys/${ids.summer}/results?hub=EE1`);
      assert.equal(sumOf(chart(summer.body, CONFIDENCE)), 28);
      assert.match(plain(await (await admin.get(`/surveys/${ids.summer}/results?activity=${ids.A3}`)).body),
        /I feel confident teaching fractions 5 answers are not counted here/);
      const autumn = await admin.get(results(`?activity=${ids.A3}`));
      assert.equal(sumOf(chart(autumn.body, CONFIDENCE)), 18);
      // so A3's change is never shown alone: its block is {A3, Z}
      let r = await admin.get(`/surveys/paired?year=2024&activity=${ids.A3}`);
      assert.deepEqual(change(r.body), ['Not shown', '0', '', note(`${FEW} ${LEFT(5)}`)]);
      assert.ok(!plain(r.body).includes('+0.20'));
      const c = csvOf(await download(admin, `/surveys/paired.csv?year=2024&activity=${ids.A3}`));
      assert.deepEqual(c[PAIRED_TOP], ['confidence', CONFIDENCE, '0', 'Not shown: fewer than 5 pairs', '', '', '', '5', '0', '0%']);
      r = await ee1Mhl.get('/surveys/paired?year=2024');
      assert.deepEqual(change(r.body), ['Not shown', '5', '', note(`${ONLY_ONE(3)}.`)]);
      r = await admin.get('/surveys/paired?year=2024&ncp=NCP24-06');
      assert.deepEqual(change(r.body), ['Not shown', '5', '', note(`${ONLY_ONE(3)}. ${LEFT(6)}`)]);
      r = await admin.get('/surveys/paired?year=2024');
      assert.deepEqual(change(r.body), ['Not shown', '15', '', note(`${ONLY_ONE(4)}.`)]);
      r = await admin.get(`/surveys/paired?year=2024&activity=${z}`);
      assert.match(plain(r.body), /People who completed both surveys 0/);
      assert.deepEqual(change(r.body), ['Not shown', '0', '', note(FEW)]);
    } finally {
      await sql(`DELETE FROM survey_values WHERE invite_id IN (SELECT id FROM survey_invites WHERE activity_id = ${z})`);
      await sql(`DELETE FROM survey_invites WHERE activity_id = ${z}`);
      await sql(`DELETE FROM activities WHERE id = ${z}`);
      if (added.length) await sql(`DELETE FROM people WHERE id IN (${added.join(', ')})`);
      await recountSurveys(srv); // the whole programme's counted without them again
    }
    // and with Z gone, A3's change is its own again
    const r = await admin.get(`/surveys/paired?year=2024&activity=${ids.A3}`);
    assert.deepEqual(change(r.body), ['+0.20', '5', '3', '1', '1']);
  });
});

describe('links to the results', () => {
  test('from a closed survey on the activity\'s page: its completion and results, no links or reminders sent', async () => {
    const r = await llme1.get(`/activities/${ids.A1}`);
    assert.equal(r.status, 200);
    const part = plain(r.body.split('id="surveys"')[1].split('</section>')[0]);
    assert.match(part, /Autumn survey 2024\/25 Closed Completed by 7 of 8 invited: 87% \(the target is 100%\)\. It has closed: it takes no more answers\. Its results for this activity/);
    assert.ok(!part.includes('Send a reminder now') && !part.includes('Schedule reminders') && !part.includes('Not completed yet'));
    assert.match(r.body, new RegExp(`href="/surveys/${ids.autumn}/results\\?activity=${ids.A1}">Its results for this activity`));
    // a page left open from before it closed: nothing sent, and said why
    const base = `/activities/${ids.A1}/surveys/${ids.autumn}`;
    for (const target of [`${base}/send`, `${base}/remind`]) {
      const x = await llme1.post(target);
      assert.equal(x.status, 409, target);
      assert.match(plain(x.body), /The survey has closed A closed survey takes no more answers/);
    }
    const sched = await llme1.get(`${base}/schedule`);
    assert.match(plain(sched.body), /The survey has closed A closed survey takes no more answers, so no reminders are sent for it/);
    assert.equal((await llme1.post(`${base}/schedule`, { every_days: '7', max_reminders: '3' })).status, 400);
    assert.equal((await llme1.post(`${base}/schedule/stop`)).status, 303);
    assert.equal(Number(await sql(`SELECT COALESCE(SUM(reminders), 0) FROM survey_invites WHERE template_id = ${ids.autumn}`)), 0);
    assert.equal(Number(await sql(`SELECT count(*) FROM survey_reminder_plans WHERE template_id = ${ids.autumn}`)), 0);
  });

  test('from the template page and the year\'s list, for those who keep templates', async () => {
    const r = await admin.get(`/surveys/${ids.autumn}`);
    assert.match(r.body, new RegExp(`href="/surveys/${ids.autumn}/results"[^>]*>\\s*Results`));
    const l = await admin.get('/surveys?year=2024');
    assert.match(l.body, /href="\/surveys\/paired\?year=2024">Survey results and paired change, 2024\/25</);
  });

  test('from the HAPPI form\'s impact part, to the activity\'s results, only for those who may see them', async () => {
    const happi = `/activities/${ids.A1}/happi?year=2024`;
    const want = [`/surveys/${ids.autumn}/results?activity=${ids.A1}`, `/surveys/${ids.summer}/results?activity=${ids.A1}`];
    for (const who of [llme1, mhl, lead06, admin]) {
      const r = await who.get(happi);
      assert.equal(r.status, 200, who.id);
      const part = r.body.split('Survey results for this activity')[1];
      assert.ok(part, `the links, for ${who.id}`);
      assert.deepEqual([...part.split('</ul>')[0].matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&')), want);
      // and each opens for them
      for (const href of want) assert.equal((await who.get(href)).status, 200, href);
    }
    // a Project Lead of another NCP, a hub_lead_link: no link (when they read the form at all)
    for (const who of [linkRole, ee1Mhl]) {
      const r = await who.get(happi);
      assert.ok(!r.body.includes('Survey results for this activity'), who.id);
    }
  });
});
