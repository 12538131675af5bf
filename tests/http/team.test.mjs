// A hub's team (src/team): LLME designations per academic year (this one
// and the next; once per year and hub), PD Lead and SD Lead accreditations,
// an AMHL's phase and the (at most three) LLME Community leads, managed by
// the hub's leadership in their hub and the national team everywhere; the
// team page for the hub's own people and the national team, with its count
// of active LLMEs against the goal of 50. Every change is audited.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { dbQuery, personSession, request, useServer } from './lib.mjs';

const srv = useServer();
const sql = (q) => dbQuery(srv, q);

const summary = (html) => [...html.matchAll(/<li><a href="(#[^"]+)">([^<]*)<\/a><\/li>/g)].map((m) => [m[1], m[2].replace(/&#39;/g, "'")]);
const banner = (html) => (/govuk-notification-banner__heading">([^<]*)</.exec(html) || [])[1]?.replace(/&#39;/g, "'");
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
const audits = async (action, subject) =>
  (await sql(`SELECT detail FROM audit_log WHERE action = '${action}' AND subject = '${subject}' ORDER BY id`)).split('\n').filter(Boolean);

/** The academic year of today, as the server reckons it (its clock is the real one): 2026 for 2026/27. */
function thisYear() {
  const d = new Date();
  return d.getUTCMonth() >= 8 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
}
const code = (y) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
const Y = thisYear();

/** The rows of the team page's LLME table: [name, designations and accreditations]. */
function llmeRows(html) {
  const table = /<caption class="govuk-visually-hidden">LLMEs in [^<]*<\/caption>([\s\S]*?)<\/table>/.exec(html);
  if (!table) return [];
  return [...table[1].matchAll(/<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">([\s\S]*?)<\/th><td class="govuk-table__cell">([\s\S]*?)<\/td><\/tr>/g)]
    .map((m) => [text(m[1]).trim(), text(m[2]).trim()]);
}
/** The count of active LLMEs the team page states. */
const activeCount = (html) => Number(/<span class="govuk-!-font-size-48 govuk-!-font-weight-bold">(\d+)<\/span> active LLME/.exec(html)[1]);

describe('designations, accreditations, phases and the team page', () => {
  let admin, analyst, lead, amhl, otherLead, llme, otherLlme, projectLead, sam, dana, nobody;

  before(async () => {
    await srv.started;
    admin = await personSession(srv, 'admin@ncetm.example', [['national_admin', null]], 'Nora National');
    analyst = await personSession(srv, 'analyst@ncetm.example', [['national_analyst', null]], 'Ana Analyst');
    lead = await personSession(srv, 'lead@glow.example', [['mhl', 'SW4']], 'Gwen Glow');
    amhl = await personSession(srv, 'amhl@glow.example', [['amhl', 'SW4']], 'Amir Khan');
    otherLead = await personSession(srv, 'lead@enigma.example', [['mhl', 'EE1']], 'Eric Enigma');
    llme = await personSession(srv, 'llme@glow.example', [['llme', 'SW4']], 'Lee Llme');
    otherLlme = await personSession(srv, 'llme@enigma.example', [['llme', 'EE1']], 'Ella Enigma');
    projectLead = await personSession(srv, 'pl@ncetm.example', [['project_lead', null]], 'Pia Project');
    sam = await personSession(srv, 'sam@school.example', [['llme', 'SW4']], 'Sam Stone');
    dana = await personSession(srv, 'dana@school.example', [['llme', 'SW4'], ['llme', 'EE1']], 'Dana Price');
    nobody = await personSession(srv, 'nobody@school.example', [], 'Noel Nobody');
  });

  test('the team page: the hub\'s own people and the national team see it; others are refused; the hub page links to it for them', async () => {
    assert.equal((await request(srv.base, '/hubs/SW4/team')).headers.location, '/sign-in');
    for (const who of [admin, analyst, lead, amhl, llme]) {
      const res = await who.get('/hubs/SW4/team');
      assert.equal(res.status, 200, who.email);
      assert.match(res.body, /<h1 class="govuk-heading-l">Hub team<\/h1>/);
    }
    for (const who of [otherLead, otherLlme, projectLead, nobody]) {
      const res = await who.get('/hubs/SW4/team');
      assert.equal(res.status, 403, who.email);
    }
    assert.equal((await admin.get('/hubs/ZZ9/team')).status, 404);
    const link = 'href="/hubs/SW4/team"';
    assert.ok((await llme.get('/hubs/SW4')).body.includes(link), 'an LLME of the hub');
    assert.ok((await admin.get('/hubs/SW4')).body.includes(link), 'the national team');
    assert.ok(!(await otherLlme.get('/hubs/SW4')).body.includes(link), 'another hub\'s LLME');
    assert.ok(!(await request(srv.base, '/hubs/SW4')).body.includes(link), 'the public');
  });

  test('a hub lead gives a designation for this year or the next, once per year and hub; each is audited', async () => {
    let res = await lead.get(`/admin/people/${sam.id}/designations`);
    assert.equal(res.status, 200);
    assert.deepEqual([...res.body.matchAll(/name="year" type="radio" value="(\d+)"( checked)?/g)].map((m) => m[1] + (m[2] || '')),
      [`${Y} checked`, `${Y + 1}`], 'this year (chosen) and the next');
    assert.deepEqual([...res.body.matchAll(/name="hub" type="radio" value="([A-Z0-9]+)"( checked)?/g)].map((m) => m[1] + (m[2] || '')),
      ['SW4 checked'], 'their one hub, chosen');
    assert.deepEqual([...res.body.matchAll(/name="designation" type="radio" value="([a-z_]+)"/g)].map((m) => m[1]),
      ['pms', 'sms', 'fems', 'wgl', 'cohort_lead', 'community_lead', 'tfm_lead']);

    res = await lead.post(`/admin/people/${sam.id}/designations`, { year: String(Y), hub: 'SW4' });
    assert.equal(res.status, 400);
    assert.deepEqual(summary(res.body), [['#designation', 'Select the designation']]);
    res = await lead.post(`/admin/people/${sam.id}/designations`, { year: String(Y + 2), designation: 'pms', hub: 'SW4' });
    assert.deepEqual(summary(res.body), [['#year', 'Select this academic year or the next']]);
    res = await lead.post(`/admin/people/${sam.id}/designations`, { year: String(Y), designation: 'pms', hub: 'EE1' });
    assert.deepEqual(summary(res.body), [['#hub', 'Select one of the hubs where they are part of the team and you manage designations']]);
    assert.equal(await sql('SELECT count(*) FROM llme_designations'), '0', 'nothing written');

    res = await lead.post(`/admin/people/${sam.id}/designations`, { year: String(Y), designation: 'pms', hub: 'SW4' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `/admin/people/${sam.id}`);
    res = await lead.get(`/admin/people/${sam.id}`);
    assert.equal(banner(res.body), `Sam Stone is a Primary Mastery Specialist (PMS) in SW4 for ${code(Y)}`);
    assert.match(text(res.body), new RegExp(`${code(Y)} Designation Hub Remove Primary Mastery Specialist \\(PMS\\) GLOW \\(SW4\\) Remove`));
    assert.deepEqual(await audits('designation_added', `person:${sam.id}`), [`pms ${code(Y)} SW4`]);

    // the same again: refused, and written once
    res = await lead.post(`/admin/people/${sam.id}/designations`, { year: String(Y), designation: 'pms', hub: 'SW4' });
    assert.equal(res.status, 400);
    assert.deepEqual(summary(res.body), [['#designation', `They are already a Primary Mastery Specialist (PMS) in SW4 for ${code(Y)}`]]);
    // the next year is another designation; so is another hub
    res = await lead.post(`/admin/people/${sam.id}/designations`, { year: String(Y + 1), designation: 'pms', hub: 'SW4' });
    assert.equal(res.status, 303);
    res = await admin.post(`/admin/people/${dana.id}/designations`, { year: String(Y), designation: 'wgl', hub: 'SW4' });
    assert.equal(res.status, 303);
    res = await admin.post(`/admin/people/${dana.id}/designations`, { year: String(Y), designation: 'wgl', hub: 'EE1' });
    assert.equal(res.status, 303);
    assert.equal(await sql(`SELECT count(*) FROM llme_designations WHERE person_id = ${sam.id}`), '2');
    assert.equal(await sql(`SELECT count(*) FROM llme_designations WHERE person_id = ${dana.id}`), '2');
    // the database refuses a twin too
    await assert.rejects(sql(`INSERT INTO llme_designations (person_id, academic_year, designation, hub_id, granted_at) SELECT person_id, academic_year, designation, hub_id, 0 FROM llme_designations WHERE person_id = ${sam.id} AND academic_year = ${Y}`));
  });

  test('another hub\'s lead cannot give or remove designations of this hub, and nothing is written', async () => {
    const before = await sql('SELECT count(*) FROM llme_designations');
    let res = await otherLead.get(`/admin/people/${sam.id}/designations`);
    assert.equal(res.status, 403);
    res = await otherLead.post(`/admin/people/${sam.id}/designations`, { year: String(Y), designation: 'sms', hub: 'SW4' });
    assert.equal(res.status, 403);
    const sw4 = await sql(`SELECT d.id FROM llme_designations d JOIN hubs h ON h.id = d.hub_id WHERE d.person_id = ${dana.id} AND h.code = 'SW4'`);
    res = await otherLead.post(`/admin/people/${dana.id}/designations/${sw4}/remove`);
    assert.equal(res.status, 403, 'Dana is also in EE1, but this designation is SW4\'s');
    assert.equal(await sql('SELECT count(*) FROM llme_designations'), before);
    // what does not exist is refused the same way as what does: nothing to learn about another hub's records
    res = await otherLead.post(`/admin/people/${sam.id}/designations/999999/remove`);
    assert.equal(res.status, 403, 'a designation that does not exist, of another hub\'s person');
    const grant = await sql(`SELECT id FROM role_grants WHERE person_id = ${amhl.id}`);
    for (const g of [grant, '999999'])
      assert.equal((await otherLead.get(`/admin/people/${amhl.id}/roles/${g}/phase`)).status, 403, `phase of grant ${g}`);
    // for Dana, who is in both hubs, the EE1 lead is offered EE1 only
    res = await otherLead.get(`/admin/people/${dana.id}/designations`);
    assert.deepEqual([...res.body.matchAll(/name="hub" type="radio" value="([A-Z0-9]+)"/g)].map((m) => m[1]), ['EE1']);
    // and an LLME manages none
    assert.equal((await llme.get(`/admin/people/${sam.id}/designations`)).status, 403);
  });

  test('removing a designation asks first: the person, the designation, its hub and year; a GET removes nothing', async () => {
    const id = await sql(`SELECT id FROM llme_designations WHERE person_id = ${sam.id} AND academic_year = ${Y + 1}`);
    const target = `/admin/people/${sam.id}/designations/${id}/remove`;
    const page = await lead.get(`/admin/people/${sam.id}`);
    assert.ok(page.body.includes(`<a class="govuk-link" href="${target}">Remove<span class="govuk-visually-hidden"> Primary Mastery Specialist (PMS), ${code(Y + 1)}</span></a>`),
      'their page links to the question');
    assert.doesNotMatch(page.body, /<form method="post"[^>]*\/designations\/\d+\/remove"/, 'no removal in one click');
    const res = await lead.get(target);
    assert.equal(res.status, 200);
    assert.match(res.body, new RegExp(`<h1 class="govuk-heading-l">Are you sure you want to remove Sam Stone&#39;s Primary Mastery Specialist \\(PMS\\) designation for ${code(Y + 1)}\\?</h1>`));
    assert.match(text(res.body), new RegExp(`Name Sam Stone Designation Primary Mastery Specialist \\(PMS\\) Hub GLOW \\(SW4\\) Academic year ${code(Y + 1)}`));
    assert.doesNotMatch(res.body, /govuk-warning-text/, 'next year\'s: it does not make them active this year');
    assert.ok(res.body.includes(`<form method="post" novalidate action="${target}">`));
    assert.match(res.body, /<button type="submit"[^>]*class="govuk-button govuk-button--warning"[^>]*>Remove designation<\/button>/);
    assert.ok(res.body.includes(`href="/admin/people/${sam.id}">Cancel</a>`));
    assert.equal(await sql(`SELECT count(*) FROM llme_designations WHERE id = ${id}`), '1');
    // refused as the POST is: another hub's lead, for what exists and what does not
    assert.equal((await otherLead.get(target)).status, 403);
    assert.equal((await otherLead.get(`/admin/people/${sam.id}/designations/999999/remove`)).status, 403);
    assert.equal((await llme.get(target)).status, 403);
    assert.equal((await lead.get(`/admin/people/${sam.id}/designations/x1/remove`)).status, 404);
  });

  test('the designation that makes them an active LLME of its hub this year: the question warns of it', async () => {
    const id = await sql(`SELECT id FROM llme_designations WHERE person_id = ${sam.id} AND academic_year = ${Y}`);
    const warning = (html) => (/<strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning<\/span>([^<]*)</.exec(html) || [])[1];
    let res = await lead.get(`/admin/people/${sam.id}/designations/${id}/remove`);
    assert.equal(warning(res.body)?.replace(/&#39;/g, "'"),
      `This is Sam Stone's only designation in GLOW (SW4) this year. Once it is removed, they will not count as an active LLME there in ${code(Y)}.`);
    // with another of the hub this year, it is not the last
    const now = Math.floor(Date.now() / 1000);
    await sql(`INSERT INTO llme_designations (person_id, academic_year, designation, hub_id, granted_at) SELECT ${sam.id}, ${Y}, 'cohort_lead', id, ${now} FROM hubs WHERE code = 'SW4'`);
    res = await lead.get(`/admin/people/${sam.id}/designations/${id}/remove`);
    assert.equal(warning(res.body), undefined);
    await sql(`DELETE FROM llme_designations WHERE person_id = ${sam.id} AND designation = 'cohort_lead'`);
    // Dana's in SW4 is her only one there, whatever she holds in EE1
    const sw4 = await sql(`SELECT d.id FROM llme_designations d JOIN hubs h ON h.id = d.hub_id WHERE d.person_id = ${dana.id} AND h.code = 'SW4'`);
    res = await admin.get(`/admin/people/${dana.id}/designations/${sw4}/remove`);
    assert.match(warning(res.body), /only designation in GLOW \(SW4\) this year/);
  });

  test('removing a designation: audited; a second click says it had gone', async () => {
    const id = await sql(`SELECT id FROM llme_designations WHERE person_id = ${sam.id} AND academic_year = ${Y + 1}`);
    let res = await lead.post(`/admin/people/${sam.id}/designations/${id}/remove`);
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `/admin/people/${sam.id}`);
    assert.equal(banner((await lead.get(`/admin/people/${sam.id}`)).body), `Sam Stone is no longer a Primary Mastery Specialist (PMS) in SW4 for ${code(Y + 1)}`);
    assert.deepEqual(await audits('designation_removed', `person:${sam.id}`), [`pms ${code(Y + 1)} SW4`]);
    res = await lead.post(`/admin/people/${sam.id}/designations/${id}/remove`);
    assert.equal(res.status, 303);
    assert.equal(banner((await lead.get(`/admin/people/${sam.id}`)).body), 'That designation had already been removed');
    assert.equal((await audits('designation_removed', `person:${sam.id}`)).length, 1);
    // its question, opened again: nothing to ask, back to their page
    res = await lead.get(`/admin/people/${sam.id}/designations/${id}/remove`);
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `/admin/people/${sam.id}`);
  });

  test('someone on no hub\'s team holds no designation: the national team is told why', async () => {
    let res = await admin.get(`/admin/people/${nobody.id}/designations`);
    assert.equal(res.status, 200);
    assert.match(res.body, /Only members of a hub&#39;s team hold its designations\. Give them the LLME role in a hub first\./);
    assert.doesNotMatch(res.body, /name="designation"/);
    res = await admin.post(`/admin/people/${nobody.id}/designations`, { year: String(Y), designation: 'pms', hub: 'SW4' });
    assert.equal(res.status, 400);
    assert.equal(await sql(`SELECT count(*) FROM llme_designations WHERE person_id = ${nobody.id}`), '0');
    // and their page shows no LLME part
    assert.doesNotMatch((await admin.get(`/admin/people/${nobody.id}`)).body, /LLME designations|Elements of expertise/);
  });

  test('accreditations: working towards since a date, then accredited on one; not in the future; audited; shown with the elements of expertise', async () => {
    const target = `/admin/people/${sam.id}/accreditations/pd-lead`;
    let res = await lead.get(target);
    assert.equal(res.status, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Professional Development Lead \(PD Lead\)<\/h1>/);
    res = await lead.post(target, { state: 'working_towards' });
    assert.equal(res.status, 400);
    assert.deepEqual(summary(res.body), [['#since-day', 'Enter the date they started working towards it']]);
    const next = new Date(Date.now() + 3 * 86400000);
    res = await lead.post(target, { state: 'working_towards', 'since-day': String(next.getUTCDate()), 'since-month': String(next.getUTCMonth() + 1), 'since-year': String(next.getUTCFullYear()) });
    assert.deepEqual(summary(res.body), [['#since-day', 'The date must be today or in the past']]);
    assert.equal(await sql('SELECT count(*) FROM llme_accreditations'), '0');

    res = await lead.post(target, { state: 'working_towards', 'since-day': '1', 'since-month': '9', 'since-year': String(Y),
      'accredited-on-day': '99' }); // the other option's field, as a browser sends it, is ignored
    assert.equal(res.status, 303, res.body.slice(0, 300));
    assert.equal(await sql(`SELECT state || ' ' || since || ' ' || changed_by FROM llme_accreditations WHERE person_id = ${sam.id}`),
      `working_towards ${Y}-09-01 ${lead.id}`);
    res = await lead.get(`/admin/people/${sam.id}`);
    assert.equal(banner(res.body), `Sam Stone's PD Lead: working towards it since 1 September ${Y}`);
    assert.match(text(res.body), new RegExp(`Professional Development Lead \\(PD Lead\\) Working towards it since 1 September ${Y} Change`));
    assert.match(text(res.body), /School Development Lead \(SD Lead\) Not started Change/);
    assert.match(text(res.body), /Elements of expertise Every LLME has and is developing all three elements of expertise: Leading maths pedagogy Leading maths teacher professional development Leading school development in maths/);

    res = await lead.post(target, { state: 'accredited', 'accredited-on-day': '30', 'accredited-on-month': '6', 'accredited-on-year': String(Y - 1) });
    assert.equal(res.status, 303);
    res = await lead.get(target); // the form shows what they hold
    assert.match(res.body, /name="state" type="radio" value="accredited" checked/);
    assert.ok(res.body.includes(`id="accredited-on-year" name="accredited-on-year" type="text" inputmode="numeric" value="${Y - 1}"`), 'the date it holds');
    res = await lead.post(`/admin/people/${sam.id}/accreditations/sd-lead`, { state: 'none' });
    assert.equal(res.status, 303);
    assert.equal(banner((await lead.get(`/admin/people/${sam.id}`)).body), 'Nothing was changed');
    assert.deepEqual(await audits('accreditation_changed', `person:${sam.id}`), [`pd_lead working_towards ${Y}-09-01`, `pd_lead accredited ${Y - 1}-06-30`]);
    assert.equal((await lead.get(`/admin/people/${sam.id}/accreditations/md-lead`)).status, 404);
    assert.equal((await otherLead.get(target)).status, 403);
    assert.equal((await otherLead.post(target, { state: 'none' })).status, 403);
    assert.equal(await sql(`SELECT count(*) FROM llme_accreditations WHERE person_id = ${sam.id}`), '1');
  });

  test('removing an accreditation ("Not started") asks first, then removes it, audited; a second click says it had gone', async () => {
    const form = `/admin/people/${dana.id}/accreditations/sd-lead`;
    const target = `${form}/remove`;
    let res = await lead.post(form, { state: 'working_towards', 'since-day': '1', 'since-month': '9', 'since-year': String(Y) });
    assert.equal(res.status, 303);
    res = await lead.post(form, { state: 'none' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, target, 'to the question, nothing removed yet');
    assert.equal(await sql(`SELECT count(*) FROM llme_accreditations WHERE person_id = ${dana.id}`), '1');
    res = await lead.get(target);
    assert.equal(res.status, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Are you sure you want to remove Dana Price&#39;s SD Lead accreditation\?<\/h1>/);
    assert.match(text(res.body), new RegExp(`Name Dana Price School Development Lead \\(SD Lead\\) Working towards it since 1 September ${Y}`));
    assert.match(res.body, /<button type="submit"[^>]*class="govuk-button govuk-button--warning"[^>]*>Remove accreditation<\/button>/);
    for (const who of [llme, projectLead]) assert.equal((await who.post(target)).status, 403, who.email);
    assert.equal(await sql(`SELECT count(*) FROM llme_accreditations WHERE person_id = ${dana.id}`), '1');
    res = await lead.post(target);
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `/admin/people/${dana.id}`);
    assert.equal(banner((await lead.get(`/admin/people/${dana.id}`)).body), 'Dana Price: SD Lead removed');
    assert.equal(await sql(`SELECT count(*) FROM llme_accreditations WHERE person_id = ${dana.id}`), '0');
    assert.deepEqual(await audits('accreditation_removed', `person:${dana.id}`), ['sd_lead']);
    res = await lead.post(target);
    assert.equal(res.status, 303);
    assert.equal(banner((await lead.get(`/admin/people/${dana.id}`)).body), "Dana Price's SD Lead had already been removed");
    assert.equal((await audits('accreditation_removed', `person:${dana.id}`)).length, 1);
    assert.equal((await lead.get(target)).headers.location, `/admin/people/${dana.id}`, 'nothing to ask: back to their page');
    assert.equal((await lead.get(`/admin/people/${dana.id}/accreditations/md-lead/remove`)).status, 404);
  });

  test('an AMHL\'s phase is set by their hub, shown on the team page, audited', async () => {
    const grant = await sql(`SELECT id FROM role_grants WHERE person_id = ${amhl.id} AND role = 'amhl'`);
    const target = `/admin/people/${amhl.id}/roles/${grant}/phase`;
    assert.match(text((await lead.get('/hubs/SW4/team')).body), /Assistant Maths Hub Lead \(phase not set\) Amir Khan amhl@glow\.example Set phase/);
    assert.equal((await otherLead.get(target)).status, 403);
    assert.equal((await otherLead.post(target, { phase: 'Primary' })).status, 403);
    let res = await lead.post(target, { phase: 'Tertiary' });
    assert.equal(res.status, 400);
    res = await lead.post(target, { phase: 'Primary' });
    assert.equal(res.status, 303);
    assert.equal(await sql(`SELECT phase FROM role_grants WHERE id = ${grant}`), 'Primary');
    assert.deepEqual(await audits('amhl_phase_set', `person:${amhl.id}`), ['SW4 Primary (was not set)']);
    assert.match(text((await llme.get('/hubs/SW4/team')).body), /Assistant Maths Hub Lead \(Primary\) Amir Khan amhl@glow\.example/);
    // a role that is not an AMHL's is not found
    const other = await sql(`SELECT id FROM role_grants WHERE person_id = ${sam.id}`);
    assert.equal((await lead.get(`/admin/people/${sam.id}/roles/${other}/phase`)).status, 404);
  });

  test('LLME Community leads: at most three a year; this year or the next; audited; shown on the team page', async () => {
    const target = '/hubs/SW4/team/community-leads';
    let res = await lead.get(target);
    assert.equal(res.status, 200);
    const offered = [...res.body.matchAll(/name="leads" type="checkbox" value="(\d+)"/g)].map((m) => Number(m[1]));
    assert.deepEqual(offered, [lead.id, amhl.id, dana.id, llme.id, sam.id], 'the MHL, the AMHL, then the LLMEs by name');
    assert.equal((await otherLead.get(target)).status, 403);
    assert.equal((await llme.get(target)).status, 403);

    const four = [lead.id, amhl.id, sam.id, llme.id].map((id) => ['leads', String(id)]);
    res = await lead.post(target, [['year', String(Y)], ...four]);
    assert.equal(res.status, 400);
    assert.deepEqual(summary(res.body), [['#leads', 'Choose at most three people']]);
    assert.equal(await sql('SELECT count(*) FROM hub_community_leads'), '0', 'nothing written');
    res = await lead.post(target, [['year', String(Y)], ['leads', String(nobody.id)]]);
    assert.equal(res.status, 400, 'someone not in the hub\'s team');
    res = await lead.post(target, [['year', String(Y + 2)], ['leads', String(lead.id)]]);
    assert.equal(res.status, 400, 'a year too far');
    assert.equal((await otherLead.post(target, [['year', String(Y)], ['leads', String(otherLead.id)]])).status, 403);

    res = await lead.post(target, [['year', String(Y)], ...four.slice(0, 3)]);
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/hubs/SW4/team');
    res = await lead.get('/hubs/SW4/team');
    assert.equal(banner(res.body), `The LLME Community leads for ${code(Y)} have been saved`);
    assert.match(text(res.body), new RegExp(`LLME Community leads in ${code(Y)} .* Amir Khan, Assistant Maths Hub Lead \\(Primary\\) Gwen Glow, Maths Hub Lead Sam Stone Change the LLME Community leads`));
    // one changed: one removed, one added, each audited
    res = await lead.post(target, [['year', String(Y)], ['leads', String(lead.id)], ['leads', String(amhl.id)], ['leads', String(llme.id)]]);
    assert.equal(res.status, 303);
    assert.equal(await sql(`SELECT count(*) FROM hub_community_leads WHERE academic_year = ${Y}`), '3');
    assert.deepEqual(await audits('community_lead_removed', 'hub:SW4'), [`${code(Y)}: Sam Stone (person:${sam.id})`]);
    assert.equal((await audits('community_lead_added', 'hub:SW4')).length, 4);
    // next year's are apart
    res = await lead.get(`${target}?year=${Y + 1}`);
    assert.doesNotMatch(res.body, /type="checkbox" value="\d+" checked/);
    res = await lead.post(target, [['year', String(Y + 1)], ['leads', String(lead.id)]]);
    assert.equal(res.status, 303);
    assert.equal(await sql(`SELECT count(*) FROM hub_community_leads WHERE academic_year = ${Y + 1}`), '1');
    assert.equal((await lead.get(`${target}?year=${Y - 1}`)).status, 400);
  });

  test('the count of active LLMEs: designated in the hub this year, not deactivated; the definition is on the page', async () => {
    const now = Math.floor(Date.now() / 1000);
    // last year's designation and another hub's do not count; a deactivated person's neither
    const gone = await personSession(srv, 'gone@school.example', [['llme', 'SW4']], 'Gil Gone');
    await sql([
      `INSERT INTO llme_designations (person_id, academic_year, designation, hub_id, granted_at) SELECT ${llme.id}, ${Y - 1}, 'wgl', id, ${now} FROM hubs WHERE code = 'SW4'`,
      `INSERT INTO llme_designations (person_id, academic_year, designation, hub_id, granted_at) SELECT ${gone.id}, ${Y}, 'sms', id, ${now} FROM hubs WHERE code = 'SW4'`,
      `UPDATE people SET active = 0, deactivated_at = ${now} WHERE id = ${gone.id}`,
    ].join(';\n') + ';');
    const res = await llme.get('/hubs/SW4/team');
    assert.equal(res.status, 200);
    assert.equal(activeCount(res.body), 2, 'Sam (PMS) and Dana (WGL in SW4)');
    assert.match(text(res.body), /2 active LLMEs, against the goal of at least 50 in every hub\. 48 more needed/);
    assert.match(text(res.body), /An LLME is active in a year when they hold a designation in this hub for that year, or lead one of its activities that year\. Activities are not recorded in this service yet: they will count once they are/);
    assert.deepEqual(llmeRows(res.body), [
      ['Dana Price', 'Work Group Lead'],
      ['Lee Llme', `No designation in ${code(Y)}`],
      ['Sam Stone', `Primary Mastery Specialist (PMS) PD Lead: accredited on 30 June ${Y - 1}`],
    ]);
    assert.doesNotMatch(res.body, /Gil Gone/);
    assert.doesNotMatch(res.body, /href="\/admin\/people\//, 'an LLME does not open people\'s pages');
    assert.match((await lead.get('/hubs/SW4/team')).body, new RegExp(`href="/admin/people/${sam.id}"`), 'the hub lead does');
    // another hub's count is its own
    assert.equal(activeCount((await otherLead.get('/hubs/EE1/team')).body), 1);
  });

  test('a deactivated person\'s designations are kept but not changed', async () => {
    const gone = await sql("SELECT id FROM people WHERE email = 'gone@school.example'");
    const page = await lead.get(`/admin/people/${gone}`);
    assert.match(text(page.body), /Secondary Mastery Specialist \(SMS\) GLOW \(SW4\)/);
    assert.doesNotMatch(page.body, /Add a designation|\/remove"/);
    assert.equal((await lead.get(`/admin/people/${gone}/designations`)).status, 409);
    assert.equal((await lead.post(`/admin/people/${gone}/accreditations/pd-lead`, { state: 'none' })).status, 409);
    const d = await sql(`SELECT id FROM llme_designations WHERE person_id = ${gone}`);
    assert.equal((await lead.get(`/admin/people/${gone}/designations/${d}/remove`)).status, 409);
    assert.equal((await lead.post(`/admin/people/${gone}/designations/${d}/remove`)).status, 409);
    assert.equal(await sql(`SELECT count(*) FROM llme_designations WHERE person_id = ${gone}`), '1');
  });
});
