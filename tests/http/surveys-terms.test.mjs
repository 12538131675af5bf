// School term dates (src/surveys/terms*.c, docs/plans/surveys.md "Completion
// and reminders"): the default national calendar is loaded once at start-up
// (and never again by an upgrade); the national team uploads local
// authorities' term dates as spreadsheets save them (a byte-order mark,
// Windows-1252, DD/MM/YYYY, ragged rows, loose headings); every problem is
// named by line and NOTHING is written until a checked file is confirmed;
// confirming replaces each authority's terms over the span the file gives
// it, audited; the pages show the calendars. Everyone else is refused.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { dbArgs, dbQuery, errorSummary, plain, roleSession, run, tableRows, useServer } from './lib.mjs';

const srv = useServer();
const sql = (q) => dbQuery(srv, q);
let admin, analyst, lead, mhl, llme;

const termsOf = (la) => sql(`SELECT name || ' ' || first_day || ' ' || last_day FROM school_terms WHERE la_code = '${la}' ORDER BY first_day`);
const count = async (q) => Number(await sql(q));
const loaded = () => count('SELECT count(*) FROM school_terms WHERE la_code IS NOT NULL');
const audits = () => count("SELECT count(*) FROM audit_log WHERE action = 'school_terms_loaded'");

/** A hidden field's value in a page (its HTML escapes undone). */
function hidden(html, name) {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  assert.ok(m, `a hidden ${name} field`);
  return m[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const upload = (who, name, content) => who.upload('/surveys/terms/upload', { filename: name, content });

/** Uploads a file and confirms it as the review page's form does. */
async function load(name, content) {
  const check = await upload(admin, name, content);
  assert.equal(check.status, 200, JSON.stringify(errorSummary(check.body)));
  const r = await admin.post('/surveys/terms/upload/confirm', { terms: hidden(check.body, 'terms'), file_name: hidden(check.body, 'file_name') });
  assert.equal(r.status, 303, plain(r.body));
  assert.equal(r.headers.location, '/surveys/terms');
  return check;
}

before(async () => {
  await srv.started;
  admin = await roleSession(srv, 'admin@terms.example', 'national_admin');
  analyst = await roleSession(srv, 'analyst@terms.example', 'national_analyst');
  lead = await roleSession(srv, 'lead@terms.example', 'participant');
  await sql(`UPDATE role_grants SET role = 'project_lead', project_id = (SELECT id FROM projects WHERE code = 'NCP24-06') WHERE person_id = ${lead.id}`);
  mhl = await roleSession(srv, 'mhl@terms.example', 'mhl', 'SW4');
  llme = await roleSession(srv, 'llme@terms.example', 'llme', 'SW4');
});

describe('the default national calendar', () => {
  test('is loaded at start-up exactly once: 30 terms, 2024/25 to 2028/29, and an upgrade adds none', async () => {
    assert.equal(await count('SELECT count(*) FROM school_terms WHERE la_code IS NULL'), 30);
    assert.equal(await count('SELECT count(DISTINCT first_day) FROM school_terms WHERE la_code IS NULL'), 30);
    assert.equal(await sql('SELECT min(first_day) || \' \' || max(last_day) FROM school_terms WHERE la_code IS NULL'), '2024-09-02 2029-07-20');
    const again = await run(['migrate', ...dbArgs(srv)]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(await count('SELECT count(*) FROM school_terms WHERE la_code IS NULL'), 30);
    // the database itself refuses a second default term starting the same day (NULL la_code, both engines)
    await assert.rejects(sql("INSERT INTO school_terms (la_code, name, first_day, last_day, loaded_at) VALUES (NULL, 'Twin', '2024-09-02', '2024-10-25', 0)"));
    assert.equal(await count('SELECT count(*) FROM school_terms WHERE la_code IS NULL'), 30);
  });

  test('its page says it is a default written from the common pattern, and lists its terms', async () => {
    const r = await admin.get('/surveys/terms/default');
    assert.equal(r.status, 200);
    const text = plain(r.body);
    assert.match(text, /written from the common pattern of English school terms/);
    assert.match(text, /not any local authority's published dates/);
    const rows = tableRows(r.body, 'Terms');
    assert.equal(rows.length, 30);
    assert.deepEqual(rows[0], ['Autumn first half 2024/25', '2 September 2024', '25 October 2024']);
    assert.deepEqual(rows[7], ['Autumn second half 2025/26', '3 November 2025', '19 December 2025']);
  });
});

describe('uploads with problems: named by line, nothing written', () => {
  const bad = [
    ['an unknown local authority', 'la_code,term,first day,last day\n919,Autumn 1,2026-09-03,2026-10-23\n989,Autumn 1,2026-09-03,2026-10-23\n',
      ['Line 3: 989 is not a local authority code: use the authority\'s 3-number code in Get Information about Schools, like 919']],
    ['overlapping terms', 'LA code,Term name,First day,Last day\n919,Autumn 1,03/09/2026,23/10/2026\n919,Autumn 2,20/10/2026,18/12/2026\n',
      ['Line 3: Autumn 2 must start after Autumn 1 (line 2) ends: terms must not overlap']],
    ['a day that does not exist', 'Local authority code,Term name,First day,Last day\n919,Spring 1,2026-01-05,2026-02-30\n',
      ['Line 2: Last day must be a real date, like 2026-09-03 or 03/09/2026 (it is 2026-02-30)']],
    ['a last day before the first', 'la_code,name,first_day,last_day\n919,Spring 1,2026-02-13,2026-01-05\n',
      ['Line 2: Last day must be the same as or after the first day']],
    ['a row without its authority', 'la_code,name,first_day,last_day\n,Spring 1,2026-01-05,2026-02-13\n',
      ['Line 2: Enter the local authority code, like 919']],
  ];
  for (const [what, content, want] of bad) {
    test(what, async () => {
      const before = await loaded();
      const r = await upload(admin, `${what}.csv`, content);
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.body).map(([, m]) => m), want);
      assert.match(plain(r.body), new RegExp(`${what}\\.csv has 1 problem`));
      assert.equal(await loaded(), before);
      assert.equal(await audits(), 0);
    });
  }

  test('a file that is not term dates, or none', async () => {
    let r = await upload(admin, 'people.csv', 'Name,Email\nA,a@b.example\n');
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#file', 'The first row of the selected file must name the columns: local authority code, term name, first day and last day']]);
    r = await admin.upload('/surveys/terms/upload', null);
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#file', 'Select a CSV file of term dates']]);
    assert.equal(await loaded(), 0);
  });

  test('a confirmation whose rows were changed on the way is checked again, and writes nothing', async () => {
    const r = await admin.post('/surveys/terms/upload/confirm', {
      terms: 'Local authority code,Term name,First day,Last day\r\n989,Autumn,2026-09-03,2026-10-23\r\n', file_name: 'x.csv' });
    assert.equal(r.status, 400);
    assert.match(errorSummary(r.body)[0][1], /Line 2: 989 is not a local authority code/);
    assert.equal(await loaded(), 0);
  });
});

describe('a good file', () => {
  // as Excel saves it on Windows: Windows-1252 (an en dash is 0x96), CR LF, DD/MM/YYYY, a column of notes, a ragged row, a blank line; two authorities, one out of order
  const cp1252 = Buffer.concat([
    Buffer.from('LA Code,Term,Start date,End date,Notes\r\n919,Autumn '), Buffer.from([0x96]), Buffer.from(' second half,02/11/2026,18/12/2026\r\n'),
    Buffer.from('\r\n919,Autumn '), Buffer.from([0x96]), Buffer.from(' first half,03/09/2026,23/10/2026,INSET on the 2nd\r\n'),
    Buffer.from('202,Autumn 1,2026-09-02,2026-10-23\r\n202,Autumn 2,2026-11-02,2026-12-18\r\n'),
  ]);

  test('is shown per authority before anything is written, then loaded in one go with its audit', async () => {
    const check = await upload(admin, 'terms 2026.csv', cp1252);
    assert.equal(check.status, 200, JSON.stringify(errorSummary(check.body)));
    assert.equal(await loaded(), 0);
    assert.deepEqual(tableRows(check.body, 'What will be loaded'), [
      ['Hertfordshire (919) No terms loaded before in these dates', '3 September 2026 to 18 December 2026', '2'],
      ['Camden (202) No terms loaded before in these dates', '2 September 2026 to 18 December 2026', '2'],
    ]);
    assert.match(plain(check.body), /Autumn – first half/);
    const r = await admin.post('/surveys/terms/upload/confirm', { terms: hidden(check.body, 'terms'), file_name: hidden(check.body, 'file_name') });
    assert.equal(r.status, 303);
    assert.equal(r.headers.location, '/surveys/terms');
    assert.equal(await termsOf('919'), 'Autumn – first half 2026-09-03 2026-10-23\nAutumn – second half 2026-11-02 2026-12-18');
    assert.equal(await termsOf('202'), 'Autumn 1 2026-09-02 2026-10-23\nAutumn 2 2026-11-02 2026-12-18');
    assert.equal(await count(`SELECT count(*) FROM school_terms WHERE la_code = '919' AND loaded_by = ${admin.id}`), 2);
    assert.equal(await audits(), 2);
    assert.match(await sql("SELECT detail FROM audit_log WHERE action = 'school_terms_loaded' AND subject = 'la:919'"),
      /2 terms from 2026-09-03 to 2026-12-18 \(replacing 0\) from the file terms 2026\.csv/);
    const list = await admin.get('/surveys/terms');
    assert.match(list.body, /Term dates loaded for 2 local authorities/);
    assert.deepEqual(tableRows(list.body, 'Calendars'), [
      ['Default national calendar', '30', '2 September 2024 to 20 July 2029'],
      ['Camden (202)', '2', '2 September 2026 to 18 December 2026'],
      ['Hertfordshire (919)', '2', '3 September 2026 to 18 December 2026'],
    ]);
    const page = await admin.get('/surveys/terms/919');
    assert.equal(page.status, 200);
    assert.match(plain(page.body), /Hertfordshire term dates/);
    assert.match(plain(page.body), /by Person admin@terms\.example/);
    assert.deepEqual(tableRows(page.body, 'Terms'), [
      ['Autumn – first half', '3 September 2026', '23 October 2026'],
      ['Autumn – second half', '2 November 2026', '18 December 2026'],
    ]);
  });

  test('uploaded again, replaces the terms in its span and keeps the rest (UTF-8 with a byte-order mark)', async () => {
    await load('spring.csv', '\uFEFFla_code,term name,first day,last day\n919,Spring 1,2027-01-04,2027-02-12\n');
    const check = await load('autumn again.csv', '\uFEFFLocal authority code,Term name,First day,Last day\n' +
      '919,Autumn term,02/09/2026,17/12/2026\n');
    assert.deepEqual(tableRows(check.body, 'What will be loaded'), [['Hertfordshire (919) Replaces 2 terms loaded before', '2 September 2026 to 17 December 2026', '1']]);
    assert.equal(await termsOf('919'), 'Autumn term 2026-09-02 2026-12-17\nSpring 1 2027-01-04 2027-02-12');
    assert.equal(await termsOf('202'), 'Autumn 1 2026-09-02 2026-10-23\nAutumn 2 2026-11-02 2026-12-18'); // not in the file: as it was
    const page = await admin.get('/surveys/terms');
    assert.match(page.body, /Term dates loaded for Hertfordshire/);
  });

  test('an authority without its own dates, and a code that is none', async () => {
    let r = await admin.get('/surveys/terms/850');
    assert.equal(r.status, 200);
    assert.match(plain(r.body), /No term dates have been loaded for this local authority/);
    r = await admin.get('/surveys/terms/989');
    assert.equal(r.status, 404);
  });
});

describe('who may', () => {
  test('only the national team: everyone else is refused', async () => {
    for (const who of [analyst, lead, mhl, llme]) {
      for (const path of ['/surveys/terms', '/surveys/terms/default', '/surveys/terms/919', '/surveys/terms/upload'])
        assert.equal((await who.get(path)).status, 403, path);
      assert.equal((await upload(who, 'x.csv', 'la_code,term,first day,last day\n919,A,2026-09-03,2026-10-23\n')).status, 403);
      assert.equal((await who.post('/surveys/terms/upload/confirm', { terms: 'la_code,term,first day,last day\n919,A,2026-09-03,2026-10-23\n' })).status, 403);
    }
    assert.equal(await termsOf('919'), 'Autumn term 2026-09-02 2026-12-17\nSpring 1 2027-01-04 2027-02-12');
  });

  test('the survey templates page links to the term dates for the national team only', async () => {
    assert.match((await admin.get('/surveys')).body, /href="\/surveys\/terms"/);
    assert.doesNotMatch((await lead.get('/surveys')).body, /href="\/surveys\/terms"/);
  });
});
