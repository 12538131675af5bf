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
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

import { request } from '../tests/lib/client.mjs';
import { dbQuery } from '../tests/lib/db.mjs';
import { DEMO_SCHOOLS, demoCounts, demoSignIn, demoSignIns } from '../tests/lib/demo.mjs';
import { run, startServer } from './lib/procs.mjs';
import { wrk } from './lib/wrk.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const bin = path.resolve(process.argv[2] || path.join(ROOT, 'build/mathshubs'));
let admin = process.argv[3] || '';
const duration = process.env.BENCH_DURATION || '10s';
const WRK = { threads: 2, connections: 32 };
const dir = mkdtempSync(path.join(os.tmpdir(), 'mathshubs-bench-activities-'));
const running = [];
let ownCluster = false;

async function cleanup() {
  for (const s of running.reverse()) await s.stop().catch(() => {});
  if (ownCluster) await run(path.join(ROOT, 'scripts/pg-cluster'), ['stop', path.join(dir, 'pg')]).catch(() => {});
  else if (admin) await run('psql', [admin, '-qc', 'DROP DATABASE IF EXISTS bench_activities WITH (FORCE)']).catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => cleanup().finally(() => process.exit(130)));
const say = (s) => process.stderr.write(`bench/activities: ${s}\n`);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

const html = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
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

/** A wrk script that counts the answers that were not 200 and the smallest and largest body. */
function checkScript() {
  const file = path.join(dir, 'check.lua');
  writeFileSync(file, `-- written by bench/activities.mjs: every answer's status and size
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) other = 0; ok = 0; least = -1; most = 0 end
function response(status, headers, body)
  if status == 200 then ok = ok + 1 else other = other + 1 end
  local n = #body
  if least < 0 or n < least then least = n end
  if n > most then most = n end
end
function done(summary, latency, requests)
  local o, x, l, m = 0, 0, -1, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok"); x = x + t:get("other")
    local tl = t:get("least")
    if tl >= 0 and (l < 0 or tl < l) then l = tl end
    if t:get("most") > m then m = t:get("most") end
  end
  io.write(string.format("checked: %d ok, %d other, bodies %d to %d bytes\\n", o, x, l, m))
end
`);
  return file;
}

/** The figures of one backend: demo-data's time and counts, then each page against /healthz. */
async function backend(name, dbArgs, srv) {
  say(`${name}: demo-data --scale national`);
  const t0 = performance.now();
  const out = await run(bin, ['demo-data', '--scale', 'national', '--seed', '1', '--schools', DEMO_SCHOOLS, ...dbArgs]);
  const demoSeconds = (performance.now() - t0) / 1000;
  const counts = demoCounts(out);
  const mhl = demoSignIns(out).find((s) => s.role === 'Maths Hub Lead');
  // PostgreSQL: as autovacuum leaves it a minute after a bulk load (bench/schools says why)
  if (name === 'postgres') await dbQuery(srv, 'VACUUM ANALYZE');
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
  const server = await startServer(bin, [...dbArgs, '--threads', '2'], dir, name);
  running.push(server);
  const analyst = demoSignIns(out).find((s) => s.role === 'National analyst');
  const sessions = {};
  for (const [who, person] of [['mhl', mhl], ['analyst', analyst]])
    sessions[who] = { Cookie: (await demoSignIn(server, person)).jar.header() };
  const script = checkScript();
  const measure = async (target, h = {}, shows = () => null) => {
    const res = await request(server.base, target, { headers: h });
    const wrong = res.status !== 200 ? `answered ${res.status}` : shows(res.body);
    if (wrong) throw new Error(`${name}: ${target}: ${wrong}`);
    await wrk(server.base + target, { duration: '2s', ...WRK, headers: h }); // warm: caches, every thread's connection
    await sleep(500);
    const r = await wrk(server.base + target, { duration, ...WRK, headers: h, script });
    const e = server.errors();
    server.trim();
    if (e.length) throw new Error(`${name} logged:\n${e.slice(0, 5).join('\n')}`);
    // every answer a 200 of the page's size (give or take a tenth: a date, a count in words)
    const [, ok, other, least, most] = (/checked: (\d+) ok, (\d+) other, bodies (-?\d+) to (\d+) bytes/.exec(r.out) || []).map(Number);
    if (!(ok > 0) || other || least < res.raw.length * 0.9 || most > res.raw.length * 1.1)
      throw new Error(`${name}: ${target} under load: ${r.out.trim() || 'no check'} (the page: ${res.raw.length} bytes)`);
    say(`${name} ${target}: ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms (${ok} answers, 200, ${least}-${most} bytes)`);
    return { url: target, bytes: res.raw.length, rps: r.rps, p50: r.p50, p99: r.p99 };
  };
  const healthz = await measure('/healthz');
  const urls = [healthz];
  for (const p of pages(ctx)) urls.push({ ...await measure(p.target, sessions[p.who], p.shows), id: p.id, note: p.note });
  await server.stop();
  running.splice(running.indexOf(server), 1);
  return { demo_s: Math.round(demoSeconds * 10) / 10, counts: Object.fromEntries(counts), urls };
}

async function main() {
  for (const tool of ['wrk', 'psql', 'oathtool'])
    try { execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }); } catch { throw new Error(`${tool} is missing (scripts/setup bench)`); }
  const report = { wrk: `wrk -t${WRK.threads} -c${WRK.connections} -d${duration} --latency`, load_at_start: os.loadavg()[0], backends: {} };
  const sqliteDb = path.join(dir, 'bench.db');
  report.backends.sqlite = await backend('sqlite', ['--db', sqliteDb], { backend: 'sqlite', db: sqliteDb, dir });
  rmSync(sqliteDb, { force: true });
  if (!admin) {
    admin = (await run(path.join(ROOT, 'scripts/pg-cluster'), ['start', path.join(dir, 'pg')])).trim();
    ownCluster = true;
  }
  process.env.MATHSHUBS_TEST_PG_URL = admin; // tests/lib/db.mjs reaches PostgreSQL through it
  await run('psql', [admin, '-qc', 'CREATE DATABASE bench_activities']);
  const url = admin.replace(/\/[^/]*$/, '/bench_activities');
  report.backends.postgres = await backend('postgres', ['--postgres', url],
    { backend: 'postgres', pg: { name: 'bench_activities', url }, dir });
  report.load_at_end = os.loadavg()[0];

  const f2 = (x) => x.toFixed(2);
  process.stdout.write(`\nhub activities, demo-data --scale national (${report.wrk}), load ${f2(report.load_at_start)} at the start, ` +
    `${f2(report.load_at_end)} at the end\n`);
  process.stdout.write(`${'backend'.padEnd(10)} ${'URL'.padEnd(34)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${':healthz'.padStart(9)}\n`);
  for (const [name, b] of Object.entries(report.backends)) {
    const h = b.urls[0];
    for (const u of b.urls)
      process.stdout.write(`${name.padEnd(10)} ${u.url.padEnd(34)} ${String(Math.round(u.rps)).padStart(8)} ${f2(u.p50).padStart(8)} ` +
        `${f2(u.p99).padStart(8)} ${f2(u.rps / h.rps).padStart(9)}\n`);
    process.stdout.write(`${''.padEnd(10)} demo-data ${b.demo_s} s: ${b.counts.activities} activities, ${b.counts['session marks']} register marks; ` +
      `${b.urls.slice(1).map((u) => u.note).join('; ')}\n`);
  }
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(report, null, 2) + '\n');
}

main().then(cleanup, async (e) => {
  process.stderr.write(`bench/activities: ${e.stack || e}\n`);
  await cleanup();
  process.exit(1);
});
