// A person whose school has closed (GIAS says so: the register's fixture of
// real Hampshire schools, tests/lib/schools.mjs): their page and their
// hub's team list say it with a "Closed" tag, name what replaced it from
// GIAS's links (its successor, linked to its page; the school open in its
// place today when the successor has closed too), and say their school
// needs updating, with a link to where it is changed for those who may
// change it. What each must say comes from the fixture, never the server.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { dbQuery, fixture, personSession, plain, school, seedSchools, useServer } from './lib.mjs';

const srv = useServer();
const sql = (q) => dbQuery(srv, q);

/** The schools that replaced urn directly, by GIAS's links either way round (Successor on its row, Predecessor on theirs). */
function successors(urn) {
  const out = new Set();
  for (const l of fixture().links) {
    if (l.urn === urn && l.link_type.startsWith('Successor')) out.add(l.link_urn);
    if (l.link_urn === urn && l.link_type.startsWith('Predecessor')) out.add(l.urn);
  }
  return [...out].sort();
}
const named = (urn) => `${school(urn).name} (URN ${urn})`;

// Awbridge (closed) became an academy; Blackfield Infant joined Blackfield Primary, which became an academy; Beech Down has no successor
const AWBRIDGE = '115856';
const BLACKFIELD = '115895';
const BEECH_DOWN = '116064';
const OPEN = successors(AWBRIDGE)[0];

/** Text of HTML (plain), with no space before a full stop or comma that followed a tag. */
const words = (html) => plain(html).replace(/ ([.,])/g, '$1');
/** The School row of a person's page, as text. */
const schoolRow = (html) => words(/<dt class="govuk-summary-list__key">School<\/dt>([\s\S]*?)<\/div>\n/.exec(html)[1]);
/** The team page's row of name, as text. */
const teamRow = (html, name) => words(new RegExp(`<th scope="row" class="govuk-table__header">(?:<a[^>]*>)?${name}[\\s\\S]*?</th>`).exec(html)[0]);

describe('a person whose school has closed', () => {
  let lead, admin, analyst, viewer, amy, ben, cat, dan;

  before(async () => {
    await srv.started;
    await seedSchools(srv);
    for (const urn of [AWBRIDGE, BLACKFIELD, BEECH_DOWN]) assert.equal(school(urn).status, 'closed', urn);
    assert.equal(school(OPEN).status, 'open');
    assert.deepEqual(successors(BEECH_DOWN), []);
    lead = await personSession(srv, 'lead@se3.example', [['mhl', 'SE3']], 'Lena Lead');
    admin = await personSession(srv, 'admin@ncetm.example', [['national_admin', null]], 'Nora National');
    analyst = await personSession(srv, 'analyst@ncetm.example', [['national_analyst', null]], 'Ana Analyst');
    viewer = await personSession(srv, 'viewer@school.example', [['llme', 'SE3']], 'Vic Viewer');
    amy = await personSession(srv, 'amy@school.example', [['llme', 'SE3']], 'Amy Archer');
    ben = await personSession(srv, 'ben@school.example', [['llme', 'SE3']], 'Ben Baker');
    cat = await personSession(srv, 'cat@school.example', [['llme', 'SE3']], 'Cat Cole');
    dan = await personSession(srv, 'dan@school.example', [['llme', 'SE3']], 'Dan Dale');
    await sql([[amy, AWBRIDGE], [ben, BLACKFIELD], [cat, BEECH_DOWN], [dan, OPEN]]
      .map(([p, urn]) => `UPDATE people SET school_urn = '${urn}', job_title = 'Teacher' WHERE id = ${p.id}`).join(';\n') + ';');
  });

  test('their page: the school with a Closed tag, its successor linked, and a link to change their school', async () => {
    const res = await lead.get(`/admin/people/${amy.id}`);
    assert.equal(res.status, 200);
    assert.equal(schoolRow(res.body), `${named(AWBRIDGE)} Closed Its successor is ${named(OPEN)}. ` +
      'Their school needs updating: change their school. Change school');
    assert.ok(res.body.includes(`<a class="govuk-link" href="/schools/${OPEN}">${school(OPEN).name}</a> (URN ${OPEN})`), 'the successor\'s page');
    assert.ok(res.body.includes(`<a class="govuk-link" href="/admin/people/${amy.id}/details">change their school</a>`));
    // the page where it is changed is theirs to use
    assert.equal((await lead.get(`/admin/people/${amy.id}/details`)).status, 200);
  });

  test('a successor that has closed too: the school open in its place today', async () => {
    const [direct] = successors(BLACKFIELD);
    const [today] = successors(direct);
    assert.equal(school(direct).status, 'closed');
    assert.equal(school(today).status, 'open');
    const row = schoolRow((await admin.get(`/admin/people/${ben.id}`)).body);
    assert.match(row, new RegExp(`Closed Its successor is ${named(direct).replace(/[()]/g, '\\$&')}, which has closed too\\. ` +
      `The school open in its place today is ${named(today).replace(/[()]/g, '\\$&')}\\.`));
  });

  test('no successor in GIAS: it says so; an open school has no tag', async () => {
    assert.match(schoolRow((await lead.get(`/admin/people/${cat.id}`)).body), /Closed GIAS records no school that replaced it\. Their school needs updating/);
    const open = schoolRow((await lead.get(`/admin/people/${dan.id}`)).body);
    assert.equal(open, `${named(OPEN)} Change school`);
  });

  test('for one who may read but not change them: who can, and no link', async () => {
    const res = await analyst.get(`/admin/people/${amy.id}`);
    assert.equal(res.status, 200);
    assert.match(schoolRow(res.body), /Their school needs updating by their hub's leadership team\.$/);
    assert.doesNotMatch(res.body, /change their school/);
  });

  test('the hub\'s team list says the same of each of its LLMEs', async () => {
    let res = await lead.get('/hubs/SE3/team');
    assert.equal(res.status, 200);
    assert.equal(teamRow(res.body, 'Amy Archer'), `Amy Archer Teacher, ${school(AWBRIDGE).name} Closed Its successor is ${named(OPEN)}. ` +
      'Their school needs updating: change their school.');
    assert.ok(res.body.includes(`href="/admin/people/${amy.id}/details">change their school</a>`));
    assert.match(teamRow(res.body, 'Ben Baker'), /which has closed too\. The school open in its place today is/);
    assert.match(teamRow(res.body, 'Cat Cole'), /GIAS records no school that replaced it/);
    assert.equal(teamRow(res.body, 'Dan Dale'), `Dan Dale Teacher, ${school(OPEN).name}`);
    // an LLME of the hub sees it too, and who can change it
    res = await viewer.get('/hubs/SE3/team');
    assert.equal(res.status, 200);
    assert.equal(teamRow(res.body, 'Amy Archer'), `Amy Archer Teacher, ${school(AWBRIDGE).name} Closed Its successor is ${named(OPEN)}. ` +
      "Their school needs updating by their hub's leadership team.");
    assert.doesNotMatch(res.body, /\/details"/);
  });
});
