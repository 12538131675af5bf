// Hub activities at the programme's size: a `demo-data --scale national`
// database (five years: about 22,000 activities, 165,000 schools taking
// part, 800,000 register marks), on SQLite and PostgreSQL, its Maths Hub
// Lead signed in as a person does (demoSignIn). Requests/s, p50 and p99
// (wrk) of the activities pages against /healthz on the same binary in the
// same run, as ratios; and how long demo-data took.
//   bench/activities [BIN [POSTGRESQL_ADMIN_URL]]   (without a URL, a
//   throw-away cluster: scripts/pg-cluster); BENCH_DURATION (10s) a URL;
//   BENCH_JSON: the figures also go there as JSON (make bench folds them in).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * The pages measured, for the demo's Maths Hub Lead: their hub's
 * activities of this year (page 1, the default filters) and the page of
 * the hub's activity with the most register marks. A page added here is
 * measured on both backends, with its ratio to /healthz.
 */
function pages(ctx) {
  return [
    { id: 'hub-activities', target: `/hubs/${ctx.hub}/activities`,
      note: `${ctx.hubActivities} activities of ${ctx.hub} this year (page 1 of ${Math.ceil(ctx.hubActivities / 50)})` },
    { id: 'activity', target: `/activities/${ctx.activity}`,
      note: `its ${ctx.activityParticipants} participants and ${ctx.activityMarks} register marks` },
  ];
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
  const ctx = { hub, hubActivities, activity, activityParticipants, activityMarks };
  const server = await startServer(bin, [...dbArgs, '--threads', '2'], dir, name);
  running.push(server);
  const go = await demoSignIn(server, mhl);
  const headers = { Cookie: go.jar.header() };
  const measure = async (target, h = {}) => {
    const res = await request(server.base, target, { headers: h });
    if (res.status !== 200) throw new Error(`${name}: ${target} answered ${res.status}`);
    await wrk(server.base + target, { duration: '2s', ...WRK, headers: h }); // warm: caches, every thread's connection
    await sleep(500);
    const r = await wrk(server.base + target, { duration, ...WRK, headers: h });
    const e = server.errors();
    server.trim();
    if (e.length) throw new Error(`${name} logged:\n${e.slice(0, 5).join('\n')}`);
    say(`${name} ${target}: ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
    return { url: target, bytes: res.raw.length, rps: r.rps, p50: r.p50, p99: r.p99 };
  };
  const healthz = await measure('/healthz');
  const urls = [healthz];
  for (const p of pages(ctx)) urls.push({ ...await measure(p.target, headers), id: p.id, note: p.note });
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
