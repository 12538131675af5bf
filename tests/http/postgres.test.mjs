// The PostgreSQL backend as an operator meets it: several processes on one
// server, migrations racing, the server going away and coming back, a clear
// error when it is not there at all, and copy-db from an embedded deployment.
// (The rest of the HTTP suite also runs on PostgreSQL: http-postgres/*.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import {
  schemaVersion, PATIENCE_MS, ROOT, get, getJson, pgAdmin, pgCreateDatabase, pgDropDatabase, run, spawnServe, sqlite, waitFor,
} from './lib.mjs';

const PG_CLUSTER = path.join(ROOT, 'scripts', 'pg-cluster');
const cleanups = [];
after(async () => { for (const f of cleanups.reverse()) await f(); });

// A `mathshubs serve --postgres URL` process; resolves once it listens.
async function servePg(url, args = []) {
  const s = spawnServe(['--postgres', url, '--listen', '127.0.0.1:0', ...args]);
  const base = await s.listening;
  assert.ok(base, `server did not start: ${JSON.stringify(s.log)}`);
  return { ...s, base, async stop() { s.child.kill('SIGTERM'); return s.exited; } };
}

async function stopOk(s, what) {
  const st = await s.stop();
  assert.equal(st.code, 0, `${what} exited ${st.code ?? st.signal}: ${JSON.stringify(s.log.slice(-5))}`);
}

describe('several processes on one PostgreSQL database', () => {
  test('two processes starting at once on an empty database both migrate safely and serve', async () => {
    const db = pgCreateDatabase();
    cleanups.push(() => pgDropDatabase(db.name));
    const [a, b] = await Promise.all([servePg(db.url), servePg(db.url)]);
    try {
      assert.equal(pgAdmin('SELECT string_agg(version::text, \',\' ORDER BY version) FROM schema_migrations', db.name).trim(), Array.from({ length: schemaVersion() }, (_, i) => i + 1).join(','));
      assert.equal(pgAdmin('SELECT count(*) FROM hubs', db.name).trim(), '40', 'reference data loaded once');
      const [ra, rb] = await Promise.all([get(a.base, '/hubs'), get(b.base, '/hubs')]);
      assert.equal(ra.status, 200);
      assert.equal(rb.status, 200);
      assert.equal(ra.body, rb.body);
      const applied = [...a.log, ...b.log].filter((l) => /^applied migration/.test(l.msg || ''));
      assert.equal(applied.length, schemaVersion(), 'each migration applied by exactly one of the two processes');
    } finally {
      await stopOk(a, 'first process');
      await stopOk(b, 'second process');
    }
  });

  test('a write to the database is visible through both processes at once: nothing is held in one process', async () => {
    const db = pgCreateDatabase();
    cleanups.push(() => pgDropDatabase(db.name));
    const a = await servePg(db.url);
    const b = await servePg(db.url);
    try {
      // warm both processes' connections and prepared statements first
      assert.equal((await get(a.base, '/projects/NCP25-01')).status, 404);
      assert.equal((await get(b.base, '/projects/NCP25-01')).status, 404);
      pgAdmin(`INSERT INTO academic_years (code, starts_on, ends_on) VALUES ('2025/26', '2025-09-01', '2026-08-31');
               INSERT INTO projects (code, academic_year_id, title, kind, develops_llmes)
                 SELECT 'NCP25-01', id, 'Primary Mastery Specialist Programme (Cohort 11)', 'Programme', 1
                 FROM academic_years WHERE code = '2025/26';
               INSERT INTO project_phases (project_id, phase) SELECT id, 'Primary' FROM projects WHERE code = 'NCP25-01';`, db.name);
      for (const s of [a, b]) {
        const r = await getJson(s.base, '/api/v1/projects/NCP25-01');
        assert.equal(r.status, 200);
        assert.equal(r.json.academic_year, '2025/26');
        const list = await getJson(s.base, '/api/v1/projects');
        assert.equal(list.json.count, 35);
        assert.match((await get(s.base, '/projects')).body, /2025\/26/, 'the new year is offered in the filter');
      }
    } finally {
      await stopOk(a, 'first process');
      await stopOk(b, 'second process');
    }
  });
});

describe('PostgreSQL going away', () => {
  test('stopped while serving: 503 with Retry-After, /healthz says so, no crash; started again: recovers without a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mathshubs-pg-'));
    const cluster = path.join(dir, 'cluster');
    const admin = execFileSync(PG_CLUSTER, ['start', cluster], { encoding: 'utf8' }).trim();
    cleanups.push(() => { execFileSync(PG_CLUSTER, ['stop', cluster]); rmSync(dir, { recursive: true, force: true }); });
    const url = admin.replace(/\/postgres$/, '/mathshubs');
    execFileSync('/usr/bin/psql', [admin, '-qc', 'CREATE DATABASE mathshubs']);
    const s = await servePg(url, ['--threads', '2']);
    try {
      assert.equal((await get(s.base, '/hubs')).status, 200);
      execFileSync(PG_CLUSTER, ['pause', cluster]);
      for (let i = 0; i < 6; i++) { // every worker thread meets the outage
        const page = await get(s.base, '/hubs/SW4');
        assert.equal(page.status, 503);
        assert.ok(Number(page.headers['retry-after']) > 0, 'Retry-After');
        assert.match(page.body, /govuk-heading-l">Sorry, the service is unavailable/);
        const api = await getJson(s.base, '/api/v1/hubs');
        assert.equal(api.status, 503);
        assert.equal(api.json.status, 503);
      }
      const health = await getJson(s.base, '/healthz');
      assert.equal(health.status, 503);
      assert.equal(health.json.status, 'unavailable');
      assert.equal(health.json.database.status, 'unavailable');
      assert.equal(s.child.exitCode, null, 'still running');

      execFileSync(PG_CLUSTER, ['resume', cluster]); // returns once the server accepts connections
      // back at once: no request gets a 503 once the database is back, on
      // whichever thread it lands (a thread's idle connection finds out it
      // was lost only when used, and connects again then)
      for (let round = 0; round < 6; round++) {
        const rs = await Promise.all([1, 2, 3, 4].map(() => get(s.base, '/healthz')));
        assert.deepEqual(rs.map((r) => r.status), [200, 200, 200, 200], `round ${round + 1} after the database came back`);
      }
      const back = await waitFor(async () => {
        const rs = await Promise.all([1, 2, 3, 4].map(() => get(s.base, '/hubs/SW4')));
        return rs.every((r) => r.status === 200) && rs;
      }, PATIENCE_MS, 'every thread reconnected');
      assert.match(back[0].body, /GLOW/);
      assert.equal((await getJson(s.base, '/healthz')).json.database.status, 'ok');
    } finally {
      await stopOk(s, 'server');
    }
  });

  test('unreachable at start: a clear error and a non-zero exit, never the password', async () => {
    const r = await run(['serve', '--postgres', 'postgresql://mathshubs:s3cret-pw@127.0.0.1:1/mathshubs', '--listen', '127.0.0.1:0']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /cannot connect to PostgreSQL/);
    assert.doesNotMatch(r.stderr + r.stdout, /s3cret-pw/);
    const m = await run(['migrate', '--postgres', 'host=127.0.0.1 port=1 dbname=x']);
    assert.notEqual(m.code, 0);
    assert.match(m.stderr, /cannot connect to PostgreSQL/);
  });

  test('MATHSHUBS_DATABASE_URL selects PostgreSQL; migrate twice applies nothing the second time', async () => {
    const db = pgCreateDatabase();
    cleanups.push(() => pgDropDatabase(db.name));
    const r1 = await run(['migrate'], { env: { MATHSHUBS_DATABASE_URL: db.url } });
    assert.equal(r1.code, 0, r1.stderr);
    assert.match(r1.stdout, new RegExp(`schema version ${schemaVersion()} \\(${schemaVersion()} migrations applied\\)`));
    const r2 = await run(['migrate', '--postgres', db.url]);
    assert.match(r2.stdout, new RegExp(`schema version ${schemaVersion()} \\(0 migrations applied\\)`));
    pgAdmin("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', 0)", db.name);
    const r3 = await run(['serve', '--postgres', db.url, '--listen', '127.0.0.1:0']);
    assert.equal(r3.code, 3);
    assert.match(r3.stderr, /newer than this binary/);
  });
});

describe('copy-db: an embedded deployment moved to PostgreSQL', () => {
  test('every table copied in one transaction, verified, and served; a second copy into the same database is refused', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mathshubs-copy-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'embedded.db');
    assert.equal((await run(['migrate', '--db', file])).code, 0);
    // rows beyond the reference data, with text that tests fidelity
    await sqlite(file, `INSERT INTO academic_years (code, starts_on, ends_on) VALUES ('2025/26', '2025-09-01', '2026-08-31');
      INSERT INTO projects (code, academic_year_id, title, kind, develops_llmes)
        SELECT 'NCP25-01', id, 'Years 5–8 "Continuity" & O''Brien''s 🧮 Work Groups', 'Work Group', 0 FROM academic_years WHERE code = '2025/26';
      INSERT INTO project_phases (project_id, phase) SELECT id, 'Secondary' FROM projects WHERE code = 'NCP25-01';
      DELETE FROM bank_holidays WHERE day = '2024-12-25';
      INSERT INTO people (email, name, password_hash, totp_secret, created_at)
        VALUES ('lead@glow.example', 'Siân O''Neill', '$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA', 'JBSWY3DPEHPK3PXP', 1732000000);
      INSERT INTO people (email, name, active, created_at) VALUES ('left@school.example', 'Former Teacher', 0, 1732000001);
      INSERT INTO recovery_codes (person_id, code_hash) SELECT id, 'abc123' FROM people WHERE email = 'lead@glow.example';
      INSERT INTO one_time_links (token_hash, person_id, purpose, created_at, expires_at)
        SELECT 'deadbeef', id, 'setup', 1732000000, 1732086400 FROM people WHERE email = 'lead@glow.example';
      INSERT INTO sessions (token_hash, person_id, stage, csrf_token, created_at, last_seen_at)
        SELECT 'cafe', id, 'signed_in', 'csrf', 1732000000, 1732000100 FROM people WHERE email = 'lead@glow.example';
      INSERT INTO role_grants (person_id, role, hub_id, granted_at, reason)
        SELECT p.id, 'mhl', h.id, 1732000000, 'appointed MHL' FROM people p, hubs h WHERE p.email = 'lead@glow.example' AND h.code = 'SW4';
      INSERT INTO audit_log (at, actor_id, action, subject, ip, request_id, detail)
        SELECT 1732000000, id, 'sign_in', 'person:' || id, '127.0.0.1', 'abcd', '' FROM people WHERE email = 'lead@glow.example';
      INSERT INTO outbox (created_at, to_addr, subject, body_text, body_html, next_attempt_at)
        VALUES (1732000000, 'lead@glow.example', 'Welcome – set up', 'text', NULL, 1732000000);
      INSERT INTO outbox (created_at, to_addr, subject, body_text, body_html, next_attempt_at, attachment_name, attachment_type, attachment)
        VALUES (1732000000, 'lead@glow.example', 'You have confirmed – workshop', 'text', NULL, 1732000000, 'invitation.ics',
          'text/calendar; method=REQUEST; charset=UTF-8', 'BEGIN:VCALENDAR' || char(13, 10) || 'SUMMARY:Siân''s – workshop' || char(13, 10) || 'END:VCALENDAR');
      INSERT INTO rate_limits (key, window_start, attempts) VALUES ('sign_in:203.0.113.9', 1732000000, 3);
      INSERT OR IGNORE INTO local_authorities (code, name, region) VALUES ('201', 'City of London', 'London');
      INSERT OR IGNORE INTO hub_areas (la_code, hub_id, demo, changed_at) SELECT '201', id, 1, 1732000000 FROM hubs WHERE code = 'LO1';
      INSERT INTO trusts (code, name) VALUES ('16054', 'Sir John Cass''s Foundation Trust – Aldgate');
      INSERT INTO schools (urn, name, la_code, type, type_group, phase, status, open_date, close_date, close_reason, trust_id,
                           postcode, town, digest, imported_at)
        SELECT '100000', 'The Aldgate School', '201', 'Voluntary aided school', 'Local authority maintained schools', 'Primary',
               'open', '1900-01-01', NULL, '', id, 'EC3A 5DE', 'London', 'x', 1732000000 FROM trusts WHERE code = '16054';
      INSERT INTO school_links (urn, link_urn, link_name, link_type, linked_on) VALUES ('100000', '149000', 'Aldgate Academy', 'Successor', '2024-09-01');
      INSERT INTO school_hub_overrides (urn, hub_id, reason, changed_at) SELECT '100000', id, 'works with the hub next door', 1732000000 FROM hubs WHERE code = 'SW4';
      UPDATE people SET school_urn = '100000', job_title = 'Maths lead – KS2' WHERE email = 'lead@glow.example';
      INSERT INTO llme_designations (person_id, academic_year, designation, hub_id, granted_at)
        SELECT p.id, 2026, 'pms', h.id, 1732000000 FROM people p, hubs h WHERE p.email = 'lead@glow.example' AND h.code = 'SW4';
      INSERT INTO llme_accreditations (person_id, accreditation, state, since, changed_at)
        SELECT id, 'pd_lead', 'accredited', '2025-07-01', 1732000000 FROM people WHERE email = 'lead@glow.example';
      INSERT INTO trusted_devices (token_hash, person_id, created_at, last_used_at)
        SELECT 'feed', id, 1732000000, 1732000100 FROM people WHERE email = 'lead@glow.example';
      INSERT INTO sign_in_locks (key, failures, locked_until, locks, first_lock_at) VALUES ('email:beef', 2, 1732000900, 1, 1732000000);
      INSERT INTO hub_community_leads (hub_id, academic_year, person_id)
        SELECT h.id, 2026, p.id FROM people p, hubs h WHERE p.email = 'lead@glow.example' AND h.code = 'SW4';
      INSERT INTO people_uploads (token_hash, session_hash, person_id, file_name, rows_json, created_at, expires_at)
        SELECT 'beef', 'cafe', id, 'Siân''s team – list.csv', '[[2,"Siân O''Neill","sian@school.example","100000","","LLME","SW4",false]]',
               1732000000, 1732003600 FROM people WHERE email = 'lead@glow.example';
      INSERT INTO school_imports (token_hash, session_hash, person_id, files, checked, rejected, created_at, expires_at)
        SELECT 'beefcafe', token_hash, person_id, '[{"name":"edubasealldata.csv"}]', '{"new":1}', '[]', 1732000000, 1732003600
        FROM sessions WHERE token_hash = 'cafe';
      INSERT INTO school_import_chunks (import_id, seq, kind, data)
        SELECT id, 0, 'establishments', '"URN","EstablishmentName"' || char(13, 10) || '"100000","The Aldgate School"' FROM school_imports;
      INSERT INTO demo_data (id, scale, seed, academic_year, made_at) VALUES (1, 'small', 7, 2025, 1732000000);
      INSERT INTO events (title, description, kind, format, venue, address, capacity, counts_funded_days, hub_id,
          first_day, last_day, confirm_by, created_by, created_at, updated_at, sequence)
        SELECT 'Mastery national workshop 1', 'Bring the materials', 'national_workshop', 'face_to_face', 'Conference centre',
          'Birmingham', 60, 1, (SELECT id FROM hubs WHERE code = 'SW4'), '2026-03-02', '2026-03-03', 1771286400, id, 1732000000, 1732000000, 1
        FROM people WHERE email = 'lead@glow.example';
      INSERT INTO event_projects (event_id, project_id) SELECT e.id, p.id FROM events e, projects p WHERE p.code = 'NCP25-01';
      INSERT INTO event_days (event_id, day, starts, ends) SELECT id, '2026-03-02', '10:00', '16:00' FROM events;
      INSERT INTO event_audience (event_id, kind, value) SELECT id, 'role', 'llme' FROM events;
      INSERT INTO event_answers (event_id, person_id, answer, reason, answered_at)
        SELECT e.id, p.id, 'apologies', 'Ofsted visit – that week', 1732000100 FROM events e, people p WHERE p.email = 'lead@glow.example';
      INSERT INTO event_requirements (event_id, person_id, dietary, access, updated_at, delete_after)
        SELECT e.id, p.id, 'Vegetarian', 'Step-free access', 1732000200, '2026-04-02' FROM events e, people p WHERE p.email = 'lead@glow.example';
      INSERT INTO event_join_tokens (token_hash, event_id, person_id, created_at)
        SELECT 'f00d', e.id, p.id, 1732000300 FROM events e, people p WHERE p.email = 'lead@glow.example';
      UPDATE event_answers SET reminded_at = 1732000150;
      INSERT INTO calendar_feeds (person_id, token_hash, created_at) SELECT id, 'c0ffee', 1732000500 FROM people WHERE email = 'lead@glow.example';
      INSERT INTO event_attendance (event_id, person_id, day, status, minutes, source, note, recorded_at)
        SELECT e.id, p.id, '2026-03-02', 'late', 300, 'register', 'train delayed', 1732000400 FROM events e, people p WHERE p.email = 'lead@glow.example';
      INSERT INTO activities (project_id, kind, lead_hub_id, first_year, last_year, title, mhlm_link_id, format, status, created_by, created_at, updated_at)
        SELECT (SELECT id FROM projects WHERE code = 'NCP24-33'), 'Targeted Support', (SELECT id FROM hubs WHERE code = 'SW4'), 2025, 2025,
          'Targeted Support – Aldgate', id, 'face_to_face', 'running', id, 1732000000, 1732000000 FROM people WHERE email = 'lead@glow.example';
      INSERT INTO activity_phases (activity_id, phase) SELECT id, 'Primary' FROM activities;
      INSERT INTO activity_leads (activity_id, person_id, role) SELECT a.id, p.id, 'lead' FROM activities a, people p WHERE p.email = 'lead@glow.example';
      INSERT INTO activity_schools (activity_id, urn, hub_id, joined_on, added_at) SELECT id, '100000', lead_hub_id, '2025-09-15', 1732000000 FROM activities;
      INSERT INTO activity_participants (activity_id, person_id, school_urn, hub_id, role, joined_on, added_at)
        SELECT a.id, p.id, '100000', a.lead_hub_id, 'subject_leader', '2025-09-15', 1732000000 FROM activities a, people p WHERE p.email = 'lead@glow.example';
      INSERT INTO activity_sessions (activity_id, starts_at, ends_at, format, venue, purpose, register_taken_at, register_source, created_by, created_at, updated_at)
        SELECT id, 1760000000, 1760021600, 'face_to_face', 'The Aldgate School', 'Explore: O''Brien''s lesson study', 1760021600, 'phone', created_by, 1732000000, 1732000000 FROM activities;
      INSERT INTO register_marks (session_id, participant_id, mark, source, recorded_at) SELECT s.id, p.id, 'late', 'phone', 1760021600 FROM activity_sessions s, activity_participants p;
      INSERT INTO targeted_support (activity_id, urn, level, agreed_half_days, focus) SELECT id, '100000', 'intensive', 16, 'Fluency – KS2' FROM activities;
      INSERT INTO support_levels (activity_id, from_on, level, reason, set_at) SELECT id, '2025-09-15', 'intensive', '', 1732000000 FROM activities;
      INSERT INTO support_cycle (activity_id, stage, starts_on, ends_on, notes, updated_at) SELECT id, 'explore', '2025-09-15', '2025-10-10', 'Learning walk – Y4', 1732000000 FROM activities;
      INSERT INTO journey_entries (urn, academic_year, path, stage, source, entered_at) VALUES ('100000', 2021, 'primary', 'development', 'MHPod export, July 2022', 1732000000);
      INSERT INTO ncp_outcomes (project_id, kind, position, text, created_at, updated_at)
        SELECT id, 'pupils', 1, 'Pupils explain "why" – O''Brien''s 🧮', 1732000000, 1732000000 FROM projects WHERE code = 'NCP24-33';
      INSERT INTO happi_due (year, planning_due, final_due, set_at) VALUES (2025, '2025-10-17', '2026-07-17', 1732000000);
      INSERT INTO happi_forms (activity_id, year, status, version, content, updated_by, updated_at)
        SELECT id, 2025, 'planning_submitted', 1, '{"schedule":"Explore – O''Brien''s\nPlan"}', created_by, 1732000000 FROM activities;
      INSERT INTO happi_versions (activity_id, year, version, action, status, content, saved_by, saved_at)
        SELECT activity_id, year, 1, 'submit_planning', status, content, updated_by, updated_at FROM happi_forms;
      INSERT INTO happi_qa_notes (activity_id, year, kind, mechanism, body, written_by, written_at)
        SELECT id, 2025, 'mechanism', 'embed_practice', 'Routines – not yet shared', created_by, 1732000000 FROM activities;
      INSERT INTO kept_forms (person_id, path, fields, kept_at)
        SELECT id, '/activities/1/happi/planning', '[["schedule","kept – 🧮"]]', 1732000000 FROM people WHERE email = 'lead@glow.example';
      INSERT INTO happi_reminders (activity_id, year, kind, sent_at) SELECT activity_id, year, 'planning', 1732000000 FROM happi_forms;
      INSERT INTO happi_judgements (activity_id, year, position, kind, judgement) SELECT activity_id, year, 1, 'pupils', 'met' FROM happi_forms;
      INSERT INTO survey_templates (project_id, year, kind, title, status, content, created_by, created_at, updated_by, updated_at)
        SELECT NULL, 2025, 'autumn', 'Autumn – O''Brien''s 🧮', 'open',
          '{"sections":[{"key":"about-you","title":"About you","internal":false,"questions":[{"key":"confidence","type":"agree5","text":"I''m confident – 🧮","required":true,"options":[]}]}]}',
          id, 1732000000, id, 1732000000 FROM people WHERE email = 'lead@glow.example';
      INSERT INTO survey_templates (project_id, year, kind, title, status, content, created_at, updated_at)
        SELECT id, 2024, 'summer', 'Summer', 'draft', '{"sections":[]}', 1732000000, 1732000000 FROM projects WHERE code = 'NCP24-33';
      INSERT INTO survey_invites (template_id, activity_id, person_id, token_hash, token_sealed, invited_by, invited_at, last_reminded_at,
          reminders, started_at, answers)
        SELECT t.id, a.id, p.id, 'beef', 'v1:sealed', p.id, 1732000000, 1732090000, 1, 1732100000,
          '{"saved":["about-you"],"answers":{"confidence":["4"],"why":["O''Brien''s – 🧮"]}}'
        FROM survey_templates t, activities a, people p WHERE t.kind = 'autumn' AND p.email = 'lead@glow.example';
      INSERT INTO survey_values (invite_id, question_key, value_num, value_text) SELECT id, 'confidence', 4, NULL FROM survey_invites;
      INSERT INTO survey_values (invite_id, question_key, value_num, value_text) SELECT id, 'why', NULL, 'O''Brien''s – 🧮' FROM survey_invites;
      INSERT INTO survey_reminder_plans (activity_id, template_id, every_days, max_reminders, set_by, set_at)
        SELECT DISTINCT activity_id, template_id, 7, 3, person_id, 1732000000 FROM survey_invites;
      INSERT INTO survey_templates (project_id, year, kind, title, status, content, created_at, updated_at)
        VALUES (NULL, 2023, 'autumn', 'Autumn 2023', 'closed', '{"sections":[]}', 1700000000, 1710000000);
      INSERT INTO survey_sum_units (template_id, activity_id, question_key, n, total)
        SELECT t.id, a.id, 'confidence', 1, 4 FROM survey_templates t, activities a WHERE t.year = 2023;
      INSERT INTO survey_sum_counts (template_id, activity_id, question_key, value_num, n)
        SELECT t.id, a.id, 'confidence', 4, 1 FROM survey_templates t, activities a WHERE t.year = 2023;
      INSERT INTO survey_total_units (template_id, question_key, n, total) SELECT id, 'confidence', 1, 4 FROM survey_templates WHERE year = 2023;
      INSERT INTO survey_total_counts (template_id, question_key, value_num, n) SELECT id, 'confidence', 4, 1 FROM survey_templates WHERE year = 2023;
      INSERT INTO survey_total_texts (template_id, question_key, place, value_text) SELECT id, 'why', 1, 'O''Brien''s – 🧮' FROM survey_templates WHERE year = 2023;
      INSERT INTO survey_paired_years (year, templates, keys, people) SELECT 2023, CAST(id AS TEXT), 'confidence', 0 FROM survey_templates WHERE year = 2023;
      INSERT INTO survey_paired_totals (year, question_key, pairs, change_sum, up, down, held, single, left_out) VALUES (2023, 'confidence', 0, 0, 0, 0, 0, 0, 0);
      INSERT INTO survey_pair_units (year, autumn_id, summer_id, activity_id, question_key, pairs, change_sum, up, down)
        SELECT 2023, t.id, t.id, a.id, 'confidence', 1, -1, 0, 1 FROM survey_templates t, activities a WHERE t.year = 2023;
      INSERT INTO survey_pair_singles (year, template_id, activity_id, question_key, n)
        SELECT 2023, t.id, a.id, 'confidence', 1 FROM survey_templates t, activities a WHERE t.year = 2023;
      INSERT INTO survey_pair_people (year, autumn_id, summer_id, activity_id, n)
        SELECT 2023, t.id, t.id, a.id, 1 FROM survey_templates t, activities a WHERE t.year = 2023;`);
    // the school search's words, as the import makes them
    assert.equal((await run(['reindex-schools', '--db', file])).code, 0);
    // real tables: SQLite's own FTS5 index (a virtual table and its shadow tables) is not copied
    const tables = (await sqlite(file, "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'")).trim().split('\n');
    assert.ok(tables.includes('school_search') && !tables.some((t) => t.startsWith('school_search_fts')), tables.join());
    const db = pgCreateDatabase();
    cleanups.push(() => pgDropDatabase(db.name));

    const r = await run(['copy-db', '--from', `sqlite:${file}`, '--to', db.url]);
    assert.equal(r.code, 0, r.stderr);
    for (const t of tables) {
      const line = r.stdout.split('\n').find((l) => l.startsWith(t + ' '));
      assert.ok(line, `a report line for ${t}`);
      const [, from, to, sumFrom, sumTo, verdict] = line.trim().split(/\s+/);
      assert.equal(from, to, `${t}: row counts`);
      assert.ok(Number(from) > 0, `${t} is populated`);
      assert.equal(sumFrom, sumTo, `${t}: checksums`);
      assert.equal(verdict, 'ok');
      const count = (await sqlite(file, `SELECT count(*) FROM "${t}"`)).trim();
      assert.equal(pgAdmin(`SELECT count(*) FROM "${t}"`, db.name).trim(), count, `${t} in PostgreSQL`);
    }
    assert.match(r.stdout, /copied and verified/);
    assert.equal(pgAdmin("SELECT title FROM projects WHERE code = 'NCP25-01'", db.name).trim(),
      'Years 5–8 "Continuity" & O\'Brien\'s 🧮 Work Groups');
    assert.equal(pgAdmin("SELECT count(*) FROM bank_holidays WHERE day = '2024-12-25'", db.name).trim(), '0', 'deleted rows stay deleted');
    // ids keep counting after the copied ones
    const maxId = Number(pgAdmin('SELECT max(id) FROM projects', db.name));
    assert.equal(Number(pgAdmin("INSERT INTO regions (name) VALUES ('Test') RETURNING id", db.name).split('\n')[0]) > 0, true);
    assert.ok(Number(pgAdmin("INSERT INTO academic_years (code, starts_on, ends_on) VALUES ('2026/27', '2026-09-01', '2027-08-31') RETURNING id", db.name).split('\n')[0]) > 2);
    assert.ok(maxId >= 35);

    const s = await servePg(db.url);
    try {
      const p = await getJson(s.base, '/api/v1/projects/NCP25-01');
      assert.equal(p.status, 200);
      assert.equal(p.json.title, 'Years 5–8 "Continuity" & O\'Brien\'s 🧮 Work Groups');
      // the copied words are searched by PostgreSQL's own index
      const found = await getJson(s.base, '/api/v1/schools?query=aldg+sch');
      assert.deepEqual(found.json.schools.map((x) => x.urn), ['100000']);
    } finally {
      await stopOk(s, 'server on the copy');
    }

    const again = await run(['copy-db', '--from', `sqlite:${file}`, '--to', db.url]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /not empty/);
    const bad = await run(['copy-db', '--from', `sqlite:${path.join(dir, 'missing.db')}`, '--to', db.url]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /cannot read/);
  });
});
