// The school search, a school's page, a trust's page, Find your Maths Hub,
// a hub's schools (with their CSV and XLSX downloads) and /api/v1/schools,
// on real GIAS rows (tests/lib/schools.mjs). What each must show is worked
// out from the fixture (expectSearch, expectOrder, hubOf), never read back
// from the server. Runs on SQLite and on PostgreSQL.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { before, describe, test } from 'node:test';

import ExcelJS from 'exceljs';

import {
  PASSWORD, QUERIES, dbQuery, emailCodePerson, esc, expectOrder, fixture, get, getJson, hubOf, hubSchools, mediaType,
  parseCsv, plain, school, seedSchools, signInByEmail, useServer,
} from './lib.mjs';

const srv = useServer();
before(async () => { await srv.started; await seedSchools(srv); });

/** Every school the API finds for query, in order, reading all its pages. */
async function apiAll(query) {
  const out = [];
  for (let page = 1; ; page++) {
    const r = await getJson(srv.base, `/api/v1/schools?page_size=50&page=${page}&query=${encodeURIComponent(query)}`);
    assert.equal(r.status, 200, `${query}: ${r.body.slice(0, 200)}`);
    out.push(...r.json.schools);
    if (out.length >= r.json.total || !r.json.schools.length) {
      assert.equal(out.length, r.json.total, `${query}: total`);
      return out;
    }
  }
}

/** URNs of the results listed on a search page (their links, in order). */
const listed = (html) => [...html.matchAll(/<li class="mh-result"><h2[^>]*><a class="govuk-link" href="\/schools\/(\d+)"/g)].map((m) => m[1]);

describe('the search', () => {
  test('finds exactly the schools every word of the query starts a word of, in the documented order', async () => {
    for (const query of QUERIES) {
      const got = (await apiAll(query)).map((s) => s.urn);
      assert.deepEqual(got, expectOrder(query), `query ${JSON.stringify(query)}`);
    }
    assert.ok(expectOrder('st marys').length >= 10, 'the fixture has many St Mary\'s');
  });

  test('by part of a name, a postcode with or without its space, its first part, a URN, accents or none', async () => {
    const first = async (q) => (await apiAll(q))[0]?.urn;
    assert.equal(await first('aldg sch'), '100000');
    assert.equal(await first('EC3A 5DE'), '100000');
    assert.equal(await first('ec3a5de'), '100000');
    assert.equal(await first('EC3A'), '100000');
    assert.equal(await first('116485'), '116485'); // closed, but the URN typed exactly
    assert.equal(await first('francaise'), '100371');
    assert.equal(await first('Française'), '100371');
    assert.equal(await first('awel y môr'), '402323');
    // the postcode typed exactly comes first, before names that start with the words
    const gu = school(hubSchools('SE2').find((s) => s.postcode.startsWith('GU14'))?.urn || '100000');
    assert.equal(await first(gu.postcode), expectOrder(gu.postcode)[0]);
  });

  test('each result: URN, name, phase, type, status, place, local authority, hub and its page', async () => {
    const [s] = await apiAll('116485');
    const f = school('116485');
    assert.deepEqual(s, {
      urn: '116485', name: f.name, phase: f.phase, type: f.type, status: 'closed', town: f.town, postcode: f.postcode,
      la_code: '850', la_name: 'Hampshire', hub_code: 'SE3', hub_demo: true, url: '/schools/116485',
    });
  });

  test('/schools: the form without JavaScript, results with paging, the picker\'s choice goes to the school', async () => {
    let r = await get(srv.base, '/schools');
    assert.equal(r.status, 200);
    assert.match(r.body, /<input class="govuk-input" id="q" name="q" type="search"[^>]*data-school-search="submit"/);
    r = await get(srv.base, '/schools?q=st+marys');
    assert.equal(r.status, 200);
    const all = expectOrder('st marys');
    assert.match(r.body, new RegExp(`${all.length} schools found`));
    assert.deepEqual(listed(r.body), all.slice(0, 20));
    const pages = Math.ceil(all.length / 20);
    if (pages > 1) {
      r = await get(srv.base, '/schools?q=st+marys&page=2');
      assert.deepEqual(listed(r.body), all.slice(20, 40));
    }
    r = await get(srv.base, `/schools?q=st+marys&page=${pages + 1}`);
    assert.equal(r.status, 404);
    r = await get(srv.base, '/schools?q=' + encodeURIComponent('The Aldgate School (URN 100000), London EC3A 5DE'));
    assert.equal(r.status, 302);
    assert.equal(r.headers.location, '/schools/100000');
    r = await get(srv.base, '/schools?q=x+y+z');
    assert.equal(r.status, 200);
    assert.match(r.body, /No schools found/);
  });

  test('/schools: what cannot be searched is a 400 with the GOV.UK error summary', async () => {
    for (const [q, message] of [
      ['', "Enter a school&#39;s name, URN, postcode or town"],
      ['!!!', "Enter a school&#39;s name, URN, postcode or town"],
      ['a'.repeat(201), 'Search must be 200 characters or less'],
    ]) {
      const r = await get(srv.base, `/schools?q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 400, q);
      assert.match(r.body, /govuk-error-summary/);
      assert.ok(r.body.includes(`<a href="#q">${message}</a>`), `${q}: ${message}`);
      assert.match(r.body, /<title>Error: /);
    }
    const r = await get(srv.base, '/schools?q=aldg&page=0');
    assert.equal(r.status, 400);
  });
});

describe('a school, its history and its trust', () => {
  test('a closed school says so, names its successor and the school open today', async () => {
    const r = await get(srv.base, '/schools/115895');
    assert.equal(r.status, 200);
    assert.match(r.body, /This school closed on 31 August 2006 \(Result of Amalgamation\/Merger\)/);
    assert.match(r.body, /Its successor is <a class="govuk-link" href="\/schools\/116485">Blackfield Primary School<\/a> \(URN 116485\)/);
    assert.match(r.body, /The school open today in its place is <a class="govuk-link" href="\/schools\/141474">/);
    assert.match(r.body, /<h1 class="govuk-heading-xl">Blackfield Infant School<\/h1>/);
  });

  test('predecessors and successors followed through every link, each once, nearest first', async () => {
    const r = await get(srv.base, '/schools/141474');
    const history = r.body.slice(r.body.indexOf('>History<'));
    const pre = history.slice(history.indexOf('Predecessors'), history.indexOf('Successors'));
    const urns = [...pre.matchAll(/\(URN (\d+)\)/g)].map((m) => m[1]);
    assert.deepEqual(urns.slice(0, 1), ['116485']);
    assert.ok(urns.includes('115895'), 'the predecessor of its predecessor');
    assert.equal(new Set(urns).size, urns.length, 'each once');
    const api = await getJson(srv.base, '/api/v1/schools/141474');
    assert.deepEqual(api.json.predecessor_urns, ['116485']);
    assert.equal(api.json.successor_urn, null);
  });

  test('a chain that loops back ends where it started', async () => {
    // a real pair of links, then one written back the other way round: 116485 -> 141474 -> 116485
    await dbQuery(srv, "INSERT INTO school_links (urn, link_urn, link_name, link_type) VALUES ('141474', '115895', 'Blackfield Infant School', 'Successor')");
    try {
      const r = await getJson(srv.base, '/api/v1/schools/115895');
      assert.equal(r.status, 200);
      const page = await get(srv.base, '/schools/115895');
      assert.equal(page.status, 200);
      const succ = page.body.slice(page.body.indexOf('<h3 class="govuk-heading-s">Successors'));
      const urns = [...succ.matchAll(/\(URN (\d+)\)/g)].map((m) => m[1]);
      assert.deepEqual(urns, ['116485', '141474']);
    } finally {
      await dbQuery(srv, "DELETE FROM school_links WHERE urn = '141474' AND link_urn = '115895'");
    }
  });

  test('the GIAS details: phase, type, local authority, trust, status with dates, address, hub', async () => {
    const f = fixture().schools.find((s) => s.trust && s.status === 'open' && s.website);
    const r = await get(srv.base, `/schools/${f.urn}`);
    for (const text of [f.phase, f.type, `${f.la_name} (${f.la_code})`, f.street, f.postcode, 'Open'])
      assert.ok(r.body.includes(esc(text)), `${f.urn} shows ${text}`);
    const trust = fixture().trusts.find((t) => t.name === f.trust);
    assert.ok(r.body.includes(`<a class="govuk-link" href="/trusts/${trust.id}">${esc(f.trust)}</a>`));
    const hub = hubOf(f.urn);
    assert.ok(r.body.includes(`href="/hubs/${hub.code}"`));
    assert.match(r.body, /demo assignment, not official/);
    assert.doesNotMatch(r.body, /Change this school/);
  });

  test('a school with its own exception shows that hub, official', async () => {
    const o = fixture().overrides[0];
    const r = await get(srv.base, `/schools/${o.urn}`);
    assert.ok(r.body.includes(`href="/hubs/${o.hub}"`));
    assert.match(r.body, /Assigned to this hub individually/);
    const api = await getJson(srv.base, `/api/v1/schools/${o.urn}`);
    assert.equal(api.json.hub_code, o.hub);
    assert.equal(api.json.hub_demo, false);
  });

  test('unknown or malformed: 404 pages and problem documents', async () => {
    let r = await get(srv.base, '/schools/999999');
    assert.equal(r.status, 404);
    assert.match(r.body, /There is no school with the URN 999999/);
    for (const t of ['/trusts/999999', '/trusts/abc', '/trusts/0']) assert.equal((await get(srv.base, t)).status, 404, t);
    for (const urn of ['999999', '1000000']) { // a URN has 6 or 7 digits, as the import takes them
      r = await getJson(srv.base, `/api/v1/schools/${urn}`);
      assert.equal(r.status, 404, urn);
      assert.equal(mediaType(r), 'application/problem+json');
    }
    for (const t of ['/api/v1/schools/abc', '/api/v1/schools/10000000', '/api/v1/schools/012345', '/api/v1/schools',
      '/api/v1/schools?query=', '/api/v1/schools?query=%21%21', '/api/v1/schools?query=aldg&page=0',
      '/api/v1/schools?query=aldg&page_size=51', `/api/v1/schools?query=${'a'.repeat(201)}`]) {
      r = await getJson(srv.base, t);
      assert.equal(r.status, 400, t);
      assert.equal(mediaType(r), 'application/problem+json', t);
      assert.equal(r.json.status, 400);
      assert.ok(r.json.errors[0].parameter, t);
    }
  });

  test("a trust's page lists every school of the trust, open first", async () => {
    const counts = new Map();
    for (const s of fixture().schools) if (s.trust) counts.set(s.trust, (counts.get(s.trust) || 0) + 1);
    const [name] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    const trust = fixture().trusts.find((t) => t.name === name);
    const r = await get(srv.base, `/trusts/${trust.id}`);
    assert.equal(r.status, 200);
    const want = fixture().schools.filter((s) => s.trust === name);
    const urns = [...r.body.matchAll(/<th scope="row" class="govuk-table__header"><a class="govuk-link" href="\/schools\/(\d+)"/g)].map((m) => m[1]);
    assert.deepEqual([...urns].sort(), want.map((s) => s.urn).sort());
    assert.ok(want.length >= 10, `${name} has several schools`);
    assert.ok(r.body.includes(`<h1 class="govuk-heading-xl">${esc(name)}</h1>`));
  });
});

describe('Find your Maths Hub', () => {
  test('a postcode gives one school and its hub, with the demo assignment said', async () => {
    const r = await get(srv.base, '/find-your-hub?q=EC3A+5DE');
    assert.equal(r.status, 200);
    assert.match(r.body, /Your Maths Hub is<\/h2>\n<p class="govuk-heading-l mh-answer__hub">London Central and NW Maths Hub<\/p>/);
    assert.match(r.body, /href="\/hubs\/LO2"/);
    assert.match(r.body, /This is an example: the real list of which hub covers which area has not been loaded/);
  });

  test('a name that fits several schools lists them, each with its hub', async () => {
    const r = await get(srv.base, '/find-your-hub?q=st+marys');
    const urns = listed(r.body);
    assert.deepEqual(urns, expectOrder('st marys').slice(0, 10));
    for (const u of urns) assert.ok(r.body.includes(`href="/hubs/${hubOf(u).code}"`), u);
  });

  /** The answer box as it reads: its text, a warning's icon dropped. */
  const answer = (html) => plain(html.slice(html.indexOf('<div class="mh-answer"'), html.indexOf('</main>')))
    .replace(/ ! Warning /g, ' Warning: ').replace(/ ,/g, ',');

  test('a demo assignment says, in the answer, that it is an example', async () => {
    const r = await get(srv.base, '/find-your-hub?q=EC3A+5DE');
    assert.match(answer(r.body), /^Your Maths Hub is London Central and NW Maths Hub for The Aldgate School, London EC3A 5DE Warning: This is an example: the real list of which hub covers which area has not been loaded\./);
    const list = await get(srv.base, '/find-your-hub?q=st+marys');
    assert.match(plain(list.body), /Warning Hubs marked “demo assignment, not official” are examples: the real list of which hub covers which area has not been loaded\./);
  });

  test('a closed school names the school that replaced it, and that school\'s hub', async () => {
    const now = school('147427');
    for (const q of ['125000', 'Knaphill School (URN 125000), Woking GU21 2QH, closed']) {
      const r = await get(srv.base, `/find-your-hub?q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200);
      assert.equal(answer(r.body), 'Knaphill School closed on 30 June 2020 It was replaced by Knaphill School (URN 147427), ' +
        `${now.town} ${now.postcode}, in the area of North East Hants and Surrey Maths Hub Warning: This is an example: ` +
        'the real list of which hub covers which area has not been loaded. Check with the hub before you rely on it. ' +
        'Go to North East Hants and Surrey Maths Hub', q);
      assert.equal(hubOf('147427').code, 'SE2');
      assert.match(r.body, /It was replaced by <a class="govuk-link" href="\/schools\/147427">Knaphill School<\/a>/);
      assert.match(r.body, /href="\/hubs\/SE2"/);
    }
  });

  test('through a chain: the school it was replaced by, closed too, and the school open in its place today', async () => {
    const r = await get(srv.base, '/find-your-hub?q=115895');
    const today = school('141474');
    assert.equal(answer(r.body), 'Blackfield Infant School closed on 31 August 2006 It was replaced by Blackfield Primary School ' +
      `(URN 116485), which has closed too. The school open in its place today is Blackfield Primary School (URN 141474), ${today.town} ` +
      `${today.postcode}, in the area of Solent Maths Hub Warning: This is an example: the real list of which hub covers which area ` +
      'has not been loaded. Check with the hub before you rely on it. Go to Solent Maths Hub');
  });

  test('a closed school GIAS records no successor for: the hub of the area it was in', async () => {
    const { links } = fixture();
    const lone = fixture().schools.find((s) => s.status === 'closed' && s.la_code === '936' &&
      !links.some((l) => (l.urn === s.urn && l.link_type.startsWith('Successor')) || (l.link_urn === s.urn && l.link_type.startsWith('Predecessor'))) &&
      fixture().schools.filter((x) => x.name === s.name).length === 1);
    const r = await get(srv.base, `/find-your-hub?q=${lone.urn}`);
    assert.match(answer(r.body), new RegExp(`closed on .* GIAS records no school that replaced it\\. It was in the area of North East Hants and Surrey Maths Hub`));
  });

  test('a school outside England is told that Maths Hubs serve schools in England', async () => {
    const r = await get(srv.base, '/find-your-hub?q=402323');
    assert.equal(r.status, 200);
    assert.equal(answer(r.body), 'This school is not in England Awel Y Môr Primary School, Port Talbot SA12 6TP is in Neath Port Talbot, ' +
      "outside England. Maths Hubs serve schools in England, so it is in no Maths Hub's area.");
    assert.doesNotMatch(r.body, /not yet assigned/);
    const list = await get(srv.base, '/schools?q=awel');
    assert.match(plain(list.body), /Awel Y Môr Primary School URN 402323 &middot; Port Talbot, SA12 6TP Maths Hub: None: Maths Hubs serve schools in England/);
    const page = await get(srv.base, '/schools/402424');
    assert.match(plain(page.body), /Maths Hub None: Maths Hubs serve schools in England/);
  });

  test('a school whose area has no hub says so; nothing typed asks again', async () => {
    let r = await get(srv.base, '/find-your-hub?q=100371');
    assert.match(r.body, /No Maths Hub recorded yet/);
    r = await get(srv.base, '/find-your-hub?q=');
    assert.equal(r.status, 400);
    r = await get(srv.base, '/find-your-hub');
    assert.equal(r.status, 200);
    assert.match(r.body, /Find your Maths Hub/);
  });
});

describe("a hub's schools", () => {
  const code = 'SE3';
  const mine = () => hubSchools(code);
  const count = (list, key) => {
    const m = new Map();
    for (const s of list) m.set(s[key], (m.get(s[key]) || 0) + 1);
    return m;
  };
  /** The rows of a counts table (caption) on the page: Map value -> count. */
  const table = (html, caption) => {
    const t = html.slice(html.indexOf(`>${caption}</caption>`));
    const body = t.slice(0, t.indexOf('</table>'));
    return new Map([...body.matchAll(/<td class="govuk-table__cell">([^<]*)<\/td><td class="govuk-table__cell govuk-table__cell--numeric">(\d+)<\/td>/g)]
      .map((m) => [m[1], Number(m[2])]));
  };

  const isOpen = (s) => s.status === 'open' || s.status === 'open_proposed_to_close';
  const unesc = (m) => new Map([...m].map(([k, v]) => [k.replace(/&amp;/g, '&').replace(/&#39;/g, "'"), v]));
  const heading = (html) => plain(/<h2 class="govuk-heading-m" id="result-count">([\s\S]*?)<\/h2>/.exec(html)[1]);
  const urnsOf = (html) => [...html.matchAll(/<th scope="row" class="govuk-table__header"><a class="govuk-link" href="\/schools\/(\d+)"/g)].map((m) => m[1]);

  test('open schools (and those proposed to close) unless the status filter asks: the counts say what they count', async () => {
    const open = mine().filter(isOpen);
    const closed = mine().filter((s) => s.status === 'closed');
    assert.ok(open.length && closed.length && open.length < mine().length, 'the fixture has both');
    let r = await get(srv.base, `/hubs/${code}/schools`);
    assert.equal(r.status, 200);
    assert.equal(heading(r.body), `${open.length} open schools`);
    assert.match(plain(r.body), new RegExp(`Not counted: ${closed.length} closed schools\\. To see them, choose their status in the filter\\.`));
    assert.deepEqual(unesc(table(r.body, 'By phase')), count(open, 'phase'));
    assert.deepEqual(unesc(table(r.body, 'By type')), count(open, 'type'));
    assert.deepEqual(unesc(table(r.body, 'By type group')), count(open, 'type_group'));
    assert.ok(urnsOf(r.body).every((u) => isOpen(school(u))), 'no closed school listed');
    // the filter offers each status with its count; the phases with those of the open schools
    assert.match(r.body, new RegExp(`<option value="" selected>Open \\(${open.length}\\)</option>`));
    assert.match(r.body, new RegExp(`<option value="closed">Closed \\(${closed.length}\\)</option>`));
    assert.match(r.body, new RegExp(`<option value="all">Any status, closed too \\(${mine().length}\\)</option>`));
    assert.match(r.body, new RegExp(`<option value="Primary">Primary \\(${open.filter((s) => s.phase === 'Primary').length}\\)</option>`));
    r = await get(srv.base, `/hubs/${code}/schools?status=all`);
    assert.equal(heading(r.body), `${mine().length} schools, open and closed`);
    assert.doesNotMatch(plain(r.body), /Not counted/);
    r = await get(srv.base, `/hubs/${code}/schools?status=closed`);
    assert.equal(heading(r.body), `${closed.length} closed schools`);
  });

  test('independent schools and GIAS\'s "Not applicable" phase are counted apart, and a type group filters them out', async () => {
    const lo2 = hubSchools('LO2').filter(isOpen);
    const independent = lo2.filter((s) => s.type_group === 'Independent schools');
    const noPhase = lo2.filter((s) => s.phase === 'Not applicable');
    assert.ok(independent.length && noPhase.length > independent.length, 'the City of London and Camden rows have both');
    let r = await get(srv.base, '/hubs/LO2/schools');
    assert.equal(heading(r.body), `${lo2.length} open schools`);
    assert.match(plain(r.body), new RegExp(`Of these, ${independent.length} are independent schools\\. ${noPhase.length} have no phase of ` +
      'education in GIAS \\(“Not applicable”\\): most independent schools, pupil referral units and some special schools\\.'));
    assert.deepEqual(unesc(table(r.body, 'By type group')), count(lo2, 'type_group'));
    assert.ok(table(r.body, 'By phase').has('No phase (GIAS: Not applicable)'));
    const state = lo2.filter((s) => s.type_group === 'Local authority maintained schools');
    r = await get(srv.base, '/hubs/LO2/schools?group=Local+authority+maintained+schools');
    assert.equal(heading(r.body), `${state.length} of ${lo2.length} open schools`);
    assert.deepEqual(urnsOf(r.body).sort(), state.map((s) => s.urn).sort());
    assert.doesNotMatch(plain(r.body), /independent schools\./);
  });

  test('counts by phase and by type, filtered, paged by 50, sorted by name', async () => {
    let r = await get(srv.base, `/hubs/${code}/schools?status=all`);
    assert.equal(r.status, 200);
    assert.deepEqual(unesc(table(r.body, 'By phase')), count(mine(), 'phase'));
    assert.deepEqual(unesc(table(r.body, 'By type')), count(mine(), 'type'));
    const closed = mine().filter((s) => s.status === 'closed');
    r = await get(srv.base, `/hubs/${code}/schools?status=closed&phase=Primary`);
    const want = closed.filter((s) => s.phase === 'Primary');
    assert.equal(heading(r.body), want.length === closed.length ? `${want.length} closed schools` : `${want.length} of ${closed.length} closed schools`);
    assert.deepEqual(unesc(table(r.body, 'By phase')), count(want, 'phase'));
    const rows = [...r.body.matchAll(/<th scope="row" class="govuk-table__header"><a class="govuk-link" href="\/schools\/(\d+)"/g)].map((m) => m[1]);
    assert.equal(rows.length, Math.min(50, want.length));
    r = await get(srv.base, `/hubs/${code}/schools?status=closed&phase=Primary&page=2`);
    const rows2 = [...r.body.matchAll(/<th scope="row" class="govuk-table__header"><a class="govuk-link" href="\/schools\/(\d+)"/g)].map((m) => m[1]);
    assert.equal(rows2.length, Math.min(50, want.length - 50));
    assert.equal(new Set([...rows, ...rows2]).size, rows.length + rows2.length, 'no school on two pages');
  });

  test('a filter with its counts and every page: each school of the filter once, by name then URN; one given to the hub by exception is its', async () => {
    const bytes = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)); // SQLite's order, and PostgreSQL's in a C locale
    const byName = (a, b) => bytes(a.name, b.name) || bytes(a.urn, b.urn);
    const given = fixture().overrides[0]; // a Hampshire (SE3) school given to SE2
    assert.equal(hubOf(given.urn).code, 'SE2');
    const cases = [
      ['SE3', 'status=all', () => true],
      ['SE3', 'status=all&phase=Primary', (s) => s.phase === 'Primary'],
      ['SE3', 'status=closed&group=Local+authority+maintained+schools',
        (s) => s.status === 'closed' && s.type_group === 'Local authority maintained schools'],
      ['SE2', 'la=850', (s) => isOpen(s) && s.la_code === '850'],
      ['SE2', 'status=all&la=936', (s) => s.la_code === '936'],
    ];
    let paged = 0;
    for (const [hub, q, keep] of cases) {
      const want = hubSchools(hub).filter(keep).sort(byName);
      const listed = [];
      let r;
      for (let page = 1; page === 1 || listed.length < want.length; page++) {
        r = await get(srv.base, `/hubs/${hub}/schools?${q}&page=${page}`);
        assert.equal(r.status, 200, `${hub} ${q} page ${page}`);
        const urns = urnsOf(r.body);
        assert.ok(urns.length, `${hub} ${q} page ${page}: a page of schools`);
        listed.push(...urns);
        if (page > 1) paged++;
      }
      assert.deepEqual(listed, want.map((s) => s.urn), `${hub} ${q}`);
      // the counts are of the same schools, most first, then by value
      const expected = (key) => [...count(want, key)].sort((a, b) => b[1] - a[1] || bytes(a[0], b[0]));
      assert.deepEqual([...unesc(table(r.body, 'By type'))], expected('type'), `${hub} ${q}: by type`);
      assert.deepEqual([...unesc(table(r.body, 'By type group'))], expected('type_group'), `${hub} ${q}: by type group`);
    }
    assert.ok(paged >= 3, 'several filters take more than one page');
    assert.ok(!hubSchools('SE3').some((s) => s.urn === given.urn));

    // what the filters offer: every value the hub's schools have, by its
    // name, each with how many of the status chosen have it
    const options = (html, id) => {
      const select = html.slice(html.indexOf(`<select class="govuk-select" id="${id}"`));
      return [...select.slice(0, select.indexOf('</select>')).matchAll(/<option value="([^"]+)"[^>]*>([^<]*) \((\d+)\)<\/option>/g)]
        .map((m) => [m[1], m[2].replace(/&amp;/g, '&').replace(/&#39;/g, "'"), Number(m[3])]);
    };
    const se2 = hubSchools('SE2');
    const offered = (key, label) => {
      const v = new Map();
      for (const s of se2) if (s[key]) v.set(s[key], [label(s), (v.get(s[key])?.[1] || 0) + (isOpen(s) ? 1 : 0)]);
      return [...v].map(([value, [name, n]]) => [value, name, n]).sort((a, b) => bytes(a[1], b[1]) || bytes(a[0], b[0]));
    };
    const r = await get(srv.base, '/hubs/SE2/schools');
    assert.deepEqual(options(r.body, 'la'), offered('la_code', (s) => s.la_name));
    assert.deepEqual(options(r.body, 'la').map((o) => o[0]), ['850', '936'], 'Hampshire, for the school given by exception, then Surrey');
    assert.deepEqual(options(r.body, 'phase'), offered('phase', (s) => s.phase));
    assert.deepEqual(options(r.body, 'type'), offered('type', (s) => s.type));
    assert.deepEqual(options(r.body, 'group'), offered('type_group', (s) => s.type_group));
  });

  test('a filter value the hub does not have is a 400 with the error summary', async () => {
    for (const [q, field] of [['phase=Tertiary', 'phase'], ['status=shut', 'status'], ['la=936', 'la'], ['type=Castle', 'type'],
      ['group=Castles', 'group']]) {
      const r = await get(srv.base, `/hubs/${code}/schools?${q}`);
      assert.equal(r.status, 400, q);
      assert.match(r.body, new RegExp(`<a href="#${field}">`), q);
    }
    assert.equal((await get(srv.base, '/hubs/ZZ9/schools')).status, 404);
    assert.equal((await get(srv.base, '/hubs/ZZ9/schools.csv')).status, 404);
    assert.equal((await get(srv.base, `/hubs/${code}/schools.xlsx?phase=Tertiary`)).status, 400);
  });

  const HEADS = ['URN', 'Name', 'Phase', 'Type group', 'Type', 'Status', 'Local authority code', 'Local authority', 'Trust', 'Town',
    'Postcode', 'Opened', 'Closed', 'Maths Hub', 'Hub assignment'];
  const LABEL = { open: 'Open', closed: 'Closed', open_proposed_to_close: 'Open, but proposed to close', proposed_to_open: 'Proposed to open' };
  const expectRow = (s) => [s.urn, s.name, s.phase, s.type_group, s.type, LABEL[s.status], s.la_code, s.la_name, s.trust, s.town,
    s.postcode, s.open_date || '', s.close_date || '', code, hubOf(s.urn).demo ? 'demo assignment, not official' : 'by its local authority'];

  test('CSV: every school the filter keeps, one row each, as GIAS has it; the open ones unless asked', async () => {
    const byUrn = (a, b) => a[0].localeCompare(b[0]);
    const open = await get(srv.base, `/hubs/${code}/schools.csv`);
    assert.deepEqual(parseCsv(open.body.replace(/^\uFEFF/, '')).map((x) => Object.values(x)).sort(byUrn), mine().filter(isOpen).map(expectRow).sort(byUrn));
    const every = await get(srv.base, `/hubs/${code}/schools.csv?status=all`);
    assert.equal(parseCsv(every.body.replace(/^\uFEFF/, '')).length, mine().length);
    const r = await get(srv.base, `/hubs/${code}/schools.csv?status=open`);
    assert.equal(r.status, 200);
    assert.equal(mediaType(r), 'text/csv');
    assert.match(r.headers['content-disposition'], /attachment; filename="SE3-schools.csv"/);
    const rows = parseCsv(r.body.replace(/^\uFEFF/, ''));
    assert.deepEqual(Object.keys(rows[0]), HEADS);
    const want = mine().filter((s) => s.status === 'open');
    assert.deepEqual(rows.map((x) => Object.values(x)).sort((a, b) => a[0].localeCompare(b[0])),
      want.map(expectRow).sort((a, b) => a[0].localeCompare(b[0])));
  });

  test('XLSX: a real workbook with the same rows, read by a spreadsheet library; dates as dates, codes as text', async () => {
    const res = await fetch(`${srv.base}/hubs/${code}/schools.xlsx?status=all`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(res.headers.get('content-disposition'), /filename="SE3-schools.xlsx"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes);
    const ws = wb.getWorksheet('Schools');
    assert.ok(ws, 'a sheet called Schools');
    const col = (head) => HEADS.indexOf(head) + 1;
    const values = [];
    ws.eachRow((row) => values.push(Array.from(row.values).slice(1)));
    const [head, ...rows] = values;
    assert.deepEqual(head, HEADS);
    assert.ok(ws.getRow(1).font?.bold || ws.getCell('A1').font?.bold, 'the header is bold');
    // as text, the dates as "YYYY-MM-DD": the same rows as the fixture's
    // (exceljs counts Excel's serial days from 30 December 1899, a day early before 1 March 1900: Excel has a 29 February
    // 1900, and GIAS has open dates of 1 January 1900)
    const MARCH_1900 = Date.UTC(1900, 2, 1);
    const day = (d) => new Date(d.getTime() < MARCH_1900 ? d.getTime() + 86400000 : d.getTime()).toISOString().slice(0, 10);
    const text = (v) => (v === null || v === undefined ? '' : v instanceof Date ? day(v) : String(v));
    const pad = (r) => [...r, ...Array(HEADS.length - r.length).fill('')];
    assert.deepEqual(rows.map((r) => pad(r.map(text))).sort((a, b) => a[0].localeCompare(b[0])), mine().map(expectRow).sort((a, b) => a[0].localeCompare(b[0])));
    // each date a real date with a date format, so it filters and sorts as one; URNs and codes text
    let dates = 0;
    ws.eachRow((row, n) => {
      if (n === 1) return;
      for (const h of ['Opened', 'Closed']) {
        const cell = row.getCell(col(h));
        if (cell.value === null || cell.value === undefined) continue;
        assert.ok(cell.value instanceof Date, `${h} of row ${n}: a date, not ${typeof cell.value}`);
        assert.equal(cell.numFmt, 'd mmm yyyy');
        dates++;
      }
      assert.equal(typeof row.getCell(col('URN')).value, 'string', `URN of row ${n}`);
      assert.equal(typeof row.getCell(col('Local authority code')).value, 'string', `local authority code of row ${n}`);
    });
    assert.ok(dates > 100, `${dates} dates`);
    // and Excel is told those text columns are meant to be text (no "number stored as text" warning)
    const sheet = execFileSync('/usr/bin/python3', ['-c', 'import sys,zipfile,io\n' +
      'print(zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read())).read("xl/worksheets/sheet1.xml").decode())'], { input: bytes, encoding: 'utf8' });
    assert.match(sheet, /<ignoredErrors><ignoredError sqref="A2:A1048576 G2:G1048576" numberStoredAsText="1"\/><\/ignoredErrors>/);
  });

  test('the hub page links its schools', async () => {
    const r = await get(srv.base, `/hubs/${code}`);
    assert.match(r.body, /href="\/hubs\/SE3\/schools">Schools in this hub&#39;s area<\/a>/);
  });
});

describe("who may change a school's hub", () => {
  test('a national administrator and the leadership of the school\'s own hub see the link; nobody else', async () => {
    const o = fixture().overrides[0]; // a school of SE2
    const lo = '100000'; // a school of LO2
    const admin = 'schools-admin@national.example';
    await emailCodePerson(srv, admin);
    let go = await signInByEmail(srv, admin, PASSWORD);
    let r = await go(`/schools/${o.urn}`);
    assert.ok(r.body.includes(`href="/schools/${o.urn}/hub"`), 'a national administrator');
    assert.match(r.body, /Change<span class="govuk-visually-hidden"> this school&#39;s hub<\/span>/);
    const lead = 'schools-mhl@hub.example';
    await emailCodePerson(srv, lead);
    await dbQuery(srv, `UPDATE role_grants SET role = 'mhl', hub_id = (SELECT id FROM hubs WHERE code = 'SE2') WHERE person_id = (SELECT id FROM people WHERE email = '${lead}')`);
    go = await signInByEmail(srv, lead, PASSWORD);
    r = await go(`/schools/${o.urn}`);
    assert.ok(r.body.includes(`href="/schools/${o.urn}/hub"`), "the MHL of the school's hub");
    r = await go(`/schools/${lo}`);
    assert.ok(!r.body.includes(`href="/schools/${lo}/hub"`), "not another hub's school");
    r = await get(srv.base, `/schools/${o.urn}`);
    assert.ok(!r.body.includes('/hub"'), 'not anonymous visitors');
  });
});
