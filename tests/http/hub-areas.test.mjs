// Hub areas: which hub's area each local authority is in, and the schools
// that are exceptions. Migration 9's demo assignment (the hubs' names first,
// from data/demo-hub-areas.csv, then every other current English local
// authority to a hub of its region in turn; said to be a demo wherever it
// shows) is checked against data/local-authorities.csv, data/hubs.csv and
// that file, read here; then the pages as national administrators and hub
// leadership use them (the rule: a hub's leadership changes only what is in
// their own hub's area now), the audit log, CSRF, and
// `mathshubs import-hub-areas` with a file of problems and a good one.
// Schools are real GIAS rows put in with SQL (tests/lib/areas-fixtures.mjs).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import {
  FEW_SCHOOLS, BACKEND, HUBS, ROOT, dbArgs, dbQuery, errorSummary, plain, readCsv, request, roleSession, run, seedSchools, tableRows, useServer,
} from './lib.mjs';

const srv = useServer();
const BACKEND_TRUE = BACKEND === 'postgres' ? 't' : '1'; // a boolean as psql and sqlite3 print it
const sql = (query) => dbQuery(srv, query);

const LAS = readCsv('local-authorities.csv');
const NAMED = readCsv('demo-hub-areas.csv');
const hubOf = Object.fromEntries(HUBS.map((h) => [h.code, h]));

/** The demo assignment as the issue states it: the file's rows, then per region the other current authorities by
 * code, in turn, to the hubs (by code) the file gives none, or all the region's hubs when it gives each some. */
function demoAssignment() {
  const out = Object.fromEntries(NAMED.map((r) => [r.la_code, r.hub_code]));
  for (const region of new Set(HUBS.map((h) => h.region))) {
    const all = HUBS.filter((h) => h.region === region).map((h) => h.code).sort();
    const unnamed = all.filter((c) => !NAMED.some((r) => r.hub_code === c));
    const hubs = unnamed.length ? unnamed : all;
    LAS.filter((l) => l.region === region && l.current === 'yes' && !out[l.code]).sort((a, b) => a.code.localeCompare(b.code))
      .forEach((l, i) => { out[l.code] = hubs[i % hubs.length]; });
  }
  return out;
}
const DEMO = demoAssignment();
const hubText = (code) => `${hubOf[code].name} (${code})`;
const banner = (html) => (/govuk-notification-banner__heading">([^<]*)</.exec(html) || [])[1];
const areaOf = async (la) => (await sql(`SELECT h.code || ' ' || a.demo FROM hub_areas a JOIN hubs h ON h.id = a.hub_id WHERE a.la_code = '${la}'`)).trim();
const summaryRows = (html) => Object.fromEntries([...html.matchAll(/<dt class="govuk-summary-list__key">([\s\S]*?)<\/dt>\s*<dd class="govuk-summary-list__value">([\s\S]*?)<\/dd>/g)]
  .map((m) => [plain(m[1]), plain(m[2])]));

let admin;

describe('the demo assignment of migration 9', () => {
  test('every local authority of the file is there, and each current English one is in a hub of its own region', async () => {
    await srv.started;
    assert.equal(LAS.length, 214);
    const rows = (await sql('SELECT code, name, region FROM local_authorities ORDER BY code')).split('\n').map((l) => l.split('|'));
    assert.deepEqual(rows.map((r) => r.join('|')).sort(), LAS.map((l) => `${l.code}|${l.name}|${l.region}`).sort());
    const areas = Object.fromEntries((await sql('SELECT a.la_code, h.code, a.demo, r.name FROM hub_areas a JOIN hubs h ON h.id = a.hub_id JOIN regions r ON r.id = h.region_id'))
      .split('\n').map((l) => l.split('|')).map(([la, hub, demo, region]) => [la, { hub, demo, region }]));
    assert.equal(Object.keys(DEMO).length, 153, '153 current English local authorities');
    assert.deepEqual(Object.fromEntries(Object.entries(areas).map(([la, a]) => [la, a.hub])), DEMO);
    for (const [la, a] of Object.entries(areas)) {
      assert.equal(a.demo, '1', `${la} is a demo assignment`);
      assert.equal(a.region, LAS.find((l) => l.code === la).region, `${la}: a hub of its own region`);
    }
    // Wales, the pseudo-authorities and the former ones are in no hub's area
    for (const l of LAS.filter((x) => x.current !== 'yes' || x.region === 'Wales')) assert.equal(areas[l.code], undefined, l.name);
  });

  test('a hub whose name names a county or local authority has it', async () => {
    const want = {
      886: 'SE5', 887: 'SE5', // Kent and Medway
      936: 'SE2', // North East Hants and Surrey
      850: 'SE3', 851: 'SE3', 852: 'SE3', 921: 'SE3', // Solent: Hampshire, Portsmouth, Southampton, the Isle of Wight
      845: 'SE4', 846: 'SE4', 938: 'SE4', // Sussex
      825: 'SE1', 870: 'SE1', 931: 'SE1', // Bucks, Berks and Oxon: Buckinghamshire, Reading, Oxfordshire
      881: 'EE5', 882: 'EE5', 883: 'EE5', // Venn Essex: Essex, Southend-on-Sea, Thurrock
      873: 'EE2', // Cambridge: Cambridgeshire
      344: 'NW6', 895: 'NW6', 896: 'NW6', // Cheshire and Wirral
      373: 'YH4', 383: 'YH2', // South Yorkshire: Sheffield; West Yorkshire: Leeds
    };
    const got = Object.fromEntries((await sql(`SELECT a.la_code, h.code FROM hub_areas a JOIN hubs h ON h.id = a.hub_id WHERE a.la_code IN (${Object.keys(want).map((c) => `'${c}'`).join(', ')})`))
      .split('\n').map((l) => l.split('|')));
    assert.deepEqual(got, want);
  });

  test('data/demo-hub-areas.csv says it is a demo, and gives each current English authority once, a hub of its region', () => {
    const text = readFileSync(path.join(ROOT, 'data', 'demo-hub-areas.csv'), 'utf8');
    assert.match(text.split('\n')[0], /^# A DEMO assignment .*NOT an official one/);
    const seen = new Set();
    for (const r of NAMED) {
      const la = LAS.find((l) => l.code === r.la_code);
      assert.ok(la && la.current === 'yes', `${r.la_code}: a current local authority`);
      assert.equal(hubOf[r.hub_code]?.region, la.region, `${r.la_code} ${la.name}: ${r.hub_code} is of its region`);
      assert.ok(!seen.has(r.la_code), `${r.la_code} once`);
      seen.add(r.la_code);
    }
    assert.ok(NAMED.length > 100, 'most authorities follow a name');
  });
});

describe('the hub areas page', () => {
  test('lists every local authority with its region, its hub (a demo, said so) and its open schools', async () => {
    await seedSchools(srv, { urns: FEW_SCHOOLS });
    admin = await roleSession(srv, 'areas-admin@ncetm.example', 'national_admin');
    const r = await admin.get('/admin/hub-areas');
    assert.equal(r.status, 200);
    const text = plain(r.body);
    assert.match(text, /153 local authorities have a demo assignment, not an official one\. No official list of which local authority is in which hub's area is published/);
    assert.match(text, /A hub's leadership team \(Maths Hub Lead, Assistant Maths Hub Leads, hub manager\) can change only a local authority or school that is in their own hub's area now/);
    const rows = tableRows(r.body, 'Local authorities and their hubs');
    assert.equal(rows.length, 214);
    const open = { 201: 2, 202: 1, 850: 2, 936: 1 }; // FEW_SCHOOLS of the fixture: Awbridge (850) is closed
    const want = LAS.map((l) => [`${l.name} ${l.code}${l.region ? `, ${l.region}` : ''}`,
      DEMO[l.code] ? `${hubText(DEMO[l.code])} Demo assignment` : 'None', String(open[l.code] || 0)]);
    assert.deepEqual([...rows].sort(), [...want].sort());
    assert.match(r.body, /href="\/admin\/hub-areas\/850">Hampshire<\/a>/);
  });

  test('filters by region and by hub, or shows those in no hub\'s area; an unknown filter is a 400', async () => {
    const codes = (rows) => rows.map((r) => / (\d+)(, [^,]+)?$/.exec(r[0])[1]).sort();
    let rows = tableRows((await admin.get('/admin/hub-areas?region=London')).body, 'Local authorities and their hubs');
    assert.deepEqual(codes(rows), LAS.filter((l) => l.region === 'London').map((l) => l.code).sort());
    rows = tableRows((await admin.get('/admin/hub-areas?hub=SE3')).body, 'Local authorities and their hubs');
    assert.deepEqual(codes(rows), Object.keys(DEMO).filter((c) => DEMO[c] === 'SE3').sort());
    rows = tableRows((await admin.get('/admin/hub-areas?hub=none&region=South+East')).body, 'Local authorities and their hubs');
    assert.deepEqual(rows.map((r) => r[0]), ['Pre LGR (1997) Buckinghamshire 904, South East', 'Pre LGR (1997) East Sussex 914, South East',
      'Pre LGR (1997) Hampshire 917, South East', 'Pre LGR (1998) Berkshire 903, South East', 'Pre LGR (1998) Kent 922, South East']);
    for (const [q, field, msg] of [['hub=XX9', '#hub', 'Choose a hub from the list'], ['region=Atlantis', '#region', 'Choose a region from the list']]) {
      const r = await admin.get(`/admin/hub-areas?${q}`);
      assert.equal(r.status, 400, q);
      assert.deepEqual(errorSummary(r.body), [[field, msg]]);
    }
  });
});

describe('changing a local authority\'s hub', () => {
  test('a national administrator changes it with a reason: 303, the banner once, audited, no longer a demo', async () => {
    let r = await admin.get('/admin/hub-areas/850');
    assert.equal(r.status, 200);
    assert.equal(DEMO['850'], 'SE3', 'Hampshire: in Solent\'s area');
    assert.equal(summaryRows(r.body).Hub, `${hubText('SE3')} Demo assignment`);
    assert.match(r.body, /<option value="SE3" selected>South East: Solent \(SE3\)<\/option>/);
    r = await admin.post('/admin/hub-areas/850', { hub: 'SE2', reason: '' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#reason', 'Enter the reason for the change']]);
    r = await admin.post('/admin/hub-areas/850', { hub: 'XX9', reason: 'typo' });
    assert.deepEqual(errorSummary(r.body), [['#hub', 'Select the hub whose area it is in']]);
    assert.equal(await areaOf('850'), 'SE3 1', 'nothing written');
    r = await admin.post('/admin/hub-areas/850', { hub: 'SE2', reason: 'agreed at the regional meeting' });
    assert.equal(r.status, 303, r.body.slice(0, 300));
    assert.equal(r.headers.location, '/admin/hub-areas/850');
    r = await admin.get('/admin/hub-areas/850');
    assert.equal(banner(r.body), 'Hampshire is now in North East Hants and Surrey&#39;s area.');
    assert.equal(summaryRows(r.body).Hub, hubText('SE2'));
    assert.match(summaryRows(r.body).Set, /^by Person areas-admin@ncetm\.example on \d{1,2} [A-Z][a-z]+ \d{4}$/);
    assert.equal(banner((await admin.get('/admin/hub-areas/850')).body), undefined, 'the banner shows once');
    assert.equal(await areaOf('850'), 'SE2 0');
    assert.equal(await sql(`SELECT changed_by FROM hub_areas WHERE la_code = '850'`), admin.id);
    assert.equal(await sql("SELECT subject || ' ' || detail FROM audit_log WHERE action = 'hub_area_changed' ORDER BY id DESC LIMIT 1"),
      'la:850 SE3 -> SE2 (was a demo assignment): agreed at the regional meeting');
    r = await admin.post('/admin/hub-areas/850', { hub: 'SE2', reason: 'again' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.body), [['#hub', "It is in North East Hants and Surrey's area already: choose another hub"]]);
  });

  test('choosing the hub of a demo assignment confirms it', async () => {
    let r = await admin.post('/admin/hub-areas/936', { hub: 'SE2', reason: 'as agreed' });
    assert.equal(r.status, 303);
    r = await admin.get('/admin/hub-areas/936');
    assert.equal(banner(r.body), 'Surrey is confirmed in North East Hants and Surrey&#39;s area.');
    assert.equal(await areaOf('936'), 'SE2 0');
  });

  test('an unknown local authority is a 404', async () => {
    assert.equal((await admin.get('/admin/hub-areas/999x')).status, 404);
    assert.equal((await admin.post('/admin/hub-areas/999x', { hub: 'SE2', reason: 'x' })).status, 404);
  });

  test('hub leadership change only what is in their own hub\'s area now: they can hand it over, not take one', async () => {
    const lead = await roleSession(srv, 'lead@kent.example', 'mhl', 'SE5');
    assert.equal(DEMO['887'], 'SE5', 'Medway: in Kent and Medway\'s area');
    let r = await lead.get('/admin/hub-areas');
    assert.match(r.body, /<a class="govuk-link" href="\/admin\/hub-areas\?hub=SE5">Show Kent and Medway&#39;s area only<\/a>/);
    assert.doesNotMatch((await admin.get('/admin/hub-areas')).body, /area only</, 'the national team has every hub');
    r = await lead.get('/admin/hub-areas/887');
    assert.match(r.body, /<h2 class="govuk-heading-m">Change its hub<\/h2>/);
    assert.match(plain(r.body), /Warning If you choose another hub, only that hub's leadership or the national team can change it back\. Save its hub Cancel/);
    assert.match(r.body, /<a class="govuk-link" href="\/admin\/hub-areas">Cancel<\/a>/);
    r = await lead.get('/admin/hub-areas/850'); // now North East Hants and Surrey's
    assert.equal(r.status, 200);
    assert.doesNotMatch(r.body, /Change its hub/);
    assert.match(plain(r.body), /You cannot change this local authority's hub: it is not in your hub's area/);
    r = await lead.post('/admin/hub-areas/850', { hub: 'SE5', reason: 'ours now' });
    assert.equal(r.status, 403);
    assert.equal(await areaOf('850'), 'SE2 0', 'not taken');
    r = await lead.post('/admin/hub-areas/887', { hub: 'SE4', reason: 'handed over to Sussex' });
    assert.equal(r.status, 303);
    assert.equal(await areaOf('887'), 'SE4 0', 'handed over');
    r = await lead.post('/admin/hub-areas/887', { hub: 'SE5', reason: 'back again' });
    assert.equal(r.status, 403, 'in Sussex\'s area now: no longer theirs');
    // one in no hub's area: only the national team assigns it
    assert.equal((await lead.post('/admin/hub-areas/903', { hub: 'SE5', reason: 'x' })).status, 403);
    assert.equal((await admin.post('/admin/hub-areas/903', { hub: 'SE1', reason: 'closed schools of old Berkshire' })).status, 303);
    assert.equal(await areaOf('903'), 'SE1 0');
    // an LLME does not change hub areas at all
    const llme = await roleSession(srv, 'llme@kent.example', 'llme', 'SE5');
    assert.equal((await llme.get('/admin/hub-areas')).status, 403);
    assert.equal((await llme.post('/admin/hub-areas/869', { hub: 'SE4', reason: 'x' })).status, 403);
  });

  test('a change without the form\'s token is refused and changes nothing', async () => {
    const body = 'hub=SE4&reason=forged';
    const r = await request(srv.base, '/admin/hub-areas/851', { method: 'POST', body, headers: {
      Cookie: admin.cookie, Origin: srv.base, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length) } });
    assert.equal(r.status, 403);
    assert.equal(await areaOf('851'), `${DEMO['851']} 1`);
  });
});

describe('a school\'s own hub', () => {
  test('a national administrator gives a school a hub of its own, and it shows as an exception', async () => {
    let r = await admin.get('/schools/115850/hub');
    assert.equal(r.status, 200);
    let rows = summaryRows(r.body);
    assert.equal(rows.Hub, `${hubText('SE2')} Its local authority's hub`);
    assert.equal(rows['Local authority'], 'Hampshire (850)');
    assert.match(r.body, /id="use" name="use" type="radio" value="la" checked/);
    for (const [fields, want] of [
      [{ use: 'hub', reason: 'x' }, [['#hub', 'Select the hub']]],
      [{ use: 'hub', hub: 'SW4', reason: '' }, [['#reason', 'Enter the reason for the change']]],
      [{ use: 'la', reason: 'x' }, [['#use', "It is in its local authority's hub's area already"]]],
      [{ reason: 'x' }, [['#use', "Select which hub's area it is in"]]],
    ]) {
      r = await admin.post('/schools/115850/hub', fields);
      assert.equal(r.status, 400, JSON.stringify(fields));
      assert.deepEqual(errorSummary(r.body), want, JSON.stringify(fields));
    }
    r = await admin.post('/schools/115850/hub', { use: 'hub', hub: 'SW4', reason: 'works with GLOW\'s Work Groups' });
    assert.equal(r.status, 303);
    assert.equal(r.headers.location, '/schools/115850/hub');
    r = await admin.get('/schools/115850/hub');
    assert.equal(banner(r.body), 'Alton Infant School is now in GLOW&#39;s area.');
    rows = summaryRows(r.body);
    assert.equal(rows.Hub, `${hubText('SW4')} A hub of its own: an exception`);
    assert.equal(rows["Local authority's hub"], hubText('SE2'));
    assert.equal(rows.Reason, "works with GLOW's Work Groups");
    assert.equal(await sql("SELECT h.code || ' ' || o.reason FROM school_hub_overrides o JOIN hubs h ON h.id = o.hub_id WHERE o.urn = '115850'"),
      "SW4 works with GLOW's Work Groups");
    assert.equal(await sql("SELECT hub_id = (SELECT id FROM hubs WHERE code = 'SW4') FROM school_hubs WHERE urn = '115850'"), BACKEND_TRUE);
    assert.equal(await sql("SELECT detail FROM audit_log WHERE action = 'school_hub_overridden' ORDER BY id DESC LIMIT 1"),
      "local authority's hub SE2 -> own hub SW4: works with GLOW's Work Groups");
    const list = await admin.get('/admin/hub-areas?hub=SW4');
    assert.deepEqual(tableRows(list.body, 'Schools with a hub of their own'),
      [['Alton Infant School', '115850', 'Hampshire', 'GLOW (SW4)', 'SE2', "works with GLOW's Work Groups"]]);
    assert.equal(summaryRows((await admin.get('/admin/hub-areas/850')).body)['Schools with a hub of their own'],
      '1 (they keep it when the local authority\'s hub changes)');
  });

  test('the leadership of the hub it is in now may hand it back; the hub it left may not', async () => {
    const se2 = await roleSession(srv, 'lead@nehs.example', 'amhl', 'SE2');
    let r = await se2.get('/schools/115850/hub');
    assert.doesNotMatch(r.body, /name="use"/);
    r = await se2.post('/schools/115850/hub', { use: 'la', reason: 'ours' });
    assert.equal(r.status, 403);
    const glow = await roleSession(srv, 'manager@glow.example', 'hub_manager', 'SW4');
    // before saving, the hub it is in now is warned that it cannot take it back, and may cancel
    r = await glow.get('/schools/115850/hub');
    assert.match(plain(r.body), /Warning If you choose another hub, only that hub's leadership or the national team can change it back\. Save Cancel/);
    assert.match(r.body, /<a class="govuk-link" href="\/schools\/115850">Cancel<\/a>/);
    const national = await admin.get('/schools/115850/hub');
    assert.doesNotMatch(national.body, /can change it back/, 'the national team can always change it back');
    assert.match(national.body, /<a class="govuk-link" href="\/schools\/115850">Cancel<\/a>/);
    r = await glow.post('/schools/115850/hub', { use: 'la', reason: 'back to its local hub' });
    assert.equal(r.status, 303);
    r = await glow.get('/schools/115850/hub');
    assert.equal(banner(r.body), 'Alton Infant School is now in its local authority&#39;s hub&#39;s area: North East Hants and Surrey.');
    assert.equal(await sql("SELECT count(*) FROM school_hub_overrides WHERE urn = '115850'"), '0');
    assert.equal(await sql("SELECT detail FROM audit_log WHERE action = 'school_hub_overridden' ORDER BY id DESC LIMIT 1"),
      "own hub SW4 -> local authority's hub SE2: back to its local hub");
    assert.equal((await glow.post('/schools/115850/hub', { use: 'hub', hub: 'SW4', reason: 'again' })).status, 403, 'no longer theirs');
  });

  test('a closed school says so; an unknown URN is a 404; a change needs the form\'s token', async () => {
    let r = await admin.get('/schools/115856/hub');
    assert.match(plain(r.body), /Warning This school is closed\./);
    assert.equal((await admin.get('/schools/999999/hub')).status, 404);
    assert.equal((await admin.post('/schools/999999/hub', { use: 'la', reason: 'x' })).status, 404);
    const body = 'use=hub&hub=SW4&reason=forged';
    r = await request(srv.base, '/schools/100000/hub', { method: 'POST', body, headers: {
      Cookie: admin.cookie, Origin: srv.base, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length) } });
    assert.equal(r.status, 403);
    assert.equal(await sql("SELECT count(*) FROM school_hub_overrides WHERE urn = '100000'"), '0');
  });
});

describe('mathshubs import-hub-areas', () => {
  const file = (name, content) => {
    const p = path.join(srv.dir, name);
    writeFileSync(p, content);
    return p;
  };
  const areas = () => sql('SELECT la_code, hub_id, demo, changed_at FROM hub_areas ORDER BY la_code');

  test('reports every problem with its line and writes nothing', async () => {
    const before = await areas();
    const bad = file('bad.csv', 'la_code,hub_code\n850,SE1\n998,SE2\n936,XX9\n850,SE3\n201\n202,LO1,extra\n,\n');
    const r = await run(['import-hub-areas', bad, ...dbArgs(srv)]);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(r.stderr.trim().split('\n'), [
      `${bad} line 3: no local authority has the code "998"`,
      `${bad} line 4: no hub has the code "XX9"`,
      `${bad} line 5: local authority 850 is on line 2 too`,
      `${bad} line 6: a row needs both a local authority code and a hub code`,
      `${bad} line 7: more than two values: a row is la_code,hub_code`,
      `mathshubs: import-hub-areas: 5 problems in ${bad}; nothing was written`,
    ]);
    assert.equal(await areas(), before);
    const headless = file('headless.csv', '850,SE1\n');
    const h = await run(['import-hub-areas', headless, ...dbArgs(srv)]);
    assert.equal(h.code, 1);
    assert.match(h.stderr, /line 1: the first row must be the header la_code,hub_code/);
    assert.equal((await run(['import-hub-areas', ...dbArgs(srv)])).code, 2, 'no file');
    assert.equal(await areas(), before);
  });

  test('sets each local authority in the file (no longer a demo), audits it, and says what changed; again changes nothing', async () => {
    const demoBefore = Number(await sql('SELECT count(*) FROM hub_areas WHERE demo = 1'));
    // as Excel saves it: a byte-order mark, CR LF, the header in capitals, a lower-case code
    const good = file('areas.csv', '\ufeffLA_CODE,Hub_Code\r\n850,se1\r\n936,SE2\r\n851,SE1\r\n');
    let r = await run(['import-hub-areas', good, ...dbArgs(srv)]);
    assert.equal(r.code, 0, r.stderr);
    const left = demoBefore - 1; // 851 was a demo assignment; 850 and 936 were set already
    assert.equal(r.stdout, `Imported ${good}: 3 local authorities, 2 changed, 1 unchanged.\n${left} local authorities not in the file still have a demo assignment.\n`);
    assert.equal(await areaOf('850'), 'SE1 0');
    assert.equal(await areaOf('851'), 'SE1 0');
    assert.equal(await areaOf('936'), 'SE2 0');
    assert.equal(await sql("SELECT COALESCE(changed_by, 0) FROM hub_areas WHERE la_code = '850'"), '0', 'set from the command line');
    assert.equal(await sql("SELECT detail FROM audit_log WHERE action = 'hub_area_changed' AND subject = 'la:851' ORDER BY id DESC LIMIT 1"),
      `${DEMO['851']} -> SE1 (was a demo assignment): from the file areas.csv`);
    assert.equal(await sql("SELECT subject || ' ' || detail FROM audit_log WHERE action = 'hub_areas_imported' ORDER BY id DESC LIMIT 1"),
      `file:areas.csv 3 rows: 2 changed, 1 unchanged; ${left} local authorities still have a demo assignment`);
    assert.match(summaryRows((await admin.get('/admin/hub-areas/850')).body).Set, /^from a file on /);
    r = await run(['import-hub-areas', good, ...dbArgs(srv)]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /3 local authorities, 0 changed, 3 unchanged\./);
  });
});
