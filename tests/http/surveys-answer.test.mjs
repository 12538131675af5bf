// Surveys, step 2 (src/surveys/send.c, answer.c, activity_part.c, home.c):
// an activity's runners send everyone their personal link (read from a real
// SMTP server: Debian's aiosmtpd), sent again only to those without one;
// the link answers without signing in, a page at a time, saved part-way and
// finished on "another device" (a fresh cookie jar); bad answers are 400
// with nothing written; submit needs every required answer; a completed or
// closed survey's link accepts nothing more; an LLME sees who has not
// answered, never what anyone answered; reminders at most once a day.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startSmtp } from '../lib/mail.mjs';
import { csrfOf, dbQuery, errorSummary, formClient, formPost, get, plain, roleSession, sessionFor, startServer, stopClean, tableRows, waitFor } from './lib.mjs';

let smtp, srv;
const sql = (q) => dbQuery(srv, q);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

// three pages: the third internal (quality assurance), answered like the others
const AUTUMN = {
  sections: [
    { key: 'about-you', title: 'About you', internal: false, questions: [
      { key: 'phase', type: 'single', text: 'Which phase do you teach?', required: true, options: ['Primary', 'Secondary'] },
      { key: 'resources', type: 'multiple', text: 'Which resources did you use?', required: false, options: ['NCETM PD materials', 'Textbooks', 'Other'] },
    ] },
    { key: 'practice', title: 'Your practice', internal: false, questions: [
      { key: 'confidence', type: 'agree5', text: 'I feel confident teaching fractions', required: true },
      { key: 'years', type: 'number', text: 'How many years have you taught?', required: false },
      { key: 'sessions', type: 'number', text: 'How many of the sessions did you attend?', required: false, lowest: 0, highest: 10 },
      { key: 'comments', type: 'text', text: 'Anything else?', required: false },
    ] },
    { key: 'qa', title: 'About the sessions', internal: true, questions: [
      { key: 'useful', type: 'agree5', text: 'The sessions were useful', required: true },
    ] },
  ],
};
const LLME = { sections: [{ key: 'running', title: 'Running the group', internal: false, questions: [
  { key: 'support', type: 'agree5', text: 'I had the support I needed', required: true }] }] };

const PEOPLE = [['Ada Lovelace', 'ada@answer.example'], ['Brian Kernighan', 'brian@answer.example'], ['Carol Shaw', 'carol@answer.example']];
let mhl, llme, otherLlme, ids = {}, year, autumn, autumnDefault, llmeSurvey;

/** Messages to `to` whose subject starts with `subject`: at least n, waited for. */
async function mails(to, subject, n) {
  let found = [];
  await waitFor(() => (found = smtp.messages().filter((m) => (m.to || '').includes(to) && m.subject.startsWith(subject))).length >= n,
    undefined, `${n} message(s) "${subject}" to ${to}`);
  return found;
}
const linkIn = (m) => new URL(/https?:\/\/\S+\/s\/[A-Za-z0-9_-]{43}/.exec(m.text)[0]).pathname;

async function template(projectId, kind, content, status = 'open', title = `${kind} survey`) {
  await sql(`INSERT INTO survey_templates (project_id, year, kind, title, status, content, created_at, updated_at) VALUES ` +
    `(${projectId ?? 'NULL'}, ${year}, '${kind}', ${q(title)}, '${status}', ${q(JSON.stringify(content))}, 0, 0)`);
  return sql(`SELECT id FROM survey_templates WHERE year = ${year} AND kind = '${kind}' AND project_id ${projectId ? `= ${projectId}` : 'IS NULL'}`);
}

async function activity(who, title, lead) {
  const ncp = await sql("SELECT id FROM projects WHERE code = 'NCP24-09'");
  const r = await who.post('/activities/new?hub=SW4', { ncp, kind: '', title, cohort: 'none', cohort_label: '', year: String(year),
    years: '1', format: 'face_to_face', sessions: '3', capacity: '', capacity_of: 'schools', status: 'recruiting', leads: [lead.id], link: '' });
  assert.equal(r.status, 303, JSON.stringify(errorSummary(r.body)));
  return r.headers.location.split('/').pop();
}

before(async () => {
  smtp = await startSmtp('mathshubs-surveys-answer-');
  srv = await startServer({ args: ['--smtp-url', `smtp://127.0.0.1:${smtp.port}`, '--mail-from', 'surveys@mathshubs.example'] });
  const now = new Date();
  year = now.getUTCFullYear() - (now.getUTCMonth() < 8 ? 1 : 0);
  mhl = await roleSession(srv, 'mhl@answer.example', 'mhl', 'SW4');
  llme = await roleSession(srv, 'llme@answer.example', 'llme', 'SW4');
  otherLlme = await roleSession(srv, 'other-llme@answer.example', 'llme', 'SW4');
  ids.main = await activity(mhl, 'Fractions in Year 4', llme);
  ids.other = await activity(mhl, 'Reasoning in Year 6', otherLlme);
  const ncp = await sql("SELECT id FROM projects WHERE code = 'NCP24-09'");
  autumn = await template(ncp, 'autumn', AUTUMN, 'open', 'Autumn survey for NCP24-09');
  autumnDefault = await template(null, 'autumn', LLME, 'open', 'Default autumn survey'); // the NCP's own wins
  await template(null, 'summer', AUTUMN, 'draft', 'Summer survey'); // a draft applies to nobody
  llmeSurvey = await template(null, 'llme', LLME, 'open', 'LLME survey');
  await sql(`INSERT INTO schools (urn, name, town, postcode, status, digest, imported_at) VALUES ('900301', 'Quay Primary School', 'Plymouth', 'PL1 1AA', 'open', 't', 0);
    INSERT INTO activity_schools (activity_id, urn, joined_on, added_at) VALUES (${ids.main}, '900301', '${year}-09-01', 0);` +
    PEOPLE.map(([name, email]) => `INSERT INTO people (email, name, created_at) VALUES (${q(email)}, ${q(name)}, 0);
      INSERT INTO activity_participants (activity_id, person_id, school_urn, role, joined_on, added_at)
        SELECT ${ids.main}, id, '900301', 'teacher', '${year}-09-01', 0 FROM people WHERE email = ${q(email)};`).join('\n') +
    // one who left: never invited; one in the other activity
    `INSERT INTO people (email, name, created_at) VALUES ('left@answer.example', 'Left Early', 0), ('elsewhere@answer.example', 'Else Where', 0);
     INSERT INTO activity_participants (activity_id, person_id, role, joined_on, left_on, added_at)
       SELECT ${ids.main}, id, 'teacher', '${year}-09-01', '${year}-09-02', 0 FROM people WHERE email = 'left@answer.example';
     INSERT INTO activity_participants (activity_id, person_id, role, joined_on, added_at)
       SELECT ${ids.other}, id, 'teacher', '${year}-09-01', 0 FROM people WHERE email = 'elsewhere@answer.example';`);
});
after(async () => {
  if (srv) await stopClean(srv, 'surveys answer server');
  if (smtp) await smtp.stop();
});

const links = {};

/** Sends the form on page (its CSRF token) from the client's cookie jar; an array value is sent once per item (checkboxes). */
function send(client, target, page, fields) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries({ csrf_token: csrfOf(page.body), ...fields }))
    for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return formPost(srv, client.jar, target, body.toString());
}

describe('sending survey links', () => {
  test('the activity page shows its lead the open surveys that apply: the NCP\'s own, the LLME survey; never a draft', async () => {
    const r = await llme.get(`/activities/${ids.main}`);
    assert.equal(r.status, 200);
    const text = plain(r.body);
    assert.match(text, /Surveys/);
    assert.match(text, /Autumn survey for NCP24-09/);
    assert.match(text, /LLME survey/);
    assert.doesNotMatch(text, /Default autumn survey|Summer survey/);
    assert.match(text, /3 participants have no link yet/);
    assert.match(text, /1 lead has no link yet/);
  });

  test('another activity\'s lead cannot send this one\'s links; a participant cannot see the part', async () => {
    let r = await otherLlme.post(`/activities/${ids.main}/surveys/${autumn}/send`, { action: 'send' });
    assert.ok([403, 404].includes(r.status), String(r.status));
    r = await llme.post(`/activities/${ids.main}/surveys/${autumnDefault}/send`, { action: 'send' }); // not the one that applies
    assert.equal(r.status, 404);
    assert.match(plain(r.body), /Survey not found/); // the survey is missing, not the activity
    r = await llme.post(`/activities/${ids.main}/surveys/999/send`, { action: 'send' });
    assert.equal(r.status, 404);
    assert.match(plain(r.body), /Survey not found/);
    assert.doesNotMatch(plain(r.body), /Activity not found/);
    r = await llme.post('/activities/999999/surveys/999/send', { action: 'send' });
    assert.match(plain(r.body), /Activity not found/);
    assert.equal(await sql('SELECT count(*) FROM survey_invites'), '0');
    const r2 = await otherLlme.get(`/activities/${ids.main}`);
    assert.doesNotMatch(plain(r2.body), /Send survey links/);
  });

  test('"Send survey links" invites every current participant once, each by email with a working link; again: nobody', async () => {
    let r = await llme.post(`/activities/${ids.main}/surveys/${autumn}/send`, { action: 'send' });
    assert.equal(r.status, 303);
    assert.equal(r.headers.location, `/activities/${ids.main}#surveys`);
    let page = await llme.get(`/activities/${ids.main}`);
    assert.match(plain(page.body), /Survey links sent to 3 people/);
    assert.equal(await sql(`SELECT count(*) FROM survey_invites WHERE template_id = ${autumn}`), '3');
    assert.equal(await sql("SELECT count(*) FROM survey_invites i JOIN people p ON p.id = i.person_id WHERE p.email IN ('left@answer.example', 'elsewhere@answer.example')"), '0');
    // only the hash is kept in the clear
    for (const [, email] of PEOPLE) {
      const [m] = await mails(email, 'Please answer the Autumn survey for NCP24-09', 1);
      assert.match(m.text, /Fractions in Year 4/);
      links[email] = linkIn(m);
      const token = links[email].split('/').pop();
      assert.equal(await sql(`SELECT count(*) FROM survey_invites WHERE token_hash = ${q(token)} OR token_sealed LIKE ${q('v1:%' + token + '%')}`), '0');
      assert.equal((await get(srv.base, links[email])).status, 200);
    }
    assert.equal(await sql("SELECT count(*) FROM audit_log WHERE action = 'survey_links_sent'"), '1');

    r = await llme.post(`/activities/${ids.main}/surveys/${autumn}/send`, { action: 'send' });
    assert.equal(r.status, 303);
    page = await llme.get(`/activities/${ids.main}`);
    assert.match(plain(page.body), /Everyone already has a link: nothing was sent/);
    assert.equal(await sql(`SELECT count(*) FROM survey_invites WHERE template_id = ${autumn}`), '3');
    assert.equal(await sql("SELECT count(*) FROM outbox WHERE subject LIKE 'Please answer the Autumn%'"), '3');
    assert.equal(await sql("SELECT count(*) FROM audit_log WHERE action = 'survey_links_sent'"), '1');

    // the LLME survey goes to the activity's leads
    r = await mhl.post(`/activities/${ids.main}/surveys/${llmeSurvey}/send`, { action: 'send' });
    assert.equal(r.status, 303);
    const [m] = await mails('llme@answer.example', 'Please answer the LLME survey', 1);
    links.llme = linkIn(m);
  });
});

describe('answering with the link', () => {
  const ada = PEOPLE[0][1];

  test('unknown token: 404, not recognised; a page beyond the survey: 404, no such page, with the way to its start', async () => {
    for (const target of ['/s/' + 'A'.repeat(43), '/s/short']) {
      const r = await get(srv.base, target);
      assert.equal(r.status, 404, target);
      assert.match(plain(r.body), /This survey link is not recognised/, target);
    }
    for (const n of ['4', '0', '99', 'x']) {
      const r = await get(srv.base, `${links[ada]}/pages/${n}`);
      assert.equal(r.status, 404, n);
      assert.match(plain(r.body), /This page of the survey does not exist The Autumn survey for NCP24-09 has 3 pages\./, n);
      assert.doesNotMatch(plain(r.body), /not recognised/, n);
      assert.match(r.body, new RegExp(`href="${links[ada]}">Go to the start of the survey`), n);
    }
  });

  test('a personal link is never indexed: X-Robots-Tag noindex on every answer page, whatever the answer', async () => {
    const page1 = await get(srv.base, links[ada] + '/pages/1');
    for (const [target, status] of [[links[ada], 200], [links[ada] + '/pages/1', 200], [links[ada] + '/check', 200],
      [links[ada] + '/saved', 200], [links[ada] + '/pages/4', 404], ['/s/' + 'A'.repeat(43), 404]]) {
      const r = target === links[ada] + '/pages/1' ? page1 : await get(srv.base, target);
      assert.equal(r.status, status, target);
      assert.equal(r.headers['x-robots-tag'], 'noindex, nofollow', target);
    }
    // a refused POST (no form token) too; a page that is no secret is left to be indexed
    const post = await formPost(srv, undefined, links[ada] + '/pages/1', 'phase=1');
    assert.equal(post.headers['x-robots-tag'], 'noindex, nofollow');
    assert.equal((await get(srv.base, '/hubs')).headers['x-robots-tag'], undefined);
  });

  test('the start page: its title, activity, pages; answered part-way, then finished on another device', async () => {
    const phone = formClient(srv);
    let r = await phone(links[ada]);
    assert.equal(r.status, 200);
    let text = plain(r.body);
    assert.match(text, /Autumn survey for NCP24-09/);
    assert.match(text, /Fractions in Year 4/);
    assert.match(text, /It has 3 pages/);
    assert.match(text, /finish later, on any device/);
    assert.match(text, /Start now/);
    assert.doesNotMatch(text, /Ada|Brian|Carol/); // nothing about who answered
    // the internal section: who reads it, before it is answered
    assert.match(text, /Page 3, About the sessions, is different: the national team reads its answers to check the quality of the programme \(quality assurance\)\. They are not part of the survey's reported results\./);

    r = await phone(links[ada] + '/pages/1');
    assert.equal(r.status, 200);
    const phonePage1 = r;
    // validation: a required answer missing, 400, nothing written
    let p = await send(phone, links[ada] + '/pages/1', r, { action: 'continue' });
    assert.equal(p.status, 400);
    assert.equal(errorSummary(p.body).length, 1);
    assert.deepEqual(errorSummary(p.body)[0], ['#phase', 'Select your answer to \u2018Which phase do you teach?\u2019']);
    assert.doesNotMatch(plain(p.body), /This page is different/); // not an internal page
    assert.equal(await sql('SELECT count(*) FROM survey_invites WHERE started_at IS NOT NULL'), '0');
    // a forged option: 400, nothing written
    p = await send(phone, links[ada] + '/pages/1', r, { action: 'continue', phase: '3' });
    assert.equal(p.status, 400);
    // the question as written, never lower-cased or run into the sentence
    assert.deepEqual(errorSummary(p.body)[0], ['#phase', 'Select your answer to \u2018Which phase do you teach?\u2019 from the options given']);
    p = await send(phone, links[ada] + '/pages/1', r, { action: 'later', phase: '9' });
    assert.equal(p.status, 400);
    const adaInvite = `(SELECT id FROM survey_invites WHERE template_id = ${autumn} AND person_id = (SELECT id FROM people WHERE email = ${q(ada)}))`;
    assert.equal(await sql(`SELECT answers FROM survey_invites WHERE id = ${adaInvite}`), '{}');
    assert.equal(await sql(`SELECT count(*) FROM survey_values WHERE invite_id = ${adaInvite}`), '0');

    // page 1 saved: on to page 2
    p = await send(phone, links[ada] + '/pages/1', r, { action: 'continue', phase: '1', resources: ['1', '3'] });
    assert.equal(p.status, 303);
    assert.equal(p.headers.location, links[ada] + '/pages/2');
    assert.equal(await sql(`SELECT count(*) FROM survey_values WHERE invite_id = ${adaInvite}`), '3');
    assert.equal(await sql(`SELECT started_at IS NOT NULL FROM survey_invites WHERE id = ${adaInvite}`).then((v) => ['1', 't', 'true'].includes(v.trim())), true);
    // page 2: a number that is not one, 400; then saved for later without its required answer
    r = await phone(links[ada] + '/pages/2');
    p = await send(phone, links[ada] + '/pages/2', r, { action: 'continue', confidence: '4', years: 'ten' });
    assert.equal(p.status, 400);
    assert.deepEqual(errorSummary(p.body).map(([, m]) => m), ['Enter a whole number in answer to \u2018How many years have you taught?\u2019, like 12']);
    p = await send(phone, links[ada] + '/pages/2', r, { action: 'continue', confidence: '0', years: '1' });
    assert.deepEqual(errorSummary(p.body).map(([, m]) => m), ['Select your answer to \u2018I feel confident teaching fractions\u2019 from the options given']);
    // a number question's range: in its hint; outside it, 400 with the question and the range, nothing written;
    // a number question without one takes any whole number up to 1,000,000, as before
    assert.match(plain(r.body), /How many of the sessions did you attend\? \(optional\) A whole number from 0 to 10\./);
    assert.match(r.body, /<input[^>]*name="sessions"[^>]*aria-describedby="sessions-hint"|aria-describedby="sessions-hint"[^>]*name="sessions"/);
    assert.doesNotMatch(r.body, /id="years-hint"/);
    const stored = await sql(`SELECT answers FROM survey_invites WHERE id = ${adaInvite}`);
    for (const [sessions, years, message] of [
      ['11', '12', ['#sessions', 'Enter a number from 0 to 10 for \u2018How many of the sessions did you attend?\u2019']],
      ['-1', '12', ['#sessions', 'Enter a number from 0 to 10 for \u2018How many of the sessions did you attend?\u2019']],
      ['3', '1000001', ['#years', 'Enter a number from 0 to 1,000,000 for \u2018How many years have you taught?\u2019']],
    ]) {
      for (const action of ['continue', 'later']) {
        p = await send(phone, links[ada] + '/pages/2', r, { action, confidence: '4', years, sessions });
        assert.equal(p.status, 400, `${action} ${sessions} ${years}`);
        assert.deepEqual(errorSummary(p.body), [message]);
        assert.match(p.body, new RegExp(`class="govuk-error-message"[^]*${message[1].replace(/[?]/g, '\\?')}`));
      }
    }
    assert.equal(await sql(`SELECT answers FROM survey_invites WHERE id = ${adaInvite}`), stored);
    p = await send(phone, links[ada] + '/pages/2', r, { action: 'later', years: '1000000', sessions: '10' });
    assert.equal(p.status, 303);
    assert.equal(await sql(`SELECT question_key || '=' || value_num FROM survey_values WHERE invite_id = ${adaInvite} AND question_key IN ('years', 'sessions') ORDER BY question_key`),
      'sessions=10\nyears=1000000');
    p = await send(phone, links[ada] + '/pages/2', r, { action: 'later', years: '12', sessions: '0' });
    assert.equal(p.status, 303);
    assert.equal(await sql(`SELECT value_num FROM survey_values WHERE invite_id = ${adaInvite} AND question_key = 'sessions'`), '0');
    p = await send(phone, links[ada] + '/pages/2', r, { action: 'later', years: '12', comments: '' });
    assert.equal(p.status, 303);
    assert.equal(p.headers.location, links[ada] + '/saved');
    const saved = await phone(p.headers.location);
    assert.equal(saved.status, 200);
    assert.match(plain(saved.body), /Your answers are saved/);
    assert.match(plain(saved.body), /open the link in your email again, on this or any other device/);

    // another device: a new cookie jar, the same link; Continue goes to page 2 with its answer shown
    const laptop = formClient(srv);
    r = await laptop(links[ada]);
    text = plain(r.body);
    assert.match(text, /You have answered part of it already/);
    assert.match(r.body, new RegExp(`href="${links[ada]}/pages/2"`));
    r = await laptop(links[ada] + '/pages/2');
    assert.match(r.body, /name="years"[^>]*value="12"/);
    p = await send(laptop, links[ada] + '/pages/2', r, { action: 'continue', confidence: '4', years: '12', comments: 'Very useful' });
    assert.equal(p.status, 303);
    assert.equal(p.headers.location, links[ada] + '/pages/3');
    // the check page before the internal page is answered: submit says which page
    r = await laptop(links[ada] + '/check');
    assert.equal(r.status, 200);
    assert.match(plain(r.body), /Check your answers before submitting/);
    assert.match(plain(r.body), /NCETM PD materials, Other/);
    p = await send(laptop, links[ada] + '/check', r, {});
    assert.equal(p.status, 400);
    assert.match(errorSummary(p.body).map(([, m]) => m).join(' | '), /page 3 \(About the sessions\)/);
    assert.equal(await sql(`SELECT completed_at IS NULL FROM survey_invites WHERE id = ${adaInvite}`).then((v) => ['1', 't', 'true'].includes(v.trim())), true);

    r = await laptop(links[ada] + '/pages/3');
    assert.match(plain(r.body), /This page is different: the national team reads its answers to check the quality of the programme \(quality assurance\)\. They are not part of the survey's reported results\./);
    p = await send(laptop, links[ada] + '/pages/3', r, { action: 'continue', useful: '5' });
    assert.equal(p.headers.location, links[ada] + '/check');
    r = await laptop(links[ada] + '/check');
    // Change goes to the question on its page, and saving goes back to the check page
    const changes = [...r.body.matchAll(/<a class="govuk-link" href="([^"]+)">Change<span class="govuk-visually-hidden"> ([^<]+)<\/span>/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(changes.slice(0, 2), [[`${links[ada]}/pages/1?return=check#phase`, 'Which phase do you teach?'],
      [`${links[ada]}/pages/1?return=check#resources`, 'Which resources did you use?']]);
    assert.ok(changes.some(([href]) => href === `${links[ada]}/pages/3?return=check#useful`));
    const change = `${links[ada]}/pages/2?return=check`;
    r = await laptop(change);
    assert.equal(r.status, 200);
    assert.match(r.body, new RegExp(`<form method="post" novalidate action="${change.replace(/[?]/g, '\\?')}"`));
    assert.match(r.body, new RegExp(`class="govuk-back-link" href="${links[ada]}/check"`));
    assert.match(r.body, /id="years"/); // the Change link's fragment is the field
    p = await send(laptop, change, r, { action: 'continue', years: '12', comments: 'Very useful' });
    assert.equal(p.status, 400); // the required answer left out: shown again, still returning
    assert.match(p.body, new RegExp(`action="${change.replace(/[?]/g, '\\?')}"`));
    p = await send(laptop, change, r, { action: 'continue', confidence: '4', years: '12', comments: 'Very useful' });
    assert.equal(p.status, 303);
    assert.equal(p.headers.location, links[ada] + '/check');
    // only "check" is honoured: anything else goes on as usual, never to another site
    for (const back of ['https%3A%2F%2Fevil.example', '%2F%2Fevil.example', 'done'])
      assert.equal((await send(laptop, `${links[ada]}/pages/2?return=${back}`, r, { action: 'continue', confidence: '4', years: '12', comments: 'Very useful' })).headers.location,
        links[ada] + '/pages/3');
    r = await laptop(links[ada] + '/check');
    p = await send(laptop, links[ada] + '/check', r, {});
    assert.equal(p.status, 303);
    assert.equal(p.headers.location, links[ada] + '/done');
    const done = await laptop(p.headers.location);
    assert.match(plain(done.body), /Survey completed/);
    // what was derived: one value a choice, one a scale point, numbers, text
    assert.equal(await sql(`SELECT question_key || '=' || COALESCE(CAST(value_num AS TEXT), value_text) FROM survey_values WHERE invite_id = ${adaInvite} ORDER BY question_key, value_num`),
      ['comments=Very useful', 'confidence=4', 'phase=1', 'resources=1', 'resources=3', 'useful=5', 'years=12'].join('\n'));
    assert.equal(await sql("SELECT count(*) FROM audit_log WHERE action = 'survey_completed'"), '1');

    // completed: the link says so and accepts nothing more
    r = await phone(links[ada]);
    assert.match(plain(r.body), /Survey completed/);
    assert.match(plain((await phone(links[ada] + '/pages/1')).body), /Survey completed/);
    const late = await send(phone, links[ada] + '/pages/1', phonePage1, { action: 'continue', phase: '2' });
    assert.equal(late.status, 409);
    assert.match(plain(late.body), /Survey completed/);
    assert.equal((await send(phone, links[ada] + '/check', phonePage1, {})).status, 409);
    assert.equal(await sql(`SELECT question_key || '=' || COALESCE(CAST(value_num AS TEXT), value_text) FROM survey_values WHERE invite_id = ${adaInvite} AND question_key = 'phase'`), 'phase=1');
  });

  test('an LLME sees who has not completed, with their school, never anyone\'s answers', async () => {
    // Brian has started: his answer must not show
    const dev = formClient(srv);
    const brian = links[PEOPLE[1][1]];
    const r = await dev(brian + '/pages/1');
    const p = await send(dev, brian + '/pages/1', r, { action: 'later', phase: '2' });
    assert.equal(p.status, 303);
    const page = await llme.get(`/activities/${ids.main}`);
    const rows = tableRows(page.body, 'Not completed yet (2)');
    const text = plain(page.body);
    assert.deepEqual(rows, [['Brian Kernighan Quay Primary School', 'Started Not reminded yet'], ['Carol Shaw Quay Primary School', 'Not started Not reminded yet']]);
    assert.match(page.body, /<th scope="col" class="govuk-table__header">Progress and reminders<\/th>/);
    assert.match(text, /Everyone not completed was sent their link or a reminder in the last day: you can remind them a day after\./);
    assert.match(plain(page.body), /Completed by 1 of 3 invited: 33% \(the target is 100%\)/);
    assert.doesNotMatch(text, /Ada Lovelace/);
    assert.doesNotMatch(text, /Secondary|Very useful|NCETM PD materials/);
  });

  test('reminders now: none within a day of the link; then once each to those not completed, at most once a day', async () => {
    let r = await llme.post(`/activities/${ids.main}/surveys/${autumn}/remind`, { action: 'remind' });
    assert.equal(r.status, 303);
    const sentAt = Number(await sql(`SELECT min(invited_at) FROM survey_invites WHERE template_id = ${autumn}`));
    const when = (t) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(t * 1000)).replace(',', '');
    let note = plain((await llme.get(`/activities/${ids.main}`)).body);
    const found = /Nobody was reminded: the 2 people who have not completed the survey have each had a link or a reminder in the last day\. You can remind them again from ((\w+day) (\d+ \w+ \d{4})) at (\d\d):(\d\d)/.exec(note);
    assert.ok(found, note.slice(note.indexOf('Nobody'), note.indexOf('Nobody') + 240));
    // a day after the link at the soonest, and then in the hours scheduled reminders keep: a weekday, 09:00 to 16:00
    // (the exact hour at a fixed clock: surveys-reminders.test.mjs)
    assert.ok(!['Saturday', 'Sunday'].includes(found[2]), found[0]);
    assert.ok(Number(found[4]) >= 9 && Number(found[4]) < 16, found[0]);
    assert.ok(Date.parse(`${found[3]} ${found[4]}:${found[5]} UTC`) / 1000 >= sentAt + 86400 - 3600, `${found[0]}: not before ${when(sentAt + 86400)}`);
    await sql(`UPDATE survey_invites SET invited_at = invited_at - 90000 WHERE template_id = ${autumn}`);
    // due: the button, and what "now" means beside it
    assert.match(plain((await llme.get(`/activities/${ids.main}`)).body),
      /A reminder sent now goes at once, whatever the day or time\. Scheduled reminders wait for school hours: 09:00 to 16:00 on a school day\. Send a reminder now/);
    r = await llme.post(`/activities/${ids.main}/surveys/${autumn}/remind`, { action: 'remind' });
    assert.equal(r.status, 303);
    assert.match(plain((await llme.get(`/activities/${ids.main}`)).body), /Reminder sent to 2 people/);
    const [m] = await mails(PEOPLE[2][1], 'Reminder: please answer the Autumn survey for NCP24-09', 1);
    assert.equal(linkIn(m), links[PEOPLE[2][1]]); // the same link, read back
    assert.equal(await sql(`SELECT count(*) FROM outbox WHERE to_addr = ${q(PEOPLE[0][1])} AND subject LIKE 'Reminder:%'`), '0');
    r = await llme.post(`/activities/${ids.main}/surveys/${autumn}/remind`, { action: 'remind' });
    assert.match(plain((await llme.get(`/activities/${ids.main}`)).body), /Nobody was reminded: the 2 people who have not completed the survey have each had a link or a reminder in the last day/);
    assert.equal(await sql(`SELECT sum(reminders) FROM survey_invites WHERE template_id = ${autumn}`), '2');
    assert.equal(await sql("SELECT count(*) FROM audit_log WHERE action = 'survey_reminders_sent'"), '1');
    const rows = tableRows((await llme.get(`/activities/${ids.main}`)).body, 'Not completed yet (2)');
    const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' })
      .format(new Date(Number(await sql(`SELECT max(last_reminded_at) FROM survey_invites WHERE template_id = ${autumn}`)) * 1000));
    assert.deepEqual(rows.map((row) => row[1]), [`Started Reminded once, on ${day}`, `Not started Reminded once, on ${day}`]);
    // a second reminder a day later: how many, and the last
    await sql(`UPDATE survey_invites SET reminders = 2 WHERE template_id = ${autumn} AND reminders = 1 AND person_id = (SELECT id FROM people WHERE email = ${q(PEOPLE[1][1])})`);
    assert.equal(tableRows((await llme.get(`/activities/${ids.main}`)).body, 'Not completed yet (2)')[0][1], `Started Reminded twice, the last on ${day}`);
    await sql(`UPDATE survey_invites SET reminders = 1 WHERE template_id = ${autumn} AND reminders = 2`);
  });

  test('a reminder now that finds nobody says why: no links yet, everyone completed, the rest left; nothing sent', async () => {
    const outbox = await sql('SELECT count(*) FROM outbox');
    const noteOf = async (who, id) => {
      const text = plain((await who.get(`/activities/${id}`)).body);
      return text.slice(text.indexOf('Nobody was reminded'), text.indexOf('Nobody was reminded') + 160);
    };
    // the other activity has had no links
    let r = await otherLlme.post(`/activities/${ids.other}/surveys/${autumn}/remind`, { action: 'remind' });
    assert.equal(r.status, 303);
    assert.match(await noteOf(otherLlme, ids.other), /^Nobody was reminded: nobody has a link to this survey yet\. Send the survey links first/);
    // reminders scheduled before any link is sent: the part says they reach only those sent their link
    assert.equal((await otherLlme.post(`/activities/${ids.other}/surveys/${autumn}/schedule`, { every_days: '7', max_reminders: '3' })).status, 303);
    assert.match(plain((await otherLlme.get(`/activities/${ids.other}`)).body),
      /Reminders every 7 days, at most 3, on school days from 09:00 to 16:00; never in school holidays\. Change the Autumn survey for NCP24-09's scheduled reminders No survey links have been sent yet, and reminders only reach people who have been sent their link: send the survey links first\./);
    assert.equal((await otherLlme.post(`/activities/${ids.other}/surveys/${autumn}/schedule/stop`)).status, 303);
    // the LLME survey: its one invite completed
    await sql(`UPDATE survey_invites SET completed_at = 1 WHERE template_id = ${llmeSurvey}`);
    r = await mhl.post(`/activities/${ids.main}/surveys/${llmeSurvey}/remind`, { action: 'remind' });
    assert.equal(r.status, 303);
    assert.match(await noteOf(mhl, ids.main), /^Nobody was reminded: everyone sent a link has completed the survey/);
    await sql(`UPDATE survey_invites SET completed_at = NULL WHERE template_id = ${llmeSurvey}`);
    // those not completed have left (well past the day since their reminder)
    await sql(`UPDATE survey_invites SET last_reminded_at = last_reminded_at - 90000 WHERE template_id = ${autumn} AND last_reminded_at IS NOT NULL;
      UPDATE activity_participants SET left_on = '${year}-10-01' WHERE activity_id = ${ids.main} AND person_id IN (SELECT id FROM people WHERE email IN (${q(PEOPLE[1][1])}, ${q(PEOPLE[2][1])}))`);
    r = await llme.post(`/activities/${ids.main}/surveys/${autumn}/remind`, { action: 'remind' });
    assert.equal(r.status, 303);
    assert.match(await noteOf(llme, ids.main), /^Nobody was reminded: everyone who has not completed the survey has left the activity or no longer has an account/);
    assert.equal(await sql('SELECT count(*) FROM outbox'), outbox, 'nothing sent');
    assert.equal(await sql(`SELECT sum(reminders) FROM survey_invites WHERE template_id = ${autumn}`), '2');
    await sql(`UPDATE activity_participants SET left_on = NULL WHERE activity_id = ${ids.main} AND person_id IN (SELECT id FROM people WHERE email IN (${q(PEOPLE[1][1])}, ${q(PEOPLE[2][1])}))`);
  });

  test('a signed-in participant sees their open survey on the home page, with its link', async () => {
    const carolId = await sql(`SELECT id FROM people WHERE email = ${q(PEOPLE[2][1])}`);
    const carol = await sessionFor(srv, carolId);
    const home = await carol.get('/');
    assert.equal(home.status, 200);
    assert.match(plain(home.body), /A survey to answer/);
    assert.match(home.body, new RegExp(`href="${links[PEOPLE[2][1]]}"`));
    const ada = await sessionFor(srv, await sql(`SELECT id FROM people WHERE email = ${q(PEOPLE[0][1])}`));
    assert.doesNotMatch(plain((await ada.get('/')).body), /survey to answer/i); // completed
  });

  test('a page open past the session\'s end: "Save and continue" shows it again with what was typed, nothing saved; sent again, saved', async () => {
    const brian = links[PEOPLE[1][1]];
    const invite = `(SELECT id FROM survey_invites WHERE template_id = ${autumn} AND person_id = (SELECT id FROM people WHERE email = ${q(PEOPLE[1][1])}))`;
    const state = () => sql(`SELECT answers || '|' || (SELECT count(*) FROM survey_values WHERE invite_id = ${invite}) FROM survey_invites WHERE id = ${invite}`);
    const before = await state();
    const dev = formClient(srv);
    const page = await dev(brian + '/pages/2');
    assert.equal(page.status, 200);
    const oldCsrf = csrfOf(page.body);
    const oldCookie = dev.jar.session;
    // more than two hours without a request: the anonymous session has ended
    await sql(`UPDATE sessions SET last_seen_at = last_seen_at - 7300 WHERE csrf_token = ${q(oldCsrf)}`);
    const typed = { action: 'continue', confidence: '4', years: '7', comments: 'Typed after school <b>& kept</b>' };
    let r = await send(dev, brian + '/pages/2', page, typed);
    assert.equal(r.status, 403);
    const text = plain(r.body);
    assert.match(text, /Your answers have not been saved yet: check them and press Save and continue again/);
    assert.match(r.body, /name="confidence"[^>]*value="4"[^>]*checked|value="4"[^>]*checked[^>]*name="confidence"|name="confidence" type="radio" value="4" checked/);
    assert.match(r.body, /name="years"[^>]*value="7"/);
    assert.match(r.body, /Typed after school &lt;b&gt;&amp; kept&lt;\/b&gt;/);
    assert.equal(errorSummary(r.body).length, 0);
    assert.equal(await state(), before, 'nothing written');
    // a new session, whose token the page carries
    assert.ok(dev.jar.session && dev.jar.session !== oldCookie, 'a new session cookie');
    const newCsrf = csrfOf(r.body);
    assert.notEqual(newCsrf, oldCsrf);
    // pressed again: saved
    const again = await send(dev, brian + '/pages/2', r, typed);
    assert.equal(again.status, 303);
    assert.equal(again.headers.location, brian + '/pages/3');
    assert.match(await sql(`SELECT answers FROM survey_invites WHERE id = ${invite}`), /Typed after school/);
    assert.equal(await sql(`SELECT value_num FROM survey_values WHERE invite_id = ${invite} AND question_key = 'years'`).then(Number), 7);

    // the check page too: not sent, shown again with a token that works
    r = await dev(brian + '/check');
    await sql(`UPDATE sessions SET last_seen_at = last_seen_at - 7300 WHERE csrf_token = ${q(csrfOf(r.body))}`);
    const sub = await send(dev, brian + '/check', r, {});
    assert.equal(sub.status, 403);
    assert.match(plain(sub.body), /Your answers have not been sent yet: check them and press Submit your answers again/);
    assert.match(plain(sub.body), /Check your answers before submitting/);
    assert.notEqual(csrfOf(sub.body), csrfOf(r.body));
    assert.equal(await sql(`SELECT completed_at IS NULL FROM survey_invites WHERE id = ${invite}`).then((v) => ['1', 't', 'true'].includes(v.trim())), true);
  });

  test('the link alone never writes: a forged, missing or cross-site form token shows the page again, nothing saved', async () => {
    const brian = links[PEOPLE[1][1]];
    const invite = `(SELECT id FROM survey_invites WHERE template_id = ${autumn} AND person_id = (SELECT id FROM people WHERE email = ${q(PEOPLE[1][1])}))`;
    const state = () => sql(`SELECT answers || '|' || COALESCE(CAST(completed_at AS TEXT), '-') || '|' || (SELECT count(*) FROM survey_values WHERE invite_id = ${invite}) FROM survey_invites WHERE id = ${invite}`);
    const before = await state();
    const dev = formClient(srv);
    const page = await dev(brian + '/pages/1');
    const token = csrfOf(page.body);
    const evil = { action: 'continue', phase: '1', resources: '2' };
    const forged = [
      ['no cookie, no token (another site\'s form, the link alone)', null, { ...evil }, { Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' }],
      ['no cookie, the victim\'s token', null, { ...evil, csrf_token: token }, {}],
      ['a tampered token', dev.jar, { ...evil, csrf_token: token.slice(0, -2) + 'xx' }, {}],
      ['Sec-Fetch-Site: cross-site with the right token', dev.jar, { ...evil, csrf_token: token }, { 'Sec-Fetch-Site': 'cross-site' }],
      ['Origin: http://evil.example with the right token', dev.jar, { ...evil, csrf_token: token }, { Origin: 'http://evil.example' }],
    ];
    for (const [what, jar, form, headers] of forged) {
      for (const target of [brian + '/pages/1', brian + '/check']) {
        const r = await formPost(srv, jar, target, form, headers);
        assert.equal(r.status, 403, `${what}: ${target}`);
        assert.match(plain(r.body), /have not been (saved|sent) yet/, `${what}: ${target}`);
        assert.equal(await state(), before, `${what}: ${target}: nothing written`);
      }
    }
    // an unknown link: 404, and no session made for it
    const r = await formPost(srv, null, '/s/' + 'Q'.repeat(43) + '/pages/1', { ...evil });
    assert.equal(r.status, 404);
    assert.equal(r.headers['set-cookie'], undefined);
  });

  test('closed: the link says so and accepts nothing', async () => {
    const dev = formClient(srv);
    const carol = links[PEOPLE[2][1]];
    const r = await dev(carol + '/pages/1');
    assert.equal(r.status, 200);
    // the close page says what closing does, and whom it stops: those invited
    // and not completed in any activity, and those part-way (Brian's saved page)
    const admin = await roleSession(srv, 'admin@answer.example', 'national_admin');
    const brianPage = await dev(links[PEOPLE[1][1]] + '/pages/1');
    assert.equal((await send(dev, links[PEOPLE[1][1]] + '/pages/1', brianPage, { action: 'later', phase: '2' })).status, 303);
    const count = (where) => sql(`SELECT count(*) FROM survey_invites WHERE template_id = ${autumn} AND completed_at IS NULL${where}`);
    const [waiting, started] = [await count(''), await count(' AND started_at IS NOT NULL')];
    assert.ok(Number(waiting) >= 2 && Number(started) >= 1, `${waiting} waiting, ${started} started`);
    const closing = plain((await admin.get(`/surveys/${autumn}/close`)).body);
    assert.match(closing, /ends answering: nobody can answer it or finish it after it closes, and answers saved part-way are never counted/);
    assert.match(closing, /releases its results to those who read them/);
    assert.match(closing, new RegExp(`${waiting} people invited, across all activities, have not completed it\\. ${started} of them ` +
      `ha(s|ve) answers saved part-way, which will not be counted\\. Once it closes, none of them can answer it\\.`));
    await sql(`UPDATE survey_templates SET status = 'closed' WHERE id = ${autumn}`);
    assert.match(plain((await dev(carol)).body), /This survey is closed/);
    // an activity it closed in before any links were sent: said so, and no results nobody there could answer
    const part = plain((await otherLlme.get(`/activities/${ids.other}`)).body);
    assert.match(part, /Autumn survey for NCP24-09 Closed It closed before any links were sent for this activity, so nobody in it answered it\./);
    const closedPart = /Autumn survey for NCP24-09 Closed (.*?) LLME survey/.exec(part)[1];
    assert.doesNotMatch(closedPart, /No links sent yet|target|Its results for this activity/);
    const main = plain((await llme.get(`/activities/${ids.main}`)).body);
    assert.match(main, /Autumn survey for NCP24-09 Closed Completed by \d+ of 3 invited/);
    const p = await send(dev, carol + '/pages/1', r, { action: 'continue', phase: '1' });
    assert.equal(p.status, 409);
    assert.equal(await sql(`SELECT answers FROM survey_invites WHERE template_id = ${autumn} AND person_id = (SELECT id FROM people WHERE email = ${q(PEOPLE[2][1])})`), '{}');
  });
});
