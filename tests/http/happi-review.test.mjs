// The HAPPI form as its users and an attacker met it in review: a progress
// update is its date and its text (either alone was "saved" as nothing,
// the text lost); a version is digits or nothing is written; a session
// that ended hours or days ago, though others have signed in since (and
// expired sessions were swept meanwhile), still has what its person typed
// kept when they press Save.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { dbQuery, errorSummary, request, roleSession, sessionFor, useServer } from './lib.mjs';

const srv = useServer();
const sql = (q) => dbQuery(srv, q);
const year = new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
let mhl, amhl, llme, ncp, outcome;

before(async () => {
  await srv.started;
  mhl = await roleSession(srv, 'mhl@review-happi.example', 'mhl', 'SW4');
  amhl = await roleSession(srv, 'amhl@review-happi.example', 'amhl', 'SW4');
  llme = await roleSession(srv, 'llme@review-happi.example', 'llme', 'SW4');
  ncp = await sql("SELECT id FROM projects WHERE code = 'NCP24-09'");
  await sql(`INSERT INTO ncp_outcomes (project_id, kind, position, text, created_at, updated_at) VALUES (${ncp}, 'pupils', 1, 'Pupils explain their reasoning', 0, 0)`);
  outcome = await sql(`SELECT id FROM ncp_outcomes WHERE project_id = ${ncp}`);
});

/** A new activity of the LLME with amhl as its link: resolves to its form's address. */
async function activity() {
  const r = await mhl.post('/activities/new?hub=SW4', { ncp, year: String(year), years: '1', format: 'online', sessions: '2',
    status: 'recruiting', leads: [llme.id], link: amhl.id });
  assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
  return `${r.headers.location}/happi`;
}

const idOf = (href) => href.split('/')[2];
const versionOf = async (href) => Number(await sql(`SELECT version FROM happi_forms WHERE activity_id = ${idOf(href)}`) || 0);
const planning = (over = {}) => ({ version: '0', schedule: 'Launch in October', [`local-${outcome}`]: 'Year 4 pupils explain',
  methods: ['visits'], methods_other: '', agreed: ['mhlm_link'], ...over });

describe('a progress update', () => {
  test('its text without a date, or a date without text: 400 saying which, the text still there, nothing saved', async () => {
    const href = await activity();
    assert.equal((await llme.post(`${href}/planning`, planning())).status, 303);
    assert.equal((await llme.post(`${href}/submit-planning`, { version: '1' })).status, 303);
    assert.equal((await amhl.post(`${href}/agree`, { version: '2' })).status, 303);
    const before = await sql(`SELECT content FROM happi_forms WHERE activity_id = ${idOf(href)}`);
    let r = await llme.post(`${href}/progress`, { version: '3', 'progress_day-day': '', 'progress_day-month': '',
      'progress_day-year': '', progress_text: 'Two sessions held; an hour writing this up' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#progress_day-day', 'Enter the date of this update']]);
    assert.match(r.body, />Two sessions held; an hour writing this up<\/textarea>/);
    assert.match(r.body, /name="version" value="3"/);
    r = await llme.post(`${href}/progress`, { version: '3', 'progress_day-day': '1', 'progress_day-month': '9',
      'progress_day-year': String(year), progress_text: '  ' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#progress_text', 'Enter what has happened since the last update']]);
    assert.equal(await versionOf(href), 3, 'no empty version');
    assert.equal(await sql(`SELECT content FROM happi_forms WHERE activity_id = ${idOf(href)}`), before);
    r = await llme.post(`${href}/progress`, { version: '3', 'progress_day-day': '1', 'progress_day-month': '9',
      'progress_day-year': String(year), progress_text: 'Two sessions held' });
    assert.equal(r.status, 303);
    assert.match(await sql(`SELECT content FROM happi_forms WHERE activity_id = ${idOf(href)}`), /"progress":\[\{"day":"\d{4}-09-01","text":"Two sessions held"\}\]/);
  });

  test('its date: not after today, nor before the August its academic year begins in (400 on the date, nothing saved)', async () => {
    const href = await activity();
    assert.equal((await llme.post(`${href}/planning`, planning())).status, 303);
    assert.equal((await llme.post(`${href}/submit-planning`, { version: '1' })).status, 303);
    assert.equal((await amhl.post(`${href}/agree`, { version: '2' })).status, 303);
    const before = await sql(`SELECT content FROM happi_forms WHERE activity_id = ${idOf(href)}`);
    const later = new Date(Date.now() + 2 * 86400000); // after London's today whatever the hour
    for (const [d, m, y, message] of [
      ['3', '11', '2066', 'The date of this update must be today or in the past'],
      [String(later.getUTCDate()), String(later.getUTCMonth() + 1), String(later.getUTCFullYear()), 'The date of this update must be today or in the past'],
      ['31', '7', String(year), `The date of this update must be in this form's academic year, from`],
    ]) {
      const r = await llme.post(`${href}/progress`, { version: '3', 'progress_day-day': d, 'progress_day-month': m,
        'progress_day-year': y, progress_text: 'Two sessions held' });
      assert.equal(r.status, 400, `${d}/${m}/${y}`);
      const [[anchor, text]] = errorSummary(r.body);
      assert.equal(anchor, '#progress_day-day');
      assert.ok(text.startsWith(message), text);
    }
    assert.equal(await versionOf(href), 3);
    assert.equal(await sql(`SELECT content FROM happi_forms WHERE activity_id = ${idOf(href)}`), before);
  });
});

describe('the version a form began from', () => {
  test('digits only: empty, signed, spaced or written otherwise writes nothing (409), even on a form not started', async () => {
    const href = await activity();
    for (const version of ['', ' 0', '+0', '0 ', '-0', '0x0', '0e0', '99999999999999999999']) {
      const r = await llme.post(`${href}/planning`, planning({ version }));
      assert.equal(r.status, 409, `version ${JSON.stringify(version)}`);
      assert.equal(await versionOf(href), 0, `version ${JSON.stringify(version)}: nothing written`);
    }
    assert.equal((await llme.post(`${href}/planning`, planning({ version: '0' }))).status, 303);
    for (const version of ['', '+1', ' 1', '1.0'])
      assert.equal((await llme.post(`${href}/submit-planning`, { version })).status, 409, `step on ${JSON.stringify(version)}`);
    assert.equal(await sql(`SELECT status FROM happi_forms WHERE activity_id = ${idOf(href)}`), 'draft');
  });
});

describe('a save long after the session ended', () => {
  test('others signing in meanwhile (expired sessions swept) do not lose it: kept, for a week after', async () => {
    const href = await activity();
    const page = `${href}/planning`;
    const now = Math.floor(Date.now() / 1000);
    // written on Tuesday evening, saved on Wednesday morning: fourteen hours on
    const evening = await sessionFor(srv, llme.id, { at: now - 14 * 3600 });
    // someone else's session that ended more than a week ago, and an anonymous one of yesterday: swept
    const gone = await sessionFor(srv, mhl.id, { at: now - 9 * 86400 });
    await sql(`INSERT INTO sessions (token_hash, person_id, stage, csrf_token, created_at, last_seen_at)
               VALUES ('${'ab'.repeat(32)}', NULL, 'anonymous', 'x', ${now - 86400}, ${now - 86400})`);
    // meanwhile many people open the sign-in page (each a new session, which now and then sweeps the ended)
    for (let i = 0; i < 800; i += 40)
      await Promise.all(Array.from({ length: 40 }, () => request(srv.base, '/sign-in')));
    assert.equal(await sql(`SELECT count(*) FROM sessions WHERE token_hash = '${'ab'.repeat(32)}'`), '0', 'ended anonymous sessions are swept');
    assert.equal(await sql(`SELECT count(*) FROM sessions WHERE person_id = ${mhl.id} AND created_at = ${now - 9 * 86400}`), '0',
      'a signed-in session ended over a week ago is swept');
    const r = await evening.post(page, planning({ schedule: 'An evening of careful planning' }));
    assert.equal(r.status, 401);
    assert.match(r.body, /We have kept what you typed/);
    const back = await llme.get(page);
    assert.match(back.body, />An evening of careful planning<\/textarea>/);
    assert.equal(gone.id, mhl.id);
  });
});

describe('the national view', () => {
  test('a Project Lead of two NCPs counts both (not whichever grant came first), and no other NCP', async () => {
    const codes = ['NCP24-10', 'NCP24-11', 'NCP24-12'];
    const ids = [];
    for (const code of codes) {
      ids.push(await sql(`SELECT id FROM projects WHERE code = '${code}'`));
      const r = await mhl.post('/activities/new?hub=SW4', { ncp: ids.at(-1), year: String(year), years: '1', format: 'online',
        sessions: '2', status: 'recruiting', leads: [llme.id], link: amhl.id });
      assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
    }
    const pl = await roleSession(srv, 'pl@review-happi.example', 'project_lead');
    await sql(`UPDATE role_grants SET project_id = ${ids[0]} WHERE person_id = ${pl.id}`);
    await sql(`INSERT INTO role_grants (person_id, role, project_id, granted_at) VALUES (${pl.id}, 'project_lead', ${ids[1]}, 0)`);
    const page = await pl.get(`/happi/national?year=${year}`);
    assert.equal(page.status, 200);
    const byNcp = page.body.slice(0, page.body.indexOf('By hub'));
    assert.match(byNcp, />NCP24-10</);
    assert.match(byNcp, />NCP24-11</);
    assert.doesNotMatch(byNcp, /NCP24-12|NCP24-09/);
    assert.match(page.body.slice(page.body.indexOf('By hub')), /<th scope="row" class="govuk-table__header">[^<]*<\/th><td class="govuk-table__cell govuk-table__cell--numeric">2</,
      'the hub leads two of their NCPs\' activities');
  });
});

describe("a hub's forms", () => {
  test('activities of one title told apart by who leads them; status before the rest; how many are late said', async () => {
    const llme2 = await roleSession(srv, 'llme2@review-happi.example', 'llme', 'SW4');
    await sql(`UPDATE people SET name = 'Rowan Price' WHERE id = ${llme2.id}`);
    await sql(`UPDATE people SET name = 'Lena Mills' WHERE id = ${llme.id}`);
    for (const lead of [llme, llme2]) {
      const r = await mhl.post('/activities/new?hub=SW4', { ncp, title: 'Year 5 fractions Work Group', year: String(year), years: '1',
        format: 'online', sessions: '2', status: 'recruiting', leads: [lead.id], link: amhl.id });
      assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
    }
    await sql(`INSERT INTO happi_due (year, planning_due, final_due, set_by, set_at) VALUES (${year}, '${year}-09-01', '${year + 1}-07-15', ${mhl.id}, 0)`);
    const page = await mhl.get(`/hubs/SW4/happi?year=${year}`);
    assert.equal(page.status, 200);
    const heads = [...page.body.matchAll(/<th scope="col" class="govuk-table__header[^"]*">([^<]*)<\/th>/g)].map((m) => m[1]);
    assert.deepEqual(heads, ['Activity', 'Status', 'Led by', 'NCP'], 'the status second (seen on a phone); no hub column on a hub\'s own page');
    const rows = [...page.body.matchAll(/Year 5 fractions Work Group<\/a><\/th>([\s\S]*?)<\/tr>/g)].map((m) => m[1]);
    assert.equal(rows.length, 2);
    assert.match(rows[0] + rows[1], /<td class="govuk-table__cell">Lena Mills<\/td>[\s\S]*<td class="govuk-table__cell">Rowan Price<\/td>|Rowan Price[\s\S]*Lena Mills/);
    const late = (page.body.match(/>(Planning|Final form) overdue</g) || []).length;
    const today = new Date().toISOString().slice(0, 10);
    if (today > `${year}-09-01`) {
      assert.ok(late > 0, 'forms not started are late once planning was due');
      assert.match(page.body, new RegExp(`>${late} late against the due dates\\.<`));
    } else {
      assert.match(page.body, />None is late\.</);
    }
  });
});
