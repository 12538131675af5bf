// Hub activities at the programme's size: a `demo-data --scale national`
// database (five years: about 22,000 activities, 165,000 schools taking
// part, 800,000 register marks), on SQLite and PostgreSQL, its Maths Hub
// Lead (and, for a school's history, its national analyst) signed in as a
// person does (demoSignIn). Requests/s, p50 and p99 (wrk) of the
// activities pages against /healthz on the same binary in the same run, as
// ratios; and how long demo-data took. Every answer under load is checked:
// 200 and the page's own size (checkScript, a wrk script), and the page
// is checked once for what it must show, so a redirect, an error or a short
// page is never taken for a fast one.
//   bench/activities [BIN [POSTGRESQL_ADMIN_URL]]   (without a URL, a
//   throw-away cluster: scripts/pg-cluster); BENCH_DURATION (10s) a URL;
//   BENCH_JSON: the figures also go there as JSON (make bench folds them in).
// The run itself is bench/lib/pages.mjs's, as bench/happi's is.
import { dbQuery } from '../tests/lib/db.mjs';
import { demoSignIn, demoSignIns } from '../tests/lib/demo.mjs';
import { benchPages, html, q } from './lib/pages.mjs';

/** How many links to an activity's page the body has. */
const activityLinks = (body) => (body.match(/href="\/activities\/\d+"/g) || []).length;

/**
 * The pages measured: for the demo's Maths Hub Lead (who: 'mhl'), their
 * hub's activities of this year (page 1, the default filters) and the page
 * of the hub's activity with the most register marks; for its national
 * analyst ('analyst': they see every row), the participation history of the
 * school with the longest lineage (predecessors and successors) that has
 * activities. A page added here is measured on both backends, with its
 * ratio to /healthz; shows(body) says what is wrong with its page, or null.
 */
function pages(ctx) {
  const listed = Math.min(50, ctx.hubActivities);
  return [
    { id: 'hub-activities', target: `/hubs/${ctx.hub}/activities`, who: 'mhl',
      note: `${ctx.hubActivities} activities of ${ctx.hub} this year (page 1 of ${Math.ceil(ctx.hubActivities / 50)})`,
      shows: (b) => (!b.includes(`id="result-count">${ctx.hubActivities} activities</h2>`) ? 'no count of the year\'s activities'
        : activityLinks(b) !== listed ? `${activityLinks(b)} activities listed, not ${listed}` : null) },
    { id: 'activity', target: `/activities/${ctx.activity}`, who: 'mhl',
      note: `its ${ctx.activityParticipants} participants and ${ctx.activityMarks} register marks`,
      shows: (b) => (!b.includes(`>${html(ctx.activityTitle)}</h1>`) ? `no heading "${ctx.activityTitle}"` : null) },
    { id: 'school-history', target: `/schools/${ctx.school.urn}/activities`, who: 'analyst',
      note: `URN ${ctx.school.urn}, a lineage of ${ctx.school.lineage + 1} schools, ${ctx.school.rows} rows`,
      shows: (b) => (!b.includes('Participation history') ? 'not the participation history'
        : activityLinks(b) !== ctx.school.rows ? `${activityLinks(b)} rows, not ${ctx.school.rows}` : null) },
  ];
}

/**
 * The school with the longest lineage that takes part in an activity: its
 * predecessors and successors as school_lineage walks them (GIAS's links
 * either way round, each direction on its own), then the most history rows
 * (its lineage's activity_schools rows), then the lowest URN.
 */
const SQL_LONGEST_LINEAGE = `WITH RECURSIVE
starts (urn) AS (SELECT DISTINCT s.urn FROM activity_schools s
  WHERE s.urn IN (SELECT urn FROM school_links) OR s.urn IN (SELECT link_urn FROM school_links)),
walk (start, dir, urn, depth) AS (
  SELECT urn, 'S', urn, 0 FROM starts UNION SELECT urn, 'P', urn, 0 FROM starts
  UNION
  SELECT w.start, w.dir, CASE WHEN k.urn = w.urn THEN k.link_urn ELSE k.urn END, w.depth + 1
  FROM walk w JOIN school_links k
  ON (k.urn = w.urn AND substr(k.link_type, 1, 9) = (CASE w.dir WHEN 'S' THEN 'Successor' ELSE 'Predecess' END))
  OR (k.link_urn = w.urn AND substr(k.link_type, 1, 9) = (CASE w.dir WHEN 'S' THEN 'Predecess' ELSE 'Successor' END))
  WHERE w.depth < 30),
line (start, urn) AS (SELECT DISTINCT start, urn FROM walk)
SELECT l.start, count(*) - 1, (SELECT count(*) FROM activity_schools s JOIN line m ON m.urn = s.urn WHERE m.start = l.start)
FROM line l GROUP BY l.start ORDER BY 2 DESC, 3 DESC, 1 LIMIT 1`;

/** What the pages need: the Maths Hub Lead's hub, its busiest activity, the school with the longest lineage. */
async function context(srv, out) {
  const mhl = demoSignIns(out).find((s) => s.role === 'Maths Hub Lead');
  const hub = await dbQuery(srv, `SELECT h.code FROM hubs h JOIN role_grants g ON g.hub_id = h.id JOIN people p ON p.id = g.person_id
WHERE p.email = ${q(mhl.email)} AND g.role = 'mhl'`);
  const y = Number(await dbQuery(srv, 'SELECT academic_year FROM demo_data'));
  const hubActivities = Number(await dbQuery(srv, `SELECT count(*) FROM activities a JOIN activity_hubs ah ON ah.activity_id = a.id
JOIN hubs h ON h.id = ah.hub_id WHERE h.code = ${q(hub)} AND a.first_year <= ${y} AND a.last_year >= ${y}`));
  const [activity, activityParticipants, activityMarks] = (await dbQuery(srv, `SELECT a.id, a.n_participants,
a.n_present + a.n_late + a.n_absent + a.n_apologies FROM activities a JOIN hubs h ON h.id = a.lead_hub_id
WHERE h.code = ${q(hub)} ORDER BY 3 DESC, a.id LIMIT 1`)).split('|').map(Number);
  const activityTitle = await dbQuery(srv, `SELECT title FROM activities WHERE id = ${activity}`);
  const [urn, lineage, rows] = (await dbQuery(srv, SQL_LONGEST_LINEAGE)).split('|');
  const school = { urn, lineage: Number(lineage), rows: Number(rows) };
  const ctx = { hub, hubActivities, activity, activityTitle, activityParticipants, activityMarks, school };
  return ctx;
}

/** The demo's Maths Hub Lead and national analyst, each signed in as a person does. */
async function sessions(server, srv, out) {
  const headers = {};
  for (const [who, role] of [['mhl', 'Maths Hub Lead'], ['analyst', 'National analyst']])
    headers[who] = { Cookie: (await demoSignIn(server, demoSignIns(out).find((s) => s.role === role))).jar.header() };
  return headers;
}

benchPages({ name: 'activities', title: 'hub activities', context, sessions, pages,
  made: (c) => `${c.activities} activities, ${c['session marks']} register marks` });
