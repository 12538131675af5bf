// Survey results at the programme's size: a `demo-data --scale national`
// database (five years: about 560,000 invites, 4.9 million values; last
// year's autumn survey, closed, completed by about 60,000 participants), on
// SQLite and PostgreSQL. Each page against the bare SQL it runs, in the same
// run: the national results page of that closed template
// (/surveys/{id}/results) and the year's paired change (/surveys/paired?year=),
// as the demo's national administrator (signed in as a person does:
// demoSignIn), one request at a time (wrk -t1 -c1 --latency: a page's own
// latency, not a queue's), against two references run directly by sqlite3
// and psql with the page's parameters, one after the other, BENCH_SQL_RUNS
// times (5) after a warming run:
// - the bare SQL aggregate of the answers the page shows (the goal's
//   reference): completion, each key's and number's count over the
//   template's completed invites' values and the first 200 free texts of
//   each; the pairs' sums of each key over both surveys' values. Written
//   here: it is what the page would cost if it aggregated the answers, as it
//   did before the whole programme's were counted at close (migration 0028);
// - the page's own SQL (read out of the binary itself, so it is the page's,
//   whatever it becomes): what the page adds to its reads.
// BENCH_ROUNDS (3) rounds of the page then the references, interleaved, so
// the machine's load falls on all: the median of the rounds' p50s, and the
// page's as a ratio to each. Goal: at most 1.2x the bare aggregate, and
// under 50 ms.
// Every page is checked once for what it must show (the completed count, the
// pairs), so an error or an empty page is never taken for a fast one; under
// load every answer must be a 200 of the page's size.
//   bench/surveys [BIN [POSTGRESQL_ADMIN_URL]]   (without a URL, a
//   throw-away cluster: scripts/pg-cluster); BENCH_DURATION (10s) a round;
//   BENCH_JSON: the figures also go there as JSON.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { request } from '../tests/lib/client.mjs';
import { dbQuery } from '../tests/lib/db.mjs';
import { DEMO_SCHOOLS, demoCounts, demoSignIn, demoSignIns } from '../tests/lib/demo.mjs';
import { run, startServer } from './lib/procs.mjs';
import { benchScratch } from './lib/scratch.mjs';
import { wrk } from './lib/wrk.mjs';

const { bin, dir, running, say, postgres, main } = benchScratch('surveys');
const duration = process.env.BENCH_DURATION || '10s';
const RUNS = Number(process.env.BENCH_SQL_RUNS || 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const median = (v) => { const s = [...v].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/**
 * The statements the pages' reads run, as compiled into the binary: each
 * the whole C string that starts with these words (the macros it is built
 * of already joined), so the reference is the page's own SQL.
 */
const STATEMENTS = {
  completion: 'SELECT count(*), COALESCE(SUM(CASE WHEN i.completed_at IS NOT NULL THEN 1 ELSE 0 END), 0) FROM survey_invites i JOIN activities a',
  texts: 'SELECT x.question_key, x.value_text, x.total',
  totalUnits: 'SELECT question_key, n, total FROM survey_total_units',
  totalCounts: 'SELECT question_key, value_num, n FROM survey_total_counts',
  totalTexts: 'SELECT t.question_key, t.value_text, u.n FROM survey_total_texts',
  pairedYear: 'SELECT templates, keys, people FROM survey_paired_years',
  pairedTotals: 'SELECT question_key, pairs, change_sum',
};

/** The bare aggregates of the answers (see the top): each key's and number's people and sum; the pairs' sums of each key. */
const BARE_RESULTS = `SELECT v.question_key, v.value_num, count(DISTINCT v.invite_id), SUM(v.value_num)
FROM survey_values v JOIN survey_invites i ON i.id = v.invite_id
WHERE i.template_id = $1 AND i.completed_at IS NOT NULL GROUP BY v.question_key, v.value_num`;
const PAIRS_OF = `FROM survey_invites ia JOIN survey_templates ta ON ta.id = ia.template_id
JOIN survey_invites ib ON ib.activity_id = ia.activity_id AND ib.person_id = ia.person_id JOIN survey_templates tb ON tb.id = ib.template_id`;
const PAIRS_WHERE = `WHERE ta.year = $1 AND ta.kind = 'autumn' AND tb.year = $1 AND tb.kind = 'summer' AND ta.status = 'closed' AND tb.status = 'closed'
AND ia.completed_at IS NOT NULL AND ib.completed_at IS NOT NULL`;
const BARE_PEOPLE = `SELECT count(*) ${PAIRS_OF} ${PAIRS_WHERE}`;
const BARE_PAIRED = `SELECT va.question_key, count(*), SUM(vb.value_num - va.value_num),
SUM(CASE WHEN vb.value_num > va.value_num THEN 1 ELSE 0 END), SUM(CASE WHEN vb.value_num < va.value_num THEN 1 ELSE 0 END)
${PAIRS_OF}
JOIN survey_values va ON va.invite_id = ia.id JOIN survey_values vb ON vb.invite_id = ib.id AND vb.question_key = va.question_key
${PAIRS_WHERE} AND va.value_num BETWEEN 1 AND 5 AND vb.value_num BETWEEN 1 AND 5
AND ',' || $2 || ',' LIKE '%,' || va.question_key || ',%' GROUP BY va.question_key`;
function statementsOf(binary) {
  const image = readFileSync(binary);
  const out = {};
  for (const [name, start] of Object.entries(STATEMENTS)) {
    const at = image.indexOf(Buffer.from(start));
    if (at < 0) throw new Error(`the binary has no statement starting "${start}" (its SQL changed: update bench/surveys.mjs)`);
    if (image.indexOf(Buffer.from(start), at + 1) >= 0) throw new Error(`more than one statement starts "${start}"`);
    out[name] = image.subarray(at, image.indexOf(0, at)).toString('utf8');
  }
  return out;
}

/** The keys a template's page reads: its questions outside internal sections (of type agree5 only: paired). */
function keysOf(content, agreeOnly = false) {
  return JSON.parse(content).sections.filter((s) => !s.internal)
    .flatMap((s) => s.questions).filter((q) => !agreeOnly || q.type === 'agree5').map((q) => q.key);
}

/** An SQL literal. */
const lit = (v) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

/**
 * The milliseconds of each of RUNS runs of the statements (each with its
 * parameters $1...), one after the other on one connection, as the page runs
 * them; the rows go to /dev/null. SQLite with the server's own pragmas.
 */
function sqlRuns(backend, target, statements) {
  const script = [];
  if (backend === 'sqlite') {
    script.push('PRAGMA temp_store=MEMORY;', 'PRAGMA mmap_size=1073741824;', '.output /dev/null');
    for (let r = 0; r < RUNS + 1; r++) // the first run warms the caches, as the page's warm-up does
      for (const { sql, params } of statements) {
        script.push('.parameter clear');
        params.forEach((p, i) => script.push(`.parameter set $${i + 1} ${typeof p === 'number' ? p : `"${lit(p)}"`}`));
        script.push('.timer on', `${sql};`, '.timer off');
      }
    const res = spawnSync('sqlite3', [target], { input: script.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 26 });
    if (res.status !== 0 || res.stderr) throw new Error(`sqlite3: ${res.stderr}`);
    return times(res.stdout, /^Run Time: real ([\d.]+)/gm, 1000, statements.length);
  }
  script.push('\\o /dev/null');
  statements.forEach(({ sql }, k) => script.push(`PREPARE s${k} AS ${sql};`));
  script.push('\\timing on');
  for (let r = 0; r < RUNS + 1; r++)
    statements.forEach(({ params }, k) => script.push(`EXECUTE s${k} (${params.map(lit).join(', ')});`));
  const res = spawnSync('psql', [target, '-qX', '-v', 'ON_ERROR_STOP=1'], { input: script.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 26 });
  if (res.status !== 0) throw new Error(`psql: ${res.stderr}`);
  return times(res.stdout, /^Time: ([\d.]+) ms/gm, 1, statements.length);
}

/** Each run's total (the first, warming, left out) from the timings printed. */
function times(out, re, scale, per) {
  const t = [...out.matchAll(re)].map((m) => Number(m[1]) * scale);
  if (t.length !== (RUNS + 1) * per) throw new Error(`${t.length} timings, not ${(RUNS + 1) * per}:\n${out.slice(0, 500)}`);
  const runs = [];
  for (let r = 1; r <= RUNS; r++) runs.push(t.slice(r * per, (r + 1) * per).reduce((a, b) => a + b, 0));
  return runs;
}

/** What the pages need: last year's closed autumn survey, its completed count and keys; the year's pairs and keys. */
async function context(srv) {
  const y = Number(await dbQuery(srv, 'SELECT academic_year FROM demo_data')) - 1;
  const [id, content] = (await dbQuery(srv, `SELECT id, content FROM survey_templates WHERE project_id IS NULL AND year = ${y}
AND kind = 'autumn' AND status = 'closed'`)).split('|');
  const completed = Number(await dbQuery(srv, `SELECT count(*) FROM survey_invites WHERE template_id = ${id} AND completed_at IS NOT NULL`));
  const summer = await dbQuery(srv, `SELECT content FROM survey_templates WHERE project_id IS NULL AND year = ${y} AND kind = 'summer'`);
  const inSummer = new Set(keysOf(summer, true));
  const pairedKeys = keysOf(content, true).filter((k) => inSummer.has(k));
  const pairs = Number(await dbQuery(srv, `SELECT count(*) FROM survey_invites ia JOIN survey_invites ib
ON ib.activity_id = ia.activity_id AND ib.person_id = ia.person_id JOIN survey_templates tb ON tb.id = ib.template_id
WHERE ia.template_id = ${id} AND tb.year = ${y} AND tb.kind = 'summer' AND ia.completed_at IS NOT NULL AND ib.completed_at IS NOT NULL`));
  return { y, id: Number(id), completed, keys: keysOf(content).join(','), pairedKeys: pairedKeys.join(','), pairs };
}

/**
 * The pages, each with the statements its read runs (own) and the bare
 * aggregate of what it shows (bare), with their parameters ($2-$5: no
 * group, the national view: no NCPs' or hubs' ids, no activity, no lead;
 * the texts' $6 the keys, $7 nothing left out, $8 the 200 a question lists).
 */
function pages(ctx, sql) {
  const group = ['', '', 0, 0];
  const thousands = (n) => n.toLocaleString('en-GB');
  return [
    { id: 'survey-results', target: `/surveys/${ctx.id}/results`,
      note: `a closed autumn survey: ${thousands(ctx.completed)} completed, every question`,
      own: [
        { sql: sql.completion, params: [ctx.id, ...group] },
        { sql: sql.totalUnits, params: [ctx.id] },
        { sql: sql.totalCounts, params: [ctx.id] },
        { sql: sql.totalTexts, params: [ctx.id, 200] },
      ],
      bare: [
        { sql: sql.completion, params: [ctx.id, ...group] },
        { sql: BARE_RESULTS, params: [ctx.id] },
        { sql: sql.texts, params: [ctx.id, ...group, ctx.keys, '', 200] },
      ],
      shows: (b) => (!b.includes(`${thousands(ctx.completed)}`) ? `no "${thousands(ctx.completed)}" completed on the page` : null) },
    { id: 'survey-paired', target: `/surveys/paired?year=${ctx.y}`,
      note: `${thousands(ctx.pairs)} people who completed both, ${ctx.pairedKeys.split(',').length} questions paired`,
      own: [
        { sql: sql.pairedYear, params: [ctx.y] },
        { sql: sql.pairedTotals, params: [ctx.y] },
      ],
      bare: [
        { sql: BARE_PEOPLE, params: [ctx.y] },
        { sql: BARE_PAIRED, params: [ctx.y, ctx.pairedKeys] },
      ],
      shows: (b) => (!b.includes(thousands(ctx.pairs)) ? `no "${thousands(ctx.pairs)}" pairs on the page` : null) },
  ];
}

async function backend(name, dbArgs, srv, sqlTarget, sql) {
  say(`${name}: demo-data --scale national`);
  const t0 = performance.now();
  const out = await run(bin, ['demo-data', '--scale', 'national', '--seed', '1', '--schools', DEMO_SCHOOLS, ...dbArgs]);
  const demoSeconds = Math.round((performance.now() - t0) / 100) / 10;
  const counts = demoCounts(out);
  if (name === 'postgres') await dbQuery(srv, 'VACUUM ANALYZE'); // as autovacuum leaves it a minute after a bulk load
  const ctx = await context(srv);
  const server = await startServer(bin, [...dbArgs, '--threads', '2'], dir, name);
  running.push(server);
  const who = demoSignIns(out).find((s) => s.role === 'National administrator');
  const headers = { Cookie: (await demoSignIn(server, who)).jar.header() };
  const results = [];
  for (const p of pages(ctx, sql)) {
    const res = await request(server.base, p.target, { headers, timeout: 120000 });
    const wrong = res.status !== 200 ? `answered ${res.status}` : p.shows(res.body);
    if (wrong) throw new Error(`${name}: ${p.target}: ${wrong}`);
    await wrk(server.base + p.target, { duration: '3s', threads: 1, connections: 1, headers }); // warm
    // ROUNDS rounds, the page then its SQL in each, so a change of the machine's load falls on both
    const rounds = [];
    for (let k = 0; k < ROUNDS; k++) {
      const r = await wrk(server.base + p.target, { duration, threads: 1, connections: 1, headers });
      if (!(r.requests > 0)) throw new Error(`${name}: ${p.target} under load: ${r.out}`);
      const e = server.errors();
      server.trim();
      if (e.length) throw new Error(`${name} logged:\n${e.slice(0, 5).join('\n')}`);
      const bare = sqlRuns(name, sqlTarget, p.bare);
      const own = sqlRuns(name, sqlTarget, p.own);
      rounds.push({ p50: r.p50, p99: r.p99, requests: r.requests, bare_p50: median(bare), own_p50: median(own) });
      say(`${name} ${p.target}, round ${k + 1}: p50 ${r.p50} ms, p99 ${r.p99} ms (${r.requests} requests); the bare ` +
        `aggregate p50 ${median(bare).toFixed(1)} ms (${bare.map((x) => x.toFixed(0)).join(', ')}); its own SQL ` +
        `${median(own).toFixed(2)} ms`);
    }
    const r = { p50: median(rounds.map((x) => x.p50)), p99: median(rounds.map((x) => x.p99)), requests: rounds.reduce((a, x) => a + x.requests, 0) };
    const bareP50 = median(rounds.map((x) => x.bare_p50));
    const ownP50 = median(rounds.map((x) => x.own_p50));
    const round = (x, d = 10) => Math.round(x * d) / d;
    results.push({ id: p.id, url: p.target, note: p.note, bytes: res.raw.length, requests: r.requests, p50: r.p50, p99: r.p99,
      bare_p50: round(bareP50), own_p50: round(ownP50, 100), ratio: round(r.p50 / bareP50, 100), own_ratio: ownP50 > 0 ? round(r.p50 / ownP50, 100) : null,
      under_50ms: r.p50 < 50 });
  }
  await server.stop();
  running.splice(running.indexOf(server), 1);
  return { demo_s: demoSeconds, counts: Object.fromEntries(counts), pages: results };
}

main(['wrk', 'psql', 'sqlite3', 'oathtool'], async () => {
  const sql = statementsOf(bin);
  const only = (process.env.BENCH_ENGINES || 'sqlite,postgres').split(',');
  const report = { wrk: `wrk -t1 -c1 -d${duration} --latency`, rounds: ROUNDS, sql_runs: RUNS, load_at_start: os.loadavg()[0], backends: {} };
  const sqliteDb = path.join(dir, 'bench.db');
  if (only.includes('sqlite')) {
    report.backends.sqlite = await backend('sqlite', ['--db', sqliteDb], { backend: 'sqlite', db: sqliteDb, dir }, sqliteDb, sql);
    rmSync(sqliteDb, { force: true });
  }
  if (only.includes('postgres')) {
    const pg = await postgres();
    report.backends.postgres = await backend('postgres', ['--postgres', pg.url], pg.srv, pg.url, sql);
  }
  report.load_at_end = os.loadavg()[0];
  const f = (x) => x.toFixed(1);
  process.stdout.write(`\nsurvey results, demo-data --scale national (page: ${report.wrk}; SQL: ${RUNS} runs), load ` +
    `${report.load_at_start.toFixed(2)} at the start, ${report.load_at_end.toFixed(2)} at the end\n`);
  process.stdout.write(`${'backend'.padEnd(10)} ${'URL'.padEnd(28)} ${'page p50'.padStart(9)} ${'p99'.padStart(8)} ${'bare p50'.padStart(9)} ${'ratio'.padStart(6)} ${'own SQL'.padStart(8)} ${'< 50 ms'.padStart(8)}\n`);
  for (const [b, r] of Object.entries(report.backends)) {
    for (const u of r.pages)
      process.stdout.write(`${b.padEnd(10)} ${u.url.padEnd(28)} ${f(u.p50).padStart(9)} ${f(u.p99).padStart(8)} ${f(u.bare_p50).padStart(9)} ${u.ratio.toFixed(2).padStart(6)} ${u.own_p50.toFixed(2).padStart(8)} ${(u.under_50ms ? 'yes' : 'NO').padStart(8)}\n`);
    process.stdout.write(`${''.padEnd(10)} demo-data ${r.demo_s} s; ${r.pages.map((u) => u.note).join('; ')}\n`);
  }
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(report, null, 2) + '\n');
});
