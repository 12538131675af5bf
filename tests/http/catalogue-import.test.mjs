// `mathshubs import-catalogue FILE YEAR`: a later year's NCP catalogue, as
// the national team loads it, run as the real binary on the test server's
// own database; then /projects (its year filter), a project's page and
// /api/v1/projects as anyone meets them. The files are made here from
// data/ncps-2024-25.csv, its codes rewritten for the year (NCP24-01 ->
// NCP26-01): a file of problems (each with its line, nothing written), the
// good file, the same again (nothing changes), a changed file (a title
// changed; projects left out deleted unless something refers to them), a
// Windows-1252 file and one with a byte-order mark, and codes of another
// year's projects.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';

import { PROJECTS, ROOT, dbArgs, dbQuery, filterQuery, get, getJson, mediaType, plain, run, useServer } from './lib.mjs';

const srv = useServer();
let base;
before(async () => { ({ base } = await srv.started); });
const sql = (query) => dbQuery(srv, query);

const SHIPPED = readFileSync(path.join(ROOT, 'data', 'ncps-2024-25.csv'), 'utf8');

/** The shipped catalogue with its codes for the academic year starting in year. */
const catalogueFor = (year) => SHIPPED.replace(/^NCP24-/gm, `NCP${String(year).slice(2)}-`);

/** PROJECTS (tests/lib/csv.mjs, read from the shipped file) as the API shows them for year. */
const projectsFor = (year) => PROJECTS.map((p) => ({
  code: p.code.replace(/^NCP24-/, `NCP${String(year).slice(2)}-`),
  title: p.title,
  academic_year: `${year}/${String(year + 1).slice(2)}`,
  kind: p.kind,
  phases: p.phases,
  develops_llmes: p.develops_llmes,
  url: `/projects/${p.code.replace(/^NCP24-/, `NCP${String(year).slice(2)}-`)}`,
}));

const byCode = (a, b) => a.code.localeCompare(b.code);

function file(name, content) {
  const p = path.join(srv.dir, name);
  writeFileSync(p, content);
  return p;
}

const importCatalogue = (...args) => run(['import-catalogue', ...args, ...dbArgs(srv)]);

/** Everything the import writes, as text: years, projects with their phases, the import's audit rows. */
const catalogue = () => sql(
  'SELECT y.code, y.starts_on, y.ends_on, p.code, p.title, p.kind, p.develops_llmes, ' +
  "(SELECT count(*) FROM project_phases pp WHERE pp.project_id = p.id) FROM academic_years y LEFT JOIN projects p ON p.academic_year_id = y.id " +
  'ORDER BY y.code, p.code; ' +
  "SELECT count(*) FROM audit_log WHERE action = 'catalogue_imported'");

/** The teaching for mastery settings of the NCPs whose codes start with prefix, one "code|path|stage|engagement" a line, by code
 * (the prefix rewritten as `as`, to compare two years). */
const tfmOf = async (prefix, as = prefix) => (await sql(
  "SELECT p.code || '|' || COALESCE(t.path, '') || '|' || COALESCE(t.stage, '') || '|' || t.engagement FROM projects p " +
  `JOIN project_tfm t ON t.project_id = p.id WHERE p.code LIKE '${prefix}%' ORDER BY p.id`)).split('\n')
  .map((l) => l.replace(prefix, as)).sort().join('\n');

/** The API's projects of one academic year ("2026/27"), by code. */
async function apiYear(code) {
  const r = await getJson(base, '/api/v1/projects' + filterQuery({ year: [code] }));
  assert.equal(r.status, 200);
  return [...r.json.projects].sort(byCode);
}

/** The result count heading of a /projects page. */
const resultCount = (html) => plain(/<h2\b[^>]*id="result-count"[^>]*>([^<]*)<\/h2>/.exec(html)[1]);

describe('mathshubs import-catalogue', () => {
  test('a file with problems: each reported with its line, and nothing written', async () => {
    const before = await catalogue();
    const lines = catalogueFor(2026).split('\n');
    lines[2] = lines[2].replace('NCP26-02', 'NCP24-02');                 // line 3: another year's code
    lines[4] = lines[4].replace(',Programme,', ',Course,');              // line 5: no such kind
    lines[6] = lines[6].replace(/,[^,]*,(yes|no)$/, ',Primary;Nursery,maybe'); // line 7: a phase and develops_llmes
    lines[8] = lines[8].replace(/^(NCP26-\w+),[^,]*,/, '$1,,');          // line 9: no title
    lines[10] = lines[10].replace(/^NCP26-\w+/, 'NCP26-01');             // line 11: a code twice
    const bad = file('bad.csv', lines.join('\n'));
    const r = await importCatalogue(bad, '2026');
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(r.stderr.trim().split('\n').filter((l) => !l.startsWith('{')), [
      `${bad} line 3: code "NCP24-02" is not one of 2026/27: it must be NCP26- followed by letters or digits, as NCP26-01`,
      `${bad} line 5: kind "Course" is not one of Work Group, Programme, Community or Targeted Support`,
      `${bad} line 7: phase "Nursery" is not one of Primary, Secondary or Post-16`,
      `${bad} line 7: develops_llmes "maybe" must be yes or no`,
      `${bad} line 9: no title`,
      `${bad} line 11: code NCP26-01 is on line 2 too`,
      `mathshubs: import-catalogue: 6 problems in ${bad}; nothing was written`,
    ]);
    assert.equal(await catalogue(), before, 'nothing written, not even the academic year');

    const headless = await importCatalogue(file('headless.csv', lines.slice(1).join('\n')), '2026');
    assert.equal(headless.code, 1);
    assert.match(headless.stderr, /line 1: no column called "code"/);
    assert.match(headless.stderr, /line 1: the first row must be the header code,title,kind,phases,develops_llmes/);
    const empty = await importCatalogue(file('header-only.csv', lines[0] + '\n'), '2026');
    assert.match(empty.stderr, /line 1: the file has a header but no projects/);
    const good = file('ncps-2026-27.csv', catalogueFor(2026));
    assert.equal((await importCatalogue(good)).code, 2, 'no year');
    const notYear = await importCatalogue(good, '26');
    assert.equal(notYear.code, 2);
    assert.match(notYear.stderr, /"26" is not an academic year: give the year it starts in, as 2026 for 2026\/27/);
    assert.equal((await importCatalogue(path.join(srv.dir, 'absent.csv'), '2026')).code, 1);
    const wrongYear = await importCatalogue(good, '2025');
    assert.equal(wrongYear.code, 1);
    assert.match(wrongYear.stderr, /line 2: code "NCP26-01" is not one of 2025\/26: it must be NCP25- followed by/);
    assert.equal(await catalogue(), before);
  });

  test('the good file: its academic year made, every project on /projects, its page and the API; again changes nothing', async () => {
    const want = projectsFor(2026);
    const good = file('ncps-2026-27.csv', catalogueFor(2026));
    const r = await importCatalogue(good, '2026');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `Imported ${good}: 2026/27, ${want.length} projects: ${want.length} added, 0 changed, 0 unchanged.\n`);
    assert.equal(await sql("SELECT starts_on || ' ' || ends_on FROM academic_years WHERE code = '2026/27'"), '2026-09-01 2027-08-31');
    assert.equal(await sql("SELECT subject || ' ' || detail FROM audit_log WHERE action = 'catalogue_imported' ORDER BY id DESC LIMIT 1"),
      `file:ncps-2026-27.csv 2026/27: ${want.length} projects in the file: ${want.length} added, 0 changed, 0 unchanged`);

    assert.deepEqual(await apiYear('2026/27'), [...want].sort(byCode));
    assert.equal((await apiYear('2024/25')).length, PROJECTS.length, '2024/25 as it was');
    const all = await getJson(base, '/api/v1/projects');
    assert.equal(all.json.count, PROJECTS.length + want.length);
    assert.equal(all.json.projects[0].academic_year, '2026/27', 'the newest year first');

    const page = await get(base, '/projects' + filterQuery({ year: ['2026/27'] }));
    assert.equal(page.status, 200);
    assert.equal(resultCount(page.body), `${want.length} projects`);
    assert.match(page.body, /<input class="govuk-checkboxes__input" id="year" name="year" type="checkbox" value="2026\/27" checked>/);
    assert.match(page.body, /value="2024\/25">/, 'both years in the filter');
    const shown = [...page.body.matchAll(/href="\/projects\/(NCP\d\d-[^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(shown, want.map((p) => p.code).sort().slice(0, 20), 'the first page: 20, by code');
    const p20 = want.find((p) => p.code === 'NCP26-20');
    const one = await get(base, '/projects/NCP26-20');
    assert.equal(one.status, 200);
    assert.equal(mediaType(one), 'text/html');
    assert.ok(plain(one.body).includes(`NCP26-20 · 2026/27 ${p20.title}`), 'caption and title, its en dash intact');

    const before = await catalogue();
    const again = await importCatalogue(good, '2026/27');
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, `Imported ${good}: 2026/27, ${want.length} projects: 0 added, 0 changed, ${want.length} unchanged.\n`);
    const after = await catalogue();
    const [rowsBefore, auditsBefore] = [before.slice(0, before.lastIndexOf('\n')), Number(before.slice(before.lastIndexOf('\n') + 1))];
    assert.equal(after.slice(0, after.lastIndexOf('\n')), rowsBefore, 'no project changed');
    assert.equal(Number(after.slice(after.lastIndexOf('\n') + 1)), auditsBefore + 1, 'the run audited');
  });

  test("a new NCP takes its teaching for mastery stage from last year's NCP of its number", async () => {
    // the 2026/27 file above: from 2024/25's, the latest earlier year with each number
    assert.deepEqual(await tfmOf('NCP26-'), await tfmOf('NCP24-', 'NCP26-'));
    assert.match(await tfmOf('NCP26-'), /^NCP26-08\|primary\|readiness\|engaged$/m);
    assert.match(await tfmOf('NCP26-'), /^NCP26-09s\|\|development\|engaged$/m);
    assert.match(await tfmOf('NCP26-'), /^NCP26-06\|\|\|contributes$/m);
    assert.doesNotMatch(await tfmOf('NCP26-'), /^NCP26-01\|/m, 'an NCP with no stage, not counted: no setting');
  });

  test('a changed file: a title changed; left out, deleted unless something refers to it, then kept and reported', async () => {
    const lines = catalogueFor(2026).split('\n');
    const [changed, dropped, referred] = [lines[5].split(',')[0], lines[6].split(',')[0], lines[7].split(',')[0]];
    const oldTitle = lines[5].split(',')[1];
    lines[5] = lines[5].replace(`,${oldTitle},`, `,${oldTitle} (revised),`);
    const edited = file('ncps-2026-27-v2.csv', lines.filter((_, i) => i !== 6 && i !== 7).join('\n'));
    // a project lead's role refers to one of the two left out
    await sql("INSERT INTO people (email, name, created_at) VALUES ('lead@example.org', 'Project Lead', 0)");
    await sql("INSERT INTO role_grants (person_id, role, project_id, granted_at) SELECT " +
      `(SELECT id FROM people WHERE email = 'lead@example.org'), 'project_lead', id, 0 FROM projects WHERE code = '${referred}'`);
    const n = projectsFor(2026).length - 2;
    const r = await importCatalogue(edited, '2026');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, [
      `Imported ${edited}: 2026/27, ${n} projects: 0 added, 1 changed, ${n - 1} unchanged.`,
      `Changed (what they were): ${changed} was title "${oldTitle}".`,
      `Not in the file, deleted (nothing referred to it): ${dropped}.`,
      `Not in the file, kept as they are referred to: ${referred} (1 row of role_grants).`,
      ''].join('\n'));
    assert.equal(await sql(`SELECT title FROM projects WHERE code = '${changed}'`), `${oldTitle} (revised)`);
    assert.equal(await sql(`SELECT count(*) FROM projects WHERE code = '${dropped}'`), '0');
    assert.equal(await sql(`SELECT count(*) FROM projects WHERE code = '${referred}'`), '1');
    assert.equal((await getJson(base, `/api/v1/projects/${dropped}`)).status, 404);
    assert.equal((await getJson(base, `/api/v1/projects/${changed}`)).json.title, `${oldTitle} (revised)`);
    assert.equal(await sql("SELECT detail FROM audit_log WHERE action = 'catalogue_imported' ORDER BY id DESC LIMIT 1"),
      `2026/27: ${n} projects in the file: 0 added, 1 changed, ${n - 1} unchanged. Changed: ${changed} was title "${oldTitle}". ` +
      `Not in the file, deleted: ${dropped}. Not in the file, kept as they are referred to: ${referred} (1 row of role_grants)`);
  });

  test('a Windows-1252 file and one with a byte-order mark read as the same text', async () => {
    const crlf = catalogueFor(2027).replace(/\n/g, '\r\n');
    const cp1252 = file('ncps-2027-28.csv', execFileSync('iconv', ['-f', 'UTF-8', '-t', 'WINDOWS-1252'], { input: crlf }));
    assert.ok(readFileSync(cp1252).includes(0x96), 'the en dash of NCP27-20 as Windows-1252 writes it');
    const r = await importCatalogue(cp1252, '2027');
    assert.equal(r.code, 0, r.stderr);
    const want = [...projectsFor(2027)].sort(byCode);
    assert.deepEqual(await apiYear('2027/28'), want);
    const bom = file('ncps-2027-28-utf8.csv', '\ufeff' + catalogueFor(2027));
    const again = await importCatalogue(bom, '2027');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`0 added, 0 changed, ${want.length} unchanged\\.\\n$`));
    const page = await get(base, '/projects');
    assert.match(page.body, /href="\/projects\/NCP27-01"/, 'the newest year first when no year is chosen');
  });

  test("the setting comes from the latest earlier year's NCP as the national team last set it; else the seeded one", async () => {
    // the national team changed 2027/28's Embedding NCP to Sustaining, and made 2027/28's Mastering Number count for nothing
    await sql("UPDATE project_tfm SET stage = 'sustaining' WHERE project_id = (SELECT id FROM projects WHERE code = 'NCP27-10')");
    await sql("DELETE FROM project_tfm WHERE project_id = (SELECT id FROM projects WHERE code = 'NCP27-06')");
    const r = await importCatalogue(file('ncps-2029-30.csv', catalogueFor(2029)), '2029');
    assert.equal(r.code, 0, r.stderr);
    const got = await tfmOf('NCP29-');
    assert.match(got, /^NCP29-10\|primary\|sustaining\|engaged$/m, "2027/28's, not 2024/25's");
    assert.doesNotMatch(got, /^NCP29-06\|/m, "2027/28's NCP27-06 had no setting: none");
    assert.match(got, /^NCP29-12\|secondary\|development\|engaged$/m);
    // a year before any other: nothing earlier, so the seeded settings
    const early = await importCatalogue(file('ncps-2022-23.csv', catalogueFor(2022)), '2022');
    assert.equal(early.code, 0, early.stderr);
    assert.equal(await tfmOf('NCP22-'), await tfmOf('NCP24-', 'NCP22-'));
  });

  test("codes that are another year's projects: refused, nothing written", async () => {
    // a project whose code says 2028/29 put in 2024/25 (as no import could)
    await sql("INSERT INTO projects (code, academic_year_id, title, kind, develops_llmes) SELECT 'NCP28-01', id, 'Misfiled', 'Programme', 1 " +
      "FROM academic_years WHERE code = '2024/25'");
    const before = await catalogue();
    const f = file('ncps-2028-29.csv', catalogueFor(2028));
    const r = await importCatalogue(f, '2028');
    assert.equal(r.code, 1);
    assert.deepEqual(r.stderr.trim().split('\n').filter((l) => !l.startsWith('{')), [
      `${f} line 2: code NCP28-01 is a project of another academic year`,
      `mathshubs: import-catalogue: codes of another year in ${f}; nothing was written`,
    ]);
    assert.equal(await catalogue(), before);
  });
});
