// SQLite's FTS5 and PostgreSQL's full-text search give the same results, in
// the same order: one server on each, the same real schools in both
// (seedSchools), and the same queries (the tests' own, and the first
// letters, towns and postcode districts of a spread of the schools) asked of
// both through /api/v1/schools, every page. Needs the PostgreSQL test
// cluster (MATHSHUBS_TEST_PG_URL): runs once, not once per backend.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { QUERIES, expectOrder, fixture, fold, getJson, seedSchools, startServer, stopClean } from './lib.mjs';

let lite, pg;
before(async () => {
  lite = await startServer({ backend: 'sqlite' });
  pg = await startServer({ backend: 'postgres' });
  await Promise.all([seedSchools(lite), seedSchools(pg)]);
});
after(async () => {
  await stopClean(lite, 'the SQLite server'); // stopClean passes over one that never started
  await stopClean(pg, 'the PostgreSQL server');
});

/** Every school found for query, in order: [urn, name, hub_code] each. */
async function all(srv, query) {
  const out = [];
  for (let page = 1; ; page++) {
    const r = await getJson(srv.base, `/api/v1/schools?page_size=50&page=${page}&query=${encodeURIComponent(query)}`);
    assert.equal(r.status, 200, `${srv.backend} ${query}: ${r.body.slice(0, 200)}`);
    out.push(...r.json.schools.map((s) => [s.urn, s.name, s.hub_code]));
    if (out.length >= r.json.total || !r.json.schools.length) return { total: r.json.total, out };
  }
}

function queries() {
  const qs = new Set(QUERIES);
  fixture().schools.forEach((s, i) => {
    if (i % 25) return;
    const words = fold(s.name).split(' ');
    qs.add(words[0].slice(0, 3));
    qs.add(words.slice(0, 2).map((w) => w.slice(0, 4)).join(' '));
    if (s.town) qs.add(s.town);
    if (s.postcode) qs.add(s.postcode.split(' ')[0]);
    qs.add(s.urn.slice(0, 4));
  });
  return [...qs];
}

test('SQLite and PostgreSQL find the same schools in the same order', async () => {
  const asked = queries();
  assert.ok(asked.length > 150, `${asked.length} queries`);
  let found = 0;
  for (const q of asked) {
    const [a, b] = await Promise.all([all(lite, q), all(pg, q)]);
    assert.deepEqual(b, a, `query ${JSON.stringify(q)}: PostgreSQL differs from SQLite`);
    assert.deepEqual(a.out.map((x) => x[0]), expectOrder(q), `query ${JSON.stringify(q)}: not what the fixture says`);
    found += a.total;
  }
  assert.ok(found > 3000, `the queries found schools (${found} in all)`);
});

test('the pages list the same schools on both', async () => {
  for (const q of ['st marys', 'EC3A', 'blackfield', 'junior']) {
    const [a, b] = await Promise.all([lite, pg].map(async (srv) => {
      const r = await fetch(`${srv.base}/schools?q=${encodeURIComponent(q)}&page=2`);
      const html = await r.text();
      return [r.status, [...html.matchAll(/<li class="mh-result"><h2[^>]*><a class="govuk-link" href="\/schools\/(\d+)"/g)].map((m) => m[1])];
    }));
    assert.deepEqual(b, a, q);
  }
});
