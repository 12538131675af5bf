// HAPPI forms at the programme's size: a `demo-data --scale national`
// database (five years: about 25,000 forms, 150,000 versions; this year's
// only begun), on SQLite and PostgreSQL. Requests/s, p50 and p99 (wrk) of
// the HAPPI lists and a form against /healthz on the same binary in the
// same run, as ratios; and how long demo-data took. Measured: the national
// counts by NCP and hub (/happi/national) and the hub with the most
// activities' list (/hubs/{code}/happi), as the demo's national
// administrator, signed in as a person does (demoSignIn); /happi of the
// LLME who leads the most forms and of the MHLM link who supports the most
// (each with a session made in the database, as the role x route matrix
// makes them: the demo lets one person of each role sign in); and the
// largest reviewed form's page (/activities/{id}/happi). Every answer
// under load is checked: 200 and the page's own size (checkScript, a wrk
// script), and each page once for what it must show, so a redirect, an
// error or a short page is never taken for a fast one.
//   bench/happi [BIN [POSTGRESQL_ADMIN_URL]]   (without a URL, a
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
import { sessionFor } from '../tests/lib/areas-fixtures.mjs';
import { DEMO_SCHOOLS, demoCounts, demoSignIn, demoSignIns } from '../tests/lib/demo.mjs';
import { run, startServer } from './lib/procs.mjs';
import { wrk } from './lib/wrk.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const bin = path.resolve(process.argv[2] || path.join(ROOT, 'build/mathshubs'));
let admin = process.argv[3] || '';
const duration = process.env.BENCH_DURATION || '10s';
const WRK = { threads: 2, connections: 32 };
const dir = mkdtempSync(path.join(os.tmpdir(), 'mathshubs-bench-happi-'));
const running = [];
let ownCluster = false;

async function cleanup() {
  for (const s of running.reverse()) await s.stop().catch(() => {});
  if (ownCluster) await run(path.join(ROOT, 'scripts/pg-cluster'), ['stop', path.join(dir, 'pg')]).catch(() => {});
  else if (admin) await run('psql', [admin, '-qc', 'DROP DATABASE IF EXISTS bench_happi WITH (FORCE)']).catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => cleanup().finally(() => process.exit(130)));
const say = (s) => process.stderr.write(`bench/happi: ${s}\n`);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

const html = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
/** How many links to an activity's HAPPI form the body has. */
const formLinks = (body) => (body.match(/href="\/activities\/\d+\/happi\?year=\d+"/g) || []).length;

/**
 * The pages measured, for the demo's national administrator ('admin'),
 * the LLME who leads the most of this year's forms ('llme') and the MHLM
 * link who supports the most ('link'). A page added here is measured on
 * both backends, with its ratio to /healthz; shows(body) says what is
 * wrong with its page, or null.
 */
function pages(ctx) {
  return [
    { id: 'happi-national', target: '/happi/national', who: 'admin',
      note: `${ctx.forms} forms this year, ${ctx.ncps} NCPs and ${ctx.hubs} hubs counted`,
      shows: (b) => (!b.includes('HAPPI forms by NCP') || !b.includes('HAPPI forms by the hub that leads the activity') ? 'no counts'
        : (b.match(/<th scope="row"/g) || []).length < ctx.ncps + ctx.hubs ? 'a row missing' : null) },
    { id: 'hub-happi', target: `/hubs/${ctx.hub}/happi`, who: 'admin',
      note: `${ctx.hubActivities} activities of ${ctx.hub} this year`,
      shows: (b) => (!b.includes(`${ctx.hubActivities} activities:`) ? 'no count of the hub\'s activities'
        : formLinks(b) !== ctx.hubActivities ? `${formLinks(b)} forms listed, not ${ctx.hubActivities}` : null) },
    { id: 'llme-happi', target: '/happi', who: 'llme',
      note: `the LLME who leads the most: ${ctx.led} activities this year`,
      shows: (b) => (!b.includes('Activities you lead') ? 'not their list'
        : formLinks(b) !== ctx.led ? `${formLinks(b)} forms listed, not ${ctx.led}` : null) },
    { id: 'link-happi', target: '/happi', who: 'link',
      note: `the MHLM link who supports the most: ${ctx.linked} forms, ${ctx.waiting} waiting`,
      shows: (b) => (!b.includes(`As MHLM link: ${ctx.waiting} waiting for your review`) ? 'not the link\'s queue'
        : formLinks(b) !== ctx.linked ? `${formLinks(b)} forms listed, not ${ctx.linked}` : null) },
    { id: 'activity-happi', target: `/activities/${ctx.form.id}/happi?year=${ctx.form.year}`, who: 'admin',
      note: `a reviewed form of ${ctx.form.outcomes} outcomes, ${ctx.form.versions} versions, ${ctx.form.bytes} bytes of content`,
      shows: (b) => (ctx.form.texts.find((t) => !b.includes(html(t))) ? 'an outcome\'s text missing' : null) },
  ];
}

/** A wrk script that counts the answers that were not 200 and the smallest and largest body. */
function checkScript() {
  const file = path.join(dir, 'check.lua');
  writeFileSync(file, `-- written by bench/happi.mjs: every answer's status and size
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
  // PostgreSQL: as autovacuum leaves it a minute after a bulk load (bench/schools says why)
  if (name === 'postgres') await dbQuery(srv, 'VACUUM ANALYZE');
  const y = Number(await dbQuery(srv, 'SELECT academic_year FROM demo_data'));
  const inYear = `a.first_year <= ${y} AND a.last_year >= ${y} AND a.status <> 'cancelled'`;
  const one = async (sql) => (await dbQuery(srv, sql)).split('|');
  const forms = Number(await dbQuery(srv, `SELECT count(*) FROM happi_forms WHERE year = ${y}`));
  const ncps = Number(await dbQuery(srv, `SELECT count(DISTINCT COALESCE(a.project_id, 0)) FROM activities a WHERE ${inYear}`));
  const hubs = Number(await dbQuery(srv, `SELECT count(DISTINCT a.lead_hub_id) FROM activities a WHERE ${inYear}`));
  const [hub, hubActivities] = await one(`SELECT h.code, count(*) FROM activities a JOIN hubs h ON h.id = a.lead_hub_id
WHERE ${inYear} GROUP BY h.code ORDER BY 2 DESC, 1 LIMIT 1`);
  const [llme] = await one(`SELECT l.person_id FROM activity_leads l JOIN activities a ON a.id = l.activity_id
JOIN happi_forms f ON f.activity_id = a.id AND f.year = ${y} WHERE ${inYear} GROUP BY l.person_id ORDER BY count(*) DESC, 1 LIMIT 1`);
  const led = Number(await dbQuery(srv, `SELECT count(*) FROM activity_leads l JOIN activities a ON a.id = l.activity_id
WHERE l.person_id = ${llme} AND ${inYear}`));
  const [link] = await one(`SELECT a.mhlm_link_id FROM activities a JOIN happi_forms f ON f.activity_id = a.id AND f.year = ${y}
WHERE ${inYear} GROUP BY a.mhlm_link_id ORDER BY count(*) DESC, 1 LIMIT 1`);
  const [linked, waiting] = (await one(`SELECT count(*), count(f.status) FROM activities a LEFT JOIN happi_forms f
ON f.activity_id = a.id AND f.year = ${y} AND f.status IN ('planning_submitted', 'final_submitted') WHERE a.mhlm_link_id = ${link} AND ${inYear}`)).map(Number);
  const [formId, formYear, content, versions] = await one(`SELECT f.activity_id, f.year, f.content, f.version FROM happi_forms f
WHERE f.status = 'reviewed' ORDER BY length(f.content) DESC, f.activity_id LIMIT 1`);
  const saved = JSON.parse(content);
  const form = { id: Number(formId), year: Number(formYear), versions: Number(versions), bytes: content.length,
    outcomes: saved.outcomes.length, texts: saved.outcomes.flatMap((o) => [o.local, o.evidence]) };
  const ctx = { forms, ncps, hubs, hub, hubActivities: Number(hubActivities), led, linked, waiting, form };
  const server = await startServer(bin, [...dbArgs, '--threads', '2'], dir, name);
  running.push(server);
  const admin = demoSignIns(out).find((s) => s.role === 'National administrator');
  const at = { ...srv, base: server.base };
  const sessions = {
    admin: { Cookie: (await demoSignIn(server, admin)).jar.header() },
    llme: { Cookie: (await sessionFor(at, llme)).cookie },
    link: { Cookie: (await sessionFor(at, link)).cookie },
  };
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
  await run('psql', [admin, '-qc', 'CREATE DATABASE bench_happi']);
  const url = admin.replace(/\/[^/]*$/, '/bench_happi');
  report.backends.postgres = await backend('postgres', ['--postgres', url],
    { backend: 'postgres', pg: { name: 'bench_happi', url }, dir });
  report.load_at_end = os.loadavg()[0];

  const f2 = (x) => x.toFixed(2);
  process.stdout.write(`\nHAPPI forms, demo-data --scale national (${report.wrk}), load ${f2(report.load_at_start)} at the start, ` +
    `${f2(report.load_at_end)} at the end\n`);
  process.stdout.write(`${'backend'.padEnd(10)} ${'URL'.padEnd(34)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${':healthz'.padStart(9)}\n`);
  for (const [name, b] of Object.entries(report.backends)) {
    const h = b.urls[0];
    for (const u of b.urls)
      process.stdout.write(`${name.padEnd(10)} ${u.url.padEnd(34)} ${String(Math.round(u.rps)).padStart(8)} ${f2(u.p50).padStart(8)} ` +
        `${f2(u.p99).padStart(8)} ${f2(u.rps / h.rps).padStart(9)}\n`);
    process.stdout.write(`${''.padEnd(10)} demo-data ${b.demo_s} s: ${b.counts['HAPPI forms']} forms, ${b.counts['HAPPI versions']} versions; ` +
      `${b.urls.slice(1).map((u) => u.note).join('; ')}\n`);
  }
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(report, null, 2) + '\n');
}

main().then(cleanup, async (e) => {
  process.stderr.write(`bench/happi: ${e.stack || e}\n`);
  await cleanup();
  process.exit(1);
});
