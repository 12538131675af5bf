// Migrations 0027 and 0028 on a database that already has closed surveys:
// their C parts (survey_sums_backfill, src/surveys/results_queries.c;
// survey_counts_backfill, src/surveys/counted.c) count every template
// already closed, with the same code as the close. The fixture's surveys
// are closed through the close page (which counts them), their sums and
// the whole programme's results and paired change kept; the database is
// then taken back to version 26 (no sum tables) and the server started
// again on it: the migrations' counts are the close's, row for row, an
// open template gets none, and the results and paired change pages read
// them; and `mathshubs recount-surveys` counts them again the same.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { dbQuery, plain, roleSession, startServer, stopClean } from './lib.mjs';
import { recountSurveys, surveyResultsFixture } from '../lib/survey-results-fixture.mjs';

let srv;
after(async () => { if (srv) await stopClean(srv, 'surveys upgrade server'); });

const UNITS = `SELECT template_id || ' ' || activity_id || ' ' || question_key || ' ' || n || ' ' || total FROM survey_sum_units
  ORDER BY template_id, activity_id, question_key`;
const TOTALS = `SELECT template_id || ' ' || question_key || ' ' || n || ' ' || total FROM survey_total_units
  ORDER BY template_id, question_key`;
const TEXTS = `SELECT template_id || ' ' || question_key || ' ' || place || ' ' || value_text FROM survey_total_texts
  ORDER BY template_id, question_key, place`;
const PAIRED = `SELECT y.year || ' ' || y.templates || ' ' || y.keys || ' ' || y.people || ' ' || t.question_key || ' ' || t.pairs || ' ' || t.change_sum
  || ' ' || t.up || ' ' || t.down || ' ' || t.held || ' ' || t.single || ' ' || t.left_out
  FROM survey_paired_years y JOIN survey_paired_totals t ON t.year = y.year ORDER BY y.year, t.question_key`;
const PAIRS = `SELECT 'u ' || year || ' ' || autumn_id || ' ' || summer_id || ' ' || activity_id || ' ' || question_key || ' ' || pairs
  || ' ' || change_sum || ' ' || up || ' ' || down FROM survey_pair_units
  UNION ALL SELECT 's ' || year || ' ' || template_id || ' ' || activity_id || ' ' || question_key || ' ' || n FROM survey_pair_singles
  UNION ALL SELECT 'p ' || year || ' ' || autumn_id || ' ' || summer_id || ' ' || activity_id || ' ' || n FROM survey_pair_people
  ORDER BY 1`;
const COUNTS = `SELECT template_id || ' ' || activity_id || ' ' || question_key || ' ' || value_num || ' ' || n FROM survey_sum_counts
  ORDER BY template_id, activity_id, question_key, value_num`;

test('surveys closed before 0027 and 0028 are counted once they run, as their close counts them', async () => {
  srv = await startServer({});
  const sql = (q) => dbQuery(srv, q);
  const ids = await surveyResultsFixture(srv, { tag: 'upgrade' });
  const units = await sql(UNITS);
  const counts = await sql(COUNTS);
  const totals = await sql(TOTALS);
  const texts = await sql(TEXTS);
  const paired = await sql(PAIRED);
  const pairs = await sql(PAIRS);
  assert.match(pairs, new RegExp(`^u 2024 ${ids.autumn} ${ids.summer} ${ids.A3} confidence 5 `, 'm'));
  // the close counted the whole programme's: 16 answered the phase; the free texts; 2024's paired change
  assert.match(totals, new RegExp(`^${ids.autumn} phase 16 \\d+$`, 'm'));
  assert.match(texts, new RegExp(`^${ids.autumn} comments 1 `, 'm'));
  assert.match(paired, new RegExp(`^2024 ${ids.autumn},${ids.summer} \\S*confidence\\S* \\d+ confidence \\d+ `, 'm'));
  // the close counted both surveys: A1's 7 completed autumn invites answered the phase
  assert.match(units, new RegExp(`^${ids.autumn} ${ids.A1} phase 7 \\d+$`, 'm'));
  assert.match(units, new RegExp(`^${ids.summer} `, 'm'));
  // an open template of another year: never counted
  const now = Math.floor(Date.now() / 1000);
  const open = await sql(`INSERT INTO survey_templates (project_id, year, kind, title, status, content, created_at, updated_at)
    VALUES (NULL, 2025, 'autumn', 'Autumn survey 2025/26', 'open', '{"sections":[]}', ${now}, ${now}) RETURNING id`);
  await sql(`INSERT INTO survey_invites (template_id, activity_id, person_id, token_hash, token_sealed, invited_at, completed_at)
    VALUES (${open}, ${ids.A1}, (SELECT id FROM people WHERE email = 'maker@upgrade.example'), 'h-upgrade-open', 'x', ${now}, ${now})`);
  await sql(`INSERT INTO survey_values (invite_id, question_key, value_num) VALUES
    ((SELECT id FROM survey_invites WHERE token_hash = 'h-upgrade-open'), 'phase', 1)`);
  // as version 26 left it: no sum tables
  await sql(`DROP INDEX activity_participants_left; DROP TABLE survey_pair_people; DROP TABLE survey_pair_singles; DROP TABLE survey_pair_units; DROP TABLE survey_paired_totals; DROP TABLE survey_paired_years; DROP TABLE survey_total_texts; DROP TABLE survey_total_counts;
    DROP TABLE survey_total_units; DROP TABLE survey_sum_counts; DROP TABLE survey_sum_units; DELETE FROM schema_migrations WHERE version >= 27;`);
  await srv.stop({ keep: true });
  srv = await startServer({ dir: srv.dir, database: srv.pg || undefined });
  assert.equal(await dbQuery(srv, UNITS), units);
  assert.equal(await dbQuery(srv, COUNTS), counts);
  assert.equal(await dbQuery(srv, TOTALS), totals);
  assert.equal(await dbQuery(srv, TEXTS), texts);
  assert.equal(await dbQuery(srv, PAIRED), paired);
  assert.equal(await dbQuery(srv, PAIRS), pairs);
  assert.equal(await dbQuery(srv, `SELECT count(*) FROM survey_sum_units WHERE template_id = ${open}`), '0');
  // and counted again from the answers (`mathshubs recount-surveys`): the same, row for row
  assert.match(await recountSurveys(srv), /^surveys: 2 closed surveys counted again$/m);
  for (const [query, before] of [[UNITS, units], [COUNTS, counts], [TOTALS, totals], [TEXTS, texts], [PAIRED, paired], [PAIRS, pairs]])
    assert.equal(await dbQuery(srv, query), before);
  const admin = await roleSession(srv, 'admin@upgrade.example', 'national_admin');
  const page = await admin.get(`/surveys/${ids.autumn}/results`);
  assert.equal(page.status, 200);
  assert.match(plain(page.body), /Which phase do you teach\? 16 people answered/);
});
