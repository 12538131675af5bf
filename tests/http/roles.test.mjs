// The role x route matrix (tests/http/role-route-matrix.csv): every route of
// the router's table (from the binary, `mathshubs routes`, so a route added without a row
// fails here), for anonymous visitors and for a person holding each role,
// gives the expected outcome: the handler runs, 403, or a redirect to sign in.
// People, roles and signed-in sessions are made directly in the database
// (a session's token is random; the database holds its BLAKE2b-256 hash).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { BACKEND, ROOT, dbQuery, parseCsv, request, roleSession, routeTable, startServer, stopClean, useServer } from './lib.mjs';

const ROLES = ['national_admin', 'national_analyst', 'project_lead', 'hub_lead_link', 'national_link',
  'mhl', 'amhl', 'hub_manager', 'llme', 'participant', 'headteacher'];
// {code} depends on the route; {id}, {grant} and {designation} are a person
// of hub SW4 (an LLME and an AMHL there, with a designation), made below
const EXAMPLES = { code: null, token: 'not-a-real-token', id: null, grant: null, designation: null, which: 'pd-lead' };


/** The matrix (its # lines are comments): {head: the columns, m: method and pattern -> row}. */
function matrix() {
  const text = readFileSync(path.join(ROOT, 'tests', 'http', 'role-route-matrix.csv'), 'utf8')
    .split('\n').filter((l) => !l.startsWith('#')).join('\n');
  const rows = parseCsv(text);
  return { head: Object.keys(rows[0]), m: new Map(rows.map((row) => [`${row.method} ${row.pattern}`, row])) };
}

const blake = (tokens) => execFileSync('/usr/bin/python3', ['-c',
  'import hashlib,sys\nfor t in sys.argv[1:]: print(hashlib.blake2b(t.encode(), digest_size=32).hexdigest())', ...tokens],
{ encoding: 'utf8' }).trim().split('\n');

const srv = useServer();
const sessions = {}; // who -> [{cookie, csrf}] one per request

const sql = (query) => dbQuery(srv, query);

describe('role x route matrix', () => {
  const routes = routeTable();
  const { head, m } = matrix();

  test('every route of the router has a row, and every row a route', () => {
    assert.deepEqual(head.slice(3), ROLES, 'the matrix has a column per role');
    const missing = routes.filter((r) => !m.has(`${r.method} ${r.pattern}`)).map((r) => `${r.method} ${r.pattern}`);
    assert.deepEqual(missing, [], 'routes without a row in role-route-matrix.csv');
    const known = new Set(routes.map((r) => `${r.method} ${r.pattern}`));
    assert.deepEqual([...m.keys()].filter((k) => !known.has(k)), [], 'rows for routes that do not exist');
  });

  test('each role, and anonymous visitors, get what the matrix says on every route', async () => {
    const who = ['anonymous', ...ROLES];
    const n = routes.length;
    const tokens = who.flatMap(() => routes.map(() => randomBytes(32).toString('base64url')));
    const csrfs = tokens.map(() => randomBytes(32).toString('base64url'));
    const hashes = blake(tokens);
    const now = Math.floor(Date.now() / 1000);
    const stmts = [];
    ROLES.forEach((role, i) => {
      stmts.push(`INSERT INTO people (email, name, created_at) VALUES ('${role}@roles.example', 'Role ${role}', ${now})`);
      const hub = ['mhl', 'amhl', 'hub_manager', 'llme'].includes(role) ? "(SELECT id FROM hubs WHERE code = 'SW4')" : 'NULL';
      const project = ['project_lead', 'hub_lead_link', 'national_link'].includes(role) ? "(SELECT id FROM projects WHERE code = 'NCP24-09')" : 'NULL';
      const school = role === 'headteacher' ? "'100000'" : 'NULL';
      stmts.push(`INSERT INTO role_grants (person_id, role, hub_id, project_id, school_urn, granted_at) SELECT id, '${role}', ${hub}, ${project}, ${school}, ${now} FROM people WHERE email = '${role}@roles.example'`);
      void i;
    });
    who.forEach((w, wi) => {
      sessions[w] = [];
      for (let k = 0; k < n; k++) {
        const idx = wi * n + k;
        const person = w === 'anonymous' ? 'NULL' : `(SELECT id FROM people WHERE email = '${w}@roles.example')`;
        const stage = w === 'anonymous' ? 'anonymous' : 'signed_in';
        // authenticated just now, so RF_REAUTH routes run their handler (re-authentication has its own tests)
        stmts.push(`INSERT INTO sessions (token_hash, person_id, stage, csrf_token, created_at, last_seen_at, authenticated_at) VALUES ('${hashes[idx]}', ${person}, '${stage}', '${csrfs[idx]}', ${now}, ${now}, ${now})`);
        sessions[w].push({ cookie: `mh_session=${tokens[idx]}`, csrf: csrfs[idx] });
      }
    });
    // the school the {urn} routes are about: in London (not SW4), taking part in nothing
    stmts.push(`INSERT INTO schools (urn, name, la_code, phase, status, postcode, digest, imported_at) VALUES ('100000', 'The Aldgate School', '201', 'Primary', 'open', 'EC3A 5DE', 'x', ${now}) ON CONFLICT (urn) DO NOTHING`);
    // the person the {id} routes are about: an LLME and AMHL in SW4, so its hub's leadership may open them
    // (their account, as a member of the leadership, is the MHL's and the national team's only)
    stmts.push(`INSERT INTO people (email, name, created_at) VALUES ('target@roles.example', 'Target Person', ${now})`,
      ...['llme', 'amhl'].map((role) => `INSERT INTO role_grants (person_id, role, hub_id, granted_at) SELECT p.id, '${role}', h.id, ${now} FROM people p, hubs h WHERE p.email = 'target@roles.example' AND h.code = 'SW4'`),
      `INSERT INTO llme_designations (person_id, academic_year, designation, hub_id, granted_at) SELECT p.id, 2026, 'wgl', h.id, ${now} FROM people p, hubs h WHERE p.email = 'target@roles.example' AND h.code = 'SW4'`);
    await sql(stmts.join(';\n') + ';');
    EXAMPLES.id = (await sql("SELECT id FROM people WHERE email = 'target@roles.example'")).trim();
    EXAMPLES.grant = (await sql(`SELECT id FROM role_grants WHERE person_id = ${EXAMPLES.id} AND role = 'amhl'`)).trim();
    EXAMPLES.designation = (await sql(`SELECT id FROM llme_designations WHERE person_id = ${EXAMPLES.id}`)).trim();

    const failures = [];
    for (const [wi, w] of who.entries()) {
      for (const [k, r] of routes.entries()) {
        const s = sessions[w][k];
        let target = r.pattern.replace('{token}', EXAMPLES.token).replace('{id}', EXAMPLES.id).replace('{urn}', '100000').replace('{grant}', EXAMPLES.grant)
          .replace('{designation}', EXAMPLES.designation).replace('{which}', EXAMPLES.which).replace('{la}', '919')
          .replace('{code}', r.pattern.startsWith('/hubs') || r.pattern.startsWith('/api/v1/hubs') ? 'SW4' : 'NCP24-09');
        const headers = { Cookie: s.cookie };
        let body;
        if (r.method === 'POST') {
          body = `csrf_token=${encodeURIComponent(s.csrf)}`;
          headers['Content-Type'] = 'application/x-www-form-urlencoded';
          headers['Content-Length'] = String(Buffer.byteLength(body));
        }
        const res = await request(srv.base, target, { method: r.method, headers, body });
        const got = res.status === 403 ? '403'
          : (res.status === 303 && res.headers.location === '/sign-in') || (res.status === 401 && target.startsWith('/api/')) ? 'signin' : 'allow';
        const want = m.get(`${r.method} ${r.pattern}`)[w];
        if (got !== want) failures.push(`${w} ${r.method} ${target}: expected ${want}, got ${got} (${res.status})`);
        if (res.status >= 500) failures.push(`${w} ${r.method} ${target}: server error ${res.status}`);
        void wi;
      }
    }
    assert.deepEqual(failures, []);
  });

  test('the account page offers each capability\'s "Manage" entries to those who may use them', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases = [
      ['national_admin', ['People and their roles', 'Audit log', 'Undelivered mail', 'Hub areas', 'Import schools from GIAS', 'Teaching for mastery stages of NCPs', 'Survey templates', 'Survey results']],
      ['national_analyst', ['People and their roles', 'Survey results']],
      ['llme', ['Survey results']],
      ['participant', []],
    ];
    for (const [role, links] of cases) {
      const tok = randomBytes(32).toString('base64url');
      const [h] = blake([tok]);
      const email = `manage-${role}@roles.example`;
      const hub = role === 'llme' ? "(SELECT id FROM hubs WHERE code = 'SW4')" : 'NULL';
      await sql([
        `INSERT INTO people (email, name, created_at) VALUES ('${email}', 'Manage ${role}', ${now})`,
        `INSERT INTO role_grants (person_id, role, hub_id, granted_at) SELECT id, '${role}', ${hub}, ${now} FROM people WHERE email = '${email}'`,
        `INSERT INTO sessions (token_hash, person_id, stage, csrf_token, created_at, last_seen_at) SELECT '${h}', id, 'signed_in', 'x', ${now}, ${now} FROM people WHERE email = '${email}'`,
      ].join(';\n') + ';');
      const res = await request(srv.base, '/account', { headers: { Cookie: `mh_session=${tok}` } });
      assert.equal(res.status, 200, role);
      const manage = res.body.includes('>Manage</h2>') ? res.body.split('>Manage</h2>')[1].split('</ul>')[0] : '';
      assert.deepEqual([...manage.matchAll(/<a class="govuk-link" href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]), links, role);
    }
  });

  test('the account page names each role\'s hub, project or school, and links a hub role to the hub, its team and its schools', async () => {
    const now = Math.floor(Date.now() / 1000);
    const tok = randomBytes(32).toString('base64url');
    const [h] = blake([tok]);
    const email = 'many-roles@roles.example';
    const grant = (role, hub, project = 'NULL', school = 'NULL', phase = 'NULL') =>
      `INSERT INTO role_grants (person_id, role, hub_id, project_id, school_urn, phase, granted_at) SELECT id, '${role}', ` +
      `${hub ? `(SELECT id FROM hubs WHERE code = '${hub}')` : 'NULL'}, ${project}, ${school}, ${phase}, ${now} FROM people WHERE email = '${email}'`;
    await sql([
      `INSERT INTO schools (urn, name, la_code, status, postcode, digest, imported_at) VALUES ('100000', 'The Aldgate School', '201', 'open', 'EC3A 5DE', 'x', ${now}) ON CONFLICT (urn) DO NOTHING`,
      `INSERT INTO people (email, name, created_at) VALUES ('${email}', 'Many Roles', ${now})`,
      grant('mhl', 'SE2'),
      grant('amhl', 'SW4', 'NULL', 'NULL', "'Primary'"),
      grant('participant', 'EE1'),
      grant('project_lead', null, "(SELECT id FROM projects WHERE code = 'NCP24-09')"),
      grant('headteacher', null, 'NULL', "'100000'"),
      `INSERT INTO sessions (token_hash, person_id, stage, csrf_token, created_at, last_seen_at) SELECT '${h}', id, 'signed_in', 'x', ${now}, ${now} FROM people WHERE email = '${email}'`,
    ].join(';\n') + ';');
    const res = await request(srv.base, '/account', { headers: { Cookie: `mh_session=${tok}` } });
    assert.equal(res.status, 200);
    const roles = (html) => html.slice(html.indexOf('<h2 class="govuk-heading-m">Your roles</h2>'), html.indexOf('<h2 class="govuk-heading-m">Where you are signed in'))
      .split('<h2 class="govuk-heading-m">Manage</h2>')[0];
    const part = roles(res.body);
    const text = (html) => html.replace(/<[^>]*>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim();
    const project = readFileSync(path.join(ROOT, 'data', 'ncps-2024-25.csv'), 'utf8').split('\n').find((l) => l.startsWith('NCP24-09,'));
    const title = project.split(',')[1];
    assert.equal(text(part), 'Your roles ' +
      'Maths Hub Lead In North East Hants and Surrey Maths Hub (SE2) Its team (North East Hants and Surrey Maths Hub) Schools in its area (North East Hants and Surrey Maths Hub) ' +
      'Assistant Maths Hub Lead (Primary) In GLOW Maths Hub (SW4) Its team (GLOW Maths Hub) Schools in its area (GLOW Maths Hub) ' +
      'Participant In Enigma Maths Hub (EE1) Schools in its area (Enigma Maths Hub) ' +
      `Project Lead For NCP24-09: ${title} ` +
      'Headteacher At The Aldgate School (URN 100000)');
    const links = [...part.matchAll(/<a class="govuk-link" href="([^"]+)">/g)].map((m) => m[1]);
    assert.deepEqual(links, ['/hubs/SE2', '/hubs/SE2/team', '/hubs/SE2/schools', '/hubs/SW4', '/hubs/SW4/team', '/hubs/SW4/schools',
      '/hubs/EE1', '/hubs/EE1/schools', '/projects/NCP24-09', '/schools/100000']);
    // a participant may not see a hub's team: no link to it (above); a national role is in every hub
    const national = await roleSession(srv, 'national-roles@roles.example', 'national_analyst');
    assert.equal(text(roles((await national.get('/account')).body)), 'Your roles National analyst Across the programme: every hub');
  });

  test('a hub lead lists their own hub\'s people only; another hub\'s people never appear', async () => {
    const now = Math.floor(Date.now() / 1000);
    const [tok] = [randomBytes(32).toString('base64url')];
    const [h] = blake([tok]);
    await sql([
      `INSERT INTO people (email, name, created_at) VALUES ('lead@sw4.example', 'Glow Lead', ${now}), ('llme@sw4.example', 'Glow Llme', ${now}), ('llme@ee1.example', 'Enigma Llme', ${now})`,
      `INSERT INTO role_grants (person_id, role, hub_id, granted_at) SELECT p.id, 'mhl', h.id, ${now} FROM people p, hubs h WHERE p.email = 'lead@sw4.example' AND h.code = 'SW4'`,
      `INSERT INTO role_grants (person_id, role, hub_id, granted_at) SELECT p.id, 'llme', h.id, ${now} FROM people p, hubs h WHERE p.email = 'llme@sw4.example' AND h.code = 'SW4'`,
      `INSERT INTO role_grants (person_id, role, hub_id, granted_at) SELECT p.id, 'llme', h.id, ${now} FROM people p, hubs h WHERE p.email = 'llme@ee1.example' AND h.code = 'EE1'`,
      `INSERT INTO sessions (token_hash, person_id, stage, csrf_token, created_at, last_seen_at) SELECT '${h}', id, 'signed_in', 'x', ${now}, ${now} FROM people WHERE email = 'lead@sw4.example'`,
    ].join(';\n') + ';');
    const res = await request(srv.base, '/admin/people', { headers: { Cookie: `mh_session=${tok}` } });
    assert.equal(res.status, 200);
    assert.match(res.body, /llme@sw4\.example/);
    assert.match(res.body, /lead@sw4\.example/);
    assert.doesNotMatch(res.body, /llme@ee1\.example/);
    assert.doesNotMatch(res.body, /national_admin@roles\.example/);
    // and may not add someone to another hub
    const form = 'csrf_token=x&name=Someone&email=someone%40ee1.example&role=llme&hub-llme=EE1';
    const add = await request(srv.base, '/admin/people', { method: 'POST', body: form,
      headers: { Cookie: `mh_session=${tok}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(form.length) } });
    assert.equal(add.status, 400);
    assert.match(add.body, /only give roles in your own hub/);
    assert.equal((await sql("SELECT count(*) FROM people WHERE email = 'someone@ee1.example'")).trim(), '0');
  });
});

// The add-person form gives every role a national administrator may give,
// with its hub, project or school (a radio per role, each revealing its own
// field, all of them in the HTML for browsers without JavaScript); a hub's
// leadership gives hub roles in their own hub only. The grant must land
// (the person's page lists it), and bad input is a 400 with the GOV.UK
// error summary and nothing written.
describe('adding a person with their first role', () => {
  const URN = '100003'; // City of London School, in the GIAS file the unit tests read
  let admin, lead;

  /** A signed-in session for a new person holding role (in hub SW4 for hub roles). */
  async function session(email, role, hub = null) {
    const tok = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    const [h] = blake([tok]);
    const now = Math.floor(Date.now() / 1000);
    await sql([
      `INSERT INTO people (email, name, created_at) VALUES ('${email}', 'Giver ${role}', ${now})`,
      `INSERT INTO role_grants (person_id, role, hub_id, granted_at) SELECT id, '${role}', ${hub ? `(SELECT id FROM hubs WHERE code = '${hub}')` : 'NULL'}, ${now} FROM people WHERE email = '${email}'`,
      `INSERT INTO sessions (token_hash, person_id, stage, csrf_token, created_at, last_seen_at) SELECT '${h}', id, 'signed_in', '${csrf}', ${now}, ${now} FROM people WHERE email = '${email}'`,
    ].join(';\n') + ';');
    return { cookie: `mh_session=${tok}`, csrf };
  }

  const page = (who, target = '/admin/people') => request(srv.base, target, { headers: { Cookie: who.cookie } });
  function post(who, fields, target = '/admin/people') {
    const body = new URLSearchParams({ csrf_token: who.csrf, ...fields }).toString();
    return request(srv.base, target, { method: 'POST', body, headers: {
      Cookie: who.cookie, Origin: srv.base, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)) } });
  }
  const banners = (html) => (html.match(/govuk-notification-banner__heading/g) || []).length;
  const summary = (html) => [...html.matchAll(/<li><a href="(#[^"]+)">([^<]*)<\/a><\/li>/g)].map((m) => [m[1], m[2].replace(/&#39;/g, "'")]);
  const count = async (email) => Number((await sql(`SELECT count(*) FROM people WHERE email = '${email}'`)).trim());
  const personId = async (email) => (await sql(`SELECT id FROM people WHERE email = '${email}'`)).trim();
  /** The rows of the "Roles" table of a person's page: [role, for]. */
  const rolesOf = (html) => [...html.matchAll(/<tr class="govuk-table__row"><td class="govuk-table__cell">([^<]*)<\/td><td class="govuk-table__cell">([^<]*)<\/td>/g)].map((m) => [m[1], m[2]]);

  before(async () => {
    admin = await session('giver@ncetm.example', 'national_admin');
    lead = await session('giver@glow.example', 'mhl', 'SW4');
    await sql(`INSERT INTO schools (urn, name, status, digest, imported_at) VALUES ('${URN}', 'City of London School', 'open', 'test', 0)`);
  });

  test('the form offers a national administrator every role, each with its own field', async () => {
    const res = await page(admin);
    assert.equal(res.status, 200);
    const roles = [...res.body.matchAll(/name="role" type="radio" value="([a-z_]+)"/g)].map((m) => m[1]);
    assert.deepEqual(roles, ROLES);
    for (const id of ['project-project_lead', 'project-hub_lead_link', 'project-national_link', 'hub-mhl', 'hub-amhl', 'hub-hub_manager', 'hub-llme', 'urn-headteacher'])
      assert.match(res.body, new RegExp(`aria-controls="(conditional-role(?:-\\d+)?)"><label[^>]*>[^<]*</label></div><div class="govuk-radios__conditional govuk-radios__conditional--hidden" id="\\1"><div class="govuk-form-group"><label[^>]*for="${id}"`), `${id} revealed by its radio`);
    assert.match(res.body, /<option value="NCP24-09">NCP24-09: Primary Teaching for Mastery Development Work Groups<\/option>/);
    assert.doesNotMatch(res.body, /name="(hub|project|urn)-(national_admin|national_analyst|participant)"/, 'no field for roles without a scope');
  });

  test('a national administrator adds a Project Lead for a project; the person page lists it', async () => {
    const res = await post(admin, { name: 'Priya Project', email: 'priya@project.example', role: 'project_lead', 'project-project_lead': 'NCP24-09',
      'hub-mhl': 'SW4', 'urn-headteacher': 'junk' }); // other roles' fields, as a browser sends them, are ignored
    assert.equal(res.status, 303, res.body.slice(0, 500));
    assert.equal(res.headers.location, '/admin/people');
    const list = await page(admin);
    assert.equal(list.status, 200);
    assert.equal(banners(list.body), 1);
    assert.match(list.body, /govuk-notification-banner__heading">Priya Project has been added and emailed an invitation to sign up\.</);
    assert.match(list.body, /Project Lead \(NCP24-09\)/, 'the people list shows the project');
    assert.equal(banners((await page(admin)).body), 0, 'the banner shows once');
    assert.equal((await sql(`SELECT g.role || ' ' || COALESCE(pr.code, '-') || ' ' || COALESCE(g.hub_id, 0) || ' ' || COALESCE(g.school_urn, '-') FROM role_grants g JOIN people p ON p.id = g.person_id LEFT JOIN projects pr ON pr.id = g.project_id WHERE p.email = 'priya@project.example'`)).trim(),
      'project_lead NCP24-09 0 -');
    const person = await page(admin, `/admin/people/${await personId('priya@project.example')}`);
    assert.equal(person.status, 200);
    assert.deepEqual(rolesOf(person.body), [['Project Lead', 'NCP24-09']]);
    assert.match(await sql("SELECT detail FROM audit_log WHERE action = 'role_granted' ORDER BY id DESC LIMIT 1"), /^project_lead NCP24-09: added with their first role/);
  });

  test('a national administrator adds a headteacher by URN (spaces around it forgiven)', async () => {
    const res = await post(admin, { name: 'Harriet Head', email: 'head@school.example', role: 'headteacher', 'urn-headteacher': ` ${URN} ` });
    assert.equal(res.status, 303, res.body.slice(0, 500));
    assert.match((await page(admin)).body, new RegExp(`Headteacher \\(School ${URN}\\)`));
    const person = await page(admin, `/admin/people/${await personId('head@school.example')}`);
    assert.deepEqual(rolesOf(person.body), [['Headteacher', `School ${URN}`]]);
  });

  test('a person added with their school (the picker\'s choice or a URN) and job title has them; an unknown school is a 400 and nothing is written', async () => {
    let res = await post(admin, { name: 'Una Known', email: 'una@school.example', school: '999999', 'job-title': 'Maths teacher', role: 'national_analyst' });
    assert.equal(res.status, 400);
    assert.deepEqual(summary(res.body), [['#school', 'There is no school with this URN. Check it in Get Information about Schools']]);
    assert.match(res.body, /value="Maths teacher"/, 'what was typed comes back');
    assert.equal(await count('una@school.example'), 0);
    res = await post(admin, { name: 'Una Known', email: 'una@school.example', school: `City of London School (URN ${URN}), London`,
      'job-title': 'Maths teacher', role: 'national_analyst' });
    assert.equal(res.status, 303, JSON.stringify(summary(res.body)));
    assert.equal(await sql("SELECT school_urn || '|' || job_title FROM people WHERE email = 'una@school.example'"), `${URN}|Maths teacher`);
  });

  test('a role without its project, hub or URN, or with a malformed URN, is a 400 naming the field, and nothing is written', async () => {
    const cases = [
      [{ role: 'national_link' }, '#project-national_link', 'Select the project for this role'],
      [{ role: 'hub_lead_link', 'project-hub_lead_link': 'NCP99-99' }, '#project-hub_lead_link', 'Select the project for this role'],
      [{ role: 'amhl', 'hub-amhl': '' }, '#hub-amhl', 'Select the hub for this role'],
      [{ role: 'headteacher' }, '#urn-headteacher', "Enter the school's URN"],
      [{ role: 'headteacher', 'urn-headteacher': '10000A' }, '#urn-headteacher', "The school's URN must be 6 digits, like 100000"],
      [{ role: 'headteacher', 'urn-headteacher': '12345' }, '#urn-headteacher', "The school's URN must be 6 digits, like 100000"],
      [{ role: 'headteacher', 'urn-headteacher': '12345678' }, '#urn-headteacher', "The school's URN must be 6 digits, like 100000"],
      [{ role: 'headteacher', 'urn-headteacher': '1000003' }, '#urn-headteacher', "The school's URN must be 6 digits, like 100000"],
      [{ role: 'headteacher', 'urn-headteacher': '999999' }, '#urn-headteacher', 'There is no school with this URN. Check it in Get Information about Schools'],
      [{}, '#role', 'Select a role'],
      [{ role: 'chancellor' }, '#role', 'Select a role'],
    ];
    for (const [fields, href, message] of cases) {
      const what = JSON.stringify(fields);
      const res = await post(admin, { name: 'Nobody Yet', email: 'nobody@school.example', ...fields });
      assert.equal(res.status, 400, what);
      assert.match(res.body, /<title>Error: /, `${what}: the title says there is an error`);
      assert.deepEqual(summary(res.body), [[href, message]], what);
      const id = href.slice(1);
      assert.match(res.body, new RegExp(`<p class="govuk-error-message" id="${id}-error"><span class="govuk-visually-hidden">Error:</span> ${message.replace(/'/g, '&#39;')}</p>`), `${what}: the field's own message`);
      if (id !== 'role') {
        // the chosen role stays chosen, so its field is shown open, with what was sent
        assert.match(res.body, new RegExp(`value="${fields.role}" checked aria-controls="conditional-role(-\\d+)?"`), what);
        assert.match(res.body, new RegExp(`class="govuk-radios__conditional" id="conditional-role(-\\d+)?"><div class="govuk-form-group govuk-form-group--error"><label[^>]*for="${id}"`), what);
      }
      assert.equal(await count('nobody@school.example'), 0, `${what}: nobody was added`);
    }
    // what was typed comes back
    const res = await post(admin, { name: 'Nobody Yet', email: 'nobody@school.example', role: 'headteacher', 'urn-headteacher': '12"34' });
    assert.match(res.body, /id="urn-headteacher" name="urn-headteacher"[^>]* value="12&quot;34"/);
    assert.match(res.body, /id="name" name="name" type="text" value="Nobody Yet"/);
  });

  test('a hub lead is offered hub roles in their own hub only, and refused a project role or another hub', async () => {
    const form = await page(lead);
    assert.equal(form.status, 200);
    const roles = [...form.body.matchAll(/name="role" type="radio" value="([a-z_]+)"/g)].map((m) => m[1]);
    assert.deepEqual(roles, ['amhl', 'hub_manager', 'llme', 'participant']);
    assert.doesNotMatch(form.body, /name="(project|urn)-/, 'no project or school fields');
    const offered = [...form.body.matchAll(/<select class="govuk-select" id="hub-llme"[^]*?<\/select>/g)][0][0];
    assert.deepEqual([...offered.matchAll(/<option value="([^"]*)"( selected)?>/g)].map((m) => m[1] + (m[2] || '')), ['', 'SW4 selected'],
      'their one hub, chosen already');

    for (const [fields, href] of [
      [{ role: 'project_lead', 'project-project_lead': 'NCP24-09' }, '#role'],
      [{ role: 'headteacher', 'urn-headteacher': URN }, '#role'],
      [{ role: 'mhl', 'hub-mhl': 'SW4' }, '#role'],
      [{ role: 'llme', 'hub-llme': 'EE1' }, '#hub-llme'],
    ]) {
      const res = await post(lead, { name: 'Not Theirs', email: 'not-theirs@school.example', ...fields });
      assert.equal(res.status, 400, JSON.stringify(fields));
      assert.deepEqual(summary(res.body), [[href, 'You can only give roles in your own hub: LLME, participant, AMHL or hub manager']], JSON.stringify(fields));
      assert.equal(await count('not-theirs@school.example'), 0);
    }

    // a participant they add is in their hub, so they see them in their list
    const ok = await post(lead, { name: 'Pat Participant', email: 'pat@school.example', role: 'participant', 'hub-participant': 'SW4' });
    assert.equal(ok.status, 303, ok.body.slice(0, 500));
    const list = await page(lead);
    assert.match(list.body, /Participant \(SW4\)/);
    assert.match(list.body, /pat@school\.example/);
  });

  test('adding an address already held says so only within the giver\'s scope: another hub\'s person is not confirmed, and nothing is written', async () => {
    const now = Math.floor(Date.now() / 1000);
    await sql([
      `INSERT INTO people (email, name, created_at) VALUES ('enigma-llme@school.example', 'Enigma Llme', ${now}), ('glow-llme@school.example', 'Glow Llme', ${now})`,
      `INSERT INTO role_grants (person_id, role, hub_id, granted_at) SELECT p.id, 'llme', h.id, ${now} FROM people p, hubs h WHERE p.email = 'enigma-llme@school.example' AND h.code = 'EE1'`,
      `INSERT INTO role_grants (person_id, role, hub_id, granted_at) SELECT p.id, 'llme', h.id, ${now} FROM people p, hubs h WHERE p.email = 'glow-llme@school.example' AND h.code = 'SW4'`,
    ].join(';\n') + ';');
    const writes = () => sql(`SELECT (SELECT count(*) FROM people) || ' ' || (SELECT count(*) FROM role_grants) || ' ' || (SELECT count(*) FROM audit_log) || ' ' || (SELECT count(*) FROM outbox)`);
    const ALREADY = 'Someone with this email address has already been added';
    const ELSEWHERE = 'You cannot add this email address. If this person already works with another hub, ask the national team to give them a role in your hub';

    const before = await writes();
    const other = await post(lead, { name: 'Someone Else', email: 'Enigma-LLME@school.example', role: 'llme', 'hub-llme': 'SW4' });
    assert.equal(other.status, 400);
    assert.deepEqual(summary(other.body), [['#email', ELSEWHERE]], 'another hub\'s person: the way forward, no confirmation');
    assert.doesNotMatch(other.body, /already been added|Enigma Llme/);
    assert.equal(await writes(), before, 'nothing written');

    const own = await post(lead, { name: 'Glow Again', email: 'glow-llme@school.example', role: 'participant', 'hub-participant': 'SW4' });
    assert.equal(own.status, 400);
    assert.deepEqual(summary(own.body), [['#email', ALREADY]], 'their own hub\'s person');
    assert.equal(await writes(), before, 'nothing written');

    const national = await post(admin, { name: 'Someone Else', email: 'enigma-llme@school.example', role: 'participant' });
    assert.equal(national.status, 400);
    assert.deepEqual(summary(national.body), [['#email', ALREADY]], 'a national administrator sees everyone');
    assert.equal(await writes(), before, 'nothing written');
  });

  test('the person page\'s forms post to the route\'s own path: no encoded slash', async () => {
    const id = await personId('head@school.example');
    const res = await page(admin, `/admin/people/${id}`);
    assert.equal(res.status, 200);
    const actions = [...res.body.matchAll(/<form [^>]*action="([^"]*)"/g)].map((m) => m[1]);
    assert.ok(actions.includes(`/admin/people/${id}`), actions.join(' '));
    assert.ok(actions.includes(`/admin/people/${id}/revoke`), actions.join(' '));
    assert.deepEqual(actions.filter((a) => /%2F/i.test(a)), []);
  });

  test('the person page gives a project role from the same fields, and refuses one without a project', async () => {
    const id = await personId('head@school.example');
    const target = `/admin/people/${id}`;
    const form = await page(admin, target);
    assert.match(form.body, /id="project-national_link"/);
    let res = await post(admin, { role: 'national_link', reason: 'joined the PCT' }, target);
    assert.equal(res.status, 400);
    assert.deepEqual(summary(res.body), [['#project-national_link', 'Select the project for this role']]);
    assert.match(res.body, /id="reason" name="reason" type="text" value="joined the PCT"/, 'the reason is kept');
    res = await post(admin, { role: 'national_link', 'project-national_link': 'NCP24-10', reason: 'joined the PCT' }, target);
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, target);
    res = await page(admin, target);
    assert.match(res.body, /National Link given to Harriet Head/);
    assert.deepEqual(rolesOf(res.body), [['Headteacher', `School ${URN}`], ['National Link', 'NCP24-10']]);
  });

  test('a grant answers 303 to the person page, which shows the banner once; the same grant again is a 400, and nothing is written twice', async () => {
    const id = await personId('priya@project.example');
    const target = `/admin/people/${id}`;
    const grants = async () => Number((await sql(`SELECT count(*) FROM role_grants WHERE person_id = ${id} AND role = 'amhl'`)).trim());
    const audits = async () => Number((await sql(`SELECT count(*) FROM audit_log WHERE action = 'role_granted' AND subject = 'person:${id}'`)).trim());
    const before = await audits();
    const fields = { role: 'amhl', 'hub-amhl': 'SW4', reason: 'appointed AMHL' };
    let res = await post(admin, fields, target);
    assert.equal(res.status, 303, res.body.slice(0, 300));
    assert.equal(res.headers.location, target);
    res = await page(admin, target);
    assert.equal(res.status, 200);
    assert.equal(banners(res.body), 1);
    assert.match(res.body, /<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="govuk-notification-banner-title" data-module="govuk-notification-banner">/);
    assert.match(res.body, /govuk-notification-banner__heading">Assistant Maths Hub Lead given to Priya Project</);
    assert.equal(banners((await page(admin, target)).body), 0, 'a second GET shows no banner');
    assert.equal(await grants(), 1);
    assert.equal(await audits(), before + 1);
    // the same grant again (a refreshed form, a second tab): refused, not a 500
    res = await post(admin, fields, target);
    assert.equal(res.status, 400);
    assert.deepEqual(summary(res.body), [['#role', 'They already have this role']]);
    assert.equal(banners(res.body), 0);
    assert.equal(await grants(), 1, 'no second grant');
    assert.equal(await audits(), before + 1, 'no second audit line');
    // the same role in another hub is another grant
    res = await post(admin, { ...fields, 'hub-amhl': 'EE1' }, target);
    assert.equal(res.status, 303);
    assert.equal(await grants(), 2);
  });

  test('revoking answers 303 to the person page, with its banner once', async () => {
    const id = await personId('priya@project.example');
    const target = `/admin/people/${id}`;
    const gid = (await sql(`SELECT MIN(id) FROM role_grants WHERE person_id = ${id} AND role = 'amhl'`)).trim();
    let res = await post(admin, { grant: gid, reason: 'left the hub' }, `${target}/revoke`);
    assert.equal(res.status, 303, res.body.slice(0, 300));
    assert.equal(res.headers.location, target);
    res = await page(admin, target);
    assert.match(res.body, /govuk-notification-banner__heading">Role revoked from Priya Project</);
    assert.equal(banners((await page(admin, target)).body), 0);
    // the same form again (a second click, another tab): nothing more is done, and the page says why
    const audited = await sql(`SELECT count(*) FROM audit_log WHERE action = 'role_revoked' AND subject = 'person:${id}'`);
    res = await post(admin, { grant: gid, reason: 'left the hub' }, `${target}/revoke`);
    assert.equal(res.status, 303, 'a replayed revoke is not a fault');
    assert.match((await page(admin, target)).body, /govuk-notification-banner__heading">That role had already been removed</);
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'role_revoked' AND subject = 'person:${id}'`), audited);
    const other = (await sql(`SELECT MIN(id) FROM role_grants WHERE person_id = ${id}`)).trim();
    res = await post(admin, { grant: other, reason: '' }, `${target}/revoke`);
    assert.equal(res.status, 400, 'no reason: the page again with its error');
    // the summary links to that role's reason, which shows the message
    assert.deepEqual(summary(res.body), [[`#reason-${other}`, 'Enter the reason for revoking the role, next to its Revoke button']]);
    assert.match(res.body, new RegExp(`<p class="govuk-error-message" id="reason-${other}-error">[^]*?</p><input class="govuk-input govuk-input--error[^"]*" aria-describedby="reason-${other}-error" type="text" name="reason" placeholder="Reason" id="reason-${other}">`));
  });
});

// The people list is paged by person (50 a page, GOV.UK pagination), so a
// person's roles are never cut off by a limit on (person, role) rows: 55
// people with 12 roles each (660 such rows) on a server of their own.
describe('the people list, page by page', () => {
  let own, admin;
  const PER = 12;
  const ask = (target) => request(own.base, target, { headers: { Cookie: admin } });
  const q = (query) => dbQuery(own, query);
  /** [name, [roles]] of each row of the people table. */
  const rows = (html) => [...html.matchAll(/<tr class="govuk-table__row"><t[hd][^>]*>(?:<a [^>]*>)?([^<]*)(?:<\/a>)?<\/t[hd]><td class="govuk-table__cell">[^<]*<\/td><td class="govuk-table__cell">((?:[^<]*<br>)*)<\/td>/g)]
    .map((m) => [m[1], m[2].split('<br>').filter(Boolean)]);

  before(async () => {
    own = await startServer();
    const tok = randomBytes(32).toString('base64url');
    const [h] = blake([tok]);
    const now = Math.floor(Date.now() / 1000);
    const people = Array.from({ length: 55 }, (_, i) => `('person${String(i + 1).padStart(2, '0')}@page.example', 'Person ${String(i + 1).padStart(2, '0')}', ${now})`);
    await q([
      `INSERT INTO people (email, name, created_at) VALUES ('zz@page.example', 'Zz Admin', ${now}), ${people.join(', ')}`,
      `INSERT INTO role_grants (person_id, role, granted_at) SELECT id, 'national_admin', ${now} FROM people WHERE email = 'zz@page.example'`,
      `INSERT INTO role_grants (person_id, role, hub_id, granted_at) SELECT p.id, 'amhl', h.id, ${now} FROM people p, (SELECT id FROM hubs ORDER BY code LIMIT ${PER}) h WHERE p.email LIKE 'person%'`,
      `INSERT INTO sessions (token_hash, person_id, stage, csrf_token, created_at, last_seen_at) SELECT '${h}', id, 'signed_in', 'x', ${now}, ${now} FROM people WHERE email = 'zz@page.example'`,
    ].join(';\n') + ';');
    admin = `mh_session=${tok}`;
  });
  after(async () => { await stopClean(own); });

  test('page 1: the first 50 people, each with every one of their roles; page 2: the rest', async () => {
    const hubs = (await q(`SELECT code FROM hubs ORDER BY code LIMIT ${PER}`)).trim().split('\n');
    const want = hubs.map((c) => `Assistant Maths Hub Lead (${c})`).sort();
    const one = await ask('/admin/people');
    assert.equal(one.status, 200);
    const first = rows(one.body);
    assert.deepEqual(first.map(([n]) => n), Array.from({ length: 50 }, (_, i) => `Person ${String(i + 1).padStart(2, '0')}`));
    for (const [name, roles] of first) assert.deepEqual([...roles].sort(), want, `${name}: all ${PER} roles`);
    assert.match(one.body, /<nav class="govuk-pagination"/);
    assert.match(one.body, /href="\/admin\/people\?page=2"/);
    const two = await ask('/admin/people?page=2');
    assert.equal(two.status, 200);
    const second = rows(two.body);
    assert.deepEqual(second.map(([n]) => n), ['Person 51', 'Person 52', 'Person 53', 'Person 54', 'Person 55', 'Zz Admin']);
    assert.deepEqual([...second[4][1]].sort(), want);
    assert.deepEqual(second[5][1], ['National administrator']);
    assert.deepEqual(rows((await ask('/admin/people?page=9')).body), second, 'past the end: the last page');
    assert.deepEqual(rows((await ask('/admin/people?page=x')).body), first, 'not a number: the first page');
  });
});

// A read that fails in the middle of the person's roles gives the error
// page, never a 200 with half a table. The fault is real: role_grants is
// swapped for a view whose reason column raises an error for one row (the
// second of three), which only the person page's query reads (sessions and
// permissions never read the reason). abs() of the smallest integer is an
// "integer overflow" error in SQLite; 1/0 is "division by zero" in
// PostgreSQL. A server of its own, so the swap touches no other test.
describe('a database error in the middle of a person\'s roles', () => {
  let own;
  const q = (query) => dbQuery(own, query);
  before(async () => { own = await startServer(); });
  after(async () => { await stopClean(own); });

  test('is the error page (500), with none of the rows read before it', async () => {
    const tok = randomBytes(32).toString('base64url');
    const [h] = blake([tok]);
    const now = Math.floor(Date.now() / 1000);
    await q([
      `INSERT INTO people (email, name, created_at) VALUES ('admin@fault.example', 'Fay Admin', ${now}), ('many@fault.example', 'Manny Roles', ${now})`,
      `INSERT INTO role_grants (person_id, role, granted_at) SELECT id, 'national_admin', ${now} FROM people WHERE email = 'admin@fault.example'`,
      `INSERT INTO role_grants (person_id, role, hub_id, granted_at, reason) SELECT p.id, 'amhl', h.id, ${now}, 'reason ' || h.code FROM people p, (SELECT id, code FROM hubs ORDER BY code LIMIT 3) h WHERE p.email = 'many@fault.example'`,
      `INSERT INTO sessions (token_hash, person_id, stage, csrf_token, created_at, last_seen_at) SELECT '${h}', id, 'signed_in', 'x', ${now}, ${now} FROM people WHERE email = 'admin@fault.example'`,
    ].join(';\n') + ';');
    const id = (await q("SELECT id FROM people WHERE email = 'many@fault.example'")).trim();
    const ask = () => request(own.base, `/admin/people/${id}`, { headers: { Cookie: `mh_session=${tok}` } });
    const good = await ask();
    assert.equal(good.status, 200);
    assert.equal((good.body.match(/<td class="govuk-table__cell">reason /g) || []).length, 3, 'three roles while the database is well');

    const second = (await q(`SELECT id FROM role_grants WHERE person_id = ${id} ORDER BY granted_at, id LIMIT 1 OFFSET 1`)).trim();
    const boom = BACKEND === 'postgres' ? '(1 / (id - id))::text' : 'abs(id - id - 9223372036854775807 - 1)';
    await q([
      'ALTER TABLE role_grants RENAME TO role_grants_real',
      `CREATE VIEW role_grants AS SELECT id, person_id, role, hub_id, project_id, school_urn, granted_by, granted_at, CASE WHEN id = ${second} THEN ${boom} ELSE reason END AS reason FROM role_grants_real`,
    ].join(';\n') + ';');
    const bad = await ask();
    assert.equal(bad.status, 500, bad.body.slice(0, 300));
    assert.match(bad.body, /Sorry, there is a problem with the service/);
    assert.doesNotMatch(bad.body, /reason |govuk-table|Manny Roles/, 'no half page: nothing read before the error');
  });
});
