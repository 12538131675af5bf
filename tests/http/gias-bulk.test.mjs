// A first import of many schools into a register that holds few: on
// PostgreSQL their search words are copied in with the search's GIN index
// dropped, then built again before COMMIT (the foreign key stays)
// (src/registry/search_index.c). The import is run by the real binary while
// a server answers searches. On PostgreSQL an import made to fail at its
// COMMIT (after the words and the index) must leave the index, the
// key and the search as they were; the import that succeeds must leave them
// as migration 0010 made them, and the search must find its schools at
// once. On SQLite the same import and searches (its words are written as
// ever). What the search must find is read from the files, never from the
// binary.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';

import { BACKEND, ROOT, csvRecords, dbArgs, dbQuery, getJson, run, useServer } from './lib.mjs';

const GIAS = path.resolve(ROOT, '../shared/data/gias');
const DOWNLOAD = path.join(GIAS, 'clarelgibson__2022-school-admissions-dashboard/20220420_gias.csv');
const TWO = path.join(GIAS, 'JackFrostStudios__summer-born-info/ExampleImportFile.csv');
const PG = BACKEND === 'postgres';

/** A GIAS file's rows by their header's names (the download's links spill past it). */
function rowsOf(file) {
  const [head, ...body] = csvRecords(readFileSync(file, 'latin1'));
  return body.filter((r) => r.length > 1).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}
const urns = (file) => rowsOf(file).map((r) => r.URN);
const before2 = urns(TWO);
const download = urns(DOWNLOAD);
const fresh = download.filter((u) => !before2.includes(u));

const srv = useServer();
before(async () => {
  await srv.started;
  const r = await run(['import-gias', TWO, ...dbArgs(srv)]);
  assert.equal(r.code, 0, r.stderr);
});

/** The URN the search finds first for query (a URN typed exactly comes first). */
async function found(query) {
  const r = await getJson(srv.base, `/api/v1/schools?page_size=5&query=${encodeURIComponent(query)}`);
  assert.equal(r.status, 200, r.body.slice(0, 200));
  return r.json.schools[0]?.urn;
}

/** The search's GIN index and foreign key as PostgreSQL describes them, with the index's identity. */
const described = () => dbQuery(srv, `SELECT indexdef || ' / ' || 'school_search_terms'::regclass::oid FROM pg_indexes WHERE indexname = 'school_search_terms'
  UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'school_search'::regclass AND contype = 'f'`);
const withoutOid = (d) => d.replace(/ \/ \d+/, '');

/** The schools table's indexes as SQLite holds them (their CREATE statements). */
const SCHOOL_INDEXES = "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master WHERE tbl_name = 'schools' AND type = 'index' AND sql IS NOT NULL ORDER BY name)";

test('on SQLite the first import into an empty register built the schools\' indexes once, as the migrations make them', { skip: PG && 'SQLite only' }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gias-bulk-'));
  try {
    const fresh = path.join(dir, 'fresh.db');
    const r = await run(['migrate', '--db', fresh]);
    assert.equal(r.code, 0, r.stderr);
    const want = execFileSync('sqlite3', [fresh, SCHOOL_INDEXES], { encoding: 'utf8' }).trim();
    assert.match(want, /schools_la_facets/);
    assert.equal((await dbQuery(srv, SCHOOL_INDEXES)).trim(), want);
    const plan = await dbQuery(srv, "EXPLAIN QUERY PLAN SELECT name FROM schools WHERE la_code = '202' AND phase = 'Primary'");
    assert.match(plan, /USING COVERING INDEX schools_la_facets/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an import that fails at its COMMIT, after the words, leaves the search index, its key and the search as they were', { skip: !PG && 'PostgreSQL only' }, async () => {
  assert.ok(fresh.length >= 1000 && fresh.length >= 3 * before2.length, 'enough new schools for the words to be built in bulk');
  const was = await described();
  assert.match(was, /CREATE INDEX school_search_terms ON public\.school_search USING gin \(to_tsvector\('simple'::regconfig, terms\)\)/);
  assert.match(was, /school_search_urn_fkey FOREIGN KEY \(urn\) REFERENCES schools\(urn\) ON DELETE CASCADE/);
  // fires at COMMIT: the audit row is written before the words
  await dbQuery(srv, `CREATE FUNCTION fail_import() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the test stops the import at COMMIT'; END $$;
    CREATE CONSTRAINT TRIGGER fail_import AFTER INSERT ON audit_log DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW WHEN (NEW.action = 'schools_imported') EXECUTE FUNCTION fail_import();`);
  try {
    const r = await run(['import-gias', DOWNLOAD, ...dbArgs(srv)]);
    assert.notEqual(r.code, 0, 'the import failed');
  } finally {
    await dbQuery(srv, 'DROP TRIGGER fail_import ON audit_log; DROP FUNCTION fail_import()');
  }
  assert.equal(await described(), was, 'the same index (the same one, not rebuilt) and key');
  assert.equal(Number(await dbQuery(srv, 'SELECT count(*) FROM school_search')), before2.length);
  for (const urn of before2) assert.equal(await found(urn), urn);
  assert.equal(await found(fresh[0]), undefined, 'nothing of the failed import');
  // the index is used and answers as before
  const plan = await dbQuery(srv, "SET enable_seqscan = off; EXPLAIN SELECT rowid FROM school_search_fts('ald*')");
  assert.match(plan, /school_search_terms/);
});

test('a first import of many schools: the search finds them at once, its index and key as the migration made them', async () => {
  const was = PG ? await described() : '';
  const r = await run(['import-gias', DOWNLOAD, ...dbArgs(srv)]);
  assert.equal(r.code, 0, r.stderr);
  for (const urn of [...before2, fresh[0], fresh[Math.floor(fresh.length / 2)], fresh.at(-1)])
    assert.equal(await found(urn), urn, `URN ${urn}`);
  const rows = rowsOf(DOWNLOAD);
  const once = (pc) => rows.filter((s) => s.Postcode === pc).length === 1;
  const one = rows.find((s) => s.Postcode && once(s.Postcode) && fresh.includes(s.URN) && s.URN !== fresh[0]);
  assert.equal(await found(one.Postcode), one.URN, `${one.EstablishmentName}'s postcode, ${one.Postcode}`);
  assert.equal(Number(await dbQuery(srv, 'SELECT count(*) FROM school_search')), new Set([...before2, ...download]).size);
  if (PG) {
    const now = await described();
    assert.equal(withoutOid(now), withoutOid(was), 'the index and key as migration 0010 made them');
    assert.notEqual(now, was, 'the index was built afresh (the words were written in bulk)');
    const stats = await dbQuery(srv, "SELECT count(*) FROM pg_stats WHERE tablename = 'school_search_terms'");
    assert.equal(Number(stats), 1, 'the words\' statistics are made');
  }
});
