// The lists of hub activities (src/activities: list.c, list_filter.c,
// export.c, project_list.c, continue.c, api.c): a hub's list of a year with
// its filter (NCP, kind, phase, LLME lead, status), paged in SQL across 120
// activities inserted in SQL, with its leads read in one more statement a
// page; its downloads (every row, CSV formula-safe, XLSX read back by
// exceljs); a person's own list and an NCP's runs across the hubs;
// continuing an activity into the next academic year; and the JSON API with
// the pages' scoping (another hub's activity: 404; a partner hub sees it).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import ExcelJS from 'exceljs';

import { accessLines, check, csvRecords, dbQuery, errorSummary, getJson, roleSession, tableRows, useServer, waitFor } from './lib.mjs';

const srv = useServer();
const sql = (q) => dbQuery(srv, q);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const YEAR = new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
const YEARS = `${YEAR}/${String((YEAR + 1) % 100).padStart(2, '0')}`;
const STATUSES = ['planned', 'recruiting', 'running', 'completed', 'cancelled'];
const N = 120;

let mhl, llme, llme2, analyst, projectLead, partnerMhl, otherMhl, participant;
const ids = {};

/** The 120 activities of SW4 this year: i's NCP, kind, phase, status and leads follow from i. */
function planned(i) {
  const ncp = ['NCP24-09', 'NCP24-12', null][i % 3];
  return { i, title: `Run ${String(i).padStart(3, '0')}`, ncp, kind: ncp ? 'Work Group' : 'Community',
    phase: i % 3 === 0 ? 'Primary' : 'Secondary', status: STATUSES[i % 5],
    leads: [...(i % 4 === 0 ? ['llme'] : []), ...(i % 6 === 0 ? ['llme2'] : [])] };
}
const ALL = Array.from({ length: N }, (_, i) => planned(i));
const count = (f) => ALL.filter(f).length;

/** An activity's title from its row's header cell (its NCP and kind beneath it). */
const titleOf = (cell) => cell.replace(/ (NCP\S+|Local) &middot; .*$/, '');

/** A download's CSV records, each an array of its cells (its byte-order mark dropped). */
const csvOf = (text) => csvRecords(text.replace(/^\uFEFF/, '')).map((r) => [...r]);

/** The access-log line of a response. */
async function lineOf(r) {
  let line;
  await waitFor(() => (line = accessLines(srv.log).find((l) => l.request_id === r.headers['x-request-id'])), undefined, 'log line');
  return line;
}

/** A download with a session, as bytes. */
async function download(who, target) {
  const res = await fetch(`${srv.base}${target}`, { headers: { Cookie: who.cookie } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'),
    bytes: Buffer.from(await res.arrayBuffer()) };
}

/** An activity made in SQL: resolves to its id. */
async function activity({ title, ncp = null, kind = 'Work Group', hub = 'LO1', year = YEAR, status = 'planned', format = 'online' }) {
  await sql(`INSERT INTO activities (project_id, kind, lead_hub_id, first_year, last_year, title, format, status, created_by, created_at, updated_at)
    VALUES (${ncp ? `(SELECT id FROM projects WHERE code = ${q(ncp)})` : 'NULL'}, ${q(kind)}, (SELECT id FROM hubs WHERE code = ${q(hub)}),
    ${year}, ${year}, ${q(title)}, ${q(format)}, ${q(status)}, ${mhl.id}, 0, 0)`);
  return sql(`SELECT max(id) FROM activities WHERE title = ${q(title)}`);
}

before(async () => {
  await srv.started;
  mhl = await roleSession(srv, 'mhl@lists.example', 'mhl', 'SW4');
  llme = await roleSession(srv, 'llme@lists.example', 'llme', 'SW4');
  llme2 = await roleSession(srv, 'llme2@lists.example', 'llme', 'SW4');
  analyst = await roleSession(srv, 'analyst@lists.example', 'national_analyst');
  partnerMhl = await roleSession(srv, 'mhl@ee1-lists.example', 'mhl', 'EE1');
  otherMhl = await roleSession(srv, 'mhl@lo1-lists.example', 'mhl', 'LO1');
  participant = await roleSession(srv, 'teacher@lists.example', 'participant');
  projectLead = await roleSession(srv, 'pl@lists.example', 'participant');
  await sql(`UPDATE role_grants SET role = 'project_lead', project_id = (SELECT id FROM projects WHERE code = 'NCP24-09')
             WHERE person_id = ${projectLead.id}`);
  await sql(`UPDATE people SET name = 'Ada Lead' WHERE id = ${llme.id}; UPDATE people SET name = 'Ben Second' WHERE id = ${llme2.id}`);
  const who = { llme: llme.id, llme2: llme2.id };
  await sql(`INSERT INTO activities (project_id, kind, lead_hub_id, first_year, last_year, title, format, status, cancel_reason,
      created_by, created_at, updated_at) VALUES ${ALL.map((a) => `(${a.ncp ? `(SELECT id FROM projects WHERE code = '${a.ncp}')` : 'NULL'},
      '${a.kind}', (SELECT id FROM hubs WHERE code = 'SW4'), ${YEAR}, ${YEAR}, '${a.title}', 'face_to_face', '${a.status}',
      ${a.status === 'cancelled' ? "'Too few schools'" : 'NULL'}, ${mhl.id}, 0, 0)`).join(',\n')}`);
  const rows = (await sql(`SELECT id || '|' || title FROM activities WHERE title LIKE 'Run %'`)).split('\n').map((l) => l.split('|'));
  for (const [id, title] of rows) ALL[Number(title.slice(4))].id = id;
  await sql(ALL.flatMap((a) => [
    `INSERT INTO activity_phases (activity_id, phase) VALUES (${a.id}, '${a.phase}')`,
    ...a.leads.map((l) => `INSERT INTO activity_leads (activity_id, person_id) VALUES (${a.id}, ${who[l]})`),
  ]).join(';\n') + ';');
});

describe("a hub's list", () => {
  const page = (who, query = '') => who.get(`/hubs/SW4/activities?year=${YEAR}${query}`);

  test('50 a page, in SQL, every activity once across the pages, each with its leads', async () => {
    const seen = [];
    const lines = [];
    for (let p = 1; p <= 3; p++) {
      const r = await page(mhl, `&page=${p}`);
      assert.equal(r.status, 200);
      assert.match(r.body, new RegExp(`${N} activities`));
      const rows = tableRows(r.body, `Activities in ${YEARS}`);
      assert.equal(rows.length, p < 3 ? 50 : 20, `page ${p}`);
      seen.push(...rows.map((c) => titleOf(c[0])));
      lines.push(await lineOf(r));
    }
    assert.equal(new Set(seen).size, N);
    // by NCP code, then local ones, then title
    const order = [...ALL].sort((a, b) => (a.ncp === null) - (b.ncp === null) || (a.ncp ?? '').localeCompare(b.ncp ?? '') || a.title.localeCompare(b.title));
    assert.deepEqual(seen, order.map((a) => a.title));
    const first = tableRows((await page(mhl)).body, `Activities in ${YEARS}`)[0];
    assert.deepEqual(first.slice(0, 3), ['Run 000 NCP24-09 &middot; Work Group', 'Ada Lead, Ben Second', 'Lead']);
    // the leads of a page are one statement, whatever its rows: 50 rows cost what 20 do
    assert.equal(lines[0].statements, lines[2].statements);
    assert.equal((await page(mhl, '&page=4')).status, 404);
    assert.equal((await page(mhl, '&page=abc')).status, 400);
  });

  test('each filter, repeatable values and combined, counts what it should', async () => {
    const llmeId = llme.id;
    for (const [query, want] of [
      ['&ncp=NCP24-09', count((a) => a.ncp === 'NCP24-09')],
      ['&ncp=local', count((a) => !a.ncp)],
      ['&ncp=NCP24-09&ncp=local', count((a) => a.ncp !== 'NCP24-12')],
      ['&kind=Community', count((a) => a.kind === 'Community')],
      ['&phase=Primary', count((a) => a.phase === 'Primary')],
      [`&lead=${llmeId}`, count((a) => a.leads.includes('llme'))],
      ['&status=running', count((a) => a.status === 'running')],
      ['&status=running&status=planned', count((a) => ['running', 'planned'].includes(a.status))],
      ['&ncp=NCP24-09&status=planned', count((a) => a.ncp === 'NCP24-09' && a.status === 'planned')],
      [`&kind=Work+Group&phase=Secondary&lead=${llmeId}`, count((a) => a.kind === 'Work Group' && a.phase === 'Secondary' && a.leads.includes('llme'))],
    ]) {
      const r = await page(mhl, query);
      assert.equal(r.status, 200, query);
      assert.match(r.body, new RegExp(`id="result-count">${want} activit`), query);
    }
    // the filter offers the year's NCPs and leads, and shows what is chosen
    const r = await page(mhl, '&ncp=NCP24-12&status=completed');
    assert.match(r.body, /<input[^>]*name="ncp" type="checkbox" value="NCP24-12" checked/);
    assert.match(r.body, /value="NCP24-09"/);
    assert.match(r.body, /value="local"/);
    assert.match(r.body, new RegExp(`name="lead" type="checkbox" value="${llmeId}"`));
    assert.match(r.body, /Ada Lead/);
    // the pages' links keep the filter
    assert.match(r.body, /activities\.csv\?year=\d+&amp;ncp=NCP24-12&amp;status=completed"/);
  });

  test('a bad value is a 400 with the error summary naming the field', async () => {
    for (const [query, field, message] of [
      ['&kind=Bogus', '#kind', 'Select kinds of activity from the list'],
      ['&ncp=NCP99-99', '#ncp', 'Select NCPs from the list'],
      ['&lead=abc', '#lead', 'Select LLME leads from the list'],
      [`&lead=${otherMhl.id}`, '#lead', 'Select LLME leads from the list'],
      ['&status=finished', '#status', 'Select statuses from the list'],
      [Array.from({ length: 13 }, (_, i) => `&ncp=NCP24-${String(i + 1).padStart(2, '0')}`).join(''), '#ncp', 'Select at most 12 NCPs'],
    ]) {
      const r = await page(mhl, query);
      assert.equal(r.status, 400, query);
      assert.deepEqual(errorSummary(r.body), [[field, message]], query);
      assert.match(r.body, /No results: check the filter/);
    }
    const r = await mhl.get('/hubs/SW4/activities?year=soon');
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#year', 'Select an academic year from the list']]);
  });

  test("an NCP's team reads the hub's runs of their NCP only; others are refused", async () => {
    const r = await page(projectLead);
    assert.equal(r.status, 200);
    assert.match(r.body, /You see the hub's runs of the NCPs you work on/);
    assert.match(r.body, new RegExp(`id="result-count">${count((a) => a.ncp === 'NCP24-09')} activities`));
    assert.doesNotMatch(r.body, /Create an activity/);
    assert.match((await page(projectLead, '&ncp=local')).body, /id="result-count">0 activities/);
    assert.equal((await participant.get('/hubs/SW4/activities')).status, 403);
    assert.equal((await otherMhl.get('/hubs/SW4/activities')).status, 403);
    assert.equal((await otherMhl.get('/hubs/SW4/activities.csv')).status, 403);
  });
});

describe('downloads', () => {
  test("a hub's CSV: every row of the filter, not a page", async () => {
    let r = await download(mhl, `/hubs/SW4/activities.csv?year=${YEAR}`);
    assert.equal(r.status, 200);
    assert.match(r.type, /^text\/csv/);
    assert.match(r.disposition, new RegExp(`filename="SW4-activities-${YEAR}-\\d\\d\\.csv"`));
    let rows = csvOf(r.bytes.toString('utf8').replace(/^\uFEFF/, ''));
    assert.deepEqual(rows[0], ['Activity ID', 'Title', 'NCP', 'NCP title', 'Kind', 'Phases', 'Lead hub', "This hub's part", 'From',
      'To', 'Leads', 'Format', 'Status', 'Schools', 'Participants', 'Sessions', 'Sessions held']);
    assert.equal(rows.length - 1, N);
    const run0 = rows.find((c) => c[1] === 'Run 000');
    assert.deepEqual([run0[0], run0[2], run0[5], run0[7], run0[8], run0[10], run0[11], run0[12]],
      [ALL[0].id, 'NCP24-09', 'Primary', 'Lead', YEARS, 'Ada Lead, Ben Second', 'Face to face', 'Planned']);
    r = await download(mhl, `/hubs/SW4/activities.csv?year=${YEAR}&status=running&ncp=local`);
    rows = csvOf(r.bytes.toString('utf8').replace(/^\uFEFF/, ''));
    assert.equal(rows.length - 1, count((a) => a.status === 'running' && !a.ncp));
    assert.equal((await download(mhl, `/hubs/SW4/activities.xlsx?kind=Bogus`)).status, 400);
  });

  test("a hub's XLSX, read back by a real reader", async () => {
    const r = await download(mhl, `/hubs/SW4/activities.xlsx?year=${YEAR}&phase=Primary`);
    assert.equal(r.status, 200);
    assert.match(r.type, /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes);
    const ws = wb.worksheets[0];
    assert.equal(ws.name, 'Activities');
    assert.equal(ws.getRow(1).getCell(2).value, 'Title');
    assert.equal(ws.rowCount - 1, count((a) => a.phase === 'Primary'));
    const row = ws.getRow(2);
    assert.equal(typeof row.getCell(1).value, 'number', 'the id is a number');
    assert.equal(row.getCell(2).value, 'Run 000');
    assert.equal(row.getCell(14).value, 0, 'schools: a number');
  });

  test('formulas are neutralised: CSV with a leading quote, XLSX as text', async () => {
    const id = await activity({ title: '=HYPERLINK("http://evil.example","Click")' });
    await sql(`INSERT INTO activity_leads (activity_id, person_id) VALUES (${id}, ${otherMhl.id})`);
    const csv = csvOf((await download(otherMhl, `/hubs/LO1/activities.csv?year=${YEAR}`)).bytes.toString('utf8').replace(/^\uFEFF/, ''));
    const row = csv.find((c) => c[0] === id);
    assert.equal(row[1], `'=HYPERLINK("http://evil.example","Click")`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(otherMhl, `/hubs/LO1/activities.xlsx?year=${YEAR}`)).bytes);
    const cells = [];
    wb.worksheets[0].eachRow((r) => cells.push(r.getCell(2)));
    const cell = cells.find((c) => String(c.value).startsWith('=HYPERLINK'));
    assert.ok(cell, 'the title is there');
    assert.equal(cell.formula, undefined);
    assert.equal(cell.type, ExcelJS.ValueType.String);
    // one's own: the LO1 lead leads it
    const own = csvOf((await download(otherMhl, '/activities.csv')).bytes.toString('utf8').replace(/^\uFEFF/, ''));
    assert.equal(own[0][7], 'Your part');
    assert.deepEqual(own.slice(1).map((c) => [c[1], c[7]]), [[`'=HYPERLINK("http://evil.example","Click")`, 'You lead it']]);
  });

  test("one's own list links its downloads; the LLME's own XLSX has what they lead", async () => {
    const r = await llme.get('/activities');
    assert.match(r.body, /href="\/activities\.csv" download>Download as CSV/);
    assert.match(r.body, /href="\/activities\.xlsx" download>Download as Excel/);
    assert.equal(tableRows(r.body, 'Your activities').length, count((a) => a.leads.includes('llme')));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(llme, '/activities.xlsx')).bytes);
    assert.equal(wb.worksheets[0].rowCount - 1, count((a) => a.leads.includes('llme')));
  });
});

describe("an NCP's runs across the hubs", () => {
  test("the national team and the NCP's team see every hub's runs; a hub's leadership is refused", async () => {
    const lo1 = await activity({ title: 'LO1 development WG', ncp: 'NCP24-09', hub: 'LO1' });
    const want = Number(await sql("SELECT count(*) FROM activities a JOIN projects p ON p.id = a.project_id WHERE p.code = 'NCP24-09'"));
    const lo1Name = await sql("SELECT name FROM hubs WHERE code = 'LO1'");
    for (const who of [analyst, projectLead]) {
      const r = await who.get('/projects/NCP24-09/activities');
      assert.equal(r.status, 200);
      assert.match(r.body, new RegExp(`${want} activities`));
      const rows = tableRows(r.body, 'Runs across the hubs');
      assert.equal(rows.length, want);
      assert.ok(rows.some((c) => titleOf(c[0]) === 'LO1 development WG' && c[1] === lo1Name));
      assert.ok(rows.some((c) => titleOf(c[0]) === 'Run 000' && c[2] === 'Ada Lead, Ben Second'));
    }
    assert.equal((await analyst.get('/projects/NCP24-09/activities?page=2')).status, 404);
    const csv = csvOf((await download(projectLead, '/projects/NCP24-09/activities.csv')).bytes.toString('utf8').replace(/^\uFEFF/, ''));
    assert.equal(csv.length - 1, want);
    assert.ok(csv.some((c) => c[0] === lo1));
    assert.ok(!csv[0].includes('Your part') && !csv[0].includes("This hub's part"));
    assert.equal((await mhl.get('/projects/NCP24-09/activities')).status, 403);
    assert.equal((await analyst.get('/projects/NCP99-99/activities')).status, 404);
  });
});

describe('continuing into the next year', () => {
  let old, urns;
  before(async () => {
    await sql(`INSERT INTO academic_years (code, starts_on, ends_on) VALUES ('2025/26', '2025-09-01', '2026-08-31') ON CONFLICT (code) DO NOTHING;
      INSERT INTO projects (code, academic_year_id, title, kind, develops_llmes)
        VALUES ('NCP25-09', (SELECT id FROM academic_years WHERE code = '2025/26'), 'Primary Teaching for Mastery Development Work Groups 2025/26', 'Work Group', 0)`);
    old = await activity({ title: 'Primary Teaching for Mastery Development Work Groups', ncp: 'NCP24-09', hub: 'LO1', year: 2024, status: 'running', format: 'blended' });
    urns = ['910001', '910002'];
    const people = [participant.id, llme2.id, analyst.id];
    await sql([
      ...urns.map((u) => `INSERT INTO schools (urn, name, status, digest, imported_at) VALUES ('${u}', 'School ${u}', 'open', 't', 0)`),
      `INSERT INTO activity_phases (activity_id, phase) VALUES (${old}, 'Primary')`,
      `INSERT INTO activity_leads (activity_id, person_id) VALUES (${old}, ${otherMhl.id})`,
      `UPDATE activities SET mhlm_link_id = ${otherMhl.id}, planned_sessions = 6 WHERE id = ${old}`,
      `INSERT INTO activity_hubs (activity_id, hub_id, role) VALUES (${old}, (SELECT id FROM hubs WHERE code = 'EE1'), 'partner')`,
      `INSERT INTO activity_schools (activity_id, urn, joined_on, added_at) VALUES (${old}, '910001', '2024-09-10', 0)`,
      `INSERT INTO activity_schools (activity_id, urn, joined_on, left_on, added_at) VALUES (${old}, '910002', '2024-09-10', '2025-01-10', 0)`,
      `INSERT INTO activity_participants (activity_id, person_id, school_urn, role, joined_on, added_at) VALUES (${old}, ${people[0]}, '910001', 'teacher', '2024-09-10', 0)`,
      `INSERT INTO activity_participants (activity_id, person_id, school_urn, role, joined_on, left_on, added_at) VALUES (${old}, ${people[1]}, '910001', 'teacher', '2024-09-10', '2024-12-01', 0)`,
      `INSERT INTO activity_participants (activity_id, person_id, school_urn, role, joined_on, added_at) VALUES (${old}, ${people[2]}, '910002', 'teacher', '2024-09-10', 0)`,
    ].join(';\n') + ';');
  });

  test('the page asks, with the checkbox ticked; only the lead hub leadership may', async () => {
    const r = await otherMhl.get(`/activities/${old}/continue`);
    assert.equal(r.status, 200);
    assert.match(r.body, /Continue it into 2025\/26/);
    assert.match(r.body, /NCP25-09: Primary Teaching for Mastery Development Work Groups 2025\/26/);
    assert.match(r.body, /name="carry" type="checkbox" value="yes" checked/);
    assert.match(r.body, /Carry over its 1 school and 1 participant who have not withdrawn/);
    assert.equal((await partnerMhl.get(`/activities/${old}/continue`)).status, 403, 'a partner sees it, but does not own it');
    assert.equal((await mhl.get(`/activities/${old}/continue`)).status, 404, 'another hub is not told it exists');
    assert.equal((await otherMhl.get(`/activities/${old}`)).body.match(/Continue it into the next year/g)?.length, 1);
  });

  test("a new activity, next year's NCP, same leads and hub; schools and people who stayed; audited; linked both ways", async () => {
    const r = await otherMhl.post(`/activities/${old}/continue`, { carry: 'yes' });
    assert.equal(r.status, 303, r.body.slice(0, 400));
    const id = /^\/activities\/(\d+)$/.exec(r.headers.location)[1];
    assert.equal(await sql(`SELECT p.code || '|' || a.title || '|' || a.first_year || '|' || a.last_year || '|' || a.continues_id || '|' || a.status
      || '|' || a.format || '|' || a.mhlm_link_id || '|' || a.planned_sessions || '|' || h.code FROM activities a JOIN projects p ON p.id = a.project_id
      JOIN hubs h ON h.id = a.lead_hub_id WHERE a.id = ${id}`),
    `NCP25-09|Primary Teaching for Mastery Development Work Groups 2025/26|2025|2025|${old}|planned|blended|${otherMhl.id}|6|LO1`);
    assert.equal(await sql(`SELECT person_id FROM activity_leads WHERE activity_id = ${id}`), otherMhl.id);
    assert.equal(await sql(`SELECT phase FROM activity_phases WHERE activity_id = ${id}`), 'Primary');
    assert.equal(await sql(`SELECT urn || '|' || joined_on FROM activity_schools WHERE activity_id = ${id}`), '910001|2025-09-01');
    assert.equal(await sql(`SELECT person_id FROM activity_participants WHERE activity_id = ${id}`), participant.id);
    assert.equal(await sql(`SELECT h.code || ':' || ah.role FROM activity_hubs ah JOIN hubs h ON h.id = ah.hub_id WHERE ah.activity_id = ${id} ORDER BY h.code`),
      'EE1:partner\nLO1:lead');
    assert.match(await sql(`SELECT detail FROM audit_log WHERE action = 'activity_continued' AND subject = 'activity:${id}'`),
      new RegExp(`continues activity:${old} into 2025/26 \\(NCP25-09\\); 1 schools and 1 participants carried over`));
    const page = await otherMhl.get(`/activities/${id}`);
    assert.match(page.body, /The activity has been continued into 2025\/26/);
    assert.match(page.body, new RegExp(`Continues[\\s\\S]*?href="/activities/${old}"`));
    assert.match((await otherMhl.get(`/activities/${old}`)).body, new RegExp(`Continued by[\\s\\S]*?href="/activities/${id}"`));
    // once only
    const again = await otherMhl.post(`/activities/${old}/continue`, { carry: 'yes' });
    assert.equal(again.status, 400);
    assert.match(again.body, /already been continued/);
    assert.equal(await sql(`SELECT count(*) FROM activities WHERE continues_id = ${old}`), '1');
  });

  test("without the box, no one is carried; without next year's NCP it keeps its own", async () => {
    const id = await activity({ title: 'Mastery Specialists', ncp: 'NCP24-01', kind: 'Programme', hub: 'LO1', year: 2024 });
    await sql(`INSERT INTO activity_schools (activity_id, urn, joined_on, added_at) VALUES (${id}, '910001', '2024-09-10', 0)`);
    const form = await otherMhl.get(`/activities/${id}/continue`);
    assert.match(form.body, /has no NCP of the same number and kind \(or is not loaded yet\), so it keeps this year&#39;s NCP, NCP24-01/);
    const r = await otherMhl.post(`/activities/${id}/continue`, {});
    assert.equal(r.status, 303);
    const next = /(\d+)$/.exec(r.headers.location)[1];
    assert.equal(await sql(`SELECT p.code || '|' || a.title || '|' || a.n_schools FROM activities a JOIN projects p ON p.id = a.project_id WHERE a.id = ${next}`),
      'NCP24-01|Mastery Specialists|0');
    const cancelled = await activity({ title: 'Gone', hub: 'LO1', kind: 'Community', status: 'planned' });
    await sql(`UPDATE activities SET status = 'cancelled', cancel_reason = 'none came' WHERE id = ${cancelled}`);
    const c = await otherMhl.post(`/activities/${cancelled}/continue`, { carry: 'yes' });
    assert.equal(c.status, 400);
    assert.match(c.body, /A cancelled activity cannot be continued/);
  });
});

describe('the API', () => {
  let doc;
  before(async () => { doc = (await getJson(srv.base, '/api/v1/openapi.json')).json; });
  const valid = (r, path, status = '200') => {
    const body = JSON.parse(r.body);
    const op = doc.paths[path].get;
    const content = op.responses[status]?.content ?? doc.components.responses.Problem.content;
    const media = r.headers['content-type'].split(';')[0];
    assert.ok(content[media], `${path} ${status} ${media}`);
    assert.deepEqual(check(doc, content[media].schema, body), [], `${path} ${status} matches its schema`);
    return body;
  };

  test('one\'s own by default, a page at a time, with one\'s part', async () => {
    let r = await llme.get('/api/v1/activities?page_size=10');
    assert.equal(r.status, 200);
    let j = valid(r, '/activities');
    assert.equal(j.hub, null);
    assert.equal(j.total, count((a) => a.leads.includes('llme')));
    assert.equal(j.activities.length, 10);
    assert.deepEqual(j.activities[0].your_part, ['lead']);
    assert.ok(j.activities[0].leads.includes('Ada Lead'), 'they lead it: its leads');
    r = await participant.get('/api/v1/activities');
    j = valid(r, '/activities');
    assert.equal(j.total, 2, 'the activity they took part in, and its continuation');
    assert.deepEqual(j.activities.map((a) => [a.first_year, a.your_part]), [[2025, ['participant']], [2024, ['participant']]]);
    assert.equal(j.activities[0].leads, null, 'a participant is not given people\'s names');
  });

  test("a hub's list with the page's filter and scoping; problems for bad parameters", async () => {
    let r = await mhl.get(`/api/v1/activities?hub=SW4&year=${YEAR}&status=running&page_size=100`);
    let j = valid(r, '/activities');
    assert.equal(j.hub, 'SW4');
    assert.equal(j.year, YEAR);
    assert.equal(j.total, count((a) => a.status === 'running'));
    assert.ok(j.activities.every((a) => a.status === 'running' && a.hub_role === 'lead' && Array.isArray(a.leads)));
    r = await llme.get(`/api/v1/activities?hub=SW4&year=${YEAR}&page=3`);
    j = valid(r, '/activities');
    assert.equal(j.activities.length, N - 100);
    assert.equal(j.activities[0].leads, null, "an LLME is not given the hub's people");
    r = await projectLead.get(`/api/v1/activities?hub=SW4&year=${YEAR}&page_size=100`);
    j = valid(r, '/activities');
    assert.equal(j.total, count((a) => a.ncp === 'NCP24-09'));
    assert.ok(j.activities.every((a) => a.ncp === 'NCP24-09'));
    for (const [who, target, status, parameter] of [
      [otherMhl, '/api/v1/activities?hub=SW4', 403],
      [mhl, '/api/v1/activities?hub=ZZ9', 404],
      [mhl, '/api/v1/activities?page=0', 400, 'page'],
      [mhl, '/api/v1/activities?page_size=500', 400, 'page_size'],
      [mhl, '/api/v1/activities?hub=SW4&kind=Bogus', 400, 'kind'],
      [mhl, '/api/v1/activities?hub=SW4&ncp=NCP99-99', 400, 'ncp'],
      [mhl, '/api/v1/activities?hub=SW4&page=x', 400, 'page'],
      [mhl, '/api/v1/activities?status=running', 400, 'status'],
    ]) {
      r = await who.get(target);
      assert.equal(r.status, status, target);
      assert.equal(r.headers['content-type'], 'application/problem+json', target);
      const p = valid(r, '/activities', String(status));
      if (parameter) assert.equal(p.errors[0].parameter, parameter, target);
    }
  });

  test('one activity: 404 unless one may know of it; names only for those who see its people; a partner sees it', async () => {
    const sw4 = ALL[0].id;
    assert.equal((await otherMhl.get(`/api/v1/activities/${sw4}`)).status, 404);
    assert.equal((await participant.get(`/api/v1/activities/${sw4}`)).status, 404);
    assert.equal((await mhl.get('/api/v1/activities/999999')).status, 404);
    let j = valid(await mhl.get(`/api/v1/activities/${sw4}`), '/activities/{id}');
    assert.deepEqual(j.leads, ['Ada Lead', 'Ben Second']);
    assert.equal(j.lead_hub.code, 'SW4');
    j = valid(await llme2.get(`/api/v1/activities/${ALL[1].id}`), '/activities/{id}');
    assert.equal(j.leads, null, 'an LLME who does not lead it sees that it exists, not its people');
    assert.deepEqual(j.counts, { schools: 0, participants: 0, sessions: 0, sessions_held: 0 });
    // a partner hub: in its list and its own page
    const shared = await activity({ title: 'Level 3 across hubs', hub: 'LO1', kind: 'Work Group' });
    await sql(`INSERT INTO activity_hubs (activity_id, hub_id, role) VALUES (${shared}, (SELECT id FROM hubs WHERE code = 'EE1'), 'partner')`);
    j = valid(await partnerMhl.get(`/api/v1/activities?hub=EE1&year=${YEAR}`), '/activities');
    assert.deepEqual(j.activities.map((a) => [a.id, a.hub_role]), [[Number(shared), 'partner']]);
    j = valid(await partnerMhl.get(`/api/v1/activities/${shared}`), '/activities/{id}');
    assert.deepEqual(j.hubs.map((h) => `${h.code}:${h.role}`), ['LO1:lead', 'EE1:partner']);
    assert.ok(Array.isArray(j.leads), "a partner hub's leadership runs it: its people");
    // a participant: their own place, no more
    const own = JSON.parse((await participant.get('/api/v1/activities')).body).activities[0];
    j = valid(await participant.get(`/api/v1/activities/${own.id}`), '/activities/{id}');
    assert.equal(j.you_take_part, true);
    assert.equal(j.counts, null);
    assert.deepEqual(j.hubs, []);
  });
});
