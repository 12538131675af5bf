// `mathshubs demo-data --scale small|national [--seed N] [--schools FILE]`
// (src/demo): run as an operator runs it, on a database of its own (SQLite,
// or PostgreSQL as http-postgres/demo-data), then served. What it refuses
// (no scale, a bad seed, a missing register, a database that holds people
// or schools); the counts it prints are the database's, and the ones
// README documents (every hub's leadership, 10 active LLMEs a hub at the
// small scale, 3,000 teachers, three LLME Community leads a hub each of the
// five years); the same scale and seed make the same data, another seed
// other data; every page and API answer of a server on it says it holds
// demo data (and a server on real data says nothing of the kind); a person
// of each role signs in with the printed details (the code from oathtool).
// Five years of hub activities: every year's catalogue, the activities'
// tallies equal to their rows' counts, each lead hub's row, registers only
// for sessions held, Targeted Support's levels and cycle, the journeys
// from before; the same seed makes the same rows on SQLite and PostgreSQL.
// HAPPI: every NCP's expected outcomes as the handbook's rules ask of its
// kind, each year's due dates, and forms at every status with versions
// that follow the rules (counted, in order, nobody agreeing or reviewing
// what they submitted), nothing dated after the day the data is made; the
// lists and a form render.
// Surveys: each year's three default templates (the years gone closed),
// an invite for every participant there (the autumn's) and every lead (the
// LLME survey's), answers as the answer pages keep them (the record and its
// values agree), pairs whose scale answers move up on average, nothing
// dated after the day it was made; a link opens its survey, and the
// participant who signs in finds theirs on the home page.
// The national scale runs once, on SQLite: 50 active LLMEs a hub, 60,000
// teachers (about 5 s, a minute or two under the sanitizers).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { demoDatabase, demoSignIn, makeDemo } from '../lib/demo.mjs';
import { BACKEND, SANITIZED, dbQuery, get, run, startServer, stopClean, useServer } from './lib.mjs';

/** The academic year of today (2026 for 2026/27), as the binary reckons it. */
function thisYear() {
  const d = new Date();
  return d.getUTCMonth() >= 8 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
}
const Y = thisYear();
const num = async (target, sql) => Number(await dbQuery(target, sql));
/** The projects of the catalogue the migrations load (2024/25): the demo copies them into its other years. */
const SOURCE_PROJECTS = "SELECT count(*) FROM projects p JOIN academic_years y ON y.id = p.academic_year_id WHERE y.code = '2024/25'";
/** The LLME who signs in, of a demo's printed details. */
const llmeOf = (made) => made.signIns.find((x) => x.role === 'Local leader of mathematics education (LLME)');

/* Columns whose values are not the data's: sign-in secrets and survey links' tokens (new every run)
 * and the times things were written. */
const VOLATILE = new Set(['people.password_hash', 'people.totp_secret', 'schools.imported_at', 'hub_areas.changed_at',
  'audit_log.at', 'demo_data.made_at', 'schema_migrations.applied_at', 'school_terms.loaded_at',
  'survey_invites.token_hash', 'survey_invites.token_sealed']);

/** Every table of the database, every row, but the volatile columns: {table: text}. */
async function dump(target) {
  const pg = target.backend === 'postgres';
  const tables = (await dbQuery(target, pg
    ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
    : "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'school_search_fts%' ORDER BY 1"))
    .split('\n');
  const out = {};
  for (const t of tables) {
    const cols = (await dbQuery(target, pg
      ? `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${t}' ORDER BY ordinal_position`
      : `SELECT name FROM pragma_table_info('${t}') ORDER BY cid`)).split('\n').filter((c) => !VOLATILE.has(`${t}.${c}`));
    out[t] = await dbQuery(target, `SELECT ${cols.join(', ')} FROM ${t} ORDER BY ${cols.map((_, i) => i + 1).join(', ')}`);
  }
  return out;
}

describe('demo-data refuses what it cannot do, and says why', () => {
  test('no scale, another scale, a bad seed: usage (2), nothing made', async () => {
    const target = demoDatabase();
    try {
      for (const [args, msg] of [
        [[], /needs --scale small .* or --scale national/],
        [['--scale', 'huge'], /needs --scale small/],
        [['--scale', 'small', '--seed', '-1'], /--seed must be a whole number from 0 to 9223372036854775807/],
        [['--scale', 'small', '--seed', 'abc'], /--seed must be a whole number/],
        [['--scale', 'small', '--seed', '99999999999999999999'], /--seed must be a whole number/],
      ]) {
        const r = await run(['demo-data', ...args, ...target.args]);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, msg);
        assert.equal(r.stdout, '');
      }
      assert.equal(await num(target, 'SELECT count(*) FROM people'), 0);
    } finally {
      target.drop();
    }
  });

  test('the register of schools missing: where it looked and what to give (1), nothing made', async () => {
    const target = demoDatabase();
    const cwd = mkdtempSync(path.join(tmpdir(), 'mathshubs-cwd-')); // no ../shared next to it
    try {
      let r = await run(['demo-data', '--scale', 'small', ...target.args], { cwd });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /cannot read the register of schools \.\.\/shared\/data\/gias\/DFE-Digital__register-trainee-teachers\/schools\.csv: No such file or directory/);
      assert.match(r.stderr, /Give it with --schools FILE/);
      r = await run(['demo-data', '--scale', 'small', '--schools', path.join(cwd, 'none.csv'), ...target.args]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /cannot read the register of schools .*none\.csv/);
      // a file that is not the register: its columns named
      writeFileSync(path.join(cwd, 'other.csv'), 'URN,EstablishmentName\r\n100000,The Aldgate School\r\n');
      r = await run(['demo-data', '--scale', 'small', '--schools', path.join(cwd, 'other.csv'), ...target.args]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /the register of schools .*other\.csv: line 1: no column called "urn"\nNothing was made\./);
      assert.equal(await num(target, 'SELECT count(*) FROM people'), 0);
      assert.equal(await num(target, 'SELECT count(*) FROM schools'), 0);
    } finally {
      target.drop();
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe(`small scale on ${BACKEND}`, () => {
  let target, made, srv;

  before(async () => {
    target = demoDatabase();
    made = await makeDemo(target);
    assert.equal(made.code, 0, made.stderr);
    srv = await startServer(BACKEND === 'postgres' ? { database: target.pg } : { dir: target.dir });
  });
  after(async () => {
    if (srv) await stopClean(srv, 'the demo server');
    target?.drop();
  });

  test('the summary says what was made: the database\'s own counts', async () => {
    const c = new Map(made.counts);
    const q = (sql) => num(target, sql);
    const expect = {
      hubs: await q('SELECT count(*) FROM hubs'),
      projects: await q(SOURCE_PROJECTS),
      schools: await q("SELECT count(*) FROM schools WHERE status = 'open'"),
      'closed schools': await q("SELECT count(*) FROM schools WHERE status = 'closed'"),
      trusts: await q('SELECT count(*) FROM trusts'),
      'school links': await q('SELECT count(*) FROM school_links'),
      'national team': await q("SELECT count(DISTINCT person_id) FROM role_grants WHERE role IN ('national_admin', 'national_analyst', 'project_lead', 'national_link')"),
      'hub leadership': await q("SELECT count(DISTINCT g.person_id) FROM role_grants g JOIN people p ON p.id = g.person_id WHERE g.role IN ('mhl', 'amhl', 'hub_manager') AND p.active = 1"),
      'LLMEs this year': await q(`SELECT count(DISTINCT d.person_id) FROM llme_designations d JOIN people p ON p.id = d.person_id WHERE p.active = 1 AND d.academic_year = ${Y}`),
      teachers: await q("SELECT count(DISTINCT person_id) FROM role_grants WHERE role IN ('participant', 'headteacher')"),
      people: await q('SELECT count(*) FROM people'),
      roles: await q('SELECT count(*) FROM role_grants'),
      'can sign in': await q('SELECT count(*) FROM people WHERE password_hash IS NOT NULL AND totp_secret IS NOT NULL'),
      designations: await q('SELECT count(*) FROM llme_designations'),
      accreditations: await q('SELECT count(*) FROM llme_accreditations'),
      'AMHL phases': await q("SELECT count(*) FROM role_grants WHERE role = 'amhl' AND phase IS NOT NULL"),
      'community leads': await q('SELECT count(*) FROM hub_community_leads'),
      events: await q('SELECT count(*) FROM events'),
      answers: await q('SELECT count(*) FROM event_answers'),
      'register marks': await q('SELECT count(*) FROM event_attendance'),
      'NCPs copied': await q(`SELECT count(*) - (${SOURCE_PROJECTS}) FROM projects`),
      activities: await q('SELECT count(*) FROM activities'),
      'activity schools': await q('SELECT count(*) FROM activity_schools'),
      'activity participants': await q('SELECT count(*) FROM activity_participants'),
      sessions: await q('SELECT count(*) FROM activity_sessions'),
      'session marks': await q('SELECT count(*) FROM register_marks'),
      'targeted support': await q('SELECT count(*) FROM targeted_support'),
      'journey entries': await q('SELECT count(*) FROM journey_entries'),
      'activities of the LLME': await q(`SELECT count(*) FROM activity_leads l JOIN activities a ON a.id = l.activity_id
        JOIN people p ON p.id = l.person_id WHERE a.last_year >= ${Y} AND p.email = '${llmeOf(made).email.replace(/'/g, "''")}'`),
      'NCP outcomes': await q('SELECT count(*) FROM ncp_outcomes'),
      'HAPPI forms': await q('SELECT count(*) FROM happi_forms'),
      'HAPPI versions': await q('SELECT count(*) FROM happi_versions'),
      'HAPPI QA notes': await q('SELECT count(*) FROM happi_qa_notes'),
      'survey templates': await q('SELECT count(*) FROM survey_templates'),
      'survey invites': await q('SELECT count(*) FROM survey_invites'),
      'survey answers': await q('SELECT count(*) FROM survey_values'),
    };
    // requirements: the server deletes those of events ended more than 30 days ago, as it runs
    const requirements = c.get('requirements');
    c.delete('requirements');
    assert.deepEqual(Object.fromEntries(c), expect);
    assert.ok(requirements >= await q('SELECT count(*) FROM event_requirements'));
    assert.equal(await q(`SELECT count(*) FROM event_requirements WHERE delete_after < '${new Date().toISOString().slice(0, 10)}'`), 0);
    assert.match(made.stdout, new RegExp(`^Demo data, small scale, seed 1: the academic years ${Y - 4}/${String((Y - 3) % 100).padStart(2, '0')} to ${Y}/${String((Y + 1) % 100).padStart(2, '0')}, made in [\\d.]+ s\\.$`, 'm'));
  });

  test('the numbers README documents: 40 hubs each with its team, 10 active LLMEs a hub, 3,000 teachers', async () => {
    const q = (sql) => dbQuery(target, sql);
    assert.equal(made.counts.get('hubs'), 40);
    assert.equal(made.counts.get('teachers'), 3000);
    assert.equal(made.counts.get('LLMEs this year'), 400);
    assert.equal(made.counts.get('can sign in'), 11);
    // each hub: 10 active LLMEs this year (the team page's definition), one
    // Maths Hub Lead, two or three AMHLs with their phases, one hub manager
    // (active); three LLME Community leads each of the five years
    const perHub = (await q(`SELECT h.code,
        (SELECT count(DISTINCT d.person_id) FROM llme_designations d JOIN people p ON p.id = d.person_id WHERE d.hub_id = h.id AND d.academic_year = ${Y} AND p.active = 1),
        (SELECT count(*) FROM role_grants g JOIN people p ON p.id = g.person_id WHERE g.hub_id = h.id AND g.role = 'mhl' AND p.active = 1),
        (SELECT count(*) FROM role_grants g JOIN people p ON p.id = g.person_id WHERE g.hub_id = h.id AND g.role = 'amhl' AND p.active = 1),
        (SELECT count(DISTINCT g.phase) FROM role_grants g JOIN people p ON p.id = g.person_id WHERE g.hub_id = h.id AND g.role = 'amhl' AND p.active = 1),
        (SELECT count(*) FROM role_grants g JOIN people p ON p.id = g.person_id WHERE g.hub_id = h.id AND g.role = 'hub_manager' AND p.active = 1),
        (SELECT count(*) FROM hub_community_leads c WHERE c.hub_id = h.id),
        (SELECT count(DISTINCT c.academic_year) FROM hub_community_leads c WHERE c.hub_id = h.id),
        (SELECT count(*) FROM schools s JOIN school_hubs sh ON sh.urn = s.urn WHERE sh.hub_id = h.id AND s.status = 'open')
      FROM hubs h ORDER BY h.code`)).split('\n').map((l) => l.split('|'));
    assert.equal(perHub.length, 40);
    for (const [code, llmes, mhl, amhl, phases, manager, leads, years, schools] of perHub) {
      assert.equal(Number(llmes), 10, `${code}: active LLMEs`);
      assert.equal(Number(mhl), 1, `${code}: its Maths Hub Lead`);
      assert.ok(Number(amhl) >= 2 && Number(amhl) <= 3 && phases === amhl, `${code}: AMHLs ${amhl}, phases ${phases}`);
      assert.equal(Number(manager), 1, `${code}: its hub manager`);
      assert.equal(Number(leads), 15, `${code}: three LLME Community leads each of five years`);
      assert.equal(Number(years), 5, code);
      assert.ok(Number(schools) > 0, `${code}: schools in its area`);
    }
    // every open school is in a hub's area; every closed one has its successor
    assert.equal(await num(target, "SELECT count(*) FROM schools s JOIN school_hubs sh ON sh.urn = s.urn WHERE s.status = 'open' AND sh.hub_id IS NULL"), 0);
    assert.equal(await num(target, "SELECT count(*) FROM schools s WHERE s.status = 'closed' AND NOT EXISTS (SELECT 1 FROM school_links l WHERE l.urn = s.urn AND l.link_type = 'Successor')"), 0);
    // five academic years of designations, up to this one; and people who left
    assert.equal(await q('SELECT min(academic_year), max(academic_year) FROM llme_designations'), `${Y - 4}|${Y}`);
    assert.ok(await num(target, 'SELECT count(*) FROM people WHERE active = 0 AND deactivated_at IS NOT NULL') > 0);
    assert.equal(await num(target, "SELECT count(*) FROM llme_accreditations WHERE state = 'accredited'") > 0, true);
    assert.equal(await num(target, "SELECT count(*) FROM llme_accreditations WHERE state = 'working_towards'") > 0, true);
    // addresses: unique (the table says so), and only at the reserved example.org
    assert.equal(await num(target, "SELECT count(*) FROM people WHERE email NOT LIKE '%.example.org' AND email NOT LIKE '%@example.org'"), 0);
    // teachers at open schools with their job titles
    assert.equal(await num(target, "SELECT count(*) FROM people p JOIN role_grants g ON g.person_id = p.id WHERE g.role = 'participant' AND (p.job_title = '' OR p.school_urn IS NULL)"), 0);
    // the database says it holds demo data
    assert.equal(await q('SELECT scale, seed, academic_year FROM demo_data'), `small|1|${Y}`);
    assert.equal(await q("SELECT detail FROM audit_log WHERE action = 'demo_data_made'"),
      `small scale, seed 1, the academic years ${Y - 4}/${String((Y - 3) % 100).padStart(2, '0')} to ${Y}/${String((Y + 1) % 100).padStart(2, '0')}`);
  });

  test('five years of events: each NCP\'s three and each hub\'s three a year, none over its places, registers for the years gone', async () => {
    const q = (sql) => dbQuery(target, sql);
    const projects = await num(target, SOURCE_PROJECTS);
    const start = (y) => `${y}-09-01`, end = (y) => `${y + 1}-08-31`;
    for (let y = Y - 4; y <= Y; y++) {
      const within = `first_day BETWEEN '${start(y)}' AND '${end(y)}'`;
      assert.equal(await num(target, `SELECT count(*) FROM events WHERE project_id IS NOT NULL AND ${within}`), 3 * projects, `${y}: the NCPs' events`);
      assert.equal(await num(target, `SELECT count(*) FROM events WHERE hub_id IS NOT NULL AND ${within}`), 3 * 40, `${y}: the hubs' events`);
    }
    // on weekdays, starting Tuesday to Thursday; face to face ones locked ten working days before, online ones not
    const weekday = target.backend === 'postgres' ? "CAST(to_char(CAST(day AS date), 'ID') AS INTEGER) % 7" : "CAST(strftime('%w', day) AS INTEGER)";
    assert.equal(await num(target, `SELECT count(*) FROM event_days WHERE ${weekday} NOT IN (1, 2, 3, 4, 5)`), 0);
    assert.equal(await num(target, `SELECT count(*) FROM event_days d JOIN events e ON e.id = d.event_id AND e.first_day = d.day WHERE ${weekday} NOT IN (2, 3, 4)`), 0);
    assert.equal(await num(target, "SELECT count(*) FROM events WHERE (format = 'face_to_face') <> (confirm_by IS NOT NULL)"), 0);
    assert.equal(await num(target, "SELECT count(*) FROM events WHERE format = 'online' AND meeting_url IS NULL"), 0);
    // every event's tallies (kept by migration 0015's triggers, through the bulk writes too) agree with its answers
    const tally = (col, where) => `e.${col} <> (SELECT count(*) FROM event_answers a WHERE a.event_id = e.id AND ${where})`;
    assert.equal(await num(target, `SELECT count(*) FROM events e WHERE ${tally('n_confirmed', "a.answer = 'confirmed'")} OR ` +
      `${tally('n_waiting', "a.answer = 'waiting'")} OR ${tally('n_apologies', "a.answer = 'apologies'")} OR ` +
      `${tally('n_offered', "a.answer = 'waiting' AND COALESCE(a.offered_until, 0) > 0")}`), 0);
    // never more confirmed than its places; those after the last place wait
    assert.equal(await num(target, "SELECT count(*) FROM events e WHERE e.capacity < (SELECT count(*) FROM event_answers a WHERE a.event_id = e.id AND a.answer = 'confirmed')"), 0);
    assert.ok(await num(target, "SELECT count(*) FROM event_answers WHERE answer = 'waiting'") > 0, 'some wait');
    // registers for the years gone only, of people who answered, never of a cancelled event
    assert.equal(await num(target, `SELECT count(*) FROM event_attendance WHERE day >= '${start(Y)}'`), 0);
    assert.ok(await num(target, `SELECT count(*) FROM event_attendance WHERE status = 'present'`) > 0);
    assert.equal(await num(target, 'SELECT count(*) FROM event_attendance t WHERE NOT EXISTS (SELECT 1 FROM event_answers a WHERE a.event_id = t.event_id AND a.person_id = t.person_id)'), 0);
    assert.equal(await num(target, 'SELECT count(*) FROM event_attendance t JOIN events e ON e.id = t.event_id WHERE e.cancelled_at IS NOT NULL'), 0);
    // requirements for this year's events only, deleted 30 days after they end
    assert.equal(await num(target, `SELECT count(*) FROM event_requirements r JOIN events e ON e.id = r.event_id WHERE e.first_day < '${start(Y)}'`), 0);
    assert.ok(await num(target, 'SELECT count(*) FROM event_requirements') > 0);
    // nothing answered after the data was made (1 September of this year)
    assert.equal(await num(target, `SELECT count(*) FROM event_answers WHERE answered_at > ${Date.UTC(Y, 8, 1, 9) / 1000}`), 0);
    // the LLME who signs in sees their NCPs' events of this year, and the funded days of the last
    const llme = made.signIns.find((x) => x.role === 'Local leader of mathematics education (LLME)');
    const go = await demoSignIn(srv, llme);
    const page = await go('/events');
    assert.equal(page.status, 200);
    const mine = (await q(`SELECT e.title FROM events e JOIN event_audience a ON a.event_id = e.id AND a.kind = 'person' JOIN people p ON CAST(p.id AS TEXT) = a.value WHERE p.email = '${llme.email.replace(/'/g, "''")}' AND e.first_day >= '${start(Y)}' AND e.cancelled_at IS NULL ORDER BY e.first_day LIMIT 1`));
    assert.ok(mine, 'the LLME leads an NCP');
    assert.ok(page.body.includes(mine.replace(/&/g, '&amp;').replace(/'/g, '&#39;')), `the events page lists ${mine}`);
  });

  test('five years of activities: made from the schools, their tallies the rows\' own, registers only for sessions held', async () => {
    const q = (sql) => num(target, sql);
    const asOf = Date.UTC(Y, 8, 1, 9) / 1000; // 09:00 UTC on 1 September: the day the data is made
    // each year's catalogue: 2024/25's NCPs as NCPyy-nn, with their teaching for mastery settings
    const perYear = (await dbQuery(target, `SELECT y.code, count(*), (SELECT count(*) FROM project_tfm t JOIN projects p2 ON p2.id = t.project_id WHERE p2.academic_year_id = y.id)
      FROM projects p JOIN academic_years y ON y.id = p.academic_year_id GROUP BY y.id, y.code ORDER BY y.code`)).split('\n').map((l) => l.split('|'));
    const source = await q(SOURCE_PROJECTS);
    for (let y = Y - 4; y <= Y; y++) {
      const row = perYear.find(([code]) => code === `${y}/${String((y + 1) % 100).padStart(2, '0')}`);
      assert.ok(row, `${y}: its catalogue`);
      assert.equal(Number(row[1]), source, `${y}: every NCP`);
      assert.equal(Number(row[2]), 11, `${y}: the teaching for mastery settings`);
    }
    assert.equal(await q(`SELECT count(*) FROM projects WHERE code LIKE 'NCP${String((Y - 1) % 100).padStart(2, '0')}-%'`), source);
    // about 600 activities a year at the small scale (one tenth of the programme's 6,000), in every hub
    for (let y = Y - 4; y <= Y; y++) {
      const n = await q(`SELECT count(*) FROM activities WHERE first_year = ${y}`);
      assert.ok(n > 350 && n < 900, `${y}: ${n} activities started`);
      assert.equal(await q(`SELECT count(DISTINCT lead_hub_id) FROM activities WHERE first_year = ${y}`), 40, `${y}: every hub leads some`);
    }
    for (const kind of ['Work Group', 'Programme', 'Community', 'Targeted Support'])
      assert.ok(await q(`SELECT count(*) FROM activities WHERE kind = '${kind}'`) > 20, kind);
    assert.ok(await q("SELECT count(*) FROM activities WHERE cohort = 'regional'") > 0, 'regional cohorts');
    assert.ok(await q('SELECT count(*) FROM activities WHERE project_id IS NULL') > 0, 'local activities');
    assert.ok(await q('SELECT count(*) FROM activities WHERE continues_id IS NOT NULL') > 0, 'continuations');
    assert.ok(await q("SELECT count(*) FROM activity_hubs WHERE role = 'partner'") > 0, 'partner hubs');
    // every activity's lead hub sees it; the statuses follow the years
    assert.equal(await q("SELECT count(*) FROM activities a WHERE NOT EXISTS (SELECT 1 FROM activity_hubs h WHERE h.activity_id = a.id AND h.hub_id = a.lead_hub_id AND h.role = 'lead')"), 0);
    assert.equal(await q(`SELECT count(*) FROM activities WHERE last_year < ${Y} AND status NOT IN ('completed', 'cancelled')`), 0);
    assert.equal(await q(`SELECT count(*) FROM activities WHERE first_year = ${Y} AND status NOT IN ('planned', 'recruiting')`), 0);
    // the tallies (0017's triggers, through the bulk writes) are the rows' own
    const t = (col, sql) => `a.${col} <> (${sql})`;
    assert.equal(await q(`SELECT count(*) FROM activities a WHERE
      ${t('n_schools', 'SELECT count(*) FROM activity_schools s WHERE s.activity_id = a.id AND s.left_on IS NULL')} OR
      ${t('n_participants', 'SELECT count(*) FROM activity_participants p WHERE p.activity_id = a.id AND p.left_on IS NULL')} OR
      ${t('n_sessions', 'SELECT count(*) FROM activity_sessions s WHERE s.activity_id = a.id AND s.cancelled_at IS NULL')} OR
      ${t('n_sessions_held', 'SELECT count(*) FROM activity_sessions s WHERE s.activity_id = a.id AND s.cancelled_at IS NULL AND s.register_taken_at IS NOT NULL')} OR
      ${['present', 'late', 'absent', 'apologies'].map((m) => t(`n_${m}`, `SELECT count(*) FROM register_marks r JOIN activity_sessions s ON s.id = r.session_id WHERE s.activity_id = a.id AND r.mark = '${m}'`)).join(' OR ')}`), 0);
    assert.equal(await q(`SELECT count(*) FROM activity_hubs h WHERE
      h.n_schools <> (SELECT count(*) FROM activity_schools s WHERE s.activity_id = h.activity_id AND s.hub_id = h.hub_id AND s.left_on IS NULL) OR
      h.n_participants <> (SELECT count(*) FROM activity_participants p WHERE p.activity_id = h.activity_id AND p.hub_id = h.hub_id AND p.left_on IS NULL)`), 0);
    // registers for the sessions before the data was made, none after a participant left; not for a cancelled session
    assert.ok(await q('SELECT count(*) FROM register_marks') > 10000);
    assert.equal(await q(`SELECT count(*) FROM register_marks r JOIN activity_sessions s ON s.id = r.session_id WHERE s.starts_at >= ${asOf} OR s.cancelled_at IS NOT NULL`), 0);
    assert.equal(await q(`SELECT count(*) FROM activity_sessions WHERE starts_at < ${asOf} AND cancelled_at IS NULL AND register_taken_at IS NULL`), 0);
    assert.ok(await q(`SELECT count(*) FROM activity_sessions WHERE starts_at >= ${asOf}`) > 0, 'sessions to come this year');
    const day = target.backend === 'postgres' ? "to_char(to_timestamp(s.starts_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD')" : "date(s.starts_at, 'unixepoch')";
    assert.equal(await q(`SELECT count(*) FROM register_marks r JOIN activity_sessions s ON s.id = r.session_id
      JOIN activity_participants p ON p.id = r.participant_id WHERE p.left_on IS NOT NULL AND p.left_on <= ${day}`), 0);
    const weekday = target.backend === 'postgres' ? "CAST(extract(isodow FROM to_timestamp(starts_at)) AS INTEGER) % 7" : "CAST(strftime('%w', starts_at, 'unixepoch') AS INTEGER)";
    assert.equal(await q(`SELECT count(*) FROM activity_sessions WHERE ${weekday} NOT IN (1, 2, 3, 4, 5)`), 0, 'on weekdays');
    // each participant is a teacher of a school taking part (or of its predecessor, before a conversion)
    assert.equal(await q(`SELECT count(*) FROM activity_participants p JOIN people x ON x.id = p.person_id
      WHERE p.school_urn <> x.school_urn AND NOT EXISTS (SELECT 1 FROM school_links l WHERE l.urn = x.school_urn AND l.link_urn = p.school_urn AND l.link_type = 'Predecessor')`), 0);
    // Targeted Support: one school, its levels (the latest is its level), its four stages
    assert.equal(await q("SELECT count(*) FROM activities a WHERE a.kind = 'Targeted Support' AND NOT EXISTS (SELECT 1 FROM targeted_support t WHERE t.activity_id = a.id)"), 0);
    assert.equal(await q("SELECT count(*) FROM activities a WHERE a.kind = 'Targeted Support' AND (SELECT count(*) FROM activity_schools s WHERE s.activity_id = a.id) > 1"), 0);
    assert.equal(await q('SELECT count(*) FROM targeted_support t WHERE t.level <> (SELECT l.level FROM support_levels l WHERE l.activity_id = t.activity_id ORDER BY l.from_on DESC LIMIT 1)'), 0);
    assert.equal(await q('SELECT count(*) FROM targeted_support t WHERE (SELECT count(*) FROM support_cycle c WHERE c.activity_id = t.activity_id) <> 4'), 0);
    for (const level of ['standard', 'enhanced', 'intensive'])
      assert.ok(await q(`SELECT count(*) FROM targeted_support WHERE level = '${level}'`) > 0, level);
    // journeys from before the system, each with its source
    assert.equal(await q(`SELECT count(*) FROM journey_entries WHERE academic_year >= ${Y - 4}`), 0);
    assert.ok(await q(`SELECT count(*) FROM journey_entries WHERE source = 'MHPod export, July ${Y - 4}'`) > 100);
    // the LLME who signs in leads some of this year's, and finds them on their own page; their hub lead on the hub's
    const llme = llmeOf(made);
    const mine = (await dbQuery(target, `SELECT a.id, a.title FROM activities a JOIN activity_leads l ON l.activity_id = a.id JOIN people p ON p.id = l.person_id
      WHERE p.email = '${llme.email.replace(/'/g, "''")}' AND a.last_year >= ${Y} ORDER BY a.id`)).split('\n').filter(Boolean).map((l) => l.split('|'));
    assert.ok(mine.length >= 1, 'the LLME leads some of this year\'s activities');
    const go = await demoSignIn(srv, llme);
    const page = await go('/activities');
    assert.equal(page.status, 200);
    for (const [id] of mine) assert.ok(page.body.includes(`/activities/${id}"`), `their page links activity ${id}`);
    const mhl = made.signIns.find((x) => x.role === 'Maths Hub Lead');
    const code = await dbQuery(target, `SELECT h.code FROM hubs h JOIN role_grants g ON g.hub_id = h.id JOIN people p ON p.id = g.person_id WHERE p.email = '${mhl.email.replace(/'/g, "''")}' AND g.role = 'mhl'`);
    const lead = await demoSignIn(srv, mhl);
    const list = await lead(`/hubs/${code}/activities`);
    assert.equal(list.status, 200);
    assert.ok(list.body.includes(`/activities/${mine[0][0]}"`), 'the hub\'s list has the LLME\'s activity');
    // the participant who signs in has a place in one of this year's, and finds it on their page
    const teacher = made.signIns.find((x) => x.role === 'Participant');
    const place = await dbQuery(target, `SELECT a.id FROM activity_participants ap JOIN activities a ON a.id = ap.activity_id
      JOIN people p ON p.id = ap.person_id WHERE p.email = '${teacher.email.replace(/'/g, "''")}' AND a.first_year = ${Y} ORDER BY a.id LIMIT 1`);
    assert.ok(place, 'the participant takes part this year');
    const own = await (await demoSignIn(srv, teacher))('/activities');
    assert.ok(own.body.includes(`/activities/${place}"`), 'their page links it');
  });

  test('HAPPI: every NCP\'s outcomes by the rules, forms at every status with their versions, the pages render', async () => {
    const q = (sql) => num(target, sql);
    const rows = async (sql) => (await dbQuery(target, sql)).split('\n').filter(Boolean).map((l) => l.split('|'));
    const asOf = Date.UTC(Y, 8, 1, 9) / 1000;
    // every NCP of the five years states the kinds the handbook asks of it (a Work Group: all three; an SKTM
    // programme: pupils; communities and LLME development programmes: schools; every project: practice)
    const has = (kind) => `EXISTS (SELECT 1 FROM ncp_outcomes o WHERE o.project_id = p.id AND o.kind = '${kind}')`;
    assert.ok(await q('SELECT count(*) FROM projects') >= 5 * 30);
    assert.equal(await q(`SELECT count(*) FROM projects p WHERE NOT ${has('practice')}
      OR ((p.kind = 'Work Group' OR (p.kind = 'Programme' AND p.sktm = 1)) AND NOT ${has('pupils')})
      OR ((p.kind IN ('Work Group', 'Community') OR (p.kind = 'Programme' AND p.develops_llmes = 1)) AND NOT ${has('schools')})`), 0);
    assert.ok(await q('SELECT count(DISTINCT text) FROM ncp_outcomes') > 30, 'varied outcomes');
    assert.equal(await q(`SELECT count(*) FROM happi_due WHERE year BETWEEN ${Y - 4} AND ${Y} AND planning_due < final_due`), 5);
    // forms only of activities linked to an NCP, in their years; this year's only begun (planned in the summer),
    // every status in the year just ended; some of this year's not started
    assert.equal(await q(`SELECT count(*) FROM happi_forms f JOIN activities a ON a.id = f.activity_id
      WHERE a.project_id IS NULL OR a.status = 'cancelled' OR f.year < a.first_year OR f.year > a.last_year`), 0);
    const statuses = async (y) => (await rows(`SELECT DISTINCT status FROM happi_forms WHERE year = ${y} ORDER BY 1`)).map(([s]) => s);
    assert.deepEqual(await statuses(Y), ['draft', 'planning_agreed', 'planning_returned', 'planning_submitted']);
    assert.deepEqual(await statuses(Y - 1), ['draft', 'final_returned', 'final_submitted', 'planning_agreed',
      'planning_returned', 'planning_submitted', 'reviewed']);
    for (let y = Y - 4; y < Y - 1; y++)
      assert.ok(await q(`SELECT count(*) FROM happi_forms WHERE year = ${y} AND status = 'reviewed'`) >
        await q(`SELECT count(*) FROM happi_forms WHERE year = ${y} AND status <> 'reviewed'`), `${y}: mostly reviewed`);
    assert.ok(await q(`SELECT count(*) FROM activities a WHERE a.project_id IS NOT NULL AND a.status <> 'cancelled' AND a.first_year <= ${Y}
      AND a.last_year >= ${Y} AND NOT EXISTS (SELECT 1 FROM happi_forms f WHERE f.activity_id = a.id AND f.year = ${Y})`) > 0, 'not started');
    assert.equal(await q(`SELECT count(*) FROM happi_versions WHERE saved_at >= ${asOf}`), 0, 'nothing after the day it was made');
    // a form's version is its last, its versions 1..version; the last's status and content are the form's
    assert.equal(await q(`SELECT count(*) FROM happi_forms f WHERE f.version <> (SELECT count(*) FROM happi_versions v
      WHERE v.activity_id = f.activity_id AND v.year = f.year) OR NOT EXISTS (SELECT 1 FROM happi_versions v
      WHERE v.activity_id = f.activity_id AND v.year = f.year AND v.version = f.version AND v.status = f.status
      AND v.content = f.content AND v.saved_by = f.updated_by AND v.saved_at = f.updated_at)`), 0);
    // the leads write and submit; the MHLM link returns, agrees and reviews: never the one who submitted
    assert.equal(await q(`SELECT count(*) FROM happi_versions v JOIN activities a ON a.id = v.activity_id WHERE
      (v.action IN ('save', 'submit_planning', 'submit_final') AND NOT EXISTS (SELECT 1 FROM activity_leads l
        WHERE l.activity_id = v.activity_id AND l.person_id = v.saved_by))
      OR (v.action IN ('return', 'agree', 'review') AND v.saved_by <> a.mhlm_link_id)`), 0);
    assert.equal(await q(`SELECT count(*) FROM happi_versions v JOIN happi_versions s ON s.activity_id = v.activity_id
      AND s.year = v.year AND s.version = (SELECT max(x.version) FROM happi_versions x WHERE x.activity_id = v.activity_id
      AND x.year = v.year AND x.version < v.version AND x.action IN ('submit_planning', 'submit_final'))
      WHERE v.action IN ('return', 'agree', 'review') AND v.saved_by = s.saved_by`), 0);
    assert.equal(await q(`SELECT count(*) FROM happi_forms f WHERE f.status IN ('planning_submitted', 'final_submitted', 'reviewed')
      AND f.submitted_by IS NULL`), 0);
    // every form's versions take the steps the rules allow, in time order; a return says why
    const next = {
      save: { draft: 'draft', planning_returned: 'planning_returned', planning_agreed: 'planning_agreed', final_returned: 'final_returned' },
      submit_planning: { draft: 'planning_submitted', planning_returned: 'planning_submitted' },
      return: { planning_submitted: 'planning_returned', final_submitted: 'final_returned' },
      agree: { planning_submitted: 'planning_agreed' },
      submit_final: { planning_agreed: 'final_submitted', final_returned: 'final_submitted' },
      review: { final_submitted: 'reviewed' },
    };
    let form = '', status = 'draft', at = 0, steps = 0;
    for (const [id, y, v, action, to, comment, savedAt] of await rows(`SELECT activity_id, year, version, action, status,
      CASE WHEN comment IS NULL THEN 0 ELSE 1 END, saved_at FROM happi_versions ORDER BY activity_id, year, version`)) {
      if (`${id}/${y}` !== form) [form, status, at] = [`${id}/${y}`, 'draft', 0];
      assert.equal(next[action]?.[status], to, `${form} version ${v}: ${action} from ${status}`);
      assert.equal(comment === '1', action === 'return', `${form} version ${v}: a comment with a return only`);
      assert.ok(Number(savedAt) > at, `${form} version ${v}: after the one before`);
      [status, at] = [to, Number(savedAt)];
      steps++;
    }
    assert.equal(steps, await q('SELECT count(*) FROM happi_versions'));
    // quality assurance notes by the link, on forms agreed
    assert.ok(await q('SELECT count(*) FROM happi_qa_notes') > 0);
    assert.equal(await q(`SELECT count(*) FROM happi_qa_notes n JOIN activities a ON a.id = n.activity_id
      WHERE n.written_by <> a.mhlm_link_id OR n.written_at >= ${asOf}`), 0);

    // the pages: the national counts, the hub's list, a form reviewed, the LLME's own with one returned to them
    const html = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    const admin = await demoSignIn(srv, made.signIns.find((x) => x.role === 'National administrator'));
    const national = await admin(`/happi/national?year=${Y - 1}`);
    assert.equal(national.status, 200);
    assert.match(national.body, /Reviewed/);
    const [hub] = (await rows(`SELECT h.code FROM activities a JOIN hubs h ON h.id = a.lead_hub_id
      WHERE a.first_year <= ${Y} AND a.last_year >= ${Y} GROUP BY h.code ORDER BY count(*) DESC, h.code LIMIT 1`))[0];
    const hubPage = await admin(`/hubs/${hub}/happi`);
    assert.equal(hubPage.status, 200);
    assert.match(hubPage.body, /Planning submitted/);
    const [id, y, content] = (await rows(`SELECT activity_id, year, content FROM happi_forms WHERE status = 'reviewed'
      ORDER BY activity_id LIMIT 1`))[0];
    const formPage = await admin(`/activities/${id}/happi?year=${y}`);
    assert.equal(formPage.status, 200);
    const saved = JSON.parse(content);
    for (const o of saved.outcomes) {
      assert.ok(formPage.body.includes(html(o.local)), `the form shows its tailored outcome "${o.local}"`);
      assert.ok(formPage.body.includes(html(o.evidence)), 'and its evidence');
    }
    // its judgements as rows, as a save makes them, so the national view's lenses count them
    assert.equal(await q(`SELECT count(*) FROM happi_judgements WHERE activity_id = ${id} AND year = ${y}`),
      saved.outcomes.filter((o) => o.judgement).length);
    const lenses = await admin(`/happi/national?year=${y}`);
    const done = await q(`SELECT count(*) FROM happi_forms f JOIN activities a ON a.id = f.activity_id WHERE f.year = ${y}
      AND f.status IN ('final_submitted', 'reviewed') AND a.status <> 'cancelled'`);
    assert.match(lenses.body, new RegExp(`in the ${done} forms? submitted at the end of the year`));
    const versions = await admin(`/activities/${id}/happi/versions?year=${y}`);
    assert.equal(versions.status, 200);
    const llme = llmeOf(made);
    const returned = await dbQuery(target, `SELECT f.activity_id FROM happi_forms f JOIN activity_leads l ON l.activity_id = f.activity_id
      JOIN people p ON p.id = l.person_id WHERE p.email = '${llme.email.replace(/'/g, "''")}' AND f.year = ${Y}
      AND f.status = 'planning_returned' ORDER BY f.activity_id LIMIT 1`);
    assert.ok(returned, 'the LLME who signs in has a form returned to them this year');
    const go = await demoSignIn(srv, llme);
    const own = await go('/happi');
    assert.equal(own.status, 200);
    assert.ok(own.body.includes(`/activities/${returned}/happi`), 'their list links it');
    assert.match(own.body, /Planning returned/);
    const theirs = await go(`/activities/${returned}/happi`);
    assert.equal(theirs.status, 200);
    assert.match(theirs.body, /Write the planning/);
  });

  test('surveys: each year\'s templates, every participant and lead invited, answers kept as the pages keep them', async () => {
    const q = (sql) => num(target, sql);
    const rows = async (sql) => (await dbQuery(target, sql)).split('\n').filter(Boolean).map((l) => l.split('|'));
    const asOf = Date.UTC(Y, 8, 1, 9) / 1000;
    assert.deepEqual(await rows('SELECT year, kind, status FROM survey_templates WHERE project_id IS NULL ORDER BY year, kind'),
      [Y - 4, Y - 3, Y - 2, Y - 1, Y].flatMap((y) => ['autumn', 'llme', 'summer'].map((k) =>
        [String(y), k, y < Y ? 'closed' : k === 'summer' ? 'draft' : 'open'])));
    // the autumn survey: every participant of an activity not cancelled who had not left before the year
    const there = (y, kind) => `SELECT count(*) FROM activity_participants p JOIN activities a ON a.id = p.activity_id
      WHERE a.status <> 'cancelled' AND a.first_year <= ${y} AND a.last_year >= ${y} AND p.joined_on < '${y + 1}-09-01'
      AND (p.left_on IS NULL OR p.left_on >= '${kind === 'autumn' ? y : y + 1}-09-01')`;
    const invited = (y, kind) => `SELECT count(*) FROM survey_invites i JOIN survey_templates t ON t.id = i.template_id
      WHERE t.year = ${y} AND t.kind = '${kind}'`;
    for (let y = Y - 4; y <= Y; y++) {
      assert.equal(await q(invited(y, 'autumn')), await q(there(y, 'autumn')), `${y}: every participant has an autumn link`);
      if (y === Y) continue;
      assert.equal(await q(invited(y, 'summer')), await q(there(y, 'summer')), `${y}: every one still there a summer link`);
      assert.equal(await q(invited(y, 'llme')), await q(`SELECT count(*) FROM activity_leads l JOIN activities a ON a.id = l.activity_id
        WHERE a.status <> 'cancelled' AND a.first_year <= ${y} AND a.last_year >= ${y}`), `${y}: every lead an LLME survey link`);
      const share = async (kind) => await q(`${invited(y, kind)} AND i.completed_at IS NOT NULL`) / await q(invited(y, kind));
      assert.ok(await share('autumn') > 0.85 && await share('summer') > 0.4 && await share('summer') < await share('autumn'), `${y}: shares`);
    }
    assert.equal(await q(`${invited(Y, 'summer')}`), 0);
    assert.ok(await q(`${invited(Y, 'autumn')} AND i.completed_at IS NULL AND i.started_at IS NULL`) > 0, 'this year: most not started');
    assert.ok(await q(`${invited(Y, 'autumn')} AND i.completed_at IS NULL AND i.started_at IS NOT NULL`) > 0, 'some part-way');
    assert.equal(await q(`SELECT count(*) FROM survey_invites WHERE invited_at >= ${asOf} OR started_at >= ${asOf}
      OR completed_at >= ${asOf} OR started_at < invited_at OR completed_at < started_at
      OR (completed_at IS NOT NULL AND started_at IS NULL)`), 0, 'in order, nothing after the day it was made');
    assert.equal(await q(`SELECT count(*) FROM survey_invites WHERE (started_at IS NULL) <> (answers = '{}')`), 0);
    assert.equal(await q('SELECT count(DISTINCT token_hash) FROM survey_invites'), await q('SELECT count(*) FROM survey_invites'));
    // the record and its values agree: every scale answer of the JSON is a row of survey_values
    for (const [id, answers] of await rows(`SELECT id, answers FROM survey_invites WHERE started_at IS NOT NULL ORDER BY id LIMIT 40`)) {
      const a = JSON.parse(answers).answers;
      const values = await rows(`SELECT question_key, COALESCE(value_text, '' || value_num) FROM survey_values
        WHERE invite_id = ${id} ORDER BY question_key, value_num`);
      const want = Object.entries(a).flatMap(([k, v]) => v.map((x) => [k, x])).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : Number(x[1]) - Number(y[1])));
      assert.deepEqual(values, want, `invite ${id}'s values are its record's`);
    }
    // pairs: the same person's completed autumn and summer answers, which move up on average
    const [pairs, before, after] = (await rows(`SELECT count(*), SUM(va.value_num), SUM(vb.value_num)
      FROM survey_invites ia JOIN survey_templates ta ON ta.id = ia.template_id
      JOIN survey_invites ib ON ib.activity_id = ia.activity_id AND ib.person_id = ia.person_id
      JOIN survey_templates tb ON tb.id = ib.template_id AND tb.year = ta.year AND tb.kind = 'summer'
      JOIN survey_values va ON va.invite_id = ia.id JOIN survey_values vb ON vb.invite_id = ib.id AND vb.question_key = va.question_key
      WHERE ta.kind = 'autumn' AND ta.year = ${Y - 1} AND ia.completed_at IS NOT NULL AND ib.completed_at IS NOT NULL
      AND va.question_key = 'confidence'`))[0].map(Number);
    assert.ok(pairs > 1000, `pairs: ${pairs}`);
    assert.ok(after / pairs > before / pairs + 0.1 && after / pairs < before / pairs + 0.6, `${before / pairs} then ${after / pairs}`);
    // a link opens its survey (no deployment key in the tests: the sealed token is the token)
    const [token] = (await rows(`SELECT token_sealed FROM survey_invites WHERE started_at IS NULL ORDER BY id LIMIT 1`))[0];
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    const link = await get(srv.base, `/s/${token}`);
    assert.ok([200, 303].includes(link.status), `/s/TOKEN answered ${link.status}`);
    // the participant who signs in has this year's autumn link waiting on their home page
    const teacher = await demoSignIn(srv, made.signIns.find((x) => x.role === 'Participant'));
    const home = await teacher('/');
    assert.equal(home.status, 200);
    assert.ok(home.body.includes(`Autumn participant survey ${Y}/${String((Y + 1) % 100).padStart(2, '0')}`), 'their survey on the home page');
  });

  test('a database that holds people or schools is refused, and left as it was', async () => {
    const before_ = await num(target, 'SELECT count(*) FROM people');
    const r = await makeDemo(target, { seed: 2 });
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`this database holds ${before_} people and \\d+ schools, and demo data already: demo data goes into a new, empty database of its own`));
    assert.match(r.stderr, /Nothing was made\./);
    assert.equal(await num(target, 'SELECT count(*) FROM people'), before_);
  });

  test('every page says it holds demo data, and every API answer carries Demo-Data: true', async () => {
    const hub = (await dbQuery(target, 'SELECT code FROM hubs ORDER BY code LIMIT 1'));
    const urn = await dbQuery(target, "SELECT urn FROM schools WHERE status = 'closed' ORDER BY urn LIMIT 1");
    for (const [target_, status] of [['/', 200], ['/hubs', 200], [`/hubs/${hub}`, 200], [`/hubs/${hub}/schools`, 200],
      ['/schools?q=primary', 200], [`/schools/${urn}`, 200], ['/find-your-hub', 200], ['/projects', 200], ['/api', 200],
      ['/sign-in', 200], ['/no-such-page', 404], [`/hubs/${hub}/team`, 303]]) {
      const r = await get(srv.base, target_);
      assert.equal(r.status, status, target_);
      assert.equal(r.headers['demo-data'], 'true', `${target_}: the header`);
      if (status !== 303) {
        assert.match(r.body, /<strong class="govuk-tag govuk-tag--orange govuk-phase-banner__content__tag">Demo data<\/strong> <span class="govuk-phase-banner__text">This service holds demo data: the people, roles and designations are made up, and so are schools&#39; hubs, types and trusts\.<\/span>/, `${target_}: the notice`);
      }
    }
    for (const [target_, status] of [['/api/v1/hubs', 200], ['/api/v1/schools?query=primary', 200], [`/api/v1/schools/${urn}`, 200],
      ['/api/v1/projects', 200], ['/api/v1/schools/999999', 404], ['/api/v1/schools/1', 400], ['/api/v1/openapi.json', 200]]) {
      const r = await get(srv.base, target_);
      assert.equal(r.status, status, target_);
      assert.equal(r.headers['demo-data'], 'true', `${target_}: the header`);
    }
    const doc = JSON.parse((await get(srv.base, '/api/v1/openapi.json')).body);
    assert.match(doc.info.description, /`Demo-Data: true`/);
  });

  test('one person of each role signs in with the printed password and their app\'s code (oathtool)', async () => {
    const roles = made.signIns.map((s) => s.role);
    assert.deepEqual(roles, ['National administrator', 'National analyst', 'Project Lead', 'Hub Lead Link', 'National Link',
      'Maths Hub Lead', 'Assistant Maths Hub Lead', 'Hub manager', 'Local leader of mathematics education (LLME)',
      'Participant', 'Headteacher']);
    assert.equal(new Set(made.signIns.map((s) => s.email)).size, 11, 'eleven people');
    for (const who of made.signIns) {
      const go = await demoSignIn(srv, who);
      const account = await go('/account');
      assert.equal(account.status, 200);
      assert.ok(account.body.includes('Demo data'), `${who.role}: the notice, signed in`);
      // each holds the role they sign in for, in the database
      const keys = (await dbQuery(target, `SELECT g.role FROM role_grants g JOIN people p ON p.id = g.person_id WHERE p.email = '${who.email.replace(/'/g, "''")}'`)).split('\n');
      const key = { 'National administrator': 'national_admin', 'National analyst': 'national_analyst', 'Project Lead': 'project_lead',
        'Hub Lead Link': 'hub_lead_link', 'National Link': 'national_link', 'Maths Hub Lead': 'mhl', 'Assistant Maths Hub Lead': 'amhl',
        'Hub manager': 'hub_manager', 'Local leader of mathematics education (LLME)': 'llme', Participant: 'participant',
        Headteacher: 'headteacher' }[who.role];
      assert.ok(keys.includes(key), `${who.role}: holds ${key} (${keys})`);
    }
    // the Maths Hub Lead reads their hub's team: its 10 active LLMEs this year
    const mhl = made.signIns.find((s) => s.role === 'Maths Hub Lead');
    const code = await dbQuery(target, `SELECT h.code FROM hubs h JOIN role_grants g ON g.hub_id = h.id JOIN people p ON p.id = g.person_id WHERE p.email = '${mhl.email.replace(/'/g, "''")}' AND g.role = 'mhl'`);
    const go = await demoSignIn(srv, mhl); // a second time: the next code of the app
    const team = await go(`/hubs/${code}/team`);
    assert.equal(team.status, 200);
    assert.match(team.body, /<span class="govuk-!-font-size-48 govuk-!-font-weight-bold">10<\/span> active LLME/);
  });
});

// Once, on SQLite without the sanitizers: the test below makes the same seed
// on both engines and finds them alike, so PostgreSQL's runs are alike too,
// and the sanitizers find nothing in three more runs of code the small
// demo above has run (it took minutes of make check).
if (BACKEND === 'sqlite' && !SANITIZED) describe('the same scale and seed make the same data; another seed other data', () => {
  test(`two runs of seed 7 dump alike on ${BACKEND}; seed 8 differs`, async () => {
    const a = demoDatabase(), b = demoDatabase(), c = demoDatabase();
    try {
      for (const [t, seed] of [[a, 7], [b, 7], [c, 8]]) {
        const r = await makeDemo(t, { seed });
        assert.equal(r.code, 0, r.stderr);
      }
      const [da, db, dc] = [await dump(a), await dump(b), await dump(c)];
      assert.ok(da.people.split('\n').length > 3000 && da.schools.split('\n').length > 2000, 'the dump holds the data');
      for (const t of Object.keys(da)) assert.equal(da[t], db[t], `table ${t} is the same for the same seed`);
      for (const t of ['people', 'role_grants', 'llme_designations', 'llme_accreditations', 'trusts', 'hub_community_leads'])
        assert.notEqual(da[t], dc[t], `table ${t} differs for another seed`);
      // the real parts stay: the register's schools (URNs, names, postcodes) are the same for every seed
      const real = async (t) => dbQuery(t, "SELECT urn, name, postcode FROM schools WHERE urn < '150000' ORDER BY urn");
      assert.equal(await real(a), await real(c));
    } finally {
      for (const t of [a, b, c]) t.drop();
    }
  });
});

if (BACKEND === 'sqlite' && process.env.MATHSHUBS_TEST_PG_URL) {
  describe('the same seed makes the same activities on both engines', () => {
    test('SQLite and PostgreSQL: the same summary, the same rows of every activities table', { timeout: 300000 }, async () => {
      const a = demoDatabase('sqlite'), b = demoDatabase('postgres');
      try {
        for (const t of [a, b]) {
          const r = await makeDemo(t, { seed: 3, timeout: 240000 });
          assert.equal(r.code, 0, r.stderr);
          t.counts = r.counts;
        }
        assert.deepEqual(Object.fromEntries(b.counts), Object.fromEntries(a.counts));
        const [da, db] = [await dump(a), await dump(b)];
        // the catalogue's years: PostgreSQL's identities count a row ON CONFLICT DO NOTHING skipped, so years' ids differ
        const projects = (t) => dbQuery(t, 'SELECT p.id, p.code, y.code, p.title, p.kind FROM projects p JOIN academic_years y ON y.id = p.academic_year_id ORDER BY p.id');
        assert.equal(await projects(b), await projects(a));
        // and regions' ids (the reference data's): a regional cohort's region by its name
        const activities = async (t) => (await dbQuery(t, 'SELECT a.*, r.name FROM activities a LEFT JOIN regions r ON r.id = a.region_id ORDER BY a.id'))
          .split('\n').map((l) => l.split('|').filter((_, i) => i !== 6).join('|')).join('\n');
        assert.equal(await activities(b), await activities(a));
        for (const t of ['project_tfm', 'activity_phases', 'activity_hubs', 'activity_leads',
          'activity_schools', 'activity_participants', 'activity_sessions', 'register_marks', 'targeted_support',
          'support_levels', 'support_cycle', 'journey_entries', 'ncp_outcomes', 'happi_due', 'happi_forms',
          'happi_versions', 'happi_qa_notes', 'happi_judgements']) {
          assert.ok(da[t].length > 0, `${t}: rows`);
          assert.equal(db[t], da[t], `table ${t} is the same on PostgreSQL`);
        }
      } finally {
        a.drop();
        b.drop();
      }
    });
  });
}

describe('a server on real data says nothing of demo data', () => {
  const srv = useServer();
  test('no notice, no header', async () => {
    await srv.started;
    for (const t of ['/', '/api/v1/hubs', '/no-such-page']) {
      const r = await get(srv.base, t);
      assert.equal(r.headers['demo-data'], undefined, t);
      assert.doesNotMatch(r.body, /Demo data|demo data/, t);
    }
  });
});

// Under the sanitizers the small demo above runs the same code; the national
// scale there would be minutes of the check's time finding nothing more.
if (BACKEND === 'sqlite' && !SANITIZED) {
  describe('national scale (SQLite)', () => {
    test('about 25,000 schools, 50 active LLMEs in every hub, 60,000 teachers', { timeout: 400000 }, async () => {
      const target = demoDatabase();
      try {
        const r = await makeDemo(target, { scale: 'national', timeout: 200000 });
        assert.equal(r.code, 0, r.stderr);
        const c = r.counts;
        assert.ok(c.get('schools') > 24000 && c.get('schools') < 26000, `schools: ${c.get('schools')}`);
        assert.equal(c.get('LLMEs this year'), 2000);
        assert.equal(c.get('teachers'), 60000);
        assert.equal(c.get('can sign in'), 11);
        const perHub = (await dbQuery(target, `SELECT count(DISTINCT d.person_id) FROM llme_designations d JOIN people p ON p.id = d.person_id
          WHERE d.academic_year = ${Y} AND p.active = 1 GROUP BY d.hub_id`)).split('\n').map(Number);
        assert.deepEqual(perHub, Array(40).fill(50));
        assert.equal(await num(target, "SELECT count(*) FROM people"), c.get('people'));
        const secs = Number(/made in ([\d.]+) s\./.exec(r.stdout)[1]);
        console.log(`national scale on SQLite: ${secs} s`); // for the record: no timing assertion
      } finally {
        target.drop();
      }
    });
  });
}
