// make bench (bench/run BIN [BEFORE_BIN]): every scenario against its
// reference in the same run, interleaved (reference, ours, reference,
// ours ...: BENCH_ROUNDS rounds, 3 by default, the median reported), then a
// table and the same as JSON in bench/results/bench-<time>.json:
//
//   throughput   wrk -t2 -c64 for BENCH_DURATION (10s) a run: requests/s,
//                p50 and p99 latency, the ratio to the reference, resident
//                memory. The reference of a page is nginx serving the same
//                bytes as a static file with the same headers and an access
//                log (bench/lib/nginx.mjs), the limit of this machine; a
//                write's is the binary's own /healthz. On SQLite, then on
//                PostgreSQL (a throw-away cluster, scripts/pg-cluster).
//   memory       resident memory idle, and holding 1,000 open keep-alive
//                connections, against nginx doing the same.
//   import       bench/import: import-gias of a 50,000-row GIAS file against
//                sqlite3 .import and psql \copy (into a bare table, and of
//                the import's own rows into the registry's own tables).
//   search       bench/schools: the school search with 50,000 schools.
//   activities   bench/activities: a hub's activities and an activity's
//                page on a `demo-data --scale national` database.
//   surveys      bench/surveys: a closed survey's national results and the
//                year's paired change, each against the bare SQL it runs.
//   happi        bench/happi: the HAPPI lists (national, a hub's, an
//                LLME's, an MHLM link's) and a form, on the same.
//
// With BEFORE_BIN (another build, e.g. of the commit before a change) each
// scenario also measures it, interleaved with the others, so a change is
// judged in one run on one machine. BENCH_QUICK=1: 2 s a run, one round,
// one import run (a try, not a measurement). BENCH_ONLY=sqlite,memory:
// those groups only (sqlite, memory, postgres, import, search, activities, happi, surveys;
// rush: the confirm rush alone, on SQLite, which sqlite includes).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

import { request } from '../tests/lib/client.mjs';
import { dbQuery } from '../tests/lib/db.mjs';
import { holdConnections } from './lib/hold.mjs';
import { confirmScript, llmeSessions, rushEvent, seedEvents } from './lib/events.mjs';
import { mhlOf, nationalAdmin, seedNationalTeams, sessionOf } from './lib/fixtures.mjs';
import { startNginx } from './lib/nginx.mjs';
import { kib, run, startServer } from './lib/procs.mjs';
import { printReport } from './lib/report.mjs';
import { wrk } from './lib/wrk.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const QUICK = /^(1|yes|true|on)$/i.test(process.env.BENCH_QUICK || '');
const CFG = {
  duration: process.env.BENCH_DURATION || (QUICK ? '2s' : '10s'),
  rounds: Number(process.env.BENCH_ROUNDS || (QUICK ? 1 : 3)),
  threads: 2, // wrk's, and the servers' (mathshubs --threads, nginx's workers)
  connections: 64,
  held: 1000, // keep-alive connections held for the memory figure
  rows: 50000, // the GIAS file's
};
const GROUPS = (process.env.BENCH_ONLY || 'sqlite,memory,postgres,import,search,activities,happi,surveys').split(',').map((s) => s.trim());
const want = (g) => GROUPS.includes(g);
const bin = path.resolve(process.argv[2] || path.join(ROOT, 'build/mathshubs'));
const before = process.argv[3] ? path.resolve(process.argv[3]) : null;

/* What is cleaned up at the end, whatever happens. */
const dir = mkdtempSync(path.join(os.tmpdir(), 'mathshubs-bench-'));
const running = [];
let pgDir = null;
async function cleanup() {
  for (const p of running.reverse()) await p.stop().catch(() => {});
  if (pgDir) await run(path.join(ROOT, 'scripts/pg-cluster'), ['stop', pgDir]).catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => cleanup().finally(() => process.exit(130)));

const say = (s) => process.stderr.write(`bench: ${s}\n`);
const median = (v) => { const s = [...v].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
/** The CPU time (ms) process pid has used, user and system, from /proc. */
const cpuMs = (pid) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const loadavg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

/* ---- the databases ---- */

/** A migrated database holding the GIAS file's 50,000 schools and every hub's team; resolves to srv (tests/lib/db.mjs). */
async function prepareDatabase(srv, dbArgs, gias) {
  await run(bin, ['migrate', ...dbArgs]);
  await run(bin, ['import-gias', gias, ...dbArgs]);
  const teams = await seedNationalTeams(srv);
  // PostgreSQL: as autovacuum leaves it a minute after the load (bench/schools says why)
  if (srv.backend === 'postgres') await dbQuery(srv, 'VACUUM ANALYZE');
  // the hub whose area has the most schools: its lead's pages are the largest
  const hub = await dbQuery(srv, 'SELECT h.code FROM school_hubs s JOIN hubs h ON h.id = s.hub_id GROUP BY h.code ORDER BY count(*) DESC, h.code LIMIT 1');
  const schools = Number(await dbQuery(srv, `SELECT count(*) FROM school_hubs s JOIN hubs h ON h.id = s.hub_id WHERE h.code = '${hub}'`));
  const lead = await sessionOf(srv, await mhlOf(srv, hub));
  const admin = await nationalAdmin(srv);
  const events = await seedEvents(srv, admin.id);
  // an LLME of that hub: their events page
  const llme = await sessionOf(srv, await dbQuery(srv, `SELECT p.email FROM people p JOIN role_grants g ON g.person_id = p.id
JOIN hubs h ON h.id = g.hub_id WHERE g.role = 'llme' AND h.code = '${hub}' ORDER BY p.id LIMIT 1`));
  return { ...teams, hub, hubSchools: schools, lead, admin, events, llme };
}

/* ---- throughput ---- */

/** The Lua script of the write rush: a new person added by a national administrator each time (303 when it worked). */
function rushScript(admin, base, name) {
  const file = path.join(dir, `rush-${name}.lua`);
  writeFileSync(file, `-- written by bench/bench.mjs: POST /admin/people, a new person each request
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  tag = args[1] or "x"
  n = 0
  wrk.headers["Cookie"] = ${JSON.stringify(admin.cookie)}
  wrk.headers["Origin"] = ${JSON.stringify(base)}
  wrk.headers["Sec-Fetch-Site"] = "same-origin"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
function request()
  n = n + 1
  local who = "rush-" .. tag .. "-" .. tid .. "-" .. n
  local body = "csrf_token=" .. ${JSON.stringify(admin.csrf)} .. "&name=Rush+Person+" .. n ..
    "&email=" .. who .. "%40bench.example&role=national_analyst"
  return wrk.format("POST", "/admin/people", nil, body)
end
`);
  return file;
}

let rushTag = 0;

/**
 * Measures a scenario: for each round, each target (the reference first)
 * under wrk; resolves to {runs, median} per target. A target is {role,
 * url, headers, script, rss(), after()}: after() checks the server's log.
 */
async function measure(sc, targets) {
  const runs = Object.fromEntries(targets.map((t) => [t.role, []]));
  const opts = (t) => ({ duration: CFG.duration, threads: CFG.threads, connections: CFG.connections, headers: t.headers || {},
    script: t.script, args: t.script ? [`${++rushTag}`] : [] });
  if (!QUICK) // warm: caches, the database connections of every thread, the page cache
    for (const t of targets) { await wrk(t.url, { ...opts(t), duration: '2s' }); await t.after(); }
  for (let r = 0; r < CFG.rounds; r++) {
    for (const t of targets) {
      const res = await wrk(t.url, opts(t));
      res.rss = t.rss();
      runs[t.role].push(res);
      await t.after();
      say(`${sc.id} ${t.role} round ${r + 1}: ${Math.round(res.rps)} req/s, p50 ${res.p50} ms, p99 ${res.p99} ms`);
    }
  }
  const out = {};
  for (const t of targets) {
    const v = runs[t.role];
    out[t.role] = {
      url: t.url.replace(/^http:\/\/[^/]+/, ''),
      rps: median(v.map((x) => x.rps)), p50: median(v.map((x) => x.p50)), p99: median(v.map((x) => x.p99)),
      rss_kib: v[v.length - 1].rss, requests: v.reduce((s, x) => s + x.requests, 0), runs: v.map(({ rps, p50, p99 }) => ({ rps, p50, p99 })),
    };
  }
  return out;
}

/**
 * Waits until server s has finished what wrk left it (requests of closed
 * connections still run: a worker thread answers its connections in turn,
 * so the next run would wait behind them): /healthz answers within 20 ms.
 */
async function settle(s) {
  const until = performance.now() + 300000;
  while (performance.now() < until) {
    const t = performance.now();
    try {
      await request(s.base, '/healthz', { timeout: 60000 });
      if (performance.now() - t < 20) return;
    } catch { /* still answering what came before: ask again */ }
    await sleep(100);
  }
  throw new Error(`${s.name} is still busy 5 minutes after a run`);
}

/** A target that is one of our servers. */
const oursTarget = (role, s, target, headers) => ({
  role, url: s.base + target, headers, rss: s.rss,
  async after() {
    await settle(s);
    const e = s.errors();
    s.trim();
    if (e.length) throw new Error(`${s.name} logged:\n${e.slice(0, 5).join('\n')}`);
  },
});

/** The address of the script every page links: an asset answered from memory. */
const assetOf = async (base) => /src="(\/assets\/app-[0-9a-f]+\.js)"/.exec((await request(base, '/hubs')).body)[1];

/**
 * The throughput scenarios on one backend. servers: {ours, before?};
 * ctx: prepareDatabase's. Resolves to the scenarios' results.
 */
async function throughput(backend, servers, ctx, nginx) {
  const { ours } = servers;
  const lead = { Cookie: ctx.lead.cookie };
  const appJs = await assetOf(ours.base);
  const pages = [
    { id: 'healthz', title: '/healthz', target: '/healthz', ext: 'json' },
    ...(backend === 'sqlite' ? [{ id: 'asset', title: `HTTP layer alone: ${appJs.replace(/-[0-9a-f]+/, '')}`,
      note: 'an asset answered from memory: no database, no rendering', target: appJs, ext: 'js' }] : []),
    { id: 'hubs', title: '/hubs, anonymous', target: '/hubs', ext: 'html' },
    { id: 'projects', title: '/projects, anonymous', target: '/projects', ext: 'html' },
    { id: 'team', title: `/hubs/${ctx.hub}/team, its hub lead`, target: `/hubs/${ctx.hub}/team`, ext: 'html', headers: lead,
      note: `${ctx.people} people in 40 hub teams` },
    { id: 'hub-schools', title: `/hubs/${ctx.hub}/schools, its hub lead`, target: `/hubs/${ctx.hub}/schools`, ext: 'html', headers: lead,
      note: `${ctx.hubSchools} of the register's 50,000 schools are in this hub's area` },
    { id: 'events', title: '/events, an LLME', target: '/events', ext: 'html', headers: { Cookie: ctx.llme.cookie },
      note: `five years of events: ${ctx.events.events} (each hub's ten a year, each NCP's three), ${ctx.events.answers} answers, ` +
        `${ctx.events.marks} register marks` },
  ];
  const results = [];
  for (const p of pages) {
    const res = await request(ours.base, p.target, { headers: p.headers || {} });
    if (res.status !== 200) throw new Error(`${p.target} answered ${res.status}`);
    const ref = nginx.put(`${backend}-${p.id}.${p.ext}`, res.raw);
    const targets = [
      { role: 'reference', url: ref, rss: nginx.rss, after: nginx.trim },
      oursTarget('ours', ours, p.target, p.headers),
      ...(servers.before ? [oursTarget('before', servers.before, p.target, p.headers)] : []),
    ];
    results.push({ id: `${backend}:${p.id}`, backend, title: p.title, note: p.note, bytes: res.raw.length,
      reference_is: 'nginx, the same bytes as a static file', ...await measure({ id: `${backend}:${p.id}` }, targets) });
  }
  if (backend === 'sqlite') {
    const before = Number(await dbQuery(ctx.srv, "SELECT count(*) FROM people WHERE email LIKE 'rush-%'"));
    const targets = [
      { ...oursTarget('reference', ours, '/healthz'), rss: ours.rss },
      { ...oursTarget('ours', ours, '/admin/people'), script: rushScript(ctx.admin, ours.base, 'ours') },
      ...(servers.before ? [{ ...oursTarget('before', servers.before, '/admin/people'),
        script: rushScript(ctx.admin, servers.before.base, 'before') }] : []),
    ];
    const r = await measure({ id: 'sqlite:write-rush' }, targets);
    const added = Number(await dbQuery(ctx.srv, "SELECT count(*) FROM people WHERE email LIKE 'rush-%'")) - before;
    const answered = r.ours.requests; // the other binary writes into its own copy
    if (added < answered) throw new Error(`write rush: ${answered} answered 303, ${added} people added`);
    results.push({ id: 'sqlite:write-rush', backend, title: 'write rush: POST /admin/people',
      note: `${added} people added, each with a role, an audit entry and an invitation in one transaction`,
      reference_is: 'the same binary\'s /healthz', ...r });
  }
  results.push(await confirmRush(backend, servers, ctx, appJs));
  return results;
}

/* ---- the confirm rush ---- */

/**
 * Every LLME (2,000), signed in, confirms the same workshop at once: wrk
 * -t2 -c64 sends each confirmation once (bench/lib/events.mjs rushScript),
 * BENCH_ROUNDS times (a new workshop and new sessions each time), interleaved with as many
 * GETs of /healthz through the same script (the reference) and, with a
 * second binary, its own rush on its own copy of the database. Each round
 * checks the database against the answers: as many confirmed or waiting as
 * answered 303, none confirmed past the places, an audit entry and an email
 * for each answer.
 */
async function confirmRush(backend, servers, ctx, fill) {
  const { ours } = servers;
  const targets = [['ours', ours, ctx.srv]];
  if (servers.before) targets.push(['before', servers.before, ctx.srvBefore || ctx.srv]);
  // new sessions each round, as an LLME's are when they confirm: the event's
  // page, asked just before, has taken the last flash and recorded the visit
  // (a session used again a minute later writes that first)
  const sessions = new Map();
  const fresh = async () => { for (const [role, , srv] of targets) sessions.set(role, await llmeSessions(srv)); };
  await fresh();
  const n = sessions.get('ours').length;
  const places = Math.round(n * 0.75);
  const once = async (s, list, id, name) => {
    const file = path.join(dir, `${name}.lua`);
    writeFileSync(file, confirmScript(s.base, list, id, CFG.threads, fill));
    const cpu0 = cpuMs(s.pid);
    const r = await wrk(s.base + '/', { duration: '10s', threads: CFG.threads, connections: CFG.connections, script: file });
    const cpuUs = Math.round((cpuMs(s.pid) - cpu0) * 1000 / list.length); // the server's, per request (fill included)
    const m = /^rush: (\d+) answered, (\d+) as wanted, ([\d.]+) s$/m.exec(r.out);
    if (!m || Number(m[1]) !== list.length || Number(m[2]) !== list.length)
      throw new Error(`${name}: not every request answered as wanted:\n${r.out}`);
    const seconds = Number(m[3]);
    await oursTarget('ours', s, '/healthz').after();
    return { rps: list.length / seconds, seconds, p50: r.p50, p99: r.p99, cpu_us: cpuUs, requests: list.length, rss: s.rss() };
  };
  const runs = { reference: [], ours: [], before: [] };
  for (let r = 0; r < CFG.rounds; r++) {
    if (r) await fresh();
    const ref = await once(ours, sessions.get('ours'), null, `healthz-${backend}-${r}`);
    runs.reference.push(ref);
    say(`${backend}:confirm-rush round ${r + 1}: /healthz ${Math.round(ref.rps)} req/s (load ${loadavg()[0]})`);
    for (const [role, s, srv] of targets) {
      const id = await rushEvent(srv, ctx.admin.id, places, `${backend}-${role}-${r}`);
      const queued = Number(await dbQuery(srv, 'SELECT count(*) FROM outbox'));
      const res = await once(s, sessions.get(role), id, `rush-${backend}-${role}-${r}`);
      runs[role].push(res);
      const [confirmed, waiting, audited, mails] = (await dbQuery(srv, `SELECT (SELECT count(*) FROM event_answers WHERE event_id = ${id} AND answer = 'confirmed'),
(SELECT count(*) FROM event_answers WHERE event_id = ${id} AND answer = 'waiting'),
(SELECT count(*) FROM audit_log WHERE subject = 'event:${id}' AND action IN ('event_confirmed', 'event_waiting')),
(SELECT count(*) FROM outbox) - ${queued}`)).split('|').map(Number);
      if (confirmed + waiting !== n || confirmed !== places || audited !== n || mails !== n)
        throw new Error(`confirm rush (${role}): ${n} answered 303; ${confirmed} confirmed, ${waiting} waiting, ${places} places, ` +
          `${audited} audited, ${mails} emails queued`);
      say(`${backend}:confirm-rush round ${r + 1} ${role}: ${Math.round(res.rps)} confirmations/s (${res.seconds.toFixed(2)} s), ` +
        `p50 ${res.p50} ms, p99 ${res.p99} ms, server CPU ${res.cpu_us} us each (load ${loadavg()[0]})`);
    }
  }
  const med = (v) => ({ rps: median(v.map((x) => x.rps)), p50: median(v.map((x) => x.p50)), p99: median(v.map((x) => x.p99)),
    cpu_us: median(v.map((x) => x.cpu_us)), rss_kib: v[v.length - 1].rss, requests: v.reduce((s, x) => s + x.requests, 0),
    runs: v.map(({ rps, p50, p99, cpu_us, seconds }) => ({ rps, p50, p99, cpu_us, seconds })) });
  return { id: `${backend}:confirm-rush`, backend, title: `the confirm rush: ${n} LLMEs, ${places} places`,
    note: `${n} signed-in LLMEs each POST /events/{id}/confirm once (wrk -t${CFG.threads} -c${CFG.connections}; goal: ` +
      `3,000/s on SQLite, all within 10 s); each round ${places} confirmed and ${n - places} waiting, as the database says`,
    reference_is: 'GET /healthz as many times through the same wrk script', reference: { url: '/healthz', ...med(runs.reference) },
    ours: { url: '/events/{id}/confirm', ...med(runs.ours) },
    ...(servers.before ? { before: { url: '/events/{id}/confirm', ...med(runs.before) } } : {}) };
}

/* ---- memory ---- */

async function memory(sqliteDb) {
  say('memory: idle, then holding 1,000 keep-alive connections');
  // --max-connections: the default (1024) sheds idle connections past 7/8 of it (http/connections.c)
  const args = ['--db', sqliteDb, '--threads', String(CFG.threads), '--max-connections', String(CFG.held * 2)];
  const ours = { ours: bin, ...(before ? { before } : {}) };
  const out = { idle: {}, held: {}, idle_own: {}, held_own: {} };
  for (const [role, b] of Object.entries(ours)) {
    const s = await startServer(b, args, dir, `memory-${role}`);
    running.push(s);
    await request(s.base, '/healthz');
    await sleep(1000);
    out.idle[role] = s.rss();
    out.idle_own[role] = kib(s.pid, 'RssAnon');
    const h = await holdConnections(Number(new URL(s.base).port), CFG.held, '/healthz');
    await sleep(1000);
    if (h.closed()) throw new Error(`${role}: ${h.closed()} of the held connections were closed`);
    out.held[role] = s.rss();
    out.held_own[role] = kib(s.pid, 'RssAnon');
    h.close();
    await s.stop();
  }
  const ng = await startNginx(path.join(dir, 'nginx-memory'), { workers: CFG.threads, headers: {} });
  running.push(ng);
  ng.put('healthz.json', '{"status":"ok"}\n');
  await sleep(1000);
  out.idle.reference = ng.rss();
  const h = await holdConnections(Number(new URL(ng.base).port), CFG.held, '/healthz.json');
  await sleep(1000);
  if (h.closed()) throw new Error(`nginx: ${h.closed()} of the held connections were closed`);
  out.held.reference = ng.rss();
  h.close();
  await ng.stop();
  return { connections: CFG.held, unit: 'KiB', ours_is: `VmRSS of the process (--max-connections ${CFG.held * 2}); its own: RssAnon, without the pages of the database file SQLite maps (mmap_size) and of the binary, which are the kernel's page cache, shared and reclaimable`,
    reference_is: 'the Pss of its master and workers, summed', ...out };
}

/* ---- the scripts of their own ---- */

async function script(name, args, env) {
  const json = path.join(dir, `${name}.json`);
  say(`${name}: bench/${name} (its own output follows)`);
  execFileSync(path.join(HERE, name), args, { stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, ...env, BENCH_JSON: json } });
  return JSON.parse(readFileSync(json, 'utf8'));
}

/* ---- the run ---- */

async function main() {
  for (const tool of ['wrk', 'nginx', 'sqlite3', 'psql', 'setpriv'])
    try { execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }); } catch { throw new Error(`${tool} is missing: make bench installs it (scripts/setup bench)`); }
  const started = new Date();
  const report = {
    started: started.toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, kernel: os.release(), load_at_start: loadavg() },
    binary: { path: bin, version: execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim() },
    commit: execFileSync('git', ['-C', ROOT, 'describe', '--always', '--dirty'], { encoding: 'utf8' }).trim(),
    before: before && { path: before, version: execFileSync(before, ['--version'], { encoding: 'utf8' }).trim() },
    settings: { ...CFG, quick: QUICK, groups: GROUPS, wrk: `wrk -t${CFG.threads} -c${CFG.connections} -d${CFG.duration} --latency` },
    scenarios: [],
  };
  if (report.machine.load_at_start[0] > 0.5)
    say(`the load average is ${report.machine.load_at_start[0]}: other work shares these CPUs, and the figures will show it`);
  const gias = path.join(dir, 'edubasealldata.csv');
  say(`a national-size GIAS file (${CFG.rows} rows)`);
  await run('node', [path.join(HERE, 'gias-file.mjs'), gias, String(CFG.rows)]);

  let pgAdmin = null;
  if (want('postgres') || want('import') || want('search') || want('activities') || want('happi') || want('surveys')) {
    pgDir = path.join(dir, 'pg');
    pgAdmin = (await run(path.join(ROOT, 'scripts/pg-cluster'), ['start', pgDir])).trim();
    process.env.MATHSHUBS_TEST_PG_URL = pgAdmin; // tests/lib/db.mjs reaches PostgreSQL through it
  }
  const sqliteDb = path.join(dir, 'bench.db');
  if (want('sqlite') || want('memory') || want('rush')) {
    say('SQLite: migrate, import the GIAS file, every hub\'s team');
    const srv = { backend: 'sqlite', db: sqliteDb, dir };
    const ctx = { ...await prepareDatabase(srv, ['--db', sqliteDb], gias), srv, srvBefore: { ...srv, db: `${sqliteDb}.before` } };
    report.data = { schools: CFG.rows, people: ctx.people, llmes: ctx.llmes, hub: ctx.hub, hub_schools: ctx.hubSchools };
    if (want('sqlite') || want('rush')) {
      const args = ['--db', sqliteDb, '--threads', String(CFG.threads)];
      const servers = { ours: await startServer(bin, args, dir, 'sqlite') };
      running.push(servers.ours);
      if (before) {
        copyFileSync(sqliteDb, `${sqliteDb}.before`); // its own copy: a write rush of one does not grow the other's tables
        servers.before = await startServer(before, ['--db', `${sqliteDb}.before`, '--threads', String(CFG.threads)], dir, 'sqlite-before');
        running.push(servers.before);
      }
      const ng = await startNginx(path.join(dir, 'nginx'), { workers: CFG.threads, headers: await copiedHeaders(servers.ours.base) });
      running.push(ng);
      if (want('sqlite')) report.scenarios.push(...await throughput('sqlite', servers, ctx, ng));
      else report.scenarios.push(await confirmRush('sqlite', servers, ctx, await assetOf(servers.ours.base)));
      for (const s of [servers.ours, servers.before, ng]) if (s) await s.stop();
    }
    if (want('memory')) report.memory = await memory(sqliteDb);
  }
  if (want('postgres')) {
    say('PostgreSQL: migrate, import the GIAS file, every hub\'s team');
    await run('psql', [pgAdmin, '-qc', 'CREATE DATABASE bench']);
    const url = pgAdmin.replace(/\/[^/]*$/, '/bench');
    const srv = { backend: 'postgres', pg: { name: 'bench', url }, dir };
    const ctx = { ...await prepareDatabase(srv, ['--postgres', url], gias), srv };
    const servers = { ours: await startServer(bin, ['--postgres', url, '--threads', String(CFG.threads)], dir, 'postgres') };
    running.push(servers.ours);
    if (before) {
      servers.before = await startServer(before, ['--postgres', url, '--threads', String(CFG.threads)], dir, 'postgres-before');
      running.push(servers.before);
    }
    const ng = await startNginx(path.join(dir, 'nginx-pg'), { workers: CFG.threads, headers: await copiedHeaders(servers.ours.base) });
    running.push(ng);
    report.scenarios.push(...await throughput('postgres', servers, ctx, ng));
    for (const s of [servers.ours, servers.before, ng]) if (s) await s.stop();
  }
  const runs = QUICK ? '1' : process.env.BENCH_RUNS || '3';
  if (want('import')) report.import = await script('import', [bin, pgAdmin], { BENCH_GIAS_FILE: gias, BENCH_RUNS: runs, ...(before ? { BENCH_BEFORE: before } : {}) });
  if (want('search')) report.search = await script('schools', [bin, pgAdmin], { BENCH_DURATION: CFG.duration });
  if (want('activities')) report.activities = await script('activities', [bin, pgAdmin], { BENCH_DURATION: CFG.duration });
  if (want('happi')) report.happi = await script('happi', [bin, pgAdmin], { BENCH_DURATION: CFG.duration });
  if (want('surveys')) report.surveys = await script('surveys', [bin, pgAdmin], { BENCH_DURATION: CFG.duration });

  report.finished = new Date().toISOString();
  report.machine.load_at_end = loadavg();
  const outDir = path.join(HERE, 'results');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  printReport(report, process.stdout);
  process.stdout.write(`\nwritten to ${path.relative(process.cwd(), file)}\n`);
}

/** Our response headers that nginx should send too (all but those every server sets its own way). */
async function copiedHeaders(base) {
  const res = await request(base, '/hubs');
  const own = new Set(['date', 'content-length', 'content-type', 'connection', 'x-request-id', 'keep-alive', 'transfer-encoding']);
  return Object.fromEntries(Object.entries(res.headers).filter(([k]) => !own.has(k)));
}

main().then(cleanup, async (e) => {
  process.stderr.write(`bench: ${e.stack || e}\n`);
  await cleanup();
  process.exit(1);
});
