// Migration 0021 on a database that already has HAPPI forms: its load
// (src/happi/judgement_queries.c, happi_judgements_load) makes each form's
// impact judgements into rows from the form's content, so the national
// view's lenses count the forms written before it. The database is taken
// back to version 20 as that release left it (no happi_judgements table,
// a reviewed form) and the server started again on it.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { dbQuery, errorSummary, roleSession, startServer, stopClean } from './lib.mjs';

let srv;
const year = new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
after(async () => { if (srv) await stopClean(srv, 'HAPPI upgrade server'); });

test('forms written before 0021 have their judgements once it runs', async () => {
  srv = await startServer({});
  const sql = (q) => dbQuery(srv, q);
  const mhl = await roleSession(srv, 'mhl@happi-upgrade.example', 'mhl', 'SW4');
  const llme = await roleSession(srv, 'llme@happi-upgrade.example', 'llme', 'SW4');
  const r = await mhl.post('/activities/new?hub=SW4', { ncp: 'local', kind: 'Community', title: 'Secondary maths leaders',
    cohort: 'none', cohort_label: '', year: String(year), years: '1', format: 'online', sessions: '3', capacity: '', capacity_of: 'schools',
    status: 'recruiting', phases: ['Secondary'], leads: [llme.id], link: mhl.id });
  assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
  const id = r.headers.location.split('/').pop();
  const content = JSON.stringify({ schedule: 'Termly', outcomes: [
    { id: -1, kind: 'schools', local: 'Departments plan together', evidence: 'Minutes', judgement: 'exceeded' },
    { id: -2, kind: 'practice', local: 'Teachers question well', evidence: 'Visits', judgement: 'too_early' },
    { id: -3, kind: 'pupils', local: 'Pupils explain', judgement: 'brilliant' }] }).replace(/'/g, "''");
  // as version 20 left it: the form reviewed, no judgements table (nor the later migrations' tables)
  await sql(`DROP TABLE happi_judgements; DROP INDEX activity_participants_left; DROP TABLE survey_pair_people; DROP TABLE survey_pair_singles; DROP TABLE survey_pair_units; DROP TABLE survey_paired_totals; DROP TABLE survey_paired_years; DROP TABLE survey_total_texts; DROP TABLE survey_total_counts; DROP TABLE survey_total_units; DROP TABLE survey_sum_counts; DROP TABLE survey_sum_units; DROP TABLE survey_reminder_plans; DROP TABLE survey_values; DROP TABLE survey_invites; DROP TABLE survey_templates; DROP TABLE school_terms; DELETE FROM schema_migrations WHERE version >= 21;
    INSERT INTO happi_forms (activity_id, year, status, version, content, updated_by, updated_at, reviewed_at)
    VALUES (${id}, ${year}, 'reviewed', 1, '${content}', ${llme.id}, 0, 0);`);
  await srv.stop({ keep: true });
  srv = await startServer({ dir: srv.dir, database: srv.pg || undefined });
  assert.equal(await dbQuery(srv, `SELECT position || ' ' || kind || ' ' || judgement FROM happi_judgements WHERE activity_id = ${id} ORDER BY position`),
    '1 schools exceeded\n2 practice too_early', 'a judgement off the scale is not counted');
  const analyst = await roleSession(srv, 'analyst@happi-upgrade.example', 'national_analyst');
  const page = await analyst.get(`/happi/national?year=${year}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /in the 1 form submitted at the end of the year/);
});
