// The GOV.UK pages: start page, hubs, projects and their filter, error pages.
// Every hub and every project of the reference data (data/*.csv) is checked.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { HUBS, PROJECTS, elementTexts, esc, expectProjects, filterQuery, get, mediaType, useServer } from './lib.mjs';

const srv = useServer();
let base;
before(async () => { ({ base } = await srv.started); });

const REGIONS = [...new Set(HUBS.map((h) => h.region))];

/** The text of the result count heading of /projects. */
function resultCount(html) {
  const m = /<h2\b[^>]*id="result-count"[^>]*>([^<]*)<\/h2>/.exec(html);
  assert.ok(m, 'the page has a result count heading');
  return m[1].trim();
}

/** Project codes listed in the results of /projects, in order. */
function listedProjects(html) {
  return [...html.matchAll(/href="\/projects\/([^"?#]+)"/g)].map((m) => decodeURIComponent(m[1]));
}

/** Every project listed on every page of a /projects address, following the Next links. */
async function allPages(target) {
  const codes = [];
  for (let href = target, n = 0; href; n++) {
    assert.ok(n < 10, 'pagination ends');
    const r = await get(base, href);
    assert.equal(r.status, 200, href);
    codes.push(...listedProjects(r.body));
    const next = /<div class="govuk-pagination__next"><a [^>]*href="([^"]+)"/.exec(r.body);
    href = next && next[1].replace(/&amp;/g, '&');
  }
  return codes;
}

/** The GOV.UK error summary's links (their href targets), or null without a summary. */
function errorSummaryTargets(html) {
  const i = html.indexOf('class="govuk-error-summary"');
  if (i < 0) return null;
  const summary = html.slice(i, html.indexOf('</ul>', i));
  return [...summary.matchAll(/<a href="#([^"]+)"/g)].map((m) => m[1]);
}

function assertHtml(r, status, what) {
  assert.equal(r.status, status, `${what}: status ${r.status}`);
  assert.equal(mediaType(r), 'text/html', `${what}: content type ${r.headers['content-type']}`);
  assert.match(r.headers['content-type'], /charset=utf-8/i);
  assert.match(r.body, /^<!DOCTYPE html>/);
  assert.match(r.body, /<\/html>\s*$/, `${what}: the page is complete`);
}

describe('main pages', () => {
  for (const [target, h1] of [
    ['/', 'Maths Hubs'],
    ['/hubs', 'Maths Hubs by region'],
    ['/projects', 'National projects'],
    ['/api', 'Maths Hubs API'],
  ]) {
    test(`${target} is a 200 HTML page headed "${h1}"`, async () => {
      const r = await get(base, target);
      assertHtml(r, 200, target);
      assert.deepEqual(elementTexts(r.body, 'h1', 'govuk-heading-xl'), [h1]);
      assert.match(r.body, /<html lang="en" class="govuk-template">/);
      assert.match(r.body, /<main class="govuk-main-wrapper" id="main-content">/);
    });
  }
});

describe('hubs', () => {
  test('the reference data has 40 hubs in 9 regions (quoted CSV field included)', () => {
    assert.equal(HUBS.length, 40);
    assert.equal(REGIONS.length, 9);
    assert.equal(HUBS.find((h) => h.code === 'SE1').name, 'Bucks, Berks and Oxon');
  });

  test('/hubs lists all 40 hubs grouped under 9 region captions', async () => {
    const r = await get(base, '/hubs');
    assertHtml(r, 200, '/hubs');
    assert.match(r.body, /There are 40 Maths Hubs in 9 regions of England/);
    const tables = r.body.split('<table').slice(1);
    const got = new Map();
    for (const t of tables) {
      const cap = /<caption class="govuk-table__caption[^"]*">([^<]*)<\/caption>/.exec(t);
      assert.ok(cap, 'every table of hubs has a caption');
      assert.ok(!got.has(cap[1]), `region ${cap[1]} appears once`);
      got.set(cap[1], [...t.matchAll(/href="\/hubs\/([^"]+)"/g)].map((m) => m[1]));
    }
    assert.deepEqual([...got.keys()].sort(), REGIONS.map(esc).sort(), 'one caption per region');
    for (const region of REGIONS) {
      const want = HUBS.filter((h) => h.region === region).map((h) => h.code).sort();
      assert.deepEqual([...got.get(esc(region))].sort(), want, `hubs of ${region}`);
    }
    for (const h of HUBS) assert.ok(r.body.includes(`>${esc(h.name)}</a>`), `${h.code} name listed`);
  });

  for (const h of HUBS) {
    test(`/hubs/${h.code} shows ${h.name} in ${h.region}`, async () => {
      const r = await get(base, `/hubs/${h.code}`);
      assertHtml(r, 200, `/hubs/${h.code}`);
      assert.deepEqual(elementTexts(r.body, 'h1', 'govuk-heading-xl'), [`${esc(h.name)} Maths Hub`]);
      assert.deepEqual(elementTexts(r.body, 'span', 'govuk-caption-l'), [esc(h.region)]);
      assert.ok(r.body.includes(`<title>${esc(h.name)} Maths Hub - Maths Hubs</title>`), 'page title');
      assert.ok(r.body.includes(`<dd class="govuk-summary-list__value">${esc(h.region)}</dd>`), 'region row');
      assert.ok(r.body.includes(`<dd class="govuk-summary-list__value">${esc(h.code)}</dd>`), 'code row');
      // the other hubs of the region, and only those
      const others = HUBS.filter((o) => o.region === h.region && o.code !== h.code).map((o) => o.code).sort();
      const listed = [...r.body.matchAll(/<li><a class="govuk-link" href="\/hubs\/([^"]+)">/g)].map((m) => m[1]).sort();
      assert.deepEqual(listed, others, 'other hubs in the region');
    });
  }

  test('an unknown hub is a 404 page naming the code, with a link back to /hubs', async () => {
    const r = await get(base, '/hubs/ZZ9');
    assertHtml(r, 404, '/hubs/ZZ9');
    assert.match(r.body, /Maths Hub not found/);
    assert.match(r.body, /There is no Maths Hub with the code ZZ9\./);
    assert.match(r.body, /<a class="govuk-link" href="\/hubs">/);
  });

  test('a hub code is matched exactly (lower case is not found)', async () => {
    const r = await get(base, '/hubs/sw4');
    assertHtml(r, 404, '/hubs/sw4');
  });
});

describe('projects', () => {
  test('the reference data has 34 projects for 2024/25', () => {
    assert.equal(PROJECTS.length, 34);
    assert.match(PROJECTS.find((p) => p.code === 'NCP24-20').title, /\u2013/);
  });

  for (const p of PROJECTS) {
    test(`/projects/${p.code} shows its title, kind and phases`, async () => {
      const r = await get(base, `/projects/${p.code}`);
      assertHtml(r, 200, `/projects/${p.code}`);
      assert.deepEqual(elementTexts(r.body, 'h1', 'govuk-heading-xl'), [esc(p.title)]);
      assert.ok(r.body.includes(`<title>${esc(p.title)} - Maths Hubs</title>`), 'page title');
      assert.deepEqual(elementTexts(r.body, 'span', 'govuk-caption-l'), [`${esc(p.code)} · 2024/25`]);
      assert.match(r.body, new RegExp(`<strong class="govuk-tag[^"]*">${esc(p.kind)}</strong>`));
      const phases = p.phases.length === 1 ? p.phases[0]
        : `${p.phases.slice(0, -1).join(', ')} and ${p.phases.at(-1)}`;
      assert.ok(r.body.includes(`<dt class="govuk-summary-list__key">Phases</dt><dd class="govuk-summary-list__value">${phases}</dd>`), `phases ${phases}`);
      assert.ok(r.body.includes(`<dd class="govuk-summary-list__value">${p.develops_llmes ? 'Yes' : 'No'}</dd>`), 'develops LLMEs');
    });
  }

  test('the en dash of NCP24-20 is sent as UTF-8', async () => {
    const r = await get(base, '/projects/NCP24-20');
    assert.ok(r.body.includes('Cross Phase \u2013 Supporting Low Attainers'));
    assert.ok(r.raw.includes(Buffer.from('Cross Phase \xe2\x80\x93 Supporting', 'latin1')), 'bytes E2 80 93');
  });

  test('an unknown project is a 404 page naming the code, with a link back to /projects', async () => {
    const r = await get(base, '/projects/NCP99-99');
    assertHtml(r, 404, '/projects/NCP99-99');
    assert.match(r.body, /Project not found/);
    assert.match(r.body, /There is no national project with the code NCP99-99\./);
    assert.match(r.body, /<a class="govuk-link" href="\/projects">/);
  });

  test('/projects without a filter: "34 projects", 20 on page 1 and 14 on page 2', async () => {
    const p1 = await get(base, '/projects');
    assertHtml(p1, 200, '/projects');
    assert.equal(resultCount(p1.body), '34 projects');
    assert.match(p1.body, /Showing 1 to 20 of 34 projects/);
    const first = listedProjects(p1.body);
    assert.equal(first.length, 20);
    const p2 = await get(base, '/projects?page=2');
    assertHtml(p2, 200, '/projects?page=2');
    assert.equal(resultCount(p2.body), '34 projects');
    assert.match(p2.body, /Showing 21 to 34 of 34 projects/);
    const second = listedProjects(p2.body);
    assert.equal(second.length, 14);
    assert.deepEqual([...first, ...second].sort(), PROJECTS.map((p) => p.code).sort(),
      'the two pages together list every project once');
    assert.match(p1.body, /<a class="govuk-link govuk-pagination__link" href="\/projects\?page=2" rel="next">/);
    assert.match(p2.body, /<a class="govuk-link govuk-pagination__link" href="\/projects\?page=1" rel="prev">/);
  });

  const filters = [
    ['phase=Primary', { phase: ['Primary'] }],
    ['phase=Post-16', { phase: ['Post-16'] }],
    ['kind=Community', { kind: ['Community'] }],
    ['kind=Work Group and phase=Secondary', { kind: ['Work Group'], phase: ['Secondary'] }],
    ['two phases (union)', { phase: ['Primary', 'Post-16'] }],
    ['year=2024/25', { year: ['2024/25'] }],
    ['two kinds and a year', { year: ['2024/25'], kind: ['Targeted Support', 'Community'] }],
  ];
  for (const [name, f] of filters) {
    test(`/projects filter ${name}: count and list from the CSV`, async () => {
      const want = expectProjects(f);
      assert.ok(want.length > 0, 'the filter selects something');
      const target = '/projects' + filterQuery(f);
      const r = await get(base, target);
      assertHtml(r, 200, target);
      assert.equal(resultCount(r.body), `${want.length} ${want.length === 1 ? 'project' : 'projects'}`);
      assert.equal(listedProjects(r.body).length, Math.min(want.length, 20), 'at most 20 on a page');
      assert.deepEqual((await allPages(target)).sort(), want.map((p) => p.code).sort());
      assert.equal(errorSummaryTargets(r.body), null, 'no error summary');
      for (const [k, vs] of Object.entries(f))
        for (const v of vs)
          assert.match(r.body, new RegExp(`name="${k}" type="checkbox" value="${esc(v)}" checked>`), `${k}=${v} stays checked`);
    });
  }

  test('the union of two phases is larger than each phase alone', () => {
    const a = expectProjects({ phase: ['Primary'] }).length;
    const b = expectProjects({ phase: ['Post-16'] }).length;
    const both = expectProjects({ phase: ['Primary', 'Post-16'] }).length;
    assert.ok(both > a && both > b && both <= a + b);
  });

  test('pagination keeps the filter: two kinds (28 projects) over two pages', async () => {
    const f = { kind: ['Work Group', 'Programme'] };
    const want = expectProjects(f);
    assert.ok(want.length > 20);
    const r1 = await get(base, '/projects' + filterQuery(f));
    assertHtml(r1, 200, 'page 1');
    assert.equal(resultCount(r1.body), `${want.length} projects`);
    const next = /<div class="govuk-pagination__next"><a [^>]*href="([^"]+)"/.exec(r1.body);
    assert.ok(next, 'a Next link');
    const href = next[1].replace(/&amp;/g, '&');
    assert.match(href, /kind=Work%20Group&kind=Programme&page=2$/);
    const r2 = await get(base, href);
    assertHtml(r2, 200, href);
    const all = [...listedProjects(r1.body), ...listedProjects(r2.body)];
    assert.equal(all.length, want.length);
    assert.deepEqual(all.sort(), want.map((p) => p.code).sort());
  });

  test('a page past the last is 404', async () => {
    const r = await get(base, '/projects?page=99');
    assertHtml(r, 404, '/projects?page=99');
    const r3 = await get(base, '/projects?page=3');
    assert.equal(r3.status, 404);
  });

  for (const page of ['abc', '0', '-1', '2x']) {
    test(`page=${page} is 400 with the GOV.UK error summary`, async () => {
      const r = await get(base, `/projects?page=${page}`);
      assertHtml(r, 400, `page=${page}`);
      const targets = errorSummaryTargets(r.body);
      assert.ok(targets && targets.length === 1, 'one error in the summary');
      assert.ok(r.body.includes(`id="${targets[0]}"`), `the summary links to #${targets[0]}, which exists`);
      assert.match(r.body, /<title>Error: National projects - Maths Hubs<\/title>/);
    });
  }

  test('an invalid filter value (phase=Tertiary) is 400 with an error summary linking to #phase', async () => {
    const r = await get(base, '/projects?phase=Tertiary');
    assertHtml(r, 400, 'phase=Tertiary');
    assert.match(r.body, /class="govuk-error-summary"/);
    assert.deepEqual(errorSummaryTargets(r.body), ['phase']);
    assert.match(r.body, /<input class="govuk-checkboxes__input" id="phase" name="phase"/, '#phase exists');
    assert.match(r.body, /class="govuk-form-group govuk-form-group--error"/);
    assert.match(r.body, /<title>Error: /);
    assert.equal(resultCount(r.body), 'No results: check the filter');
    assert.deepEqual(listedProjects(r.body), []);
  });

  test('every invalid filter is reported: year, phase and kind', async () => {
    const r = await get(base, '/projects?year=1999%2F00&phase=Tertiary&kind=Lecture');
    assertHtml(r, 400, 'three bad values');
    assert.deepEqual(errorSummaryTargets(r.body), ['year', 'phase', 'kind']);
  });
});

describe('addresses and escaping', () => {
  test('a trailing slash redirects (301) to the address without it', async () => {
    for (const [from, to] of [['/hubs/', '/hubs'], ['/projects/', '/projects'], ['/hubs/SW4/', '/hubs/SW4']]) {
      const r = await get(base, from);
      assert.equal(r.status, 301, from);
      assert.equal(r.headers.location, to, from);
    }
  });

  test('markup in the query is never reflected (phase=<script>... is 400)', async () => {
    const r = await get(base, '/projects?phase=%3Cscript%3Ealert(%27x1%27)%3C%2Fscript%3E');
    assertHtml(r, 400, 'script in the query');
    assert.ok(!r.body.includes('<script>'), 'no <script> element without src');
    assert.ok(!r.body.includes("alert('x1')"), 'the value is not reflected raw');
  });

  test('markup in a path segment is escaped in the 404 page', async () => {
    const r = await get(base, '/hubs/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%22%27');
    assertHtml(r, 404, 'markup in the hub code');
    assert.ok(!r.body.includes('<img'), 'no raw <img');
    assert.ok(r.body.includes('the code &lt;img src=x onerror=alert(1)&gt;&quot;&#39;.'), 'escaped in the message');
  });

  test('an unknown address is a GOV.UK 404 page', async () => {
    const r = await get(base, '/nothing-here');
    assertHtml(r, 404, '/nothing-here');
    assert.match(r.body, /Page not found/);
    assert.match(r.body, /<a class="govuk-link" href="\/">/);
  });
});
