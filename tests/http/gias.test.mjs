// `mathshubs import-gias` on every real GIAS file in ../shared/data/gias
// (SOURCES.txt there says what each is), on SQLite and PostgreSQL: the
// website's download (names only, links spilling over), the 120- and
// 135-column layouts, rows of another layout, the links file with its
// predecessor and successor chains, the children's centres file (refused by
// design), a broken copy (all or nothing, lines and reasons, the rejected
// rows' report), the same file in Windows-1252 and UTF-8 with and without a
// byte-order mark, trusts by name then by code, and the progress bar. What
// each import must give is read from the files here, never from the binary.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { BACKEND, ROOT, csvRecords, dbArgs, dbQuery, parseCsv, pgCreateDatabase, pgDropDatabase, run } from './lib.mjs';

const GIAS = path.resolve(ROOT, '../shared/data/gias');
const DOWNLOAD = path.join(GIAS, 'clarelgibson__2022-school-admissions-dashboard/20220420_gias.csv');
const SURREY = path.join(GIAS, 'clarelgibson__2022-school-admissions-dashboard/2021_936_gias.csv');
const LAYOUT_120 = path.join(GIAS, 'DFE-Digital__teaching-vacancies/example_schools_data.csv');
const LAYOUT_135 = path.join(GIAS, 'JackFrostStudios__summer-born-info/ExampleImportFile.csv');
const CENTRES = path.join(GIAS, 'RogerHowellDfE__gias-data/edubaseallchildrencentre.csv');
const LINKS = path.join(GIAS, 'RogerHowellDfE__gias-data/links_edubasealldata.csv');
const TRAINEES = path.join(GIAS, 'DFE-Digital__register-trainee-teachers/schools.csv');

let tmp;
const targets = [];
before(() => { tmp = mkdtempSync(path.join(tmpdir(), 'mathshubs-gias-')); });
after(() => {
  for (const t of targets) if (t.pg) pgDropDatabase(t.pg.name);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A new empty database on the backend under test (dbArgs and dbQuery take it). */
function newDb() {
  const dir = mkdtempSync(path.join(tmp, 'db-'));
  const t = { backend: BACKEND, dir, db: path.join(dir, 'mathshubs.db'), pg: BACKEND === 'postgres' ? pgCreateDatabase() : null };
  targets.push(t);
  return t;
}

/** Runs import-gias on t; stderr without the log lines (a new database's migrations). */
async function importGias(t, args) {
  const r = await run(['import-gias', ...args, ...dbArgs(t)]);
  return { ...r, stderr: r.stderr.split('\n').filter((l) => !l.startsWith('{"time"')).join('\n') };
}
const sql = (t, q) => dbQuery(t, q);
const count = async (t, q) => Number(await sql(t, q));

/**
 * The summary: {schools: the number on each line of the establishments
 * file's block, by its label ("new", "unchanged" ...), links: {new,
 * updated, unchanged, rejected} from its sentence ("34,046 links between
 * schools: 2 new, 34,044 unchanged; 3 rows rejected", "...: no change")}.
 */
function summary(stdout) {
  const blocks = {};
  let cur = null;
  for (const line of stdout.split('\n')) {
    const head = /^(\S.*?): GIAS (establishments|links) file/.exec(line);
    if (head) { cur = head[2] === 'establishments' ? (blocks.schools = {}) : null; continue; }
    const m = /^ {2}(\w+)\s+(\d+)/.exec(line);
    if (m && cur) cur[m[1]] = Number(m[2]);
    const links = /^(No|[\d,]+) links? between schools: (.*)$/.exec(line);
    if (links) {
      const total = links[1] === 'No' ? 0 : Number(links[1].replace(/,/g, ''));
      const l = blocks.links = { new: 0, updated: 0, unchanged: 0, rejected: 0 };
      for (const part of links[2].split(/, |; /)) {
        if (part === 'no change') l.unchanged = total;
        const n = /^([\d,]+) (new|updated|unchanged|rows? rejected)$/.exec(part);
        if (n) l[n[2].endsWith('rejected') ? 'rejected' : n[2]] = Number(n[1].replace(/,/g, ''));
        else assert.equal(part, 'no change', `a part of the links' sentence: ${line}`);
      }
    }
  }
  return blocks;
}

/** A GIAS file's rows as objects by header name, with line, nfields and the fields past the header (extra). */
function giasRows(file) {
  const [head, ...body] = csvRecords(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  return body.map((r) => ({
    ...Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])),
    line: r.line, nfields: r.length, ncolumns: head.length, extra: r.slice(head.length),
  }));
}

const STATUS = { Open: 'open', Closed: 'closed', 'Open, but proposed to close': 'open_proposed_to_close', 'Proposed to open': 'proposed_to_open' };
const isoDate = (d) => (d ? `${d.slice(6, 10)}-${d.slice(3, 5)}-${d.slice(0, 2)}` : '');
const centre = (r) => /^Children's centre/.test(r['TypeOfEstablishment (name)']);

/** "urn|name|la_code|type|phase|status|open|close|postcode|town|trust" for each school, by URN. */
const SCHOOL_FIELDS = "SELECT s.urn || '|' || s.name || '|' || COALESCE(s.la_code, '') || '|' || s.type || '|' || s.phase || '|' || " +
  "s.status || '|' || COALESCE(s.open_date, '') || '|' || COALESCE(s.close_date, '') || '|' || s.postcode || '|' || s.town || '|' || " +
  "COALESCE(t.name, '') FROM schools s LEFT JOIN trusts t ON t.id = s.trust_id ORDER BY s.urn";
const expectedFields = (rows) => rows.map((r) => [r.URN, r.EstablishmentName.trim(), r['LA (code)'], r['TypeOfEstablishment (name)'],
  r['PhaseOfEducation (name)'], STATUS[r['EstablishmentStatus (name)']], isoDate(r.OpenDate), isoDate(r.CloseDate), r.Postcode, r.Town,
  r['Trusts (name)']].join('|')).sort();

/** The links a download's "Linked establishments" and its spill-over give: "urn|link_urn|type". */
const downloadLinks = (rows) => rows.flatMap((r) => [r['Linked establishments'], ...r.extra]
  .filter((t) => t && t !== 'Does not have links')
  .map((t) => { const m = /^(\d{6,7}) (.+)$/.exec(t); assert.ok(m, t); return `${r.URN}|${m[1]}|${m[2]}`; }));

describe('the GIAS website download', () => {
  const rows = giasRows(DOWNLOAD);
  let t;
  let first;
  before(async () => {
    t = newDb();
    first = await importGias(t, [DOWNLOAD]);
  });

  test('1096 rows, 69 of them spilling links into extra fields: every school as the file has it, with its trust and local authority', async () => {
    assert.equal(first.code, 0, first.stderr);
    assert.equal(rows.length, 1096);
    assert.equal(rows.filter((r) => r.extra.length).length, 69);
    const s = summary(first.stdout).schools;
    assert.deepEqual(s, { new: 1096, updated: 0, closed: 0, unchanged: 0, rejected: 0 });
    assert.match(first.stdout, /^20220420_gias\.csv: GIAS establishments file, UTF-8, 1096 rows$/m);
    assert.deepEqual((await sql(t, SCHOOL_FIELDS)).split('\n').sort(), expectedFields(rows));
    for (const [name, status] of Object.entries(STATUS)) {
      const want = rows.filter((r) => r['EstablishmentStatus (name)'] === name).length;
      assert.equal(await count(t, `SELECT count(*) FROM schools WHERE status = '${status}'`), want, name);
    }
    const trusts = new Set(rows.map((r) => r['Trusts (name)']).filter(Boolean));
    assert.equal(await count(t, 'SELECT count(*) FROM trusts WHERE code IS NULL'), trusts.size);
    assert.equal(await sql(t, 'SELECT code, name, region FROM local_authorities WHERE code IN (SELECT la_code FROM schools) ORDER BY code'), '850|Hampshire|South East\n936|Surrey|South East');
  });

  test('its "Linked establishments", spill-over included, become links', async () => {
    const want = downloadLinks(rows);
    assert.equal(want.length, 596);
    const got = (await sql(t, "SELECT urn || '|' || link_urn || '|' || link_type FROM school_links")).split('\n');
    assert.deepEqual(got.sort(), want.sort());
    assert.equal(summary(first.stdout).links.new, 596);
  });

  test('a second import of the same file changes nothing and says so', async () => {
    const before2 = await sql(t, 'SELECT urn, digest, imported_at FROM schools ORDER BY urn');
    const again = await importGias(t, [DOWNLOAD]);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(summary(again.stdout).schools, { new: 0, updated: 0, closed: 0, unchanged: 1096, rejected: 0 });
    assert.equal(summary(again.stdout).links.unchanged, 596);
    assert.match(again.stdout, /^Nothing changed/m);
    assert.equal(await sql(t, 'SELECT urn, digest, imported_at FROM schools ORDER BY urn'), before2);
  });

  test('every import is in the audit log with its counts', async () => {
    const audit = (await sql(t, "SELECT detail FROM audit_log WHERE action = 'schools_imported' ORDER BY id")).split('\n');
    assert.equal(audit.length, 2);
    assert.match(audit[0], /^20220420_gias\.csv: 1096 rows: 1096 new, 0 updated, 0 closed, 0 unchanged, 0 rejected/);
    assert.match(audit[1], /1096 rows: 0 new, 0 updated, 0 closed, 1096 unchanged, 0 rejected/);
  });

  test('a school the file closes counts as closed; the others it changes as updated', async () => {
    const u = newDb();
    const edited = path.join(tmp, 'download-before.csv');
    // the registry first holds an older state: one closed school still open, one open school renamed
    const text = readFileSync(DOWNLOAD, 'utf8');
    const closed = rows.find((r) => r['EstablishmentStatus (name)'] === 'Closed' && !r.extra.length);
    const open = rows.find((r) => r['EstablishmentStatus (name)'] === 'Open' && !r.extra.length);
    const lines = text.split('\r\n');
    lines[closed.line - 1] = lines[closed.line - 1].replace('"Closed"', '"Open"');
    lines[open.line - 1] = lines[open.line - 1].replace(`"${open.EstablishmentName}"`, '"An Older Name"');
    writeFileSync(edited, lines.join('\r\n'));
    assert.equal((await importGias(u, [edited])).code, 0);
    const r = await importGias(u, [DOWNLOAD]);
    assert.deepEqual(summary(r.stdout).schools, { new: 0, updated: 1, closed: 1, unchanged: 1094, rejected: 0 });
    assert.equal(await sql(u, `SELECT name FROM schools WHERE urn = '${open.URN}'`), open.EstablishmentName);
    assert.equal(await sql(u, `SELECT status FROM schools WHERE urn = '${closed.URN}'`), 'closed');
  });
});

test("Surrey's 2021 download: 520 schools, its 70 children's centres skipped and counted", async () => {
  const rows = giasRows(SURREY);
  const t = newDb();
  const r = await importGias(t, [SURREY]);
  assert.equal(r.code, 0, r.stderr);
  const centres = rows.filter(centre);
  assert.equal(centres.length, 70);
  assert.deepEqual(summary(r.stdout).schools, { new: 520, updated: 0, closed: 0, unchanged: 0, rejected: 0, skipped: 70 });
  assert.match(r.stdout, /skipped\s+70 {2}\(children's centres: not schools\)/);
  assert.deepEqual((await sql(t, SCHOOL_FIELDS)).split('\n').sort(), expectedFields(rows.filter((x) => !centre(x))));
  assert.equal(await count(t, "SELECT count(*) FROM schools WHERE status = 'open_proposed_to_close'"),
    rows.filter((x) => x['EstablishmentStatus (name)'] === 'Open, but proposed to close').length);
});

test("the children's centres file is refused with why, and nothing is written", async () => {
  const t = newDb();
  assert.equal((await run(['migrate', ...dbArgs(t)])).code, 0);
  const shipped = await count(t, 'SELECT count(*) FROM local_authorities'); // the reference data (migration 9)
  const r = await importGias(t, [CENTRES]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /edubaseallchildrencentre\.csv: this is GIAS's children's centres file \(it has no PhaseOfEducation column\): children's centres are not schools and are not imported\. The schools are in GIAS's establishments file, edubasealldata\.csv\nNothing was imported\.\n$/);
  assert.equal(await count(t, 'SELECT count(*) FROM schools'), 0);
  assert.equal(await count(t, 'SELECT count(*) FROM local_authorities'), shipped);
  assert.equal(await count(t, "SELECT count(*) FROM audit_log WHERE action = 'schools_imported'"), 0);
});

test('the 135-column layout (2025/26): both rows as their columns give them', async () => {
  const t = newDb();
  const r = await importGias(t, [LAYOUT_135]);
  assert.equal(r.code, 0, r.stderr);
  const rows = giasRows(LAYOUT_135);
  assert.equal(rows[0].ncolumns, 135);
  assert.deepEqual((await sql(t, SCHOOL_FIELDS)).split('\n'), expectedFields(rows));
  assert.equal(await sql(t, "SELECT low_age, high_age, pupils, gias_changed_on, ukprn, telephone, region FROM schools WHERE urn = '100000'"),
    '3|11|249|2026-01-14|10079319|02072831147|London');
});

describe('the 120-column layout with rows of the 135-column one', () => {
  const rows = giasRows(LAYOUT_120);
  const long = rows.filter((r) => r.nfields > r.ncolumns);

  test('all or nothing: the first row that does not match the header stops the import, with its line', async () => {
    assert.equal(rows[0].ncolumns, 120);
    assert.equal(long.length, 10);
    const t = newDb();
    const r = await importGias(t, [LAYOUT_120]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `mathshubs: import-gias: example_schools_data.csv: line ${long[0].line}: the row has 135 fields where the header has 120: its columns cannot be matched to the header's\nNothing was imported.\n`);
    assert.equal(await count(t, 'SELECT count(*) FROM schools'), 0);
  });

  test('--skip-invalid imports the rows of the header\'s layout and lists the others next to the file', async () => {
    const t = newDb();
    const file = path.join(tmp, 'example_schools_data.csv');
    copyFileSync(LAYOUT_120, file);
    const r = await importGias(t, [file, '--skip-invalid']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(summary(r.stdout).schools, { new: 9, updated: 0, closed: 0, unchanged: 0, rejected: 10 });
    const report = path.join(tmp, 'example_schools_data-rejected.csv');
    assert.ok(r.stdout.includes(`Rejected rows (10) are listed in ${report}`), r.stdout);
    const listed = parseCsv(readFileSync(report, 'utf8'));
    assert.deepEqual(listed.map((x) => Number(x.Line)), long.map((x) => x.line));
    assert.deepEqual(listed.map((x) => x.URN), long.map((x) => x.URN));
    assert.ok(listed.every((x) => x.File === 'example_schools_data.csv'));
    assert.deepEqual((await sql(t, SCHOOL_FIELDS)).split('\n'), expectedFields(rows.filter((x) => x.nfields === 120)));
  });
});

describe('a broken copy of the download', () => {
  const rows = giasRows(DOWNLOAD);
  const header = csvRecords(readFileSync(DOWNLOAD, 'utf8'))[0];
  const breaks = [
    [5, 'URN', '12345x', 'the URN "12345x" is not 6 or 7 digits'],
    [9, 'EstablishmentName', '', 'there is no name (EstablishmentName)'],
    [14, 'PhaseOfEducation (name)', 'Tertiary', 'the phase of education "Tertiary" is not one of GIAS\'s'],
    [20, 'EstablishmentStatus (name)', 'Shut', "the status \"Shut\" is not one of GIAS's (Open; Closed; Open, but proposed to close; Proposed to open)"],
    [30, 'CloseDate', '31-02-2021', 'CloseDate "31-02-2021" is not a date (dd-mm-yyyy)'],
  ];
  let file;
  before(() => {
    const lines = readFileSync(DOWNLOAD, 'utf8').split('\r\n');
    for (const [line, col, value] of breaks) {
      const rec = csvRecords(lines[line - 1])[0];
      rec[header.indexOf(col)] = value;
      lines[line - 1] = rec.map((v) => `"${v.replace(/"/g, '""')}"`).join(',');
    }
    file = path.join(tmp, 'broken.csv');
    writeFileSync(file, lines.join('\r\n'));
  });

  test('stops at its first invalid row with the line and the reason, and writes nothing', async () => {
    const t = newDb();
    assert.equal((await run(['migrate', ...dbArgs(t)])).code, 0);
  const shipped = await count(t, 'SELECT count(*) FROM local_authorities'); // the reference data (migration 9)
    const r = await importGias(t, [file]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `mathshubs: import-gias: broken.csv: line 5: ${breaks[0][3]}\nNothing was imported.\n`);
    for (const table of ['schools', 'trusts', 'school_links'])
      assert.equal(await count(t, `SELECT count(*) FROM ${table}`), 0, table);
    assert.equal(await count(t, 'SELECT count(*) FROM local_authorities'), shipped, 'no local authority added');
  });

  test('with --skip-invalid imports the rest and reports each rejected row where asked', async () => {
    const t = newDb();
    const report = path.join(tmp, 'report.csv');
    const r = await importGias(t, [file, '--skip-invalid', '--rejects', report]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(summary(r.stdout).schools, { new: 1091, updated: 0, closed: 0, unchanged: 0, rejected: 5 });
    const listed = parseCsv(readFileSync(report, 'utf8'));
    assert.deepEqual(listed.map((x) => [Number(x.Line), x.Reason]), breaks.map(([line, , , why]) => [line, why]));
    assert.equal(listed[0].URN, '12345x');
    assert.equal(listed[2].Name, rows.find((x) => x.line === 14).EstablishmentName);
    assert.equal(await count(t, 'SELECT count(*) FROM schools'), 1091);
  });

  test('--rejects where it cannot be written is refused before anything is imported', async () => {
    const t = newDb();
    const r = await importGias(t, [file, '--skip-invalid', '--rejects', '/proc/no/such/report.csv']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot write the report of rejected rows to \/proc\/no\/such\/report\.csv: give another place with --rejects PATH/);
    assert.equal(await count(t, 'SELECT count(*) FROM schools'), 0);
  });
});

describe('the links file', () => {
  const links = parseCsv(readFileSync(LINKS, 'utf8'));
  let t;
  let r;
  before(async () => {
    t = newDb();
    r = await importGias(t, ['--links', LINKS]);
  });

  test('34,044 links, each as the file has it', async () => {
    assert.equal(r.code, 0, r.stderr);
    assert.equal(links.length, 34044);
    assert.match(r.stdout, /^links_edubasealldata\.csv: GIAS links file, UTF-8, 34044 rows$/m);
    assert.deepEqual(summary(r.stdout).links, { new: 34044, updated: 0, unchanged: 0, rejected: 0 });
    const got = (await sql(t, "SELECT urn || '|' || link_urn || '|' || link_type || '|' || link_name || '|' || COALESCE(linked_on, '') FROM school_links")).split('\n');
    const want = links.map((l) => [l.URN, l.LinkURN, l.LinkType, l.LinkName, isoDate(l.LinkEstablishedDate)].join('|'));
    assert.deepEqual(got.sort(), want.sort());
  });

  test('successor and predecessor chains are followed in the registry as in the file', async () => {
    // the file's own chains: every school reached from a URN by its successors (or predecessors), by depth
    const next = new Map();
    const prev = new Map();
    const add = (m, k, v) => m.set(k, [...(m.get(k) || []), v]);
    for (const l of links) {
      if (l.LinkType === 'Successor') add(next, l.URN, l.LinkURN);
      if (l.LinkType === 'Predecessor') add(prev, l.URN, l.LinkURN);
    }
    const reach = (m, urn) => {
      const out = [`${urn}|0`];
      let level = [urn];
      for (let depth = 1; depth < 20 && level.length; depth++) {
        level = level.flatMap((u) => m.get(u) || []);
        out.push(...level.map((u) => `${u}|${depth}`));
      }
      return out.sort();
    };
    const walk = async (urn, type) => (await sql(t, `WITH RECURSIVE chain (urn, depth) AS (SELECT '${urn}', 0 UNION ALL ` +
      `SELECT l.link_urn, c.depth + 1 FROM chain c JOIN school_links l ON l.urn = c.urn AND l.link_type = '${type}' ` +
      "WHERE c.depth < 19) SELECT urn || '|' || depth FROM chain")).split('\n').sort();
    // chains of four schools or more, each the only successor of the one before
    const linear = (urn) => {
      const chain = [urn];
      while (next.get(chain.at(-1))?.length === 1 && chain.length < 20) chain.push(next.get(chain.at(-1))[0]);
      return chain;
    };
    const chains = [...next.keys()].filter((u) => !prev.has(u)).sort().map(linear).filter((c) => c.length >= 4);
    assert.ok(chains.length >= 3, 'the file has chains of four schools or more');
    for (const chain of chains.slice(0, 5)) {
      const forward = await walk(chain[0], 'Successor');
      assert.deepEqual(forward, reach(next, chain[0]));
      assert.ok(chain.every((u, depth) => forward.includes(`${u}|${depth}`)), chain.join(' > '));
      assert.deepEqual(await walk(chain.at(-1), 'Predecessor'), reach(prev, chain.at(-1)));
    }
  });

  test('a second import changes nothing', async () => {
    const again = await importGias(t, ['--links', LINKS]);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(summary(again.stdout).links, { new: 0, updated: 0, unchanged: 34044, rejected: 0 });
    assert.match(again.stdout, /^Nothing changed/m);
  });

  test('with the download on a first import: each link counted once, in plain words; again: no change', async () => {
    // the download's "Linked establishments" and the links file name many of the same links
    const keys = new Set([...downloadLinks(giasRows(DOWNLOAD)), ...links.map((l) => `${l.URN}|${l.LinkURN}|${l.LinkType}`)]);
    assert.ok(keys.size < links.length + 596, 'some links are in both files');
    const n = keys.size.toLocaleString('en-GB');
    const u = newDb();
    const first = await importGias(u, [DOWNLOAD, '--links', LINKS]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, new RegExp(`^${n} links between schools: ${n} new$`, 'm'));
    assert.deepEqual(summary(first.stdout).links, { new: keys.size, updated: 0, unchanged: 0, rejected: 0 }, 'nothing was there to update');
    assert.equal(await count(u, 'SELECT count(*) FROM school_links'), keys.size);
    const again = await importGias(u, [DOWNLOAD, '--links', LINKS]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`^${n} links between schools: no change$`, 'm'));
    assert.match(await sql(u, "SELECT detail FROM audit_log WHERE action = 'schools_imported' ORDER BY id LIMIT 1"),
      new RegExp(`; ${n} links between schools: ${n} new$`));
  });

  test('with the download, a link the download gave without a name gets the file\'s name and date', async () => {
    const u = newDb();
    const both = await importGias(u, [DOWNLOAD, '--links', LINKS]);
    assert.equal(both.code, 0, both.stderr);
    const l = links.find((x) => x.URN === '115856' && x.LinkURN === '148213');
    assert.equal(await sql(u, "SELECT link_type, link_name, linked_on FROM school_links WHERE urn = '115856' AND link_urn = '148213'"),
      `${l.LinkType}|${l.LinkName}|${isoDate(l.LinkEstablishedDate)}`);
    // and the download again does not blank them
    await importGias(u, [DOWNLOAD]);
    assert.equal(await sql(u, "SELECT link_name FROM school_links WHERE urn = '115856' AND link_urn = '148213'"), l.LinkName);
  });

  test('given as the establishments file, it is refused by name', async () => {
    const u = newDb();
    const bad = await importGias(u, [LINKS]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /links_edubasealldata\.csv: this is GIAS's links file \(it has a LinkURN column\), not an establishments file: give it as the links file/);
  });
});

describe('encodings', () => {
  test('the same file in UTF-8, UTF-8 with a byte-order mark and Windows-1252 gives the same schools', async () => {
    const utf8 = path.join(tmp, 'national-utf8.csv');
    execFileSync(process.execPath, [path.join(ROOT, 'bench/gias-file.mjs'), utf8, '400']);
    const bom = path.join(tmp, 'national-bom.csv');
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(utf8)]));
    const cp = path.join(tmp, 'national-1252.csv');
    writeFileSync(cp, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'WINDOWS-1252', utf8], { maxBuffer: 1 << 26 }));
    assert.notDeepEqual(readFileSync(cp), readFileSync(utf8), 'the file has letters outside ASCII');
    const all = "SELECT urn, name, la_code, establishment_number, type, type_group, phase, status, open_date, open_reason, " +
      'close_date, close_reason, low_age, high_age, trust_id, street, locality, address3, town, county, postcode, website, ' +
      'telephone, region, ukprn, pupils, gias_changed_on, digest FROM schools ORDER BY urn';
    const got = [];
    for (const [file, enc] of [[utf8, 'UTF-8'], [bom, 'UTF-8'], [cp, 'Windows-1252']]) {
      const t = newDb();
      const r = await importGias(t, [file]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^${path.basename(file)}: GIAS establishments file, ${enc}, 400 rows$`, 'm'));
      got.push(await sql(t, all));
    }
    assert.equal(got[1], got[0]);
    assert.equal(got[2], got[0]);
    // GIAS's own names, accents and curly apostrophes included
    for (const name of ['Ecole Française de Londres Jacques Prévert', 'St Thomas à Becket Church of England Aided Primary School',
      'North Star 82°', 'St Stephen’s International'])
      assert.ok(got[0].includes(`|${name}|`), name);
  });

  test('a UTF-16 file is refused by name', async () => {
    const file = path.join(tmp, 'utf16.csv');
    writeFileSync(file, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'UTF-16', LAYOUT_135]));
    const t = newDb();
    const r = await importGias(t, [file]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /utf16\.csv: the file is UTF-16 \(a spreadsheet's "Unicode text"\): save it as "CSV UTF-8", or use the file as GIAS gives it/);
  });
});

test('a file that changes every school and every link: all updated, as the file has them', async () => {
  const t = newDb();
  const file = path.join(tmp, 'national-400.csv');
  execFileSync(process.execPath, [path.join(ROOT, 'bench/gias-file.mjs'), file, '400']);
  assert.equal((await importGias(t, [file, '--links', LINKS])).code, 0);
  // every name and every link's name changed; a quarter of the open schools closed
  const [head, ...rows] = csvRecords(readFileSync(file, 'utf8'));
  const at = (c) => head.indexOf(c);
  let closing = 0;
  const changed = rows.map((r, i) => {
    const v = [...r];
    v[at('EstablishmentName')] = `${v[at('EstablishmentName')]} (renamed)`;
    if (i % 4 === 0 && v[at('EstablishmentStatus (name)')] === 'Open') {
      v[at('EstablishmentStatus (name)')] = 'Closed';
      v[at('CloseDate')] = '31-08-2025';
      closing++;
    }
    return v;
  });
  const file2 = path.join(tmp, 'national-400-changed.csv');
  writeFileSync(file2, [head, ...changed].map((r) => r.map((x) => `"${x.replace(/"/g, '""')}"`).join(',')).join('\r\n'));
  const links2 = path.join(tmp, 'links-changed.csv');
  writeFileSync(links2, readFileSync(LINKS, 'utf8').replace(/^(\d+,\d+,)"([^"]*)"/gm, '$1"$2 (renamed)"'));
  const r = await importGias(t, [file2, '--links', links2]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(closing > 0);
  assert.deepEqual(summary(r.stdout).schools, { new: 0, updated: 400 - closing, closed: closing, unchanged: 0, rejected: 0 });
  assert.deepEqual(summary(r.stdout).links, { new: 0, updated: 34044, unchanged: 0, rejected: 0 });
  assert.equal(await count(t, "SELECT count(*) FROM schools WHERE name LIKE '% (renamed)'"), 400);
  assert.equal(await count(t, "SELECT count(*) FROM schools WHERE close_date = '2025-08-31' AND status = 'closed'"), closing);
  assert.equal(await count(t, "SELECT count(*) FROM school_links WHERE link_name LIKE '% (renamed)'"), 34044);
});

test("trusts: a download's names-only trust gets its code from a full file, a rename follows the code, a known local authority keeps its name", async () => {
  const t = newDb();
  assert.equal((await importGias(t, [SURREY])).code, 0);
  const trusts = await count(t, 'SELECT count(*) FROM trusts');
  const id = await sql(t, "SELECT id FROM trusts WHERE name = 'GLF SCHOOLS'");
  // the 135-column file's first row, as a Surrey school of GLF SCHOOLS (code 4001)
  const text = readFileSync(LAYOUT_135, 'utf8');
  const [head, row] = csvRecords(text);
  const write = (name, trust, la) => {
    const v = [...row];
    v[head.indexOf('Trusts (code)')] = '4001';
    v[head.indexOf('Trusts (name)')] = trust;
    v[head.indexOf('LA (code)')] = '936';
    v[head.indexOf('LA (name)')] = la;
    const f = path.join(tmp, name);
    writeFileSync(f, [head, v].map((r) => r.map((x) => `"${x}"`).join(',')).join('\r\n'));
    return f;
  };
  assert.equal((await importGias(t, [write('glf.csv', 'GLF SCHOOLS', 'SURREY COUNTY COUNCIL')])).code, 0);
  assert.equal(await sql(t, "SELECT id, code FROM trusts WHERE name = 'GLF SCHOOLS'"), `${id}|4001`);
  assert.equal(await count(t, 'SELECT count(*) FROM trusts'), trusts);
  assert.equal(await sql(t, "SELECT name FROM local_authorities WHERE code = '936'"), 'Surrey');
  assert.equal((await importGias(t, [write('glf2.csv', 'GLF Schools Trust', 'Surrey')])).code, 0);
  assert.equal(await sql(t, "SELECT id, code, name FROM trusts WHERE code = '4001'"), `${id}|4001|GLF Schools Trust`);
  assert.equal(await sql(t, "SELECT t.name FROM schools s JOIN trusts t ON t.id = s.trust_id WHERE s.urn = '100000'"), 'GLF Schools Trust');
});

test('a file that is not GIAS\'s is refused with the column it lacks', async () => {
  const t = newDb();
  const r = await importGias(t, [TRAINEES]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /schools\.csv: line 1: there is no column called "EstablishmentName": this is not a GIAS file/);
});

test('usage: no file is exit 2; a missing file is exit 1 naming it', async () => {
  const t = newDb();
  const r = await importGias(t, []);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /import-gias needs a GIAS file/);
  const m = await importGias(t, [path.join(tmp, 'nowhere.csv')]);
  assert.equal(m.code, 1);
  assert.match(m.stderr, /cannot read .*nowhere\.csv: No such file or directory/);
});

test('a progress bar with rows/s on a terminal, none in a pipe', async () => {
  const t = newDb();
  const piped = await importGias(t, [DOWNLOAD]);
  assert.doesNotMatch(piped.stderr, /rows\/s|\r/);
  const u = newDb();
  const args = ['import-gias', DOWNLOAD, ...dbArgs(u)].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  assert.ok(existsSync('/usr/bin/script'), 'script (util-linux) runs the command on a terminal');
  const out = execFileSync('/usr/bin/script', ['-qec', `${process.env.MATHSHUBS_BIN || path.join(ROOT, 'build/mathshubs')} ${args}`, '/dev/null'],
    { encoding: 'utf8' });
  assert.match(out, /\r20220420_gias\.csv +\[#{20}\] 100% +1096 rows +\d+ rows\/s/);
});

// ---- what GIAS never has, and files older than the registry ----

/** The download's header, and its rows without spill-over as arrays (real rows to edit). */
const DL_HEAD = csvRecords(readFileSync(DOWNLOAD, 'utf8'))[0];
const DL_ROWS = csvRecords(readFileSync(DOWNLOAD, 'utf8')).slice(1).filter((r) => r.length === DL_HEAD.length);
const col = (name) => { const i = DL_HEAD.indexOf(name); assert.ok(i >= 0, name); return i; };

/** The row r with the given columns changed ({EstablishmentName: 'x', ...}). */
function edited(r, changes) {
  const v = [...r];
  for (const [k, x] of Object.entries(changes)) v[col(k)] = x;
  return v;
}

/** A file of the download's header and the given rows (arrays), every field quoted, CRLF; written to tmp/name. */
function giasFile(name, rows, { encode = (s) => Buffer.from(s, 'utf8') } = {}) {
  const quote = (v) => `"${v.replace(/"/g, '""')}"`;
  const f = path.join(tmp, name);
  writeFileSync(f, Buffer.concat([DL_HEAD, ...rows].map((r) => encode(`${r.map(quote).join(',')}\r\n`))));
  return f;
}

describe('a file older than the registry', () => {
  const open = DL_ROWS.find((r) => r[col('EstablishmentStatus (name)')] === 'Open');
  const urn = open[col('URN')];
  const newer = edited(open, { EstablishmentName: 'Newer Name School', 'EstablishmentStatus (name)': 'Closed',
    CloseDate: '31-08-2024', LastChangedDate: '01-09-2024' });
  const older = edited(open, { EstablishmentName: 'Older Name School', LastChangedDate: '01-01-2023' });
  const school = (t) => sql(t, `SELECT name, status, gias_changed_on FROM schools WHERE urn = '${urn}'`);

  test('imported after a newer one, its row changes nothing, and the summary and the audit log say so', async () => {
    const t = newDb();
    assert.equal((await importGias(t, [giasFile('newer.csv', [newer])])).code, 0);
    const r = await importGias(t, [giasFile('older.csv', [older])]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(summary(r.stdout).schools, { new: 0, updated: 0, closed: 0, unchanged: 0, older: 1, rejected: 0 });
    assert.match(r.stdout, /^ {2}older +1 {2}\(older than the register's: kept as it is\)$/m);
    assert.match(r.stdout, /^Nothing changed: the registry already holds every row as the file has it, or as GIAS changed it since\.$/m);
    assert.equal(await school(t), 'Newer Name School|closed|2024-09-01');
    assert.match(await sql(t, "SELECT detail FROM audit_log WHERE action = 'schools_imported' ORDER BY id DESC LIMIT 1"),
      /^older\.csv: 1 rows: 0 new, 0 updated, 0 closed, 0 unchanged, 0 rejected, 0 skipped \(children's centres\), 1 older than the register's: kept as it is$/);
  });

  test('the other way round, and a correction of the same date, update it', async () => {
    const t = newDb();
    assert.equal((await importGias(t, [giasFile('older.csv', [older])])).code, 0);
    const r = await importGias(t, [giasFile('newer.csv', [newer])]);
    assert.deepEqual(summary(r.stdout).schools, { new: 0, updated: 0, closed: 1, unchanged: 0, rejected: 0 });
    assert.equal(await school(t), 'Newer Name School|closed|2024-09-01');
    // GIAS corrects a record without always changing its date: the same date with other values is taken
    const corrected = edited(newer, { EstablishmentName: 'Corrected Name School' });
    const c = await importGias(t, [giasFile('corrected.csv', [corrected])]);
    assert.deepEqual(summary(c.stdout).schools, { new: 0, updated: 1, closed: 0, unchanged: 0, rejected: 0 });
    assert.equal(await school(t), 'Corrected Name School|closed|2024-09-01');
  });
});

describe('what GIAS never has', () => {
  const [a, b, c] = DL_ROWS;

  test('a NUL byte: the file is refused with its line, as not a text file, and nothing is imported', async () => {
    const t = newDb();
    const file = giasFile('nul.csv', [a, edited(b, { EstablishmentName: 'Web\0sites School' }), c]);
    const r = await importGias(t, [file, '--skip-invalid']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'mathshubs: import-gias: nul.csv: line 3 has a NUL byte (a character of code 0): this is not a CSV text file\nNothing was imported.\n');
    assert.equal(await count(t, 'SELECT count(*) FROM schools'), 0);
  });

  test('a value longer than GIAS has makes its row invalid, with its line and column', async () => {
    const t = newDb();
    const file = giasFile('long.csv', [a, edited(b, { Street: 'x'.repeat(1001) }), edited(c, { EstablishmentName: 'N'.repeat(251) })]);
    const r = await importGias(t, [file]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "mathshubs: import-gias: long.csv: line 3: Street is 1,001 characters long: GIAS's are never longer than 1,000\nNothing was imported.\n");
    const report = path.join(tmp, 'long-report.csv');
    const s = await importGias(t, [file, '--skip-invalid', '--rejects', report]);
    assert.equal(s.code, 0, s.stderr);
    assert.deepEqual(summary(s.stdout).schools, { new: 1, updated: 0, closed: 0, unchanged: 0, rejected: 2 });
    assert.deepEqual(parseCsv(readFileSync(report, 'utf8')).map((x) => `${x.Line}|${x.Reason}`), [
      "3|Street is 1,001 characters long: GIAS's are never longer than 1,000",
      "4|EstablishmentName is 251 characters long: GIAS's are never longer than 250",
    ]);
  });

  test('a row of 50 MB refuses the file as soon as it is over 1 MB, never held whole', async () => {
    const t = newDb();
    assert.equal((await run(['migrate', ...dbArgs(t)])).code, 0);
    const file = path.join(tmp, 'huge.csv');
    const head = `${DL_HEAD.map((h) => `"${h}"`).join(',')}\r\n`;
    writeFileSync(file, Buffer.concat([Buffer.from(head), Buffer.from(`"${a[0]}","850","Hampshire","1234","`), Buffer.alloc(50 << 20, 'N'),
      Buffer.from('"\r\n')]));
    const bin = process.env.MATHSHUBS_BIN || path.join(ROOT, 'build/mathshubs');
    const timed = path.join(tmp, 'huge.time');
    let stderr = '';
    try {
      execFileSync('/usr/bin/time', ['-f', '%M', '-o', timed, bin, 'import-gias', file, ...dbArgs(t)], { encoding: 'utf8', stdio: 'pipe' });
      assert.fail('the import took the file');
    } catch (e) {
      assert.equal(e.status, 1);
      stderr = e.stderr;
    }
    assert.match(stderr, /huge\.csv: line 2: the row is longer than 1 MB: no file this service reads has rows that long\nNothing was imported\.\n$/);
    // the same command on a file of one ordinary row: what the binary needs anyway (its libraries, its
    // caches; far more under the sanitizers' shadow memory), so that only the row's own cost is counted
    const small = path.join(tmp, 'small.csv');
    writeFileSync(small, Buffer.concat([Buffer.from(head), Buffer.from(`"${a[0]}","850","Hampshire","1234","`), Buffer.alloc(1000, 'N'), Buffer.from('"\r\n')]));
    const base = path.join(tmp, 'small.time');
    try {
      execFileSync('/usr/bin/time', ['-f', '%M', '-o', base, bin, 'import-gias', small, ...dbArgs(t)], { encoding: 'utf8', stdio: 'pipe' });
    } catch { /* the row may be refused: only its memory matters here */ }
    const kib = Number(readFileSync(timed, 'utf8').trim().split('\n').pop());
    const baseKib = Number(readFileSync(base, 'utf8').trim().split('\n').pop());
    assert.ok(kib - baseKib < 16 * 1024, `peak memory ${kib} KiB against ${baseKib} KiB for one ordinary row: the 50 MB row was held`);
  });

  test('local authority codes: one that is not 3 digits makes its row invalid; a new one is named, with no hub', async () => {
    const t = newDb();
    const file = giasFile('las.csv', [a, edited(b, { 'LA (code)': '<x>', 'LA (name)': 'Nowhere' }),
      edited(c, { 'LA (code)': '699', 'LA (name)': 'Somewhere' })]);
    const r = await importGias(t, [file, '--skip-invalid', '--rejects', path.join(tmp, 'las-report.csv')]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(summary(r.stdout).schools, { new: 2, updated: 0, closed: 0, unchanged: 0, rejected: 1 });
    assert.match(r.stdout, /^new trusts \d+, new local authorities 1\nNew local authority 699 Somewhere: it has no hub until one is set \(\/admin\/hub-areas\/699\)$/m);
    assert.equal(parseCsv(readFileSync(path.join(tmp, 'las-report.csv'), 'utf8'))[0].Reason, 'the local authority code (LA (code)) "<x>" is not 3 digits');
    assert.equal(await sql(t, "SELECT code || '|' || name FROM local_authorities WHERE code IN ('699', '<x>')"), '699|Somewhere');
    assert.equal(await count(t, "SELECT count(*) FROM hub_areas WHERE la_code = '699'"), 0);
  });

  test('line breaks and tabs inside a value are one space', async () => {
    const t = newDb();
    const name = a[col('EstablishmentName')];
    const words = name.split(' ');
    const file = giasFile('breaks.csv', [edited(a, { EstablishmentName: `${words[0]}\r\n${words.slice(1).join(' ')}`,
      Town: `\t${a[col('Town')]}\t`, Street: `${a[col('Street')]}\n` })]);
    assert.ok(words.length > 1);
    assert.equal((await importGias(t, [file])).code, 0);
    assert.equal(await sql(t, `SELECT name || '|' || town || '|' || street FROM schools WHERE urn = '${a[0]}'`),
      `${name}|${a[col('Town')]}|${a[col('Street')]}`);
  });
});

test('a file of UTF-8 and Windows-1252 lines: each line read in its own encoding, and the summary says which', async () => {
  const utf8 = path.join(tmp, 'mixed-utf8.csv');
  execFileSync(process.execPath, [path.join(ROOT, 'bench/gias-file.mjs'), utf8, '40']);
  // the first rows have letters outside ASCII: rows 2 and 4 of them written in Windows-1252, the others in UTF-8
  const lines = readFileSync(utf8, 'utf8').split('\r\n');
  const accented = lines.map((l, i) => i).filter((i) => i > 0 && /[^\x00-\x7f]/.test(lines[i]));
  assert.ok(accented.length >= 4, 'the file has rows with letters outside ASCII');
  const cp = new Set([accented[1], accented[3]]);
  const bytes = lines.map((l, i) => (cp.has(i) ? execFileSync('iconv', ['-f', 'UTF-8', '-t', 'WINDOWS-1252'], { input: l }) : Buffer.from(l)));
  const mixed = path.join(tmp, 'mixed.csv');
  writeFileSync(mixed, Buffer.concat(bytes.flatMap((b, i) => (i ? [Buffer.from('\r\n'), b] : [b]))));
  const names = "SELECT urn || '|' || name || '|' || street || '|' || town FROM schools ORDER BY urn";
  const t = newDb();
  const u = newDb();
  assert.equal((await importGias(t, [utf8])).code, 0);
  const r = await importGias(u, [mixed]);
  assert.equal(r.code, 0, r.stderr);
  const [l1, l2] = [...cp].sort((x, y) => x - y).map((i) => i + 1);
  assert.match(r.stdout, new RegExp(`^mixed\\.csv: GIAS establishments file, UTF-8 and Windows-1252, 40 rows\\n  Lines ${l1} and ${l2} are in Windows-1252, the others in UTF-8: each line has been read in its own encoding\\.$`, 'm'));
  assert.equal(await sql(u, names), await sql(t, names));
});
