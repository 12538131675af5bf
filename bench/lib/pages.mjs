// The run every page benchmark at the programme's size shares (bench/activities,
// bench/happi): a `demo-data --scale national` database on SQLite, then on
// PostgreSQL (a throw-away cluster when no admin URL is given); on each, the
// bench's context read from the database, its people signed in, and each of
// its pages measured with wrk against /healthz on the same binary in the same
// run, as ratios. Every answer under load is checked: 200 and the page's own
// size (a wrk script counts them), and each page once for what it must show
// (shows), so a redirect, an error or a short page is never taken for a fast
// one. The figures are printed, and written as JSON to BENCH_JSON (make bench
// folds them in).
//   argv: [BIN [POSTGRESQL_ADMIN_URL]]; BENCH_DURATION (10s) a page.
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { request } from '../../tests/lib/client.mjs';
import { dbQuery } from '../../tests/lib/db.mjs';
import { DEMO_SCHOOLS, demoCounts } from '../../tests/lib/demo.mjs';
import { run, startServer } from './procs.mjs';
import { benchScratch } from './scratch.mjs';
import { wrk } from './wrk.mjs';

const WRK = { threads: 2, connections: 32 };

/** Text as the pages escape it. */
export const html = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
/** A value as an SQL string literal. */
export const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

/** A wrk script (in dir) that counts the answers that were not 200 and the smallest and largest body. */
function checkScript(dir, name) {
  const file = path.join(dir, 'check.lua');
  writeFileSync(file, `-- written by bench/${name}: every answer's status and size
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

/**
 * Runs a page benchmark and exits: name ('happi': bench/happi, its database
 * bench_happi), title (its report's first words), context(srv, out) (what
 * the pages need, read once the demo is made: srv reaches the database as
 * the tests' dbQuery does, out is demo-data's output), sessions(server, srv,
 * out, ctx) ({who: request headers}), pages(ctx) ([{id, target, who, note,
 * shows(body)}]) and made(counts) (the demo's counts in words, for the report).
 */
export function benchPages({ name, title, context, sessions, pages, made }) {
  const { bin, dir, running, say, postgres, main } = benchScratch(name);
  const duration = process.env.BENCH_DURATION || '10s';

  /** The figures of one backend: demo-data's time and counts, then each page against /healthz. */
  async function backend(backendName, dbArgs, srv) {
    say(`${backendName}: demo-data --scale national`);
    const t0 = performance.now();
    const out = await run(bin, ['demo-data', '--scale', 'national', '--seed', '1', '--schools', DEMO_SCHOOLS, ...dbArgs]);
    const demoSeconds = (performance.now() - t0) / 1000;
    const counts = demoCounts(out);
    // PostgreSQL: as autovacuum leaves it a minute after a bulk load (bench/schools says why)
    if (backendName === 'postgres') await dbQuery(srv, 'VACUUM ANALYZE');
    const ctx = await context(srv, out);
    const server = await startServer(bin, [...dbArgs, '--threads', '2'], dir, backendName);
    running.push(server);
    const headers = await sessions(server, srv, out, ctx);
    const script = checkScript(dir, name);
    const measure = async (target, h = {}, shows = () => null) => {
      const res = await request(server.base, target, { headers: h });
      const wrong = res.status !== 200 ? `answered ${res.status}` : shows(res.body);
      if (wrong) throw new Error(`${backendName}: ${target}: ${wrong}`);
      await wrk(server.base + target, { duration: '2s', ...WRK, headers: h }); // warm: caches, every thread's connection
      await sleep(500);
      const r = await wrk(server.base + target, { duration, ...WRK, headers: h, script });
      const e = server.errors();
      server.trim();
      if (e.length) throw new Error(`${backendName} logged:\n${e.slice(0, 5).join('\n')}`);
      // every answer a 200 of the page's size (give or take a tenth: a date, a count in words)
      const [, ok, other, least, most] = (/checked: (\d+) ok, (\d+) other, bodies (-?\d+) to (\d+) bytes/.exec(r.out) || []).map(Number);
      if (!(ok > 0) || other || least < res.raw.length * 0.9 || most > res.raw.length * 1.1)
        throw new Error(`${backendName}: ${target} under load: ${r.out.trim() || 'no check'} (the page: ${res.raw.length} bytes)`);
      say(`${backendName} ${target}: ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms (${ok} answers, 200, ${least}-${most} bytes)`);
      return { url: target, bytes: res.raw.length, rps: r.rps, p50: r.p50, p99: r.p99 };
    };
    const urls = [await measure('/healthz')];
    for (const p of pages(ctx)) urls.push({ ...await measure(p.target, headers[p.who], p.shows), id: p.id, note: p.note });
    await server.stop();
    running.splice(running.indexOf(server), 1);
    return { demo_s: Math.round(demoSeconds * 10) / 10, counts: Object.fromEntries(counts), urls };
  }

  main(['wrk', 'psql', 'oathtool'], async () => {
    const report = { wrk: `wrk -t${WRK.threads} -c${WRK.connections} -d${duration} --latency`, load_at_start: os.loadavg()[0], backends: {} };
    const sqliteDb = path.join(dir, 'bench.db');
    report.backends.sqlite = await backend('sqlite', ['--db', sqliteDb], { backend: 'sqlite', db: sqliteDb, dir });
    rmSync(sqliteDb, { force: true });
    const pg = await postgres();
    report.backends.postgres = await backend('postgres', ['--postgres', pg.url], pg.srv);
    report.load_at_end = os.loadavg()[0];

    const f2 = (x) => x.toFixed(2);
    process.stdout.write(`\n${title}, demo-data --scale national (${report.wrk}), load ${f2(report.load_at_start)} at the start, ` +
      `${f2(report.load_at_end)} at the end\n`);
    process.stdout.write(`${'backend'.padEnd(10)} ${'URL'.padEnd(34)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${':healthz'.padStart(9)}\n`);
    for (const [b, r] of Object.entries(report.backends)) {
      const h = r.urls[0];
      for (const u of r.urls)
        process.stdout.write(`${b.padEnd(10)} ${u.url.padEnd(34)} ${String(Math.round(u.rps)).padStart(8)} ${f2(u.p50).padStart(8)} ` +
          `${f2(u.p99).padStart(8)} ${f2(u.rps / h.rps).padStart(9)}\n`);
      process.stdout.write(`${''.padEnd(10)} demo-data ${r.demo_s} s: ${made(r.counts)}; ${r.urls.slice(1).map((u) => u.note).join('; ')}\n`);
    }
    if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(report, null, 2) + '\n');
  });
}
