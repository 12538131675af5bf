// The bench's table: what bench/bench.mjs wrote as JSON, for people.
const f0 = (x) => (x === undefined || x === null ? '' : String(Math.round(x)));
const f2 = (x) => (x === undefined || x === null || !Number.isFinite(x) ? '' : x.toFixed(2));
const ms = (x) => (x === null || x === undefined ? '?' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const mib = (k) => (k === undefined || k === null ? '' : (k / 1024).toFixed(1));
const pad = (s, n) => String(s).padStart(n);
const padr = (s, n) => String(s).padEnd(n);

const BACKENDS = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

function throughput(r, out) {
  const withBefore = r.before !== null && r.before !== undefined;
  const w = 46;
  const head = [padr('scenario', w), pad('bytes', 7), pad('req/s', 8), pad('ref', 8), pad('ratio', 6),
    pad('p50 ms', 12), pad('p99 ms', 12), pad('RSS MiB', 11), pad(':healthz', 9)];
  if (withBefore) head.push(pad('before', 8), pad('gain', 6));
  out.write(`\nThroughput: ${r.settings.wrk}, ${r.settings.rounds} round(s) interleaved, medians; ours then the reference (ref)\n`);
  out.write(head.join(' ') + '\n');
  for (const backend of Object.keys(BACKENDS)) {
    const rows = r.scenarios.filter((s) => s.backend === backend);
    if (!rows.length) continue;
    out.write(`${BACKENDS[backend]}\n`);
    const health = rows.find((s) => s.id.endsWith(':healthz'));
    for (const s of rows) {
      const title = `  ${s.title}`.slice(0, w);
      if (s.pending) {
        out.write(`${padr(title, w)} not measured: ${s.pending}\n`);
        continue;
      }
      const o = s.ours;
      const refFig = s.reference;
      const line = [padr(title, w), pad(s.bytes ?? '', 7), pad(f0(o.rps), 8), pad(f0(refFig.rps), 8), pad(f2(o.rps / refFig.rps), 6),
        pad(`${ms(o.p50)}/${ms(refFig.p50)}`, 12), pad(`${ms(o.p99)}/${ms(refFig.p99)}`, 12),
        pad(`${mib(o.rss_kib)}/${mib(refFig.rss_kib)}`, 11),
        pad(health && s !== health && !s.id.endsWith('rush') ? f2(o.rps / health.ours.rps) : '', 9)];
      if (withBefore) line.push(pad(f0(s.before?.rps), 8), pad(s.before ? f2(o.rps / s.before.rps) : '', 6));
      out.write(line.join(' ') + '\n');
    }
  }
  out.write('  ratio: ours : the reference (nginx with the same bytes; for the write rush, the binary\'s own /healthz; for the confirm rush, /healthz through the same client);\n' +
    '  :healthz: ours : our /healthz on the same backend' + (withBefore ? '; gain: ours : before' : '') + '\n');
  for (const s of r.scenarios.filter((x) => x.note)) out.write(`  ${BACKENDS[s.backend]}, ${s.title}: ${s.note}\n`);
}

function memory(m, out) {
  const b = m.idle.before !== undefined;
  out.write(`\nResident memory (MiB)${' '.repeat(26)}ours    nginx${b ? '   before' : ''}\n`);
  for (const [label, v] of [['idle', m.idle], [`holding ${m.connections} keep-alive connections`, m.held]])
    out.write(`${padr(`  ${label}`, 46)} ${pad(mib(v.ours), 5)} ${pad(mib(v.reference), 8)}${b ? pad(mib(v.before), 9) : ''}\n`);
  if (m.idle_own) // the process's own memory (RssAnon), apart from the mapped files VmRSS counts too
    for (const [label, v] of [['  its own (RssAnon): idle', m.idle_own], [`  its own: holding ${m.connections} connections`, m.held_own]])
      out.write(`${padr(`  ${label}`, 46)} ${pad(mib(v.ours), 5)} ${pad('', 8)}${b ? pad(mib(v.before), 9) : ''}\n`);
  out.write(`  ours: ${m.ours_is}; nginx: ${m.reference_is}\n`);
}

function gias(i, out) {
  out.write(`\nGIAS import: ${i.rows} rows, ${i.mb} MB, best of ${i.runs}      time s   peak MiB   ratio (time, memory)\n`);
  const row = (label, t, k, ratio = '') => out.write(`${padr(`  ${label}`, 46)} ${pad(f2(t), 7)} ${pad(k ? mib(k) : '', 10)}   ${ratio}\n`);
  row('SQLite: mathshubs import-gias', i.sqlite.import_s, i.sqlite.import_kib,
    `${f2(i.sqlite.import_s / i.sqlite.tool_s)}, ${f2(i.sqlite.import_kib / i.sqlite.tool_kib)} of sqlite3 .import`);
  row('SQLite: sqlite3 .import', i.sqlite.tool_s, i.sqlite.tool_kib);
  row('SQLite: import-gias again (nothing changes)', i.sqlite.again_s);
  row('PostgreSQL: mathshubs import-gias', i.postgres.import_s, i.postgres.import_kib,
    `${f2(i.postgres.import_s / i.postgres.tool_s)}, ${f2(i.postgres.import_kib / i.postgres.tool_kib)} of psql \\copy`);
  if (i.postgres.before_s !== undefined)
    row('PostgreSQL: import-gias before', i.postgres.before_s, i.postgres.before_kib,
      `gain ${f2(i.postgres.before_s / i.postgres.import_s)}`);
  row('PostgreSQL: psql \\copy', i.postgres.tool_s, i.postgres.tool_kib);
  row("PostgreSQL: \\copy into the registry's tables", i.postgres.tables_s, null,
    `import-gias ${f2(i.postgres.import_s / i.postgres.tables_s)} of it (like for like)`);
}

function search(s, out) {
  out.write(`\nSchool search, ${s.schools} schools (${s.wrk}): req/s and p99 against /healthz\n`);
  for (const [backend, b] of Object.entries(s.backends)) {
    const h = b.urls[0];
    out.write(`${BACKENDS[backend]} (reindex-schools ${f2(b.reindex_s)} s)\n`);
    for (const u of b.urls)
      out.write(`${padr(`  ${u.url}`, 46)} ${pad(f0(u.rps), 8)} ${pad(ms(u.p99), 8)} ms   ${f2(u.rps / h.rps)} of /healthz\n`);
  }
}

function activities(a, out) {
  out.write(`\nHub activities, demo-data --scale national (${a.wrk}): req/s, p50 and p99 against /healthz\n`);
  for (const [backend, b] of Object.entries(a.backends)) {
    const h = b.urls[0];
    out.write(`${BACKENDS[backend]} (demo-data ${f2(b.demo_s)} s: ${b.counts.activities} activities, ${b.counts['session marks']} register marks)\n`);
    for (const u of b.urls)
      out.write(`${padr(`  ${u.url}`, 46)} ${pad(f0(u.rps), 8)} ${pad(ms(u.p50), 8)} ${pad(ms(u.p99), 8)} ms   ${f2(u.rps / h.rps)} of /healthz\n`);
  }
}

function surveys(a, out) {
  out.write(`\nSurvey results, demo-data --scale national (page: ${a.wrk}; SQL: ${a.sql_runs} runs): p50 against the bare ` +
    'aggregate of the answers it shows (goal: at most 1.2 times, and under 50 ms), and its own SQL\n');
  for (const [backend, b] of Object.entries(a.backends)) {
    out.write(`${BACKENDS[backend]} (demo-data ${f2(b.demo_s)} s: ${b.counts['survey invites']} invites, ${b.counts['survey answers']} values)\n`);
    for (const u of b.pages)
      out.write(`${padr(`  ${u.url}`, 46)} ${pad(ms(u.p50), 8)} ${pad(ms(u.bare_p50), 8)} ms   ${f2(u.ratio)} of the bare aggregate` +
        `${u.under_50ms ? '' : ' (NOT under 50 ms)'}; its own SQL ${ms(u.own_p50)} ms\n`);
  }
}

/** Writes the report r (bench.mjs's JSON) as text to out. */
export function printReport(r, out) {
  const m = r.machine;
  out.write(`\nmathshubs bench ${r.started} (${r.commit}${r.settings.quick ? ', QUICK: a try, not a measurement' : ''}): ` +
    `${m.cpus} CPUs, load ${m.load_at_start[0]} at the start, ${m.load_at_end[0]} at the end\n`);
  if (r.data) out.write(`data: ${r.data.schools} schools, ${r.data.people} people in 40 hub teams (${r.data.llmes} LLMEs)\n`);
  if (r.scenarios.length) throughput(r, out);
  if (r.memory) memory(r.memory, out);
  if (r.import) gias(r.import, out);
  if (r.search) search(r.search, out);
  if (r.activities) activities(r.activities, out);
  if (r.surveys) surveys(r.surveys, out);
}
