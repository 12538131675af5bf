// A person's page and its edits (src/admin/person.h): a hub's leadership
// opens the people of their hub and changes their school, job title and
// email address, and deactivates them; never another hub's people, and the
// email address or the account only of someone whose every role is in
// their hub. Email addresses stay unique whatever their case. A
// deactivated person is signed out and cannot sign in; reactivated, they
// can. Every change is audited.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { PASSWORD, dbArgs, dbQuery, emailCodePerson, formClient, personSession, run, signInByEmail, useServer } from './lib.mjs';

const srv = useServer();
const sql = (q) => dbQuery(srv, q);

/** The error summary's links: [[href, text]]. */
const summary = (html) => [...html.matchAll(/<li><a href="(#[^"]+)">([^<]*)<\/a><\/li>/g)].map((m) => [m[1], m[2].replace(/&#39;/g, "'")]);
const banner = (html) => (/govuk-notification-banner__heading">([^<]*)</.exec(html) || [])[1]?.replace(/&#39;/g, "'");
/** The text of the person page's summary row key: its value, then its action, if any. */
function row(html, key) {
  const m = new RegExp(`<dt class="govuk-summary-list__key">${key}</dt><dd class="govuk-summary-list__value">([\\s\\S]*?)</div>`).exec(html);
  return m && m[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}
const audits = async (action, id) => (await sql(`SELECT detail FROM audit_log WHERE action = '${action}' AND subject = 'person:${id}' ORDER BY id`)).split('\n').filter(Boolean);
/** What can change of a person: email, school, job title, active. */
const personRow = (id) => sql(`SELECT email || '|' || COALESCE(school_urn, '-') || '|' || job_title || '|' || active FROM people WHERE id = ${id}`);

const ALREADY = 'Someone else has this email address';
const ELSEWHERE = 'You cannot use this email address. If it belongs to someone who works with another hub, ask the national team';

describe('a person\'s page and its edits', () => {
  let admin, lead, otherLead, analyst, sam, eve, dual, pat, amhl, manager;

  before(async () => {
    await srv.started;
    const now = Math.floor(Date.now() / 1000);
    await sql(`INSERT INTO schools (urn, name, status, digest, imported_at) VALUES ('100003', 'City of London School', 'open', 'test', ${now}), ('112233', 'Riverside Primary School', 'open', 'test', ${now})`);
    const r = await run(['reindex-schools', ...dbArgs(srv)]); // the search's words, as an import makes them
    assert.equal(r.code, 0, r.stderr);
    admin = await personSession(srv, 'admin@ncetm.example', [['national_admin', null]], 'Nora National');
    analyst = await personSession(srv, 'analyst@ncetm.example', [['national_analyst', null]], 'Ana Analyst');
    lead = await personSession(srv, 'lead@glow.example', [['mhl', 'SW4']], 'Gwen Glow');
    otherLead = await personSession(srv, 'lead@enigma.example', [['mhl', 'EE1']], 'Eric Enigma');
    sam = await personSession(srv, 'sam@school.example', [['llme', 'SW4']], 'Sam Llme');
    pat = await personSession(srv, 'pat@school.example', [['participant', 'SW4']], 'Pat Participant');
    eve = await personSession(srv, 'eve@school.example', [['llme', 'EE1']], 'Eve Enigma');
    dual = await personSession(srv, 'dual@school.example', [['llme', 'SW4'], ['project_lead', null]], 'Dee Dual');
    amhl = await personSession(srv, 'amhl@glow.example', [['amhl', 'SW4']], 'Amy Assistant');
    manager = await personSession(srv, 'manager@glow.example', [['hub_manager', 'SW4']], 'Max Manager');
    await sql(`UPDATE role_grants SET project_id = (SELECT id FROM projects WHERE code = 'NCP24-09') WHERE role = 'project_lead'`);
  });

  test('a hub lead opens their hub\'s people from the list, with what they may change; role giving stays national', async () => {
    const list = await lead.get('/admin/people');
    assert.equal(list.status, 200);
    assert.match(list.body, new RegExp(`<a class="govuk-link" href="/admin/people/${sam.id}">Sam Llme</a>`), 'the list links to the page');
    const res = await lead.get(`/admin/people/${sam.id}`);
    assert.equal(res.status, 200);
    assert.equal(row(res.body, 'Email address'), 'sam@school.example Change email address');
    assert.equal(row(res.body, 'School'), 'Not given Change school');
    assert.equal(row(res.body, 'Account'), 'Active');
    assert.match(res.body, new RegExp(`href="/admin/people/${sam.id}/deactivate"`));
    assert.doesNotMatch(res.body, /Give a role|Revoke/, 'roles are given and revoked by the national team');
    assert.match(res.body, /The national team gives and removes roles in the programme\./);
    const national = await admin.get(`/admin/people/${sam.id}`);
    assert.match(national.body, /Give a role/);
    assert.match(national.body, /Revoke<span/);
    // an analyst reads, and changes nothing
    const read = await analyst.get(`/admin/people/${sam.id}`);
    assert.equal(read.status, 200);
    assert.doesNotMatch(read.body, /Change<span|\/deactivate"|Give a role/);
  });

  test('a hub lead cannot open, change or deactivate another hub\'s person, and nothing is written', async () => {
    const before = await personRow(eve.id);
    for (const target of ['', '/details', '/email', '/deactivate']) {
      const res = await lead.get(`/admin/people/${eve.id}${target}`);
      assert.equal(res.status, 403, `GET ${target}`);
      assert.match(res.body, /They have no role in your hub/);
    }
    for (const [target, fields] of [['/details', { school: '100003', 'job-title': 'Spy' }], ['/email', { email: 'taken@school.example' }],
      ['/deactivate', { reason: 'not theirs' }], ['/reactivate', { reason: 'not theirs' }]]) {
      const res = await lead.post(`/admin/people/${eve.id}${target}`, fields);
      assert.equal(res.status, 403, `POST ${target}`);
    }
    assert.equal(await personRow(eve.id), before);
    // the other hub's lead may
    assert.equal((await otherLead.get(`/admin/people/${eve.id}`)).status, 200);
    // and someone with no role in a hub is the national team's
    assert.equal((await lead.get(`/admin/people/${admin.id}`)).status, 403);
    assert.equal((await lead.get('/admin/people/999999')).status, 404);
  });

  test('school and job title: saved, shown, audited; an unknown or malformed URN is a 400 and nothing is written', async () => {
    let res = await lead.get(`/admin/people/${sam.id}/details`);
    assert.equal(res.status, 200);
    res = await lead.post(`/admin/people/${sam.id}/details`, { school: '999999', 'job-title': 'Head of maths' });
    assert.equal(res.status, 400);
    assert.deepEqual(summary(res.body), [['#school', 'There is no school with this URN. Check it in Get Information about Schools']]);
    assert.match(res.body, /value="Head of maths"/, 'what was typed comes back');
    res = await lead.post(`/admin/people/${sam.id}/details`, { school: '12345' });
    assert.equal(res.status, 400);
    assert.deepEqual(summary(res.body), [['#school', 'A URN has 6 or 7 digits, like 100000']]);
    // words typed without the picker (no JavaScript): the one school they name, or why not
    res = await lead.post(`/admin/people/${sam.id}/details`, { school: 'Nowhere Academy' });
    assert.equal(res.status, 400);
    assert.deepEqual(summary(res.body), [['#school', "No school matches “Nowhere Academy”: check the spelling, or enter the school's postcode or URN"]]);
    res = await lead.post(`/admin/people/${sam.id}/details`, { school: 'school' });
    assert.equal(res.status, 400);
    assert.deepEqual(summary(res.body), [['#school', "2 schools match “school”: type more of the school's name, or its postcode or URN"]]);
    assert.equal(await personRow(sam.id), 'sam@school.example|-||1');
    res = await lead.post(`/admin/people/${sam.id}/details`, { school: 'riverside prim' });
    assert.equal(res.status, 303, 'one school matches');
    assert.equal(await personRow(sam.id), 'sam@school.example|112233||1');
    res = await lead.get(`/admin/people/${sam.id}/details`);
    assert.match(res.body, /value="Riverside Primary School \(URN 112233\)"/, 'the school is shown by its name, as the picker shows it');
    await sql(`UPDATE people SET school_urn = NULL WHERE id = ${sam.id}`);
    await sql(`DELETE FROM audit_log WHERE action = 'person_details_changed' AND subject = 'person:${sam.id}'`);
    // the school search's choice, as the picker puts it in the box
    res = await lead.post(`/admin/people/${sam.id}/details`, { school: 'Nowhere School (URN 999999), London EC1A 1AA' });
    assert.equal(res.status, 400, 'a URN the register does not hold, even from the picker');

    res = await lead.post(`/admin/people/${sam.id}/details`, { school: ' 100003 ', 'job-title': 'Head of maths' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `/admin/people/${sam.id}`);
    res = await lead.get(`/admin/people/${sam.id}`);
    assert.equal(banner(res.body), "Sam Llme's school and job title have been saved");
    assert.equal(row(res.body, 'School'), 'City of London School (URN 100003) Change school');
    assert.equal(row(res.body, 'Job title'), 'Head of maths Change job title');
    assert.equal(await personRow(sam.id), 'sam@school.example|100003|Head of maths|1');
    assert.deepEqual(await audits('person_details_changed', sam.id), ['school 100003 (was none); job title "Head of maths" (was "")']);

    // the same again changes nothing, and audits nothing
    res = await lead.post(`/admin/people/${sam.id}/details`, { school: '100003', 'job-title': 'Head of maths' });
    assert.equal(res.status, 303);
    const same = (await lead.get(`/admin/people/${sam.id}`)).body;
    assert.equal(banner(same), 'Nothing was changed');
    assert.doesNotMatch(same, /govuk-notification-banner--success/, 'a note, not a success');
    assert.match(same, /id="govuk-notification-banner-title">Important</);
    assert.equal((await audits('person_details_changed', sam.id)).length, 1);
    // a school left empty is none
    res = await lead.post(`/admin/people/${sam.id}/details`, { school: '', 'job-title': 'Head of maths' });
    assert.equal(res.status, 303);
    assert.equal(await personRow(sam.id), 'sam@school.example|-|Head of maths|1');
  });

  test('email: changed, lower case, audited, both addresses told, old links stop; taken addresses refused whatever their case', async () => {
    const now = Math.floor(Date.now() / 1000);
    await sql(`INSERT INTO one_time_links (token_hash, person_id, purpose, created_at, expires_at) VALUES ('test-link-of-sam', ${sam.id}, 'signup', ${now}, ${now + 3600})`);
    const outbox = async () => Number(await sql('SELECT count(*) FROM outbox'));
    const sent = await outbox();

    let res = await lead.post(`/admin/people/${sam.id}/email`, { email: 'SAM@school.example' });
    assert.equal(res.status, 400);
    assert.deepEqual(summary(res.body), [['#email', 'This is already their email address']]);
    for (const lookalike of ['p\u0430t@school.example', 'pat\u200b@school.example', 'P\u0130T@school.example']) { // Cyrillic a, zero-width space, dotted I
      res = await lead.post(`/admin/people/${sam.id}/email`, { email: lookalike });
      assert.equal(res.status, 400, lookalike);
      assert.deepEqual(summary(res.body), [['#email', 'Enter an email address in the correct format, like name@school.org.uk']]);
    }
    res = await lead.post(`/admin/people/${sam.id}/email`, { email: 'Pat@School.Example' }); // their own hub's person, in another case
    assert.equal(res.status, 400);
    assert.deepEqual(summary(res.body), [['#email', ALREADY]]);
    res = await lead.post(`/admin/people/${sam.id}/email`, { email: 'EVE@school.example' }); // another hub's: not confirmed
    assert.equal(res.status, 400);
    assert.deepEqual(summary(res.body), [['#email', ELSEWHERE]]);
    assert.doesNotMatch(res.body, /Eve Enigma/);
    res = await admin.post(`/admin/people/${sam.id}/email`, { email: 'EVE@school.example' }); // the national team sees everyone
    assert.deepEqual(summary(res.body), [['#email', ALREADY]]);
    res = await lead.post(`/admin/people/${sam.id}/email`, { email: 'not an address' });
    assert.equal(res.status, 400);
    assert.equal(await outbox(), sent, 'nothing sent');
    assert.equal((await personRow(sam.id)).split('|')[0], 'sam@school.example');

    res = await lead.post(`/admin/people/${sam.id}/email`, { email: 'Samuel.Llme@New-School.example' });
    assert.equal(res.status, 303);
    assert.equal((await personRow(sam.id)).split('|')[0], 'samuel.llme@new-school.example');
    res = await lead.get(`/admin/people/${sam.id}`);
    assert.equal(banner(res.body), "Sam Llme's email address is now samuel.llme@new-school.example. We have emailed the old and the new address.");
    assert.deepEqual(await audits('email_changed', sam.id), ['sam@school.example to samuel.llme@new-school.example']);
    const mails = (await sql(`SELECT to_addr || ': ' || subject FROM outbox ORDER BY id DESC LIMIT 2`)).split('\n').sort();
    assert.deepEqual(mails, ['sam@school.example: Your Maths Hubs email address has changed',
      'samuel.llme@new-school.example: Your Maths Hubs email address has changed']);
    assert.match(await sql(`SELECT body_text FROM outbox WHERE to_addr = 'sam@school.example' ORDER BY id DESC LIMIT 1`),
      /Gwen Glow has changed the email address you use for Maths Hubs from sam@school\.example to samuel\.llme@new-school\.example/);
    assert.notEqual(await sql(`SELECT COALESCE(used_at, 0) FROM one_time_links WHERE token_hash = 'test-link-of-sam'`), '0', 'the link sent to the old address no longer works');
    // the unique key holds whatever the case: the old address is free, the new one taken
    res = await lead.post(`/admin/people/${pat.id}/email`, { email: 'SAMUEL.LLME@new-school.example' });
    assert.deepEqual(summary(res.body), [['#email', ALREADY]]);
  });

  test('email and deactivation of someone with a role beyond the hub are the national team\'s; their school is the hub\'s too', async () => {
    let res = await lead.get(`/admin/people/${dual.id}`);
    assert.equal(res.status, 200);
    assert.equal(row(res.body, 'Email address'), 'dual@school.example');
    assert.doesNotMatch(res.body, /\/deactivate"/);
    for (const target of ['/email', '/deactivate']) {
      res = await lead.get(`/admin/people/${dual.id}${target}`);
      assert.equal(res.status, 403, target);
      assert.match(res.body, /They also have a role outside your hub, so only the national team can change their email address or deactivate them\./);
    }
    res = await lead.post(`/admin/people/${dual.id}/email`, { email: 'hijack@glow.example' });
    assert.equal(res.status, 403);
    assert.equal((await personRow(dual.id)).split('|')[0], 'dual@school.example');
    res = await lead.post(`/admin/people/${dual.id}/details`, { 'job-title': 'Teacher' });
    assert.equal(res.status, 303);
    res = await admin.post(`/admin/people/${dual.id}/email`, { email: 'dee@school.example' });
    assert.equal(res.status, 303);
  });

  test('a hub\'s leadership accounts are not each other\'s to take: an AMHL or hub manager cannot change the MHL\'s email or deactivate them; the MHL may theirs', async () => {
    const LEADERSHIP = /They are part of a hub&#39;s leadership team, so only the national team \(or, for an Assistant Maths Hub Lead or hub manager, their Maths Hub Lead\) can change their email address or deactivate them\./;
    for (const [who, whom] of [[amhl, lead], [manager, lead], [amhl, manager], [manager, amhl]]) {
      for (const target of ['/email', '/deactivate']) {
        const res = await who.get(`/admin/people/${whom.id}${target}`);
        assert.equal(res.status, 403, target);
        assert.match(res.body, LEADERSHIP);
      }
      let res = await who.post(`/admin/people/${whom.id}/email`, { email: 'takeover@evil.example' });
      assert.equal(res.status, 403);
      res = await who.post(`/admin/people/${whom.id}/deactivate`, { reason: 'takeover' });
      assert.equal(res.status, 403);
    }
    assert.equal(await personRow(lead.id), 'lead@glow.example|-||1');
    assert.equal(await personRow(amhl.id), 'amhl@glow.example|-||1');
    // the MHL looks after their AMHLs and hub manager; the national team everyone
    let res = await lead.post(`/admin/people/${manager.id}/email`, { email: 'Max.Manager@glow.example' });
    assert.equal(res.status, 303);
    assert.equal((await personRow(manager.id)).split('|')[0], 'max.manager@glow.example');
    res = await admin.post(`/admin/people/${lead.id}/email`, { email: 'gwen@glow.example' });
    assert.equal(res.status, 303);
    res = await admin.post(`/admin/people/${lead.id}/email`, { email: 'lead@glow.example' });
    assert.equal(res.status, 303);
  });

  test('deactivation ends their sessions and stops sign-in; reactivation lets them back; both audited', async () => {
    const email = 'leaver@school.example';
    await emailCodePerson(srv, email); // a real account: set up, with codes by email
    const id = await sql(`SELECT id FROM people WHERE email = '${email}'`);
    await sql(`UPDATE role_grants SET role = 'llme', hub_id = (SELECT id FROM hubs WHERE code = 'SW4') WHERE person_id = ${id}`);
    const go = await signInByEmail(srv, email);
    assert.equal((await go('/account')).status, 200);

    let res = await lead.get(`/admin/people/${id}/deactivate`);
    assert.equal(res.status, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Deactivate Person leaver@school\.example\?<\/h1>/);
    res = await lead.post(`/admin/people/${id}/deactivate`, {});
    assert.equal(res.status, 400);
    assert.deepEqual(summary(res.body), [['#reason', 'Enter why they are being deactivated']]);
    assert.equal((await personRow(id)).split('|')[3], '1');

    res = await lead.post(`/admin/people/${id}/deactivate`, { reason: 'moved to another region' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `/admin/people/${id}`);
    assert.equal(await sql(`SELECT active || ' ' || deactivated_by || ' ' || CASE WHEN deactivated_at > 0 THEN 'at' ELSE 'never' END FROM people WHERE id = ${id}`), `0 ${lead.id} at`);
    assert.equal(await sql(`SELECT count(*) FROM sessions WHERE person_id = ${id}`), '0', 'their sessions ended');
    assert.deepEqual(await audits('person_deactivated', id), ['moved to another region']);
    res = await lead.get(`/admin/people/${id}`);
    assert.match(banner(res.body), /has been deactivated\. They cannot sign in\./);
    assert.match(row(res.body, 'Account'), /^Deactivated on \d+ \w+ \d{4} by Gwen Glow: they cannot sign in$/);
    assert.match(res.body, new RegExp(`href="/admin/people/${id}/reactivate"`));

    // signed out everywhere, and the password no longer signs them in
    res = await go('/account');
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/sign-in');
    const again = formClient(srv);
    const page = await again('/sign-in');
    res = await again('/sign-in', { method: 'POST', page, fields: { email, password: PASSWORD } });
    assert.equal(res.status, 400, 'no way on to the code');
    assert.notEqual(res.headers.location, '/sign-in/code');
    // a second deactivation (another tab) changes nothing
    res = await lead.post(`/admin/people/${id}/deactivate`, { reason: 'again' });
    assert.equal(res.status, 303);
    assert.equal((await audits('person_deactivated', id)).length, 1);

    res = await lead.get(`/admin/people/${id}/reactivate`);
    assert.equal(res.status, 200);
    res = await lead.post(`/admin/people/${id}/reactivate`, {});
    assert.equal(res.status, 400, 'the reason is needed');
    assert.deepEqual(summary(res.body), [['#reason', 'Enter why they are being reactivated']]);
    assert.equal((await personRow(id)).split('|')[3], '0');
    res = await lead.post(`/admin/people/${id}/reactivate`, { reason: 'rejoined in September' });
    assert.equal(res.status, 303);
    assert.deepEqual(await audits('person_reactivated', id), ['rejoined in September']);
    assert.equal(await sql(`SELECT active || ' ' || COALESCE(deactivated_at, 0) FROM people WHERE id = ${id}`), '1 0');
    assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE action = 'person_reactivated' AND subject = 'person:${id}' AND actor_id = ${lead.id}`), '1');
    await dbQuery(srv, 'DELETE FROM rate_limits; DELETE FROM sign_in_locks');
    const back = await signInByEmail(srv, email);
    assert.equal((await back('/account')).status, 200);
  });

  test('no one deactivates themselves', async () => {
    assert.equal((await lead.get(`/admin/people/${lead.id}/deactivate`)).status, 403);
    const res = await lead.post(`/admin/people/${lead.id}/deactivate`, { reason: 'leaving' });
    assert.equal(res.status, 403);
    assert.equal((await personRow(lead.id)).split('|')[3], '1');
    assert.doesNotMatch((await lead.get(`/admin/people/${lead.id}`)).body, /\/deactivate"/);
  });
});
