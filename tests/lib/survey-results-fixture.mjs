// The survey results fixture (tests/http/surveys-results.test.mjs and
// tests/browser/surveys-results.test.mjs): the default autumn and summer
// surveys of 2024/25, three activities (A1: SW4, NCP24-06, 8 invited, 7
// completed; A2: SW4, NCP24-08, 5 invited, 4 completed; A3: EE1, NCP24-06,
// 5 invited, 5 completed) and every participant's answers, written into the
// database as the answering pages write them (survey_invites.answers and
// the survey_values derived from it). The expected numbers are worked by
// hand in the tests, from the tables below.
import { roleSession } from './areas-fixtures.mjs';
import { dbQuery } from './db.mjs';
import { run } from './server.mjs';

const q = (s) => (s === null || s === undefined ? 'NULL' : `'${String(s).replace(/'/g, "''")}'`);

export const QA_SECRET = 'QA-SECRET-7f3a';
export const QA_QUESTION = 'How well was the Work Group run (QA only)?';

const about = (extra = []) => ({
  key: 'about-you', title: 'About you', internal: false, questions: [
    { key: 'phase', type: 'single', text: 'Which phase do you teach?', required: true, options: ['Primary', 'Secondary'] },
    { key: 'resources', type: 'multiple', text: 'Which resources did you use?', required: false,
      options: ['NCETM PD materials', 'Textbooks', 'Other'] },
    { key: 'confidence', type: 'agree5', text: 'I feel confident teaching fractions', required: true, options: [] },
    ...extra,
    { key: 'years', type: 'number', text: 'How many years have you taught?', required: false, options: [] },
    { key: 'comments', type: 'text', text: 'Anything else you would like to tell us?', required: false, options: [] },
  ],
});
const qa = {
  key: 'quality-assurance', title: 'Quality assurance', internal: true, questions: [
    { key: 'qa-rating', type: 'agree5', text: 'The Work Group was run as planned (QA)', required: false, options: [] },
    { key: 'qa-notes', type: 'text', text: QA_QUESTION, required: false, options: [] },
  ],
};
export const AUTUMN = { sections: [about(), qa] };
export const SUMMER = { sections: [about([{ key: 'enjoyed', type: 'agree5', text: 'I enjoyed the Work Group', required: false, options: [] }]), qa] };

// [phase, resources, confidence, years, comments, completed]; summer: [confidence after, completed] (null: no summer invite)
export const ANSWERS = {
  A1: [
    [1, [1, 2], 2, 3, 'More time for planning', true, [4, true]],
    [1, [1], 3, 5, 'Loved the bar models', true, [3, true]],
    [2, [2, 3], 4, 10, null, true, [3, true]],
    [1, [1, 3], 1, 2, 'Too fast', true, [5, true]],
    [1, [], 3, 8, 'Needs more examples', true, [4, true]],
    [2, [1], 2, 1, 'Useful', true, [2, true]],
    [1, [1, 2], 5, 6, null, true, [5, false]],
    [1, [], 5, null, null, false, null], // saved part-way: never counted
  ],
  A2: [
    [2, [2], 4, 12, 'Great sessions, thank you', true, [5, true]],
    [2, [3], 4, 15, null, true, [4, true]],
    [1, [1], 5, 20, null, true, [4, true]],
    [2, [2], 3, 7, 'OK overall', true, [5, true]],
    [2, [], null, null, null, false, null],
  ],
  A3: [
    [1, [1], 3, 4, 'Helpful sessions', true, [4, true]],
    [1, [1, 2], 4, 9, null, true, [4, true]],
    [2, [3], 2, 11, null, true, [3, true]],
    [1, [2], 5, 3, 'Clear explanations', true, [3, true]],
    [1, [1], 4, 5, null, true, [5, true]],
  ],
};

/**
 * Writes the fixture; llmes: {A1: personId, A2: personId} become those
 * activities' leads; both surveys end closed (status), as results are
 * shown only then: closed by a national administrator (closer@TAG) through
 * the close page, which counts the results (survey_sums_write). Resolves to {autumn, summer, A1, A2, A3} (ids).
 */
export async function surveyResultsFixture(srv, { llmes = {}, tag = 'results', status = 'closed' } = {}) {
  const sql = (s) => dbQuery(srv, s);
  const now = Math.floor(Date.now() / 1000);
  const admin = await sql(`INSERT INTO people (email, name, created_at) VALUES ('maker@${tag}.example', 'Maker', ${now}) RETURNING id`);
  const template = async (kind, title, content) => sql(`INSERT INTO survey_templates (project_id, year, kind, title, status, content,
    created_by, created_at, updated_by, updated_at) VALUES (NULL, 2024, '${kind}', ${q(title)}, 'open', ${q(JSON.stringify(content))},
    ${admin}, ${now}, ${admin}, ${now}) RETURNING id`);
  const ids = {
    autumn: await template('autumn', 'Autumn survey 2024/25', AUTUMN),
    summer: await template('summer', 'Summer survey 2024/25', SUMMER),
  };
  const activity = async (hub, ncp, title) => sql(`INSERT INTO activities (project_id, kind, lead_hub_id, first_year, last_year,
    title, format, status, created_by, created_at, updated_at) VALUES ((SELECT id FROM projects WHERE code = '${ncp}'), 'Work Group',
    (SELECT id FROM hubs WHERE code = '${hub}'), 2024, 2024, ${q(title)}, 'online', 'running', ${admin}, ${now}, ${now}) RETURNING id`);
  ids.A1 = await activity('SW4', 'NCP24-06', 'Mastering Number Cornwall');
  ids.A2 = await activity('SW4', 'NCP24-08', 'Readiness Plymouth');
  ids.A3 = await activity('EE1', 'NCP24-06', 'Mastering Number Norfolk');
  for (const [k, person] of Object.entries(llmes))
    await sql(`INSERT INTO activity_leads (activity_id, person_id) VALUES (${ids[k]}, ${person})`);
  const stmts = [];
  let n = 0;
  const invite = (template, act, person, answers, values, completed) => {
    n++;
    const id = `(SELECT id FROM survey_invites WHERE token_hash = 'h-${tag}-${n}')`;
    stmts.push(`INSERT INTO survey_invites (template_id, activity_id, person_id, token_hash, token_sealed, invited_at, started_at,
      completed_at, answers) VALUES (${template}, ${act}, ${person}, 'h-${tag}-${n}', 'x', ${now}, ${now}, ${completed ? now : 'NULL'},
      ${q(JSON.stringify({ saved: ['about-you'], answers }))})`);
    for (const [key, num, text] of values)
      stmts.push(`INSERT INTO survey_values (invite_id, question_key, value_num, value_text) VALUES (${id}, '${key}', ${num ?? 'NULL'}, ${q(text)})`);
  };
  for (const act of ['A1', 'A2', 'A3']) {
    for (const [i, [phase, resources, confidence, years, comments, completed, summer]] of ANSWERS[act].entries()) {
      const email = `p${i + 1}-${act}@${tag}.example`;
      const person = await sql(`INSERT INTO people (email, name, created_at) VALUES ('${email}', 'Secret Name ${act}-${i + 1}', ${now}) RETURNING id`);
      const values = [['phase', phase], ...resources.map((r) => ['resources', r])];
      const answers = { phase: [String(phase)], resources: resources.map(String) };
      if (confidence) { values.push(['confidence', confidence]); answers.confidence = [String(confidence)]; }
      if (years !== null) { values.push(['years', years]); answers.years = [String(years)]; }
      if (comments) { values.push(['comments', null, comments]); answers.comments = [comments]; }
      // every completed survey has its quality assurance answers too: never reported
      values.push(['qa-rating', 1 + (i % 5)], ['qa-notes', null, `${QA_SECRET} ${act}-${i + 1}`]);
      invite(ids.autumn, ids[act], person, answers, values, completed);
      if (summer) {
        const [after, done] = summer;
        invite(ids.summer, ids[act], person, { confidence: [String(after)] },
          [['phase', phase], ['confidence', after], ['enjoyed', 5], ['qa-rating', 5 - (i % 5)]], done);
      }
    }
  }
  await sql(stmts.join(';\n') + ';');
  // answers are reported once a survey has closed: closed through the close
  // page, as an administrator closes it (which counts its results then)
  if (status === 'closed') {
    const closer = await roleSession(srv, `closer@${tag}.example`, 'national_admin');
    for (const id of [ids.autumn, ids.summer]) {
      const r = await closer.post(`/surveys/${id}/close`);
      if (r.status !== 303) throw new Error(`closing survey ${id}: ${r.status}`);
    }
  } else if (status !== 'open')
    await sql(`UPDATE survey_templates SET status = '${status}' WHERE id IN (${ids.autumn}, ${ids.summer})`);
  return ids;
}

/**
 * Counts every closed survey again from its answers, as `mathshubs
 * recount-surveys` does (src/surveys/counted.c): after an attack's answers
 * are written to an activity added to the closed fixture (in the service
 * they would have been written before the close, which counts them), and
 * again once they are gone. The product's own counting, so the sums the
 * pages read are the close's, whatever its SQL becomes.
 */
export async function recountSurveys(srv) {
  const db = srv.backend === 'postgres' ? ['--postgres', srv.pg.url] : ['--db', srv.db];
  const r = await run(['recount-surveys', ...db]);
  if (r.code !== 0) throw new Error(`recount-surveys: ${r.code}: ${r.stderr}`);
  return r.stdout;
}
