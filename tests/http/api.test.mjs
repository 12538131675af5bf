// The JSON API (/api/v1/...): hubs, projects and their filter, problem
// documents, and the OpenAPI description (valid, and true of the answers).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { Validator } from '@seriousme/openapi-schema-validator';

import {
  HUBS, PROJECTS, check, expectProjects, filterQuery, get, getJson, mediaType, request, routeTable, seedSchools, useServer,
} from './lib.mjs';

const srv = useServer();
let base;
// real schools, for the /schools paths' examples
before(async () => { ({ base } = await srv.started); await seedSchools(srv); });

function assertJson(r, status, what) {
  assert.equal(r.status, status, `${what}: status ${r.status}: ${r.body.slice(0, 300)}`);
  assert.equal(mediaType(r), 'application/json', `${what}: content type ${r.headers['content-type']}`);
}

/** Asserts an RFC 9457 problem document with the given status. */
function assertProblem(r, status, what) {
  assert.equal(r.status, status, `${what}: status ${r.status}`);
  assert.equal(mediaType(r), 'application/problem+json', `${what}: content type ${r.headers['content-type']}`);
  const j = JSON.parse(r.body);
  for (const k of ['type', 'title', 'detail']) {
    assert.equal(typeof j[k], 'string', `${what}: ${k} is a string`);
    assert.ok(j[k].length > 0, `${what}: ${k} is not empty`);
  }
  assert.equal(j.status, status, `${what}: status member`);
  return j;
}

const projectJson = (p) => ({
  code: p.code,
  title: p.title,
  academic_year: p.year,
  kind: p.kind,
  phases: p.phases,
  develops_llmes: p.develops_llmes,
  url: `/projects/${p.code}`,
});

describe('hubs', () => {
  test('/api/v1/hubs: count 40, each hub exactly {code, name, region, url} as in the CSV', async () => {
    const r = await getJson(base, '/api/v1/hubs');
    assertJson(r, 200, '/api/v1/hubs');
    assert.deepEqual(Object.keys(r.json).sort(), ['count', 'hubs']);
    assert.equal(r.json.count, 40);
    assert.equal(r.json.hubs.length, 40);
    for (const h of r.json.hubs)
      assert.deepEqual(Object.keys(h).sort(), ['code', 'name', 'region', 'url'], JSON.stringify(h));
    const want = HUBS.map((h) => ({ ...h, url: `/hubs/${h.code}` }));
    const byCode = (a, b) => a.code.localeCompare(b.code);
    assert.deepEqual([...r.json.hubs].sort(byCode), [...want].sort(byCode));
  });

  test('/api/v1/hubs is ordered by region, then code', async () => {
    const { json } = await getJson(base, '/api/v1/hubs');
    const keys = json.hubs.map((h) => [h.region, h.code]);
    const sorted = [...keys].sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
    assert.deepEqual(keys, sorted);
  });

  test('/api/v1/hubs/SW4 is GLOW in the South West', async () => {
    const r = await getJson(base, '/api/v1/hubs/SW4');
    assertJson(r, 200, '/api/v1/hubs/SW4');
    assert.deepEqual(r.json, { code: 'SW4', name: 'GLOW', region: 'South West', url: '/hubs/SW4' });
  });

  test('/api/v1/hubs/{code} answers for all 40 hubs', async () => {
    for (const h of HUBS) {
      const r = await getJson(base, `/api/v1/hubs/${h.code}`);
      assertJson(r, 200, h.code);
      assert.deepEqual(r.json, { ...h, url: `/hubs/${h.code}` });
    }
  });

  test('an unknown hub is a 404 problem document', async () => {
    const r = await get(base, '/api/v1/hubs/ZZ9');
    const j = assertProblem(r, 404, '/api/v1/hubs/ZZ9');
    assert.match(j.detail, /ZZ9/);
    assert.equal(j.instance, '/api/v1/hubs/ZZ9');
  });
});

describe('projects', () => {
  test('/api/v1/projects: count 34, every project as in the CSV', async () => {
    const r = await getJson(base, '/api/v1/projects');
    assertJson(r, 200, '/api/v1/projects');
    assert.deepEqual(Object.keys(r.json).sort(), ['count', 'filters', 'projects']);
    assert.equal(r.json.count, 34);
    assert.equal(r.json.projects.length, 34);
    assert.deepEqual(r.json.filters, { year: [], phase: [], kind: [] });
    const byCode = (a, b) => a.code.localeCompare(b.code);
    assert.deepEqual([...r.json.projects].sort(byCode), PROJECTS.map(projectJson).sort(byCode));
  });

  test('/api/v1/projects/NCP24-09: shape and values', async () => {
    const r = await getJson(base, '/api/v1/projects/NCP24-09');
    assertJson(r, 200, 'NCP24-09');
    assert.deepEqual(Object.keys(r.json).sort(),
      ['academic_year', 'code', 'develops_llmes', 'kind', 'phases', 'title', 'url']);
    assert.ok(Array.isArray(r.json.phases));
    assert.equal(typeof r.json.develops_llmes, 'boolean');
    assert.equal(r.json.academic_year, '2024/25');
    assert.deepEqual(r.json, projectJson(PROJECTS.find((p) => p.code === 'NCP24-09')));
  });

  test('/api/v1/projects/{code} answers for all 34 projects (en dash of NCP24-20 intact)', async () => {
    for (const p of PROJECTS) {
      const r = await getJson(base, `/api/v1/projects/${p.code}`);
      assertJson(r, 200, p.code);
      assert.deepEqual(r.json, projectJson(p));
    }
    const { json } = await getJson(base, '/api/v1/projects/NCP24-20');
    assert.match(json.title, /^Cross Phase \u2013 Supporting/);
  });

  const filters = [
    ['phase=Primary', { phase: ['Primary'] }],
    ['phase=Post-16', { phase: ['Post-16'] }],
    ['kind=Community', { kind: ['Community'] }],
    ['kind=Work Group and phase=Secondary', { kind: ['Work Group'], phase: ['Secondary'] }],
    ['two phases (repeated parameter: union)', { phase: ['Primary', 'Post-16'] }],
    ['year=2024/25', { year: ['2024/25'] }],
    ['two kinds (repeated parameter)', { kind: ['Targeted Support', 'Community'] }],
    ['all three', { year: ['2024/25'], phase: ['Secondary', 'Post-16'], kind: ['Programme'] }],
  ];
  for (const [name, f] of filters) {
    test(`/api/v1/projects filter ${name}: the projects the CSV gives`, async () => {
      const want = expectProjects(f);
      assert.ok(want.length > 0);
      const r = await getJson(base, '/api/v1/projects' + filterQuery(f));
      assertJson(r, 200, name);
      assert.equal(r.json.count, want.length);
      assert.deepEqual(r.json.projects.map((p) => p.code).sort(), want.map((p) => p.code).sort());
      for (const k of ['year', 'phase', 'kind'])
        assert.deepEqual([...r.json.filters[k]].sort(), [...(f[k] || [])].sort(), `filters.${k} echoed`);
    });
  }

  test('the pages and the API agree on every filter count', async () => {
    for (const [, f] of filters) {
      const q = filterQuery(f);
      const api = await getJson(base, '/api/v1/projects' + q);
      const page = await get(base, '/projects' + q);
      const m = /id="result-count"[^>]*>(\d+) project/.exec(page.body);
      assert.ok(m, `result count of /projects${q}`);
      assert.equal(Number(m[1]), api.json.count, q);
    }
  });

  test('a value repeated is counted once; an empty value is no filter', async () => {
    const r = await getJson(base, '/api/v1/projects?phase=Primary&phase=Primary');
    assertJson(r, 200, 'repeated value');
    assert.deepEqual(r.json.filters.phase, ['Primary']);
    assert.equal(r.json.count, expectProjects({ phase: ['Primary'] }).length);
    const e = await getJson(base, '/api/v1/projects?phase=&kind=');
    assertJson(e, 200, 'empty values');
    assert.equal(e.json.count, 34);
  });

  test('"+" and %20 both encode the space of "Work Group"', async () => {
    const want = expectProjects({ kind: ['Work Group'] }).length;
    for (const q of ['kind=Work+Group', 'kind=Work%20Group']) {
      const r = await getJson(base, '/api/v1/projects?' + q);
      assertJson(r, 200, q);
      assert.equal(r.json.count, want, q);
    }
  });

  test('an unknown project is a 404 problem document', async () => {
    const r = await get(base, '/api/v1/projects/NCP99-99');
    const j = assertProblem(r, 404, '/api/v1/projects/NCP99-99');
    assert.match(j.detail, /NCP99-99/);
  });

  test('an invalid filter is a 400 problem document with errors[]', async () => {
    const r = await get(base, '/api/v1/projects?phase=Tertiary');
    const j = assertProblem(r, 400, 'phase=Tertiary');
    assert.ok(Array.isArray(j.errors));
    assert.deepEqual(j.errors.map((e) => e.parameter), ['phase']);
    for (const e of j.errors) {
      assert.deepEqual(Object.keys(e).sort(), ['message', 'parameter']);
      assert.ok(e.message.length > 0);
    }
  });

  test('every invalid parameter is listed in errors[]', async () => {
    const r = await get(base, '/api/v1/projects?year=2030%2F31&phase=Tertiary&kind=Lecture&phase=Primary');
    const j = assertProblem(r, 400, 'three bad values');
    assert.deepEqual(j.errors.map((e) => e.parameter).sort(), ['kind', 'phase', 'year']);
  });
});

describe('problems', () => {
  for (const target of ['/api/v1/nothing', '/api/v2/hubs', '/api/v1/hubs/SW4/extra', '/api/nothing']) {
    test(`${target} is a 404 problem document`, async () => {
      const r = await get(base, target);
      assertProblem(r, 404, target);
    });
  }

  test('a malformed query on an API address is a 400 problem document', async () => {
    const r = await get(base, '/api/v1/projects?phase=%G1');
    assertProblem(r, 400, '/api/v1/projects?phase=%G1');
  });
});

// ---- OpenAPI ----

describe('OpenAPI description', () => {
  let doc;

  before(async () => {
    const r = await getJson(base, '/api/v1/openapi.json');
    assertJson(r, 200, '/api/v1/openapi.json');
    doc = r.json;
  });

  test('is a valid OpenAPI 3.1 document', async () => {
    assert.ok(Validator.supportedVersions.has('3.1'), 'the validator supports 3.1');
    assert.match(doc.openapi, /^3\.1\.\d+$/);
    const v = new Validator();
    const res = await v.validate(doc);
    assert.ok(res.valid, 'valid: ' + JSON.stringify(res.errors, null, 1));
    assert.equal(v.version, '3.1');
  });

  test('names this deployment as its server', () => {
    assert.deepEqual(doc.servers, [{ url: `${base}/api/v1` }]);
  });

  test('every path answers 200 (parameters, and required query parameters, from their examples) with the documented schema', async () => {
    const paths = Object.keys(doc.paths);
    assert.ok(paths.length >= 5);
    const prefix = new URL(doc.servers[0].url).pathname;
    for (const p of paths) {
      const op = doc.paths[p].get;
      assert.ok(op, `${p} has a GET operation`);
      // a path about the signed-in person: without a session, a 401 problem
      // document (its answers are checked against the schema in events-api.test.mjs)
      if (op.security?.length) {
        const r = await getJson(base, prefix + p.replace('{id}', '1'));
        assert.equal(r.status, 401, `${p} without a session`);
        assert.deepEqual(check(doc, { $ref: '#/components/schemas/Problem' }, r.json), [], p);
        continue;
      }
      const target = prefix + p.replace(/\{(\w+)\}/g, (_, name) => {
        const param = (op.parameters || []).find((x) => x.name === name && x.in === 'path');
        assert.ok(param, `${p}: parameter ${name} is described`);
        const ex = param.example ?? param.schema?.examples?.[0] ?? param.schema?.example;
        assert.ok(ex !== undefined, `${p}: parameter ${name} has an example`);
        return encodeURIComponent(ex);
      }) + (op.parameters || []).filter((x) => x.in === 'query' && x.required)
        .map((x, i) => `${i ? '&' : '?'}${x.name}=${encodeURIComponent(x.example ?? x.schema?.example)}`).join('');
      const r = await getJson(base, target);
      assert.equal(r.status, 200, `${target}: ${r.body.slice(0, 200)}`);
      const content = op.responses['200'].content;
      assert.ok(content[mediaType(r)], `${target}: ${mediaType(r)} is documented`);
      const errs = check(doc, content[mediaType(r)].schema, r.json);
      assert.deepEqual(errs, [], `${target} matches its schema`);
    }
  });

  test('every API route of every capability is documented (src/<capability>/openapi.json)', () => {
    const api = routeTable().filter((r) => r.pattern.startsWith('/api/v1/'));
    assert.ok(api.length >= 5, 'the API routes');
    const documented = new Set(Object.keys(doc.paths).map((p) => `/api/v1${p}`));
    assert.deepEqual(api.map((r) => r.pattern).filter((p) => !documented.has(p)), [], 'routes without a description');
    assert.deepEqual(api.filter((r) => !r.flags.includes('api')).map((r) => r.pattern), [], 'API routes answer errors as problem documents');
  });

  test('documented error responses match the Problem schema', async () => {
    for (const target of ['/api/v1/hubs/ZZ9', '/api/v1/projects/NCP99-99', '/api/v1/projects?phase=Tertiary',
      '/api/v1/schools/999999', '/api/v1/schools/abc', '/api/v1/schools?query=']) {
      const r = await getJson(base, target);
      assert.equal(mediaType(r), 'application/problem+json', target);
      assert.deepEqual(check(doc, { $ref: '#/components/schemas/Problem' }, r.json), [], target);
    }
  });

  test('the phases and kinds of the schema are those of the data', () => {
    const s = doc.components.schemas;
    assert.deepEqual([...s.Phase.enum].sort(), [...new Set(PROJECTS.flatMap((p) => p.phases))].sort());
    assert.deepEqual([...s.Kind.enum].sort(), [...new Set(PROJECTS.map((p) => p.kind))].sort());
  });

  test('HEAD of the description is 200 with no body', async () => {
    const r = await request(base, '/api/v1/openapi.json', { method: 'HEAD' });
    assert.equal(r.status, 200);
    assert.equal(r.raw.length, 0);
  });
});
