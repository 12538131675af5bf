// Survey templates and their editor (src/surveys/, docs/plans/surveys.md step 1):
// the national team writes the year's default surveys and any NCP's own; an
// NCP's Project Lead writes their NCP's own and reads the defaults. Sections
// and questions of every type; the editor's checks answer 400 with the error
// summary and write nothing; once open, keys and types are fixed and nothing
// is added or removed; closed, it is read-only; last year's survey of the same
// kind and NCP is the start of this year's. Hub leadership, LLMEs and
// participants are refused; visitors sent to sign in. Every change audited.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { dbQuery, errorSummary, plain, request, roleSession, useServer } from './lib.mjs';

const srv = useServer();
const sql = (q) => dbQuery(srv, q);
let admin, lead, otherLead, mhl, llme, participant, defaultId;

const content = async (id) => JSON.parse(await sql(`SELECT content FROM survey_templates WHERE id = ${id}`));
const questions = async (id) => (await content(id)).sections.flatMap((s) => s.questions);
const idOf = (r) => Number(/^\/surveys\/(\d+)$/.exec(r.headers.location)?.[1]);
const audits = (action) => sql(`SELECT count(*) FROM audit_log WHERE action = '${action}'`);

before(async () => {
  await srv.started;
  admin = await roleSession(srv, 'admin@surveys.example', 'national_admin');
  lead = await roleSession(srv, 'lead06@surveys.example', 'participant');
  otherLead = await roleSession(srv, 'lead08@surveys.example', 'participant');
  mhl = await roleSession(srv, 'mhl@surveys.example', 'mhl', 'SW4');
  llme = await roleSession(srv, 'llme@surveys.example', 'llme', 'SW4');
  participant = await roleSession(srv, 'participant@surveys.example', 'participant');
  await sql(`UPDATE role_grants SET role = 'project_lead', project_id = (SELECT id FROM projects WHERE code = 'NCP24-06')
             WHERE person_id = ${lead.id}`);
  await sql(`UPDATE role_grants SET role = 'project_lead', project_id = (SELECT id FROM projects WHERE code = 'NCP24-08')
             WHERE person_id = ${otherLead.id}`);
});

describe('a default survey built through the editor', () => {
  test('the national team creates the year\'s default autumn survey', async () => {
    const r = await admin.post('/surveys/new', { kind: 'autumn', ncp: '', year: '2024', title: 'Autumn survey 2024/25' });
    assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
    defaultId = idOf(r);
    assert.ok(defaultId > 0, r.headers.location);
    assert.equal(await sql(`SELECT COALESCE(project_id, 0) || ' ' || year || ' ' || kind || ' ' || status FROM survey_templates WHERE id = ${defaultId}`),
      '0 2024 autumn draft');
    assert.deepEqual(await content(defaultId), { sections: [] });
    const page = await admin.get(`/surveys/${defaultId}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Survey created/);
    assert.match(plain(page.body), /Every NCP of 2024\/25 without its own/);
    assert.match(page.body, /Add a section/);
    assert.equal(await audits('survey_template_created'), '1');
  });

  test('a second default for the same year and kind is refused, by the form and by the database', async () => {
    const r = await admin.post('/surveys/new', { kind: 'autumn', ncp: '', year: '2024', title: 'Another' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#kind', 'There is already a Autumn participant survey 2024/25 for every NCP']]);
    await assert.rejects(sql(`INSERT INTO survey_templates (year, kind, title, content, created_at, updated_at)
                              VALUES (2024, 'autumn', 'Twin', '{}', 0, 0)`));
    assert.equal(await sql("SELECT count(*) FROM survey_templates WHERE project_id IS NULL AND year = 2024 AND kind = 'autumn'"), '1');
    // another kind, or another year, is another survey
    const summer = await admin.post('/surveys/new', { kind: 'summer', ncp: '', year: '2024', title: 'Summer survey 2024/25' });
    assert.equal(summer.status, 303);
  });

  test('bad answers to the new-survey form: 400 with the error summary, nothing written', async () => {
    const before = await sql('SELECT count(*) FROM survey_templates');
    let r = await admin.post('/surveys/new', { ncp: '', year: 'soon', title: '' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body).map((e) => e[1]), ['Select which survey',
      'Enter the year as 4 numbers, for example 2026', 'Enter a title']);
    r = await admin.post('/surveys/new', { kind: 'llme', ncp: 'NCP99-99', year: '2024', title: 'LLME survey' });
    assert.deepEqual(errorSummary(r.body), [['#ncp', 'Enter the code of an NCP, for example NCP24-06']]);
    r = await admin.post('/surveys/new', { kind: 'llme', ncp: 'ncp24-06', year: '2025', title: 'LLME survey' });
    assert.deepEqual(errorSummary(r.body), [['#ncp', 'NCP24-06 is an NCP of 2024/25: enter an NCP of 2025/26']]);
    r = await admin.post('/surveys/new', { kind: 'llme', ncp: '', year: '2024', title: 'LLME survey', copy: 'yes' });
    assert.deepEqual(errorSummary(r.body), [['#copy', 'There is no LLME survey of an earlier year for every NCP to start from']]);
    assert.equal(await sql('SELECT count(*) FROM survey_templates'), before);
  });

  test('sections: added (keys from their titles), one internal, changed', async () => {
    let r = await admin.post(`/surveys/${defaultId}/sections/new`, { title: 'About you' });
    assert.equal(r.status, 303);
    assert.equal(r.headers.location, `/surveys/${defaultId}`);
    r = await admin.post(`/surveys/${defaultId}/sections/new`, { title: 'Quality assurance', internal: 'yes' });
    assert.equal(r.status, 303);
    r = await admin.post(`/surveys/${defaultId}/sections/new`, { title: 'About you' });
    assert.equal(r.status, 303);
    r = await admin.post(`/surveys/${defaultId}/sections/new`, { title: '' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#title', 'Enter a section title']]);
    let c = await content(defaultId);
    assert.deepEqual(c.sections.map((s) => [s.key, s.title, s.internal]),
      [['about-you', 'About you', false], ['quality-assurance', 'Quality assurance', true], ['about-you-2', 'About you', false]]);
    r = await admin.post(`/surveys/${defaultId}/sections/about-you-2`, { title: 'Your teaching' });
    assert.equal(r.status, 303);
    const form = await admin.get(`/surveys/${defaultId}/sections/quality-assurance`);
    assert.equal(form.status, 200);
    assert.match(form.body, /value="yes" checked/);
    c = await content(defaultId);
    assert.equal(c.sections[2].title, 'Your teaching');
    assert.equal(c.sections[2].key, 'about-you-2');
    assert.equal(await audits('survey_section_added'), '3');
    assert.equal(await audits('survey_section_changed'), '1');
  });

  test('questions of every type; the agreement scale is fixed; options one per line', async () => {
    const add = (section, fields) => admin.post(`/surveys/${defaultId}/sections/${section}/questions/new`, fields);
    for (const [section, fields] of [
      ['about-you', { key: 'phase', type: 'single', text: 'Which phase do you teach?', required: 'yes', options: 'Primary\r\nSecondary\r\n\r\n' }],
      ['about-you', { key: 'resources', type: 'multiple', text: 'Which resources did you use?', hint: 'Choose all that apply',
        required: 'no', options: 'NCETM PD materials\nTextbooks\nOther' }],
      ['about-you-2', { key: 'confidence-fractions', type: 'agree5', text: 'I feel confident teaching fractions', required: 'yes',
        options: 'ignored\nfor a scale' }],
      ['about-you-2', { key: 'years-teaching', type: 'number', text: 'How many years have you taught?', required: 'no' }],
      ['quality-assurance', { key: 'qa-comments', type: 'text', text: 'How was the Work Group run?', required: 'no' }],
    ]) {
      const r = await add(section, fields);
      assert.equal(r.status, 303, `${fields.key}: ${JSON.stringify(errorSummary(r.body))}`);
    }
    const c = await content(defaultId);
    assert.deepEqual(c.sections.map((s) => s.questions.map((q) => q.key)),
      [['phase', 'resources'], ['qa-comments'], ['confidence-fractions', 'years-teaching']]);
    const q = Object.fromEntries(c.sections.flatMap((s) => s.questions).map((x) => [x.key, x]));
    assert.deepEqual(q.phase, { key: 'phase', type: 'single', text: 'Which phase do you teach?', required: true,
      options: ['Primary', 'Secondary'] });
    assert.deepEqual(q.resources.options, ['NCETM PD materials', 'Textbooks', 'Other']);
    assert.equal(q.resources.hint, 'Choose all that apply');
    assert.equal(q.resources.required, false);
    assert.deepEqual(q['confidence-fractions'].options, []);
    assert.equal(q['years-teaching'].type, 'number');
    assert.equal(q['qa-comments'].type, 'text');
    assert.equal(await audits('survey_question_added'), '5');

    // the overview lists them, each with its links
    const page = await admin.get(`/surveys/${defaultId}`);
    const text = plain(page.body);
    assert.match(text, /Agreement \(5-point scale\), must be answered\. Key: confidence-fractions/);
    assert.match(text, /Internal: not reported/);
    assert.match(page.body, new RegExp(`href="/surveys/${defaultId}/questions/phase"`));
    assert.match(page.body, new RegExp(`href="/surveys/${defaultId}/questions/phase/remove"`));
    assert.match(page.body, new RegExp(`href="/surveys/${defaultId}/sections/about-you/questions/new"`));
  });

  test('the editor\'s checks: GOV.UK messages, 400, nothing written', async () => {
    const before = await sql(`SELECT content FROM survey_templates WHERE id = ${defaultId}`);
    const add = (fields) => admin.post(`/surveys/${defaultId}/sections/about-you/questions/new`, fields);
    const cases = [
      [{ type: 'text', text: 'Q', required: 'yes' }, [['#key', 'Enter a key for the question']]],
      [{ key: 'Bad Key', type: 'text', text: 'Q', required: 'yes' }, [['#key', 'Key must start with a lower-case letter']]],
      [{ key: 'bad_key', type: 'text', text: 'Q', required: 'yes' },
        [['#key', 'Key must only include lower-case letters a to z, numbers and hyphens']]],
      [{ key: 'years-teaching', type: 'text', text: 'Q', required: 'yes' },
        [['#key', 'Another question in this survey already has this key']]],
      [{ key: 'school-type', type: 'single', text: 'What type of school?', required: 'yes', options: 'Academy' },
        [['#options', 'Enter at least 2 options, one on each line']]],
      [{ key: 'school-type', type: 'multiple', text: 'What type of school?', required: 'yes', options: 'A\nB\nA' },
        [['#options', 'Each option must be different']]],
      [{ key: 'school-type', required: 'yes' }, [['#type', 'Select the type of answer'], ['#text', 'Enter the question']]],
      [{ key: 'school-type', type: 'rating', text: 'Q' }, [['#type', 'Select the type of answer'],
        ['#required', 'Select whether people must answer it']]],
    ];
    for (const [fields, errors] of cases) {
      const r = await add(fields);
      assert.equal(r.status, 400, JSON.stringify(fields));
      assert.deepEqual(errorSummary(r.body), errors, JSON.stringify(fields));
    }
    // a key changed to another question's
    const r = await admin.post(`/surveys/${defaultId}/questions/phase`, { key: 'resources', type: 'single', text: 'Phase?',
      required: 'yes', options: 'Primary\nSecondary' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#key', 'Another question in this survey already has this key']]);
    assert.equal(await sql(`SELECT content FROM survey_templates WHERE id = ${defaultId}`), before);
    assert.equal(await audits('survey_question_added'), '5');
  });

  test('a question changed in a draft: its key, type and options too; one removed; a section removed with its questions',
    async () => {
      let r = await admin.post(`/surveys/${defaultId}/questions/phase`, { key: 'phase-taught', type: 'multiple',
        text: 'Which phases do you teach?', required: 'yes', options: 'Primary\nSecondary\nPost-16' });
      assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
      const q = (await questions(defaultId)).find((x) => x.key === 'phase-taught');
      assert.deepEqual(q, { key: 'phase-taught', type: 'multiple', text: 'Which phases do you teach?', required: true,
        options: ['Primary', 'Secondary', 'Post-16'] });
      const confirm = await admin.get(`/surveys/${defaultId}/questions/resources/remove`);
      assert.equal(confirm.status, 200);
      assert.match(confirm.body, /Which resources did you use\?/);
      r = await admin.post(`/surveys/${defaultId}/questions/resources/remove`, {});
      assert.equal(r.status, 303);
      assert.deepEqual((await questions(defaultId)).map((x) => x.key), ['phase-taught', 'qa-comments', 'confidence-fractions',
        'years-teaching']);
      // a section of its own, removed with its question
      await admin.post(`/surveys/${defaultId}/sections/new`, { title: 'Spare' });
      await admin.post(`/surveys/${defaultId}/sections/spare/questions/new`, { key: 'spare-q', type: 'text', text: 'Spare?', required: 'no' });
      const gone = await admin.get(`/surveys/${defaultId}/sections/spare/remove`);
      assert.match(plain(gone.body), /Its 1 question is removed with it\./);
      r = await admin.post(`/surveys/${defaultId}/sections/spare/remove`, {});
      assert.equal(r.status, 303);
      assert.deepEqual((await content(defaultId)).sections.map((s) => s.key), ['about-you', 'quality-assurance', 'about-you-2']);
      assert.equal(await audits('survey_question_removed'), '1');
      assert.equal(await audits('survey_section_removed'), '1');
      // what is not there is 404
      for (const target of [`/surveys/${defaultId}/questions/resources`, `/surveys/${defaultId}/sections/spare`,
        `/surveys/${defaultId}/sections/spare/questions/new`, '/surveys/999999', '/surveys/999999/preview', '/surveys/abc']) {
        const x = await admin.get(target);
        assert.equal(x.status, 404, target);
      }
    });

  test('a number question\'s range: set in the question form, checked, kept in the content and shown', async () => {
    const change = (fields) => admin.post(`/surveys/${defaultId}/questions/years-teaching`,
      { key: 'years-teaching', type: 'number', text: 'How many years have you taught?', required: 'no', ...fields });
    // without a range (as added above): none in the content, the form's inputs blank
    assert.equal((await questions(defaultId)).find((x) => x.key === 'years-teaching').lowest, undefined);
    let form = await admin.get(`/surveys/${defaultId}/questions/years-teaching`);
    assert.match(form.body, /<input[^>]*name="lowest"(?![^>]*value=)[^>]*>/);
    assert.match(plain(form.body), /Lowest number people can answer \(optional\)/);
    // bad ranges: the error summary, 400, nothing written
    const before = await sql(`SELECT content FROM survey_templates WHERE id = ${defaultId}`);
    for (const [fields, errors] of [
      [{ lowest: '61', highest: '60' }, [['#highest', 'The highest number must be more than the lowest number']]],
      [{ lowest: '60', highest: '60' }, [['#highest', 'The highest number must be more than the lowest number']]],
      [{ lowest: '-1', highest: '60' }, [['#lowest', 'Enter a lowest number from 0 to 1,000,000']]],
      [{ lowest: '0', highest: '1000001' }, [['#highest', 'Enter a highest number from 0 to 1,000,000']]],
      [{ lowest: 'none', highest: '60' }, [['#lowest', 'Enter the lowest number as a whole number, like 0']]],
      [{ lowest: '1000000' }, [['#lowest', 'The highest number must be more than the lowest number']]],
    ]) {
      const r = await change(fields);
      assert.equal(r.status, 400, JSON.stringify(fields));
      assert.deepEqual(errorSummary(r.body), errors, JSON.stringify(fields));
    }
    // a range on a question of another type is never read
    let r = await admin.post(`/surveys/${defaultId}/sections/about-you/questions/new`, { key: 'school-name', type: 'text',
      text: 'Your school?', required: 'no', lowest: '-5', highest: 'x' });
    assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
    assert.equal((await questions(defaultId)).find((x) => x.key === 'school-name').lowest, undefined);
    await admin.post(`/surveys/${defaultId}/questions/school-name/remove`, {});
    assert.equal(await sql(`SELECT content FROM survey_templates WHERE id = ${defaultId}`), before);
    // a range set: in the content's JSON, in the form again, on the overview
    r = await change({ lowest: '0', highest: '60' });
    assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
    assert.deepEqual((await questions(defaultId)).find((x) => x.key === 'years-teaching'),
      { key: 'years-teaching', type: 'number', text: 'How many years have you taught?', required: false, options: [],
        lowest: 0, highest: 60 });
    form = await admin.get(`/surveys/${defaultId}/questions/years-teaching`);
    assert.match(form.body, /name="lowest"[^>]*value="0"|value="0"[^>]*name="lowest"/);
    assert.match(form.body, /name="highest"[^>]*value="60"|value="60"[^>]*name="highest"/);
    assert.match(plain((await admin.get(`/surveys/${defaultId}`)).body), /Number from 0 to 60, optional\. Key: years-teaching/);
    // the highest alone: from 0; blank both: none again; set back
    r = await change({ highest: '45' });
    assert.equal(r.status, 303);
    assert.equal(JSON.stringify((await questions(defaultId)).find((x) => x.key === 'years-teaching')).includes('"lowest":0,"highest":45'), true);
    r = await change({ lowest: '', highest: '' });
    assert.equal(r.status, 303);
    assert.equal((await questions(defaultId)).find((x) => x.key === 'years-teaching').highest, undefined);
    r = await change({ lowest: '0', highest: '60' });
    assert.equal(r.status, 303);
  });

  test('the preview: each section as the form people answer, internal ones marked', async () => {
    const r = await admin.get(`/surveys/${defaultId}/preview`);
    assert.equal(r.status, 200);
    const text = plain(r.body);
    assert.match(text, /Page 1 of 3 About you/);
    assert.match(text, /Page 2 of 3 Quality assurance .*Internal: not reported/);
    assert.match(text, /Which phases do you teach\?/);
    assert.match(text, /How was the Work Group run\? \(optional\)/);
    for (const scale of ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'])
      assert.match(r.body, new RegExp(`>\\s*${scale}\\s*</label>`));
    assert.match(r.body, /type="checkbox"[^>]*name="phase-taught"|name="phase-taught"[^>]*type="checkbox"/);
    assert.match(r.body, /name="years-teaching"/);
    assert.match(text, /How many years have you taught\? \(optional\) A whole number from 0 to 60\./);
    assert.match(r.body, /<textarea[^>]*name="qa-comments"/);
    assert.doesNotMatch(r.body, /<form method="post"/);
  });
});

describe('open and closed', () => {
  test('a survey with an empty section is not ready to open', async () => {
    const r = await admin.post('/surveys/new', { kind: 'llme', ncp: '', year: '2024', title: 'LLME survey 2024/25' });
    const id = idOf(r);
    let x = await admin.post(`/surveys/${id}/open`, {});
    assert.equal(x.status, 400);
    assert.match(plain(x.body), /Add a section and its questions before opening the survey/);
    await admin.post(`/surveys/${id}/sections/new`, { title: 'Empty' });
    x = await admin.get(`/surveys/${id}/open`);
    assert.match(plain(x.body), /Every section needs at least one question/);
    assert.equal(await sql(`SELECT status FROM survey_templates WHERE id = ${id}`), 'draft');
  });

  test('once open: keys and types fixed, wording corrected, nothing added or removed, never a draft again', async () => {
    const page = await admin.get(`/surveys/${defaultId}/open`);
    assert.equal(page.status, 200);
    assert.match(plain(page.body), /it cannot go back to being a draft/);
    let r = await admin.post(`/surveys/${defaultId}/open`, {});
    assert.equal(r.status, 303);
    assert.equal(await sql(`SELECT status FROM survey_templates WHERE id = ${defaultId}`), 'open');
    assert.equal(await audits('survey_template_opened'), '1');

    // the change form no longer asks for the key, type or whether it must be answered
    const form = await admin.get(`/surveys/${defaultId}/questions/phase-taught`);
    assert.equal(form.status, 200);
    assert.doesNotMatch(form.body, /name="key"/);
    assert.doesNotMatch(form.body, /name="type"/);
    assert.match(plain(form.body), /its key \(phase-taught\), its type \(Multiple choice\)/);
    // sent anyway, they are ignored; the wording is taken
    r = await admin.post(`/surveys/${defaultId}/questions/phase-taught`, { key: 'other', type: 'text', required: 'no',
      text: 'Which phases do you teach now?', hint: 'Choose all that apply', options: 'Primary school\nSecondary school\nPost-16' });
    assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
    const q = (await questions(defaultId)).find((x) => x.key === 'phase-taught');
    assert.deepEqual(q, { key: 'phase-taught', type: 'multiple', text: 'Which phases do you teach now?', hint: 'Choose all that apply',
      required: true, options: ['Primary school', 'Secondary school', 'Post-16'] });
    // a number question's range is fixed too
    const years = await admin.get(`/surveys/${defaultId}/questions/years-teaching`);
    assert.doesNotMatch(years.body, /name="lowest"|name="highest"/);
    assert.match(plain(years.body), /its type \(Number\), its range \(0 to 60\) and whether it must be answered stay as they are/);
    r = await admin.post(`/surveys/${defaultId}/questions/years-teaching`, { text: 'How many years have you taught?',
      lowest: '5', highest: '10' });
    assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
    assert.equal((await questions(defaultId)).find((x) => x.key === 'years-teaching').highest, 60);
    // the number of options is fixed
    r = await admin.post(`/surveys/${defaultId}/questions/phase-taught`, { text: 'Phases?', options: 'Primary\nSecondary' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#options', 'Enter 3 options: the survey is open, so only their wording can change']]);
    // a section's title may be corrected; whether it is internal stays
    r = await admin.post(`/surveys/${defaultId}/sections/quality-assurance`, { title: 'Quality assurance (internal)' });
    assert.equal(r.status, 303);
    assert.equal((await content(defaultId)).sections[1].internal, true);
    // nothing added or removed
    for (const target of ['sections/new', 'sections/about-you/questions/new', 'questions/years-teaching/remove',
      'sections/about-you/remove', 'open']) {
      const before = await sql(`SELECT content FROM survey_templates WHERE id = ${defaultId}`);
      const g = await admin.get(`/surveys/${defaultId}/${target}`);
      assert.equal(g.status, 200, target);
      assert.match(plain(g.body), /This survey is open/, target);
      const p = await admin.post(`/surveys/${defaultId}/${target}`, { title: 'X', key: 'x', type: 'text', text: 'X', required: 'yes' });
      assert.equal(p.status, 400, target);
      assert.equal(await sql(`SELECT content FROM survey_templates WHERE id = ${defaultId}`), before, target);
    }
    assert.equal(await sql(`SELECT status FROM survey_templates WHERE id = ${defaultId}`), 'open');
    const overview = await admin.get(`/surveys/${defaultId}`);
    assert.doesNotMatch(overview.body, /Add a section/);
    assert.doesNotMatch(overview.body, /\/remove"/);
    assert.match(overview.body, /Close the survey/);
  });

  test('closed: read-only', async () => {
    const page = plain((await admin.get(`/surveys/${defaultId}/close`)).body);
    assert.match(page, /Close this survey\? Closing the survey: ends answering/);
    assert.match(page, /releases its results to those who read them/);
    assert.match(page, /Nobody who was invited, in any activity, is still to complete it\./); // no links sent for it
    const r = await admin.post(`/surveys/${defaultId}/close`, {});
    assert.equal(r.status, 303);
    assert.equal(await sql(`SELECT status FROM survey_templates WHERE id = ${defaultId}`), 'closed');
    const before = await sql(`SELECT content FROM survey_templates WHERE id = ${defaultId}`);
    for (const target of ['questions/phase-taught', 'sections/about-you', 'close', 'open']) {
      const p = await admin.post(`/surveys/${defaultId}/${target}`, { title: 'X', text: 'X', options: 'A\nB\nC' });
      assert.equal(p.status, 400, target);
      assert.match(plain(p.body), /This survey is closed|This survey is not open/, target);
    }
    assert.equal(await sql(`SELECT content FROM survey_templates WHERE id = ${defaultId}`), before);
    const overview = await admin.get(`/surveys/${defaultId}`);
    assert.match(plain(overview.body), /The survey is closed: it can no longer be changed/);
    assert.doesNotMatch(overview.body, /questions\/phase-taught"/);
    assert.equal((await admin.get(`/surveys/${defaultId}/preview`)).status, 200);
    assert.equal(await audits('survey_template_closed'), '1');
  });
});

describe('an NCP\'s own, and last year\'s', () => {
  test('the Project Lead starts this year\'s from last year\'s survey of the same kind and NCP', async () => {
    await sql(`INSERT INTO academic_years (code, starts_on, ends_on) VALUES ('2023/24', '2023-09-01', '2024-08-31')`);
    await sql(`INSERT INTO projects (code, academic_year_id, title, kind, develops_llmes)
               SELECT 'NCP23-06', id, 'Mastering Number at KS2 Work Groups', 'Work Group', 0 FROM academic_years WHERE code = '2023/24'`);
    const last = { sections: [{ key: 'number-sense', title: 'Number sense', internal: false, questions: [
      { key: 'confidence-number', type: 'agree5', text: 'I am confident teaching number', required: true, options: [] }] }] };
    await sql(`INSERT INTO survey_templates (project_id, year, kind, title, status, content, created_at, updated_at)
               SELECT id, 2023, 'autumn', 'MNP autumn 2023/24', 'closed', '${JSON.stringify(last)}', 0, 0 FROM projects WHERE code = 'NCP23-06'`);
    // not the summer one: none last year
    let r = await lead.post('/surveys/new', { kind: 'summer', ncp: 'NCP24-06', year: '2024', title: 'MNP summer', copy: 'yes' });
    assert.deepEqual(errorSummary(r.body), [['#copy', 'There is no Summer participant survey of an earlier year for NCP24-06 to start from']]);
    r = await lead.post('/surveys/new', { kind: 'autumn', ncp: 'NCP24-06', year: '2024', title: 'MNP autumn 2024/25', copy: 'yes' });
    assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
    const id = idOf(r);
    assert.deepEqual(await content(id), last);
    assert.equal(await sql(`SELECT status || ' ' || p.code FROM survey_templates t JOIN projects p ON p.id = t.project_id WHERE t.id = ${id}`),
      'draft NCP24-06');
    const page = await lead.get(`/surveys/${id}`);
    assert.match(plain(page.body), /Survey created from the Autumn participant survey 2023\/24, NCP23-06: check its questions for this year/);
    assert.match(await sql(`SELECT detail FROM audit_log WHERE action = 'survey_template_created' AND subject = 'survey:${id}'`),
      /from Autumn participant survey 2023\/24, NCP23-06/);
    // the Project Lead edits their own
    r = await lead.post(`/surveys/${id}/sections/number-sense/questions/new`, { key: 'place-value', type: 'agree5',
      text: 'I can teach place value well', required: 'yes' });
    assert.equal(r.status, 303);
  });

  test('an NCP with none of its own in an earlier year starts from the latest earlier year\'s default', async () => {
    // the lead's NCP has no summer survey of its own before 2024: the defaults of 2022 and 2023 are there
    await sql(`INSERT INTO survey_templates (project_id, year, kind, title, status, content, created_at, updated_at)
               VALUES (NULL, 2022, 'summer', 'Summer 2022/23', 'closed', '{"sections":[]}', 0, 0)`);
    const dflt = { sections: [{ key: 'reflection', title: 'Reflection', internal: false, questions: [
      { key: 'practice-changed', type: 'agree5', text: 'My practice has changed', required: true, options: [] }] }] };
    await sql(`INSERT INTO survey_templates (project_id, year, kind, title, status, content, created_at, updated_at)
               VALUES (NULL, 2023, 'summer', 'Summer 2023/24', 'closed', '${JSON.stringify(dflt)}', 0, 0)`);
    const own = await lead.post('/surveys/new', { kind: 'summer', ncp: 'NCP24-06', year: '2024', title: 'MNP summer', copy: 'yes' });
    assert.equal(own.status, 303, JSON.stringify(errorSummary(own.body)));
    const id = idOf(own);
    assert.deepEqual(await content(id), dflt);
    assert.match(plain((await lead.get(`/surveys/${id}`)).body),
      /Survey created from the Summer participant survey 2023\/24, every NCP: check its questions for this year/);
    await sql(`DELETE FROM survey_templates WHERE id = ${id} OR (project_id IS NULL AND year IN (2022, 2023))`);
  });
});

describe('who may', () => {
  let ownId, otherId;
  before(async () => {
    ownId = Number(await sql("SELECT t.id FROM survey_templates t JOIN projects p ON p.id = t.project_id WHERE p.code = 'NCP24-06'"));
    const r = await admin.post('/surveys/new', { kind: 'summer', ncp: 'NCP24-08', year: '2024', title: 'Ready to Progress summer' });
    otherId = idOf(r);
    await admin.post(`/surveys/${otherId}/sections/new`, { title: 'About you' });
  });

  test('a Project Lead: their own NCP only; the defaults read but never changed', async () => {
    let r = await lead.post('/surveys/new', { kind: 'llme', ncp: '', year: '2025', title: 'Default' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#ncp', 'Enter the code of the NCP you lead']]);
    assert.match(plain((await lead.get('/surveys/new')).body), /NCP code The NCP you lead, for example NCP24-06/);
    r = await lead.post('/surveys/new', { kind: 'llme', ncp: 'NCP24-08', year: '2024', title: 'Not mine' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#ncp', 'You can only create surveys for the NCP you lead']]);
    assert.equal(await sql("SELECT count(*) FROM survey_templates WHERE title IN ('Default', 'Not mine')"), '0');
    // another NCP's: 403, read or written
    for (const target of [`/surveys/${otherId}`, `/surveys/${otherId}/preview`, `/surveys/${otherId}/sections/new`,
      `/surveys/${otherId}/sections/about-you`])
      assert.equal((await lead.get(target)).status, 403, target);
    r = await lead.post(`/surveys/${otherId}/sections/new`, { title: 'Mine now' });
    assert.equal(r.status, 403);
    assert.equal((await otherLead.get(`/surveys/${ownId}`)).status, 403);
    // the default: read, with no links to change it; changes refused
    const page = await lead.get(`/surveys/${defaultId}`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.body, /Change<span/);
    assert.equal((await lead.get(`/surveys/${defaultId}/preview`)).status, 200);
    const summer = Number(await sql("SELECT id FROM survey_templates WHERE project_id IS NULL AND year = 2024 AND kind = 'summer'"));
    assert.equal((await lead.get(`/surveys/${summer}/sections/new`)).status, 403);
    assert.equal((await lead.post(`/surveys/${summer}/sections/new`, { title: 'X' })).status, 403);
    assert.equal((await content(summer)).sections.length, 0);
    // the list: the defaults and their own
    const list = plain((await lead.get('/surveys?year=2024')).body);
    assert.match(list, /Every NCP \(the default\)/);
    assert.match(list, /NCP24-06/);
    assert.doesNotMatch(list, /NCP24-08/);
    const all = plain((await admin.get('/surveys?year=2024')).body);
    assert.match(all, /NCP24-08/);
  });

  test('hub leadership, LLMEs and participants are refused; visitors sent to sign in', async () => {
    for (const who of [mhl, llme, participant]) {
      for (const target of ['/surveys', '/surveys/new', `/surveys/${defaultId}`, `/surveys/${defaultId}/preview`])
        assert.equal((await who.get(target)).status, 403, target);
      assert.equal((await who.post('/surveys/new', { kind: 'autumn', year: '2026', title: 'X' })).status, 403);
    }
    const r = await request(srv.base, `/surveys/${defaultId}`);
    assert.equal(r.status, 303);
    assert.match(r.headers.location, /^\/sign-in/);
  });

  test('the list: a year\'s surveys by kind; a year that is not one is 400', async () => {
    const r = await admin.get('/surveys?year=2024');
    assert.equal(r.status, 200);
    const at = (kind) => r.body.search(new RegExp(`>${kind}</(caption|h2)>`));
    assert.ok(at('Autumn participant survey') > 0 && at('Autumn participant survey') < at('Summer participant survey'));
    assert.ok(at('Summer participant survey') < at('LLME survey'));
    assert.match(r.body, /href="\/surveys\?year=2023"/);
    assert.equal((await admin.get('/surveys?year=24')).status, 400);
    assert.equal((await admin.get('/surveys?year=next')).status, 400);
    assert.match(plain((await admin.get('/surveys?year=2030')).body), /None yet/);
    // the nav: the account page's Manage list, for those who may
    assert.match((await admin.get('/account')).body, /href="\/surveys"/);
    assert.doesNotMatch((await mhl.get('/account')).body, /href="\/surveys"/);
  });
});
