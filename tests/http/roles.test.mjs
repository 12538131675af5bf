// The role x route matrix (tests/http/role-route-matrix.csv): every route of
// the router's table (read from src/routes.c, so a route added without a row
// fails here), for anonymous visitors and for a person holding each role,
// gives the expected outcome: the handler runs, 403, or a redirect to sign in.
// People, roles and signed-in sessions are made directly in the database
// (a session's token is random; the database holds its BLAKE2b-256 hash).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { BACKEND, ROOT, pgAdmin, pgAdminUrl, request, sqlite, startServer, stopClean } from './lib.mjs';

const ROLES = ['national_admin', 'national_analyst', 'project_lead', 'hub_lead_link', 'national_link',
  'mhl', 'amhl', 'hub_manager', 'llme', 'participant', 'headteacher'];
const EXAMPLES = { code: null, token: 'not-a-real-token' }; // {code} depends on the route

function routeTable() {
  const src = readFileSync(path.join(ROOT, 'src', 'routes.c'), 'utf8');
  const rows = [];
  for (const m of src.matchAll(/\{(RM_[A-Z_| ]+), "([^"]+)", \w+, [^,]+, (CAP_\w+)\}/g))
    for (const meth of m[1].split('|').map((s) => s.trim().slice(3))) rows.push({ method: meth, pattern: m[2], cap: m[3] });
  return rows;
}

function matrix() {
  const lines = readFileSync(path.join(ROOT, 'tests', 'http', 'role-route-matrix.csv'), 'utf8')
    .split('\n').filter((l) => l && !l.startsWith('#'));
  const head = lines[0].split(',');
  const m = new Map();
  for (const l of lines.slice(1)) {
    const cells = l.split(',');
    const row = Object.fromEntries(head.map((h, i) => [h, cells[i]]));
    m.set(`${row.method} ${row.pattern}`, row);
  }
  return { head, m };
}

const blake = (tokens) => execFileSync('/usr/bin/python3', ['-c',
  'import hashlib,sys\nfor t in sys.argv[1:]: print(hashlib.blake2b(t.encode(), digest_size=32).hexdigest())', ...tokens],
{ encoding: 'utf8' }).trim().split('\n');

let srv;
const sessions = {}; // who -> [{cookie, csrf}] one per request
before(async () => { srv = await startServer(); });
after(async () => { await stopClean(srv); });

async function sql(query) {
  if (query.length < 60000)
    return BACKEND === 'postgres' ? pgAdmin(query, srv.pg.name) : sqlite(srv.db, query);
  // a long script goes through a file (argv is limited)
  const file = path.join(srv.dir, `script-${randomBytes(4).toString('hex')}.sql`);
  writeFileSync(file, query);
  if (BACKEND === 'postgres')
    return execFileSync('/usr/bin/psql', [pgAdminUrl().replace(/\/[^/]*$/, '/' + srv.pg.name), '-v', 'ON_ERROR_STOP=1', '-qAtf', file], { encoding: 'utf8' });
  return sqlite(srv.db, `.read ${file}`);
}

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
    await sql(stmts.join(';\n') + ';');

    const failures = [];
    for (const [wi, w] of who.entries()) {
      for (const [k, r] of routes.entries()) {
        const s = sessions[w][k];
        let target = r.pattern.replace('{token}', EXAMPLES.token).replace('{id}', '1')
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
          : res.status === 303 && res.headers.location === '/sign-in' ? 'signin' : 'allow';
        const want = m.get(`${r.method} ${r.pattern}`)[w];
        if (got !== want) failures.push(`${w} ${r.method} ${target}: expected ${want}, got ${got} (${res.status})`);
        if (res.status >= 500) failures.push(`${w} ${r.method} ${target}: server error ${res.status}`);
        void wi;
      }
    }
    assert.deepEqual(failures, []);
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
    const form = 'csrf_token=x&name=Someone&email=someone%40ee1.example&role=llme&hub=EE1';
    const add = await request(srv.base, '/admin/people', { method: 'POST', body: form,
      headers: { Cookie: `mh_session=${tok}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(form.length) } });
    assert.equal(add.status, 400);
    assert.match(add.body, /only give roles in your own hub/);
    assert.equal((await sql("SELECT count(*) FROM people WHERE email = 'someone@ee1.example'")).trim(), '0');
  });
});
