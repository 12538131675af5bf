// /admin/schools/import: a national administrator uploads GIAS's files,
// sees what importing them would do (rows that cannot be imported listed
// with their lines, in the GOV.UK error pattern), confirms, and sees what
// it did; the same code as `mathshubs import-gias`, so the registry ends as
// the command leaves it. The upload is kept in the database, bound to the
// session, so a second process can take the confirmation; the upload route
// takes bodies up to --max-upload where others stop at --max-body.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { parseString as parseCsvString } from '@fast-csv/parse';

import {
  ROOT, csrfOf, csvRecords, dbArgs, dbQuery, emailCodePerson, formPost, jarRequest, pgCreateDatabase, pgDropDatabase, rawRequest, run,
  signInByEmail, startServer, stopClean, uploadPost, useServer,
} from './lib.mjs';

const GIAS = path.resolve(ROOT, '../shared/data/gias');
const DOWNLOAD = path.join(GIAS, 'clarelgibson__2022-school-admissions-dashboard/20220420_gias.csv');
const CENTRES = path.join(GIAS, 'RogerHowellDfE__gias-data/edubaseallchildrencentre.csv');
const LINKS = path.join(GIAS, 'RogerHowellDfE__gias-data/links_edubasealldata.csv');

// --max-body small enough that the download (1.3 MB) is over it: only the upload route takes it
const srv = useServer({ args: ['--max-body', '65536', '--max-upload', '3000000'] });
const sql = (q) => dbQuery(srv, q);

let tmp;
before(() => { tmp = mkdtempSync(path.join(tmpdir(), 'mathshubs-gias-upload-')); });
after(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

const fileOf = (p) => ({ filename: path.basename(p), content: readFileSync(p) });

/** Sends the upload form with files ({establishments, links}: {filename, content}) from the client go, to server s. */
async function upload(go, files, s = srv) {
  const page = await jarRequest(s, go.jar, '/admin/schools/import');
  assert.equal(page.status, 200);
  return uploadPost(s, go.jar, '/admin/schools/import', page, files);
}

/** The answer to an upload that announces length bytes and sends none: 413 at once when too large. */
const announce = (length) => rawRequest(srv.base, 'POST', '/admin/schools/import', {
  Cookie: go.jar.header(), 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(length),
  Origin: srv.base, 'Sec-Fetch-Site': 'same-origin',
});

/** Confirms the upload whose check page is at target. */
async function confirm(go, target, s = srv) {
  const page = await jarRequest(s, go.jar, target);
  assert.equal(page.status, 200, page.body.slice(0, 300));
  return formPost(s, go.jar, target, { csrf_token: csrfOf(page.body) });
}

/** Text of HTML: tags dropped, entities undone, spaces collapsed. */
const plain = (html) => html.replace(/<[^>]*>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();

/** The summary list rows of a page: {key: value}. */
function summary(html) {
  const out = {};
  for (const m of html.matchAll(/<dt class="govuk-summary-list__key">([\s\S]*?)<\/dt>\s*<dd class="govuk-summary-list__value">([\s\S]*?)<\/dd>/g))
    out[plain(m[1])] = plain(m[2]);
  return out;
}

/** The error summary's entries: [[href, text]]. */
const errorSummary = (html) => {
  const box = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html);
  return box ? [...box[0].matchAll(/<a href="([^"]*)">([\s\S]*?)<\/a>/g)].map((m) => [m[1], plain(m[2])]) : [];
};

/** The links the download's "Linked establishments" (spill-over included) and the links file name: "urn|link_urn|type". */
function linkKeys() {
  const [head, ...rows] = csvRecords(readFileSync(DOWNLOAD, 'utf8'));
  const at = head.indexOf('Linked establishments');
  const keys = new Set(rows.flatMap((r) => r.slice(at).filter((t) => t && t !== 'Does not have links')
    .map((t) => { const m = /^(\d{6,7}) (.+)$/.exec(t); assert.ok(m, t); return `${r[0]}|${m[1]}|${m[2]}`; })));
  const [lh, ...links] = csvRecords(readFileSync(LINKS, 'utf8'));
  for (const l of links) keys.add(`${l[lh.indexOf('URN')]}|${l[lh.indexOf('LinkURN')]}|${l[lh.indexOf('LinkType')]}`);
  return keys;
}

let admin;
let go;
before(async () => {
  await srv.started;
  admin = 'gias.importer@national.example';
  await emailCodePerson(srv, admin);
  go = await signInByEmail(srv, admin);
});

describe('the download, uploaded, checked and confirmed', () => {
  const rows = csvRecords(readFileSync(DOWNLOAD, 'utf8')).slice(1);
  let check;
  let target;

  test('the upload answers 303 to its check, which says what importing would do and changes nothing yet', async () => {
    const r = await upload(go, { establishments: fileOf(DOWNLOAD) });
    assert.equal(r.status, 303, r.body.slice(0, 500));
    target = r.headers.location;
    assert.match(target, /^\/admin\/schools\/import\/[A-Za-z0-9_-]{43}$/);
    check = await jarRequest(srv, go.jar, target);
    assert.equal(check.status, 200);
    const s = summary(check.body);
    assert.equal(s['20220420_gias.csv'], `GIAS establishments file, UTF-8, ${rows.length.toLocaleString('en-GB')} rows`);
    assert.equal(s['New schools'], '1,096');
    assert.equal(s['Schools unchanged'], '0');
    assert.equal(s.Links, '596 links between schools: 596 new');
    assert.deepEqual(errorSummary(check.body), []);
    assert.equal(await sql('SELECT count(*) FROM schools'), '0');
    assert.equal(await sql('SELECT count(*) FROM school_import_chunks'), '2'); // its schools and its links, a piece each
  });

  test('the confirmation imports it, answers 303 to the result, and audits it as the person', async () => {
    const r = await confirm(go, target);
    assert.equal(r.status, 303);
    assert.equal(r.headers.location, target);
    const page = await jarRequest(srv, go.jar, target);
    assert.equal(page.status, 200);
    assert.match(page.body, /Schools imported from 20220420_gias\.csv\./);
    assert.match(page.body, /<h1[^>]*>[\s\S]*Schools imported/);
    const s = summary(page.body);
    assert.equal(s['New schools'], '1,096');
    assert.equal(s.Links, '596 links between schools: 596 new');
    assert.equal(await sql('SELECT count(*) FROM schools'), '1096');
    assert.equal(await sql('SELECT count(*) FROM school_import_chunks'), '0');
    assert.equal(await sql(`SELECT p.email FROM audit_log a JOIN people p ON p.id = a.actor_id WHERE a.action = 'schools_imported'`), admin);
  });

  test('the same schools as the command gives for the same file', async () => {
    const dir = mkdtempSync(path.join(tmp, 'cmd-'));
    const t = { backend: srv.backend, dir, db: path.join(dir, 'cmd.db'), pg: srv.backend === 'postgres' ? pgCreateDatabase() : null };
    try {
      const r = await run(['import-gias', DOWNLOAD, ...dbArgs(t)]);
      assert.equal(r.code, 0, r.stderr);
      const q = "SELECT s.urn || '|' || s.digest || '|' || COALESCE(t.name, '') FROM schools s LEFT JOIN trusts t ON t.id = s.trust_id ORDER BY s.urn";
      assert.equal(await dbQuery(srv, q), await dbQuery(t, q));
      const links = "SELECT urn || '|' || link_urn || '|' || link_type FROM school_links ORDER BY 1";
      assert.equal(await dbQuery(srv, links), await dbQuery(t, links));
    } finally {
      if (t.pg) pgDropDatabase(t.pg.name);
    }
  });

  test('a second confirmation imports nothing more', async () => {
    const page = await jarRequest(srv, go.jar, '/admin/schools/import'); // the result page has no form: a token of the session
    const r = await formPost(srv, go.jar, target, { csrf_token: csrfOf(page.body) });
    assert.equal(r.status, 303);
    const again = await jarRequest(srv, go.jar, target);
    assert.match(again.body, /20220420_gias\.csv had been imported already\./);
    assert.equal(await sql("SELECT count(*) FROM audit_log WHERE action = 'schools_imported'"), '1');
  });

  test('the same file again: its check says nothing would change and offers no import', async () => {
    const r = await upload(go, { establishments: fileOf(DOWNLOAD) });
    const page = await jarRequest(srv, go.jar, r.headers.location);
    assert.match(plain(page.body), /Importing would change nothing: the registry already has every school as the file has it\./);
    assert.equal(summary(page.body)['Schools unchanged'], '1,096');
    assert.doesNotMatch(page.body, /Import schools<\/button>/);
  });
});

test('rows that cannot be imported: listed with their lines; confirming imports the others', async () => {
  const lines = readFileSync(DOWNLOAD, 'utf8').split('\r\n');
  const header = csvRecords(lines[0])[0];
  const breaks = [[4, 'URN', '1234'], [12, 'PhaseOfEducation (name)', 'Tertiary']];
  for (const [line, col, value] of breaks) {
    const rec = csvRecords(lines[line - 1])[0];
    rec[header.indexOf(col)] = value;
    lines[line - 1] = rec.map((v) => `"${v}"`).join(',');
  }
  await sql('DELETE FROM school_links; DELETE FROM schools');
  const r = await upload(go, { establishments: { filename: 'broken.csv', content: Buffer.from(lines.join('\r\n')) } });
  assert.equal(r.status, 303);
  const page = await jarRequest(srv, go.jar, r.headers.location);
  assert.deepEqual(errorSummary(page.body), [
    ['#rejected-1', 'Line 4 of broken.csv: the URN "1234" is not 6 or 7 digits'],
    ['#rejected-2', "Line 12 of broken.csv: the phase of education \"Tertiary\" is not one of GIAS's"],
  ]);
  assert.match(page.body, /<title>Error: /);
  assert.match(page.body, /<tr class="govuk-table__row" id="rejected-1">/);
  assert.equal(summary(page.body)['Rows that cannot be imported'], '2');
  assert.match(page.body, /Import the other rows/);
  const done = await confirm(go, r.headers.location);
  assert.equal(done.status, 303);
  const result = await jarRequest(srv, go.jar, r.headers.location);
  assert.equal(summary(result.body)['New schools'], '1,094');
  assert.equal(summary(result.body)['Rows that cannot be imported'], '2');
  assert.equal(await sql('SELECT count(*) FROM schools'), '1094');
  assert.match(await sql("SELECT detail FROM audit_log WHERE action = 'schools_imported' ORDER BY id DESC LIMIT 1"),
    /broken\.csv: 1096 rows: 1094 new, 0 updated, 0 closed, 0 unchanged, 2 rejected/);
});

/** The records of CSV text, read by a CSV parser of npm's (fast-csv): [[field, ...], ...]. */
const parseWithFastCsv = (text) => new Promise((resolve, reject) => {
  const rows = [];
  parseCsvString(text, { headers: false, strictColumnHandling: true })
    .on('error', reject).on('data', (r) => rows.push(r)).on('end', () => resolve(rows));
});

test('every rejected row downloads as a CSV file, the command\'s report of them, for the administrator who uploaded it only', async () => {
  const lines = readFileSync(DOWNLOAD, 'utf8').split('\r\n');
  const header = csvRecords(lines[0])[0];
  const at = (c) => header.indexOf(c);
  // 25 rows with a URN of four digits (more than the page lists), one of them named like a formula
  const want = [];
  for (let line = 3; want.length < 25; line += 3) {
    const rec = csvRecords(lines[line - 1])[0];
    rec[at('URN')] = String(1000 + want.length);
    if (want.length === 7) rec[at('EstablishmentName')] = '=HYPERLINK("http://example.com","Click")';
    lines[line - 1] = rec.map((v) => `"${v.replace(/"/g, '""')}"`).join(',');
    want.push([String(line), rec[at('URN')], rec[at('EstablishmentName')].trim(), `the URN "${rec[at('URN')]}" is not 6 or 7 digits`]);
  }
  const content = Buffer.from(lines.join('\r\n'));
  const r = await upload(go, { establishments: { filename: 'many odd names (2).csv', content } });
  assert.equal(r.status, 303, r.body.slice(0, 300));
  const page = await jarRequest(srv, go.jar, r.headers.location);
  assert.equal(errorSummary(page.body).length, 20, 'the page lists the first 20');
  assert.match(plain(page.body), /and 5 more\./);
  const link = /<a class="govuk-link" download href="([^"]+)">Download all 25 rejected rows \(CSV\)<\/a>/.exec(page.body);
  assert.ok(link, 'the link to every rejected row');
  assert.equal(link[1], `${r.headers.location}/rejected.csv`);

  const csv = await jarRequest(srv, go.jar, link[1]);
  assert.equal(csv.status, 200);
  assert.match(csv.headers['content-type'], /^text\/csv; charset=utf-8/);
  assert.equal(csv.headers['content-disposition'], 'attachment; filename="many_odd_names__2_-rejected.csv"');
  assert.ok(csv.body.startsWith('\ufeff'), 'a byte-order mark, for Excel');
  const rows = await parseWithFastCsv(csv.body.slice(1));
  assert.deepEqual(rows[0], ['File', 'Line', 'URN', 'Name', 'Reason']);
  const guarded = (name) => (/^[=+\-@]/.test(name) ? `'${name}` : name); // a spreadsheet does not run it
  assert.deepEqual(rows.slice(1), want.map(([line, urn, name, reason]) => ['many odd names (2).csv', line, urn, guarded(name), reason]));

  // the same bytes as `import-gias --skip-invalid` writes to its report, for the same file
  const file = path.join(tmp, 'many odd names (2).csv');
  writeFileSync(file, content);
  const dir = mkdtempSync(path.join(tmp, 'report-'));
  const t = { backend: srv.backend, dir, db: path.join(dir, 'cmd.db'), pg: srv.backend === 'postgres' ? pgCreateDatabase() : null };
  try {
    const report = path.join(dir, 'report.csv');
    const cmd = await run(['import-gias', file, '--skip-invalid', '--rejects', report, ...dbArgs(t)]);
    assert.equal(cmd.code, 0, cmd.stderr);
    assert.equal(readFileSync(report, 'utf8'), csv.body.slice(1));
  } finally {
    if (t.pg) pgDropDatabase(t.pg.name);
  }

  // the upload's, and its session's: another administrator, or the same one signed in elsewhere, gets 404
  const otherAdmin = 'gias.other@national.example';
  await emailCodePerson(srv, otherAdmin);
  for (const who of [await signInByEmail(srv, otherAdmin), await signInByEmail(srv, admin)]) {
    const other = await jarRequest(srv, who.jar, link[1]);
    assert.equal(other.status, 404);
    assert.doesNotMatch(other.body, /HYPERLINK/);
  }
  assert.equal((await jarRequest(srv, go.jar, '/admin/schools/import/not-a-real-token/rejected.csv')).status, 404);

  // after the import of the other rows, the result page offers it still
  assert.equal((await confirm(go, r.headers.location)).status, 303);
  const result = await jarRequest(srv, go.jar, r.headers.location);
  assert.match(result.body, /Download all 25 rejected rows \(CSV\)/);
  assert.equal((await jarRequest(srv, go.jar, link[1])).body, csv.body);
});

test('with the links file: its links, and the links of the download', async () => {
  await sql('DELETE FROM school_links');
  const both = readFileSync(DOWNLOAD).length + readFileSync(LINKS).length;
  assert.equal((await announce(both + 500)).status, 413); // 3.7 MB: over this server's --max-upload (3 MB)
  const s2 = await startServer({ args: ['--max-upload', '8000000'] });
  try {
    const email = 'gias.links@national.example';
    await emailCodePerson(s2, email);
    const g2 = await signInByEmail(s2, email);
    const up = await upload(g2, { establishments: fileOf(DOWNLOAD), links: fileOf(LINKS) }, s2);
    assert.equal(up.status, 303, up.body.slice(0, 300));
    const page = await jarRequest(s2, g2.jar, up.headers.location);
    const s = summary(page.body);
    assert.equal(s['links_edubasealldata.csv'], 'GIAS links file, UTF-8, 34,044 rows');
    // each link once: the download's "Linked establishments" name many of the links file's
    const n = linkKeys().size;
    const words = n.toLocaleString('en-GB');
    assert.equal(s.Links, `${words} links between schools: ${words} new`);
    assert.equal((await confirm(g2, up.headers.location, s2)).status, 303);
    assert.equal(summary((await jarRequest(s2, g2.jar, up.headers.location)).body).Links, `${words} links between schools: ${words} new`);
    assert.equal(await dbQuery(s2, 'SELECT count(*) FROM school_links'), String(n));
    // the same files again: no change
    const again = await upload(g2, { establishments: fileOf(DOWNLOAD), links: fileOf(LINKS) }, s2);
    const page2 = await jarRequest(s2, g2.jar, again.headers.location);
    assert.equal(summary(page2.body).Links, `${words} links between schools: no change`);
    assert.match(plain(page2.body), /Importing would change nothing/);
  } finally {
    await stopClean(s2);
  }
});

describe('what the form refuses', () => {
  test('no file: 400 with the error summary and the field in error', async () => {
    const r = await upload(go, { establishments: { filename: '', content: Buffer.alloc(0) } });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#establishments', "Select GIAS's establishments file"]]);
    assert.match(r.body, /class="govuk-file-upload govuk-file-upload--error"/);
  });

  test("the children's centres file, the links file as the establishments file, a file that is not GIAS's: each named", async () => {
    const cases = [
      [{ establishments: fileOf(CENTRES) }, '#establishments', "The selected file cannot be imported: this is GIAS's children's centres file (it has no PhaseOfEducation column): children's centres are not schools and are not imported. The schools are in GIAS's establishments file, edubasealldata.csv"],
      [{ establishments: { filename: 'links.csv', content: readFileSync(LINKS).subarray(0, 5000) } }, '#establishments',
        "The selected file cannot be imported: this is GIAS's links file (it has a LinkURN column), not an establishments file: give it as the links file"],
      [{ establishments: { filename: 'people.csv', content: Buffer.from('Name,Email\nA,a@b.example\n') } }, '#establishments',
        'The selected file cannot be imported: line 1: there is no column called "URN": this is not a GIAS file (an establishments file such as edubasealldata.csv, or the links file)'],
      [{ establishments: { filename: 'empty.csv', content: Buffer.alloc(0) } }, '#establishments', 'The selected file is empty'],
      [{ establishments: { filename: 'schools.xlsx', content: Buffer.from('PK\x03\x04\x14\x00\x06\x00workbook', 'latin1') } }, '#establishments',
        'The selected file cannot be imported: the file is a spreadsheet workbook (.xlsx or .ods), not CSV: save it as "CSV UTF-8", or use the file as GIAS gives it'],
    ];
    const before2 = await sql('SELECT count(*) FROM school_imports');
    for (const [files, href, text] of cases) {
      const r = await upload(go, files);
      assert.equal(r.status, 400, text);
      assert.deepEqual(errorSummary(r.body), [[href, text]]);
    }
    assert.equal(await sql('SELECT count(*) FROM school_imports'), before2);
  });

  test('a body over --max-body is refused on any other route, and over --max-upload on this one', async () => {
    const r = await rawRequest(srv.base, 'POST', '/admin/people', {
      Cookie: go.jar.header(), 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '70000',
    });
    assert.equal(r.status, 413);
    // the download itself (1.3 MB, over --max-body) was taken above; over --max-upload is not
    assert.equal((await announce(3000001)).status, 413);
  });
});

describe('an upload belongs to its session, for an hour', () => {
  let target;
  before(async () => {
    const r = await upload(go, { establishments: fileOf(DOWNLOAD) });
    target = r.headers.location;
  });

  test('another session, even the same person\'s, gets 404 for it and cannot confirm it', async () => {
    const other = await signInByEmail(srv, admin);
    const r = await jarRequest(srv, other.jar, target);
    assert.equal(r.status, 404);
    assert.match(r.body, /This file is no longer waiting to be imported/);
    const page = await jarRequest(srv, other.jar, '/admin/schools/import');
    const c = await formPost(srv, other.jar, target, { csrf_token: csrfOf(page.body) });
    assert.equal(c.status, 404);
  });

  test('a second process takes the confirmation: the upload is in the database', async () => {
    const s2 = await startServer({ dir: srv.dir, database: srv.pg || undefined });
    try {
      const r = await jarRequest(s2, go.jar, target);
      assert.equal(r.status, 200);
      assert.equal((await confirm(go, target, s2)).status, 303);
      assert.match((await jarRequest(srv, go.jar, target)).body, /What importing did/);
    } finally {
      await stopClean(s2);
    }
  });

  test('an expired upload is gone', async () => {
    const r = await upload(go, { establishments: fileOf(DOWNLOAD) });
    const token = r.headers.location.split('/').pop();
    await sql(`UPDATE school_imports SET expires_at = 0 WHERE imported_at IS NULL`);
    const page = await jarRequest(srv, go.jar, r.headers.location);
    assert.equal(page.status, 404);
    assert.ok(token.length === 43);
  });
});

// ---- an upload confirmed after the registry changed, and what GIAS never has ----

const DL_HEAD = csvRecords(readFileSync(DOWNLOAD, 'utf8'))[0];
const DL_ROWS = csvRecords(readFileSync(DOWNLOAD, 'utf8')).slice(1).filter((r) => r.length === DL_HEAD.length);
const col = (name) => DL_HEAD.indexOf(name);
const edited = (r, changes) => { const v = [...r]; for (const [k, x] of Object.entries(changes)) v[col(k)] = x; return v; };
/** A file of the download's header and rows (arrays), as an upload's file. */
const giasFile = (filename, rows) => ({
  filename, content: Buffer.from([DL_HEAD, ...rows].map((r) => `${r.map((v) => `"${v.replace(/"/g, '""')}"`).join(',')}\r\n`).join('')),
});

describe('an upload confirmed after the registry changed', () => {
  const open = DL_ROWS.filter((r) => r[col('EstablishmentStatus (name)')] === 'Open');
  const audits = () => sql("SELECT count(*) FROM audit_log WHERE action = 'schools_imported'");

  test('an older file checked first and confirmed after a newer one: checked again, shown, never applied', async () => {
    const r = open[10];
    const urn = r[0];
    const older = edited(r, { EstablishmentName: 'Stale Old Name School', LastChangedDate: '01-01-2023' });
    const newer = edited(r, { EstablishmentName: 'Fresh New Name School', 'EstablishmentStatus (name)': 'Closed',
      CloseDate: '31-08-2024', LastChangedDate: '01-09-2024' });
    const oldUp = await upload(go, { establishments: giasFile('old.csv', [older]) });
    assert.equal(oldUp.status, 303);
    const oldCheck = await jarRequest(srv, go.jar, oldUp.headers.location);
    assert.equal(summary(oldCheck.body)['Schools updated'], '1');
    const newUp = await upload(go, { establishments: giasFile('new.csv', [newer]) });
    assert.equal((await confirm(go, newUp.headers.location)).status, 303);
    const school = () => sql(`SELECT name, status, gias_changed_on FROM schools WHERE urn = '${urn}'`);
    assert.equal(await school(), 'Fresh New Name School|closed|2024-09-01');
    const done = await audits();

    // the old upload's page, still showing its check, is confirmed
    const stale = await formPost(srv, go.jar, oldUp.headers.location, { csrf_token: csrfOf(oldCheck.body) });
    assert.equal(stale.status, 409);
    assert.match(plain(stale.body), /Important Nothing has been imported: the register has changed since you checked this file\. Below is what importing it would do now\./);
    const s = summary(stale.body);
    assert.equal(s['Schools updated'], '0');
    assert.equal(s['Schools older in the file than in the register: kept as they are'], '1');
    assert.match(plain(stale.body), /Importing would change nothing: the registry already has every school as the file has it, or as GIAS changed it since\./);
    assert.doesNotMatch(stale.body, /<button[^>]*>\s*Import/);
    assert.equal(await school(), 'Fresh New Name School|closed|2024-09-01');
    assert.equal(await audits(), done);
    // and its page says so from now on
    const again = await jarRequest(srv, go.jar, oldUp.headers.location);
    assert.equal(summary(again.body)['Schools older in the file than in the register: kept as they are'], '1');
  });

  test('any other import between the check and the confirmation: checked again, then imported when confirmed again', async () => {
    const [r1, r2] = [open[20], open[21]];
    const up = await upload(go, { establishments: giasFile('rename.csv', [edited(r1, { EstablishmentName: 'Renamed One School', LastChangedDate: '01-02-2025' })]) });
    const check = await jarRequest(srv, go.jar, up.headers.location);
    assert.equal(summary(check.body)['Schools updated'], '1');
    // another school changes meanwhile
    const other = await upload(go, { establishments: giasFile('other.csv', [edited(r2, { EstablishmentName: 'Renamed Two School', LastChangedDate: '01-02-2025' })]) });
    assert.equal((await confirm(go, other.headers.location)).status, 303);
    const done = await audits();
    const stale = await formPost(srv, go.jar, up.headers.location, { csrf_token: csrfOf(check.body) });
    assert.equal(stale.status, 409);
    assert.match(stale.body, /the register has changed since you checked this file/);
    assert.equal(summary(stale.body)['Schools updated'], '1');
    assert.equal(await sql(`SELECT name FROM schools WHERE urn = '${r1[0]}'`), r1[col('EstablishmentName')]);
    assert.equal(await audits(), done);
    // confirmed again from the page it showed: imported
    const ok = await formPost(srv, go.jar, up.headers.location, { csrf_token: csrfOf(stale.body) });
    assert.equal(ok.status, 303);
    assert.equal(await sql(`SELECT name FROM schools WHERE urn = '${r1[0]}'`), 'Renamed One School');
    assert.equal(Number(await audits()), Number(done) + 1);
  });
});

test('a change to the registry made by hand between the check and the confirmation: checked again too', async () => {
  const r = DL_ROWS.filter((x) => x[col('EstablishmentStatus (name)')] === 'Open')[30];
  const up = await upload(go, { establishments: giasFile('hand.csv', [edited(r, { EstablishmentName: 'Renamed Three School', LastChangedDate: '01-03-2025' })]) });
  const check = await jarRequest(srv, go.jar, up.headers.location);
  // a trust's name made longer than any row the fingerprint hashes in one piece
  const long = srv.backend === 'postgres' ? "repeat('T', 3000)" : "printf('%.3000c', 'T')";
  await sql(`UPDATE trusts SET name = ${long} WHERE id = (SELECT min(id) FROM trusts)`);
  const stale = await formPost(srv, go.jar, up.headers.location, { csrf_token: csrfOf(check.body) });
  assert.equal(stale.status, 409);
  assert.equal(await sql(`SELECT name FROM schools WHERE urn = '${r[0]}'`), r[col('EstablishmentName')]);
  assert.equal((await formPost(srv, go.jar, up.headers.location, { csrf_token: csrfOf(stale.body) })).status, 303);
  assert.equal(await sql(`SELECT name FROM schools WHERE urn = '${r[0]}'`), 'Renamed Three School');
});

describe('what GIAS never has, on the upload page', () => {
  const [a, b, c] = DL_ROWS;

  test('a NUL byte or a row over 1 MB: the file is refused with why', async () => {
    const cases = [
      [giasFile('nul.csv', [a, edited(b, { EstablishmentName: 'Web\0sites School' })]),
        'The selected file cannot be imported: line 3 has a NUL byte (a character of code 0): this is not a CSV text file'],
      [giasFile('huge.csv', [a, edited(b, { EstablishmentName: 'N'.repeat(2 << 20) })]),
        'The selected file cannot be imported: line 3: the row is longer than 1 MB: no file this service reads has rows that long'],
    ];
    const before2 = await sql('SELECT count(*) FROM school_imports');
    for (const [file, text] of cases) {
      const r = await upload(go, { establishments: file });
      assert.equal(r.status, 400, text);
      assert.deepEqual(errorSummary(r.body), [['#establishments', text]]);
    }
    assert.equal(await sql('SELECT count(*) FROM school_imports'), before2);
  });

  test('values too long and local authority codes listed with their lines; a new local authority named, with no hub', async () => {
    const rows = [edited(a, { Street: 'x'.repeat(1001) }), edited(b, { 'LA (code)': '<x>' }), edited(c, { 'LA (code)': '698', 'LA (name)': 'Somewhere' })];
    const r = await upload(go, { establishments: giasFile('checks.csv', rows) });
    assert.equal(r.status, 303);
    const page = await jarRequest(srv, go.jar, r.headers.location);
    assert.deepEqual(errorSummary(page.body), [
      ['#rejected-1', "Line 2 of checks.csv: Street is 1,001 characters long: GIAS's are never longer than 1,000"],
      ['#rejected-2', 'Line 3 of checks.csv: the local authority code (LA (code)) "<x>" is not 3 digits'],
    ]);
    assert.equal(summary(page.body)['New local authorities'], '1');
    assert.match(plain(page.body), /New local authorities The register does not know these local authorities yet\. Importing adds them: 698 Somewhere: it has no hub until one is set/);
    assert.equal((await confirm(go, r.headers.location)).status, 303);
    const result = await jarRequest(srv, go.jar, r.headers.location);
    assert.match(result.body, /<li><a class="govuk-link" href="\/admin\/hub-areas\/698">698 Somewhere<\/a>: it has no hub until one is set<\/li>/);
    const la = await jarRequest(srv, go.jar, '/admin/hub-areas/698');
    assert.equal(la.status, 200);
    assert.match(plain(la.body), /Somewhere/);
    assert.equal(await sql("SELECT name FROM local_authorities WHERE code = '698'"), 'Somewhere');
    assert.equal(await sql("SELECT count(*) FROM hub_areas WHERE la_code = '698'"), '0');
  });

  test('a file of UTF-8 and Windows-1252 lines: each read in its own, and the check says which lines', async () => {
    const utf8 = [edited(a, { EstablishmentName: 'Café Crème School' }), edited(b, { EstablishmentName: 'École Élan School' }),
      edited(c, { EstablishmentName: 'St Mary’s School' })];
    const lines = giasFile('x', utf8).content.toString('utf8').split('\r\n');
    lines[2] = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'WINDOWS-1252'], { input: lines[2] }).toString('latin1');
    const content = Buffer.concat(lines.map((l, i) => Buffer.from(i ? `\r\n${l}` : l, i === 2 ? 'latin1' : 'utf8')));
    const r = await upload(go, { establishments: { filename: 'mixed.csv', content } });
    assert.equal(r.status, 303);
    const page = await jarRequest(srv, go.jar, r.headers.location);
    assert.equal(summary(page.body)['mixed.csv'], 'GIAS establishments file, UTF-8 and Windows-1252, 3 rows');
    assert.match(plain(page.body), /mixed\.csv: Line 3 is in Windows-1252, the others in UTF-8: each line has been read in its own encoding\./);
    assert.equal((await confirm(go, r.headers.location)).status, 303);
    for (const r of utf8) assert.equal(await sql(`SELECT name FROM schools WHERE urn = '${r[0]}'`), r[col('EstablishmentName')]);
  });
});
