// What a HAPPI form gives beyond its own pages (src/happi: print.c,
// export.c): the print-friendly page of the whole form (its facts, the
// latest comments it was returned with, planning, progress, impact) for
// whoever reads the form, and the hub's list and the counts across the hubs
// as CSV and XLSX (read back by exceljs), with the pages' permissions and
// ?year=. A quality assurance note written through its page never reaches
// any of them; a title that looks like a formula is never run as one.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { dbQuery, errorSummary, roleSession, useServer } from './lib.mjs';
import { csvOf, downloadAs, firstSheet } from '../lib/downloads.mjs';

const srv = useServer();
const sql = (q) => dbQuery(srv, q);
const year = new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
const years = `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
const QA_TEXT = 'QA-ONLY: reasoning routines seen in 4B, unique 7f3a';
const EVIL = '=HYPERLINK("http://evil.example","Click")';

let mhl, amhl, llme, otherMhl, otherLlme, analyst, participant, projectLead, id, href, outcomes, hubName;

const download = (who, target) => downloadAs(srv.base, who, target);
const sheetOf = firstSheet;
const textOf = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&')
  .replace(/\s+/g, ' ');

before(async () => {
  await srv.started;
  mhl = await roleSession(srv, 'mhl@happi-x.example', 'mhl', 'SW4');
  amhl = await roleSession(srv, 'amhl@happi-x.example', 'amhl', 'SW4');
  llme = await roleSession(srv, 'llme@happi-x.example', 'llme', 'SW4');
  otherMhl = await roleSession(srv, 'mhl@ee1-happi-x.example', 'mhl', 'EE1');
  otherLlme = await roleSession(srv, 'llme@ee1-happi-x.example', 'llme', 'EE1');
  analyst = await roleSession(srv, 'analyst@happi-x.example', 'national_analyst');
  participant = await roleSession(srv, 'teacher@happi-x.example', 'participant');
  projectLead = await roleSession(srv, 'lead10@happi-x.example', 'participant');
  await sql(`UPDATE role_grants SET role = 'project_lead', project_id = (SELECT id FROM projects WHERE code = 'NCP24-10') WHERE person_id = ${projectLead.id}`);
  hubName = await sql("SELECT name FROM hubs WHERE code = 'SW4'");
  const ncp = await sql("SELECT id FROM projects WHERE code = 'NCP24-09'");
  for (const [kind, text] of [['pupils', 'Pupils explain their reasoning'], ['schools', 'Leaders plan time to collaborate'],
    ['practice', 'Teachers use representations']])
    await sql(`INSERT INTO ncp_outcomes (project_id, kind, position, text, created_at, updated_at) VALUES (${ncp}, '${kind}', 1, '${text}', 0, 0)`);
  outcomes = (await sql(`SELECT id FROM ncp_outcomes WHERE project_id = ${ncp} ORDER BY id`)).split('\n');
  const make = async (project, title) => {
    const r = await mhl.post('/activities/new?hub=SW4', { ncp: project, year: String(year), years: '1', format: 'online',
      sessions: '4', status: 'recruiting', leads: [llme.id], link: amhl.id });
    assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
    const made = r.headers.location.split('/').pop();
    if (title) await sql(`UPDATE activities SET title = '${title.replace(/'/g, "''")}' WHERE id = ${made}`);
    return made;
  };
  id = await make(ncp);
  href = `/activities/${id}/happi`;
  await make(await sql("SELECT id FROM projects WHERE code = 'NCP24-10'"), EVIL);

  // the whole year of the first: planned, returned with a comment, agreed, progress, impact, submitted, reviewed
  const plan = { schedule: 'Launch in October\nReview in March', [`local-${outcomes[0]}`]: 'Year 4 classes 4B and 4R explain',
    [`local-${outcomes[1]}`]: 'Leaders give an hour each half term', [`local-${outcomes[2]}`]: 'Teachers use bar models',
    methods: ['visits', 'other'], methods_other: 'Book looks', agreed: ['mhlm_link', 'project_lead'] };
  const ok = async (who, path, fields) => {
    const r = await who.post(`${href}${path}`, fields);
    assert.equal(r.status, 303, `${path}: ${JSON.stringify(errorSummary(r.body))}`);
  };
  await ok(llme, '/planning', { version: '0', ...plan });
  await ok(llme, '/submit-planning', { version: '1' });
  await ok(amhl, '/return', { version: '2', comment: 'Name the two classes, please' });
  await ok(llme, '/planning', { version: '3', ...plan });
  await ok(llme, '/submit-planning', { version: '4' });
  await ok(amhl, '/agree', { version: '5' });
  await ok(llme, '/progress', { version: '6', 'progress_day-day': '1', 'progress_day-month': '9',
    'progress_day-year': String(year), progress_text: 'Two sessions held; book looks in 4B' });
  const impact = { version: '7' };
  outcomes.forEach((o, i) => Object.assign(impact, { [`evidence-${o}`]: `Evidence ${i + 1}: book looks`,
    [`judgement-${o}`]: ['met', 'partly_met', 'exceeded'][i], [`analysis-${o}`]: `Analysis ${i + 1}`, [`next-${o}`]: `Next ${i + 1}` }));
  await ok(llme, '/impact', impact);
  await ok(llme, '/submit-final', { version: '8' });
  await ok(amhl, '/review', { version: '9' });
  // a QA note, through its page: internal
  await ok(amhl, '/qa', { kind: 'mechanism', mechanism: 'embed_practice', body: QA_TEXT });
  assert.match((await amhl.get(`${href}/qa`)).body, /QA-ONLY: reasoning routines/);
});

describe('the print page', () => {
  test('linked from the form; every part of the form, the facts and the latest return comment; no QA notes', async () => {
    const form = await llme.get(href);
    assert.match(form.body, new RegExp(`href="${href}/print">A print-friendly page of the whole form</a>`));
    const r = await amhl.get(`${href}/print`);
    assert.equal(r.status, 200);
    const title = await sql(`SELECT title FROM activities WHERE id = ${id}`);
    const t = textOf(r.body);
    assert.match(r.body, new RegExp(`<title>HAPPI form, ${years}: ${title.replace(/[()]/g, '.')} - Maths Hubs</title>`));
    for (const want of [
      `NCP NCP24-09: ${await sql("SELECT title FROM projects WHERE code = 'NCP24-09'")}`,
      `Lead hub ${hubName}`, `Academic year ${years}`, 'LLME lead Person llme@happi-x.example',
      'MHLM link Person amhl@happi-x.example', 'Status Reviewed', 'Launch in October Review in March',
      'Year 4 classes 4B and 4R explain', 'Leaders give an hour each half term', 'Teachers use bar models',
      '1. Outcomes for pupils Pupils explain their reasoning', '2. Outcomes for schools or departments Leaders plan time to collaborate',
      'Local data-collection methods Visiting schools, Another way (Book looks)',
      "Agreed with The NCP's Project Lead, The MHLM link", 'Sessions held 0 of 4 planned', 'Attendance rate',
      'Two sessions held; book looks in 4B', 'Evidence Evidence 1: book looks', 'Judgement Met', 'Judgement Partly met',
      'Judgement Exceeded', 'Analysis Analysis 3', 'Next steps Next 2',
      'Latest comments when it was returned', 'Name the two classes, please', 'Print this page']) {
      assert.ok(t.includes(want), `the print page says: ${want}`);
    }
    for (const step of ['Planning submitted', 'Planning agreed', 'Final form submitted', 'Reviewed'])
      assert.match(t, new RegExp(`${step} \\w+day \\d+ \\w+ \\d{4} at \\d\\d:\\d\\d`), `${step}: when`);
    assert.match(r.body, /<button type="button" class="govuk-button govuk-button--secondary mh-print-button" data-module="govuk-button" data-mh-print>Print this page<\/button>/);
    assert.match(r.body, /<div class="mh-no-print">/);
    assert.doesNotMatch(r.body, /QA-ONLY|reasoning routines|Quality assurance notes<\/a>|Embed practice/);
    assert.doesNotMatch(r.body, /Write the planning|Mark as reviewed/, 'no steps to take on paper');
  });

  test('a form not started prints too: its facts, its steps "Not yet"', async () => {
    const other = (await sql(`SELECT id FROM activities WHERE title = '${EVIL.replace(/'/g, "''")}'`));
    const r = await llme.get(`/activities/${other}/happi/print`);
    assert.equal(r.status, 200);
    const t = textOf(r.body);
    assert.ok(t.includes('Status Not started'));
    assert.ok(t.includes('Planning submitted Not yet'));
    assert.doesNotMatch(t, /Latest comments when it was returned/);
  });

  test("read as the form is: the national team reads it; another hub, a participant: 404; no activity: 404", async () => {
    assert.equal((await analyst.get(`${href}/print`)).status, 200);
    assert.equal((await mhl.get(`${href}/print`)).status, 200);
    for (const s of [otherLlme, otherMhl, participant])
      assert.equal((await s.get(`${href}/print`)).status, 404);
    assert.equal((await llme.get('/activities/999999/happi/print')).status, 404);
    const anon = await fetch(`${srv.base}${href}/print`, { redirect: 'manual' });
    assert.equal(anon.status, 303);
  });
});

describe("a hub's list, downloaded", () => {
  test('linked from the page; CSV: every activity, its status, overdue, step dates, leads, link; no QA notes', async () => {
    const page = await mhl.get('/hubs/SW4/happi');
    assert.match(page.body, new RegExp(`href="/hubs/SW4/happi\\.csv\\?year=${year}" download>Download as CSV</a>`));
    assert.match(page.body, new RegExp(`href="/hubs/SW4/happi\\.xlsx\\?year=${year}" download>Download as Excel \\(XLSX\\)</a>`));
    const r = await download(mhl, `/hubs/SW4/happi.csv?year=${years}`);
    assert.equal(r.status, 200);
    assert.match(r.type, /text\/csv/);
    assert.match(r.disposition, new RegExp(`filename="SW4-happi-${year}-\\d\\d\\.csv"`));
    const text = r.bytes.toString('utf8');
    assert.doesNotMatch(text, /QA-ONLY|reasoning routines/);
    const rows = csvOf(r);
    assert.deepEqual(rows[0], ['Activity ID', 'Title', 'NCP', 'Lead hub', 'Status', 'Overdue', 'Planning submitted',
      'Planning agreed', 'Final form submitted', 'Reviewed', 'Last saved', 'LLME leads', 'MHLM link', 'Link']);
    assert.equal(rows.length, 3, 'the two activities SW4 leads');
    const mine = rows.find((x) => x[0] === id);
    assert.equal(mine[2], 'NCP24-09');
    assert.equal(mine[3], 'SW4');
    assert.equal(mine[4], 'Reviewed');
    assert.equal(mine[5], '');
    for (const k of [6, 7, 8, 9, 10]) assert.match(mine[k], /^\d{4}-\d\d-\d\d$/);
    assert.equal(mine[11], 'Person llme@happi-x.example');
    assert.equal(mine[12], 'Person amhl@happi-x.example');
    assert.equal(mine[13], `${srv.base}/activities/${id}/happi?year=${year}`);
    const evil = rows.slice(1).find((x) => x[0] !== id);
    assert.equal(evil[1], `'${EVIL}`, 'a formula is written as text');
    assert.equal(evil[4], 'Not started');
    assert.equal(evil[6], '');
  });

  test('XLSX read back: numbers, dates, text; the formula as text', async () => {
    const r = await download(analyst, `/hubs/SW4/happi.xlsx?year=${year}`);
    assert.equal(r.status, 200);
    assert.match(r.type, /spreadsheetml/);
    assert.doesNotMatch(r.bytes.toString('latin1'), /QA-ONLY/);
    const ws = await sheetOf(r);
    assert.equal(ws.name, 'HAPPI forms');
    assert.equal(ws.getRow(1).getCell(14).value, 'Link');
    assert.equal(ws.rowCount, 3);
    const all = [2, 3].map((n) => ws.getRow(n));
    const mine = all.find((row) => row.getCell(1).value === Number(id));
    assert.ok(mine, 'the id is a number');
    assert.equal(mine.getCell(5).value, 'Reviewed');
    assert.ok(mine.getCell(10).value instanceof Date, 'reviewed: a date');
    const evil = all.find((row) => row !== mine);
    assert.equal(evil.getCell(2).value, EVIL, 'the title as text');
    assert.equal(evil.getCell(2).formula, undefined, 'never a formula');
    for (const row of all)
      for (let c = 1; c <= 14; c++)
        assert.doesNotMatch(String(row.getCell(c).value ?? ''), /QA-ONLY/);
  });

  test("the page's permissions and year: an LLME, another hub: 403; no hub: 404; a bad year: 400", async () => {
    for (const ext of ['csv', 'xlsx']) {
      assert.equal((await download(llme, `/hubs/SW4/happi.${ext}`)).status, 403);
      assert.equal((await download(otherMhl, `/hubs/SW4/happi.${ext}`)).status, 403);
      assert.equal((await download(mhl, `/hubs/XX9/happi.${ext}`)).status, 404);
      assert.equal((await download(mhl, `/hubs/SW4/happi.${ext}?year=soon`)).status, 400);
    }
    assert.equal((await mhl.get('/hubs/SW4/happi?year=soon')).status, 400, 'as the page answers');
    const empty = csvOf(await download(mhl, `/hubs/SW4/happi.csv?year=${year - 3}`));
    assert.equal(empty.length, 1, 'another year: the head only');
  });

  test('filters by NCP, status and lateness narrow the table and its downloads alike; the counts stay the year\'s', async () => {
    // planning due yesterday: the form not started is late, the reviewed one is not
    const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
    await sql(`INSERT INTO happi_due (year, planning_due, final_due, set_at) VALUES (${year}, '${yesterday}', '${year + 1}-07-16', 0)`);
    try {
      const titles = (html) => [...html.matchAll(/<th scope="row" class="govuk-table__header"><a class="govuk-link" href="\/activities\/(\d+)\//g)].map((m) => m[1]);
      const all = await mhl.get(`/hubs/SW4/happi?year=${year}`);
      assert.equal(titles(all.body).length, 2);
      assert.match(textOf(all.body), /2 activities: 1 not started, 1 reviewed\./);
      assert.match(textOf(all.body), /1 late against the due dates\./);
      assert.match(all.body, /<option value="NCP24-09">NCP24-09<\/option>/, 'the NCPs of the year are the choices');
      assert.doesNotMatch(all.body, /Showing \d+ of/);

      const one = await mhl.get(`/hubs/SW4/happi?year=${year}&ncp=NCP24-09`);
      assert.deepEqual(titles(one.body), [id]);
      assert.match(textOf(one.body), /Showing 1 of 2 activities\./);
      assert.match(textOf(one.body), /2 activities: 1 not started, 1 reviewed\./, 'the counts are the year\'s');
      assert.match(one.body, /<option value="NCP24-09" selected>/);
      assert.match(one.body, new RegExp(`href="/hubs/SW4/happi\\.csv\\?year=${year}&amp;ncp=NCP24-09" download>`));

      const late = await mhl.get(`/hubs/SW4/happi?year=${year}&late=1`);
      const lateIds = titles(late.body);
      assert.equal(lateIds.length, 1);
      assert.notEqual(lateIds[0], id);
      assert.match(late.body, /Planning overdue/);
      assert.deepEqual(titles((await mhl.get(`/hubs/SW4/happi?year=${year}&status=reviewed`)).body), [id]);
      assert.deepEqual(titles((await mhl.get(`/hubs/SW4/happi?year=${year}&status=not-started`)).body), lateIds);
      const none = await mhl.get(`/hubs/SW4/happi?year=${year}&status=reviewed&late=1`);
      assert.match(textOf(none.body), /Showing 0 of 2 activities\. No activity matches the filters\./);
      assert.equal(titles((await mhl.get(`/hubs/SW4/happi?year=${year}&ncp=local`)).body).length, 0);

      const csv = csvOf(await download(mhl, `/hubs/SW4/happi.csv?year=${year}&late=1`));
      assert.deepEqual(csv.slice(1).map((r) => [r[0], r[5]]), [[lateIds[0], 'Planning overdue']]);
      const ws = await sheetOf(await download(mhl, `/hubs/SW4/happi.xlsx?year=${year}&ncp=NCP24-09`));
      assert.equal(ws.rowCount, 2);
      assert.equal(ws.getRow(2).getCell(1).value, Number(id));

      for (const q of ['ncp=%3Cscript%3E', 'status=finished', 'late=yes', 'ncp=' + 'A'.repeat(40)]) {
        const r = await mhl.get(`/hubs/SW4/happi?year=${year}&${q}`);
        assert.equal(r.status, 400, q);
        assert.match(r.body, /Check the filters/);
        assert.equal((await download(mhl, `/hubs/SW4/happi.csv?year=${year}&${q}`)).status, 400, q);
      }
    } finally {
      await sql(`DELETE FROM happi_due WHERE year = ${year}`);
    }
  });
});

describe('the counts across the hubs, downloaded', () => {
  test('the national team: by NCP then by hub, a column per status; linked from the page', async () => {
    const page = await analyst.get(`/happi/national?year=${year}`);
    assert.match(page.body, new RegExp(`href="/happi/national\\.csv\\?year=${year}" download>Download as CSV</a>`));
    const r = await download(analyst, `/happi/national.csv?year=${year}`);
    assert.equal(r.status, 200);
    assert.match(r.disposition, new RegExp(`filename="happi-across-the-hubs-${year}-\\d\\d\\.csv"`));
    const rows = csvOf(r);
    assert.deepEqual(rows[0], ['Counted by', 'Code', 'Name', 'Activities', 'Not started', 'Draft', 'Planning submitted',
      'Planning returned', 'Planning agreed', 'Final form submitted', 'Final form returned', 'Reviewed']);
    const find = (by, code) => rows.find((x) => x[0] === by && x[1] === code);
    assert.deepEqual(find('NCP', 'NCP24-09').slice(3), ['1', '0', '0', '0', '0', '0', '0', '0', '1']);
    assert.deepEqual(find('NCP', 'NCP24-10').slice(3), ['1', '1', '0', '0', '0', '0', '0', '0', '0']);
    assert.deepEqual(find('Hub', 'SW4').slice(2), [hubName, '2', '1', '0', '0', '0', '0', '0', '0', '1']);
    const ws = await sheetOf(await download(analyst, `/happi/national.xlsx?year=${year}`));
    assert.equal(ws.name, 'HAPPI counts');
    const row = [...Array(ws.rowCount).keys()].map((n) => ws.getRow(n + 1)).find((x) => x.getCell(2).value === 'SW4');
    assert.equal(row.getCell(4).value, 2, 'a number');
    assert.equal(row.getCell(12).value, 1);
  });

  test("a Project Lead: their NCP's only; a hub's leadership: 403; a bad year: 400", async () => {
    const rows = csvOf(await download(projectLead, `/happi/national.csv?year=${year}`));
    assert.deepEqual(rows.filter((x) => x[0] === 'NCP').map((x) => x[1]), ['NCP24-10']);
    assert.deepEqual(rows.find((x) => x[0] === 'Hub' && x[1] === 'SW4').slice(3, 5), ['1', '1'], 'the hub counts their NCP only');
    const ws = await sheetOf(await download(projectLead, `/happi/national.xlsx?year=${year}`));
    const codes = [...Array(ws.rowCount - 1).keys()].map((n) => ws.getRow(n + 2)).filter((x) => x.getCell(1).value === 'NCP')
      .map((x) => x.getCell(2).value);
    assert.deepEqual(codes, ['NCP24-10']);
    for (const ext of ['csv', 'xlsx']) {
      assert.equal((await download(mhl, `/happi/national.${ext}`)).status, 403);
      assert.equal((await download(analyst, `/happi/national.${ext}?year=2026x`)).status, 400);
    }
    assert.equal((await analyst.get('/happi/national?year=2026x')).status, 400, 'as the page answers');
  });
});
