// Sign-up and password-reset links say and do the same whoever asks: for an
// address the programme holds and for one it does not, the answer is the
// same, and the work is the same (the same transaction, the same number of
// statements run, as the access log says), so neither the page nor the time
// it takes tells anyone who has an account. Only the owner of a held
// address gets an email.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  CookieJar, accessLines, createAdmin, csrfOf, dbQuery, emailCodePerson, jarRequest, useServer, waitFor,
} from './lib.mjs';

const srv = useServer({ args: ['--trusted-proxies', '127.0.0.1'] });
const sql = (q) => dbQuery(srv, q);

let client = 0; // each request from its own address, so the per-address limit never decides

/** GETs the form page for a session, POSTs the address; the answer and its access-log line. */
async function ask(path, email) {
  const jar = new CookieJar();
  const headers = { 'X-Forwarded-For': `198.51.100.${++client}` };
  const page = await jarRequest(srv, jar, path, { headers });
  const res = await jarRequest(srv, jar, path, {
    method: 'POST', form: { csrf_token: csrfOf(page.body), email }, headers: { ...headers, Origin: srv.base },
  });
  let line;
  const id = res.headers['x-request-id'];
  await waitFor(() => (line = accessLines(srv.log).find((l) => l.request_id === id)), undefined, `the log line of ${id}`);
  const after = await jarRequest(srv, jar, path, { headers });
  const banner = /govuk-notification-banner__heading">([^<]*)</.exec(after.body);
  return { res, line, banner: banner && banner[1] };
}

/** What must be the same for every address: the answer, the banner (but for the address) and the work. */
function seen({ res, line, banner }, email) {
  return {
    status: res.status,
    location: res.headers.location,
    banner: banner && banner.replace(email, 'ADDRESS'),
    transactions: line.transactions,
    statements: line.statements,
  };
}

const outbox = (email) => sql(`SELECT subject FROM outbox WHERE to_addr = '${email}' ORDER BY id`);
const links = (purpose) => sql(`SELECT count(*) FROM one_time_links WHERE purpose = '${purpose}'`);

describe('a held address and an unknown one get the same answer after the same work', () => {
  test('/password-reset: signed up, not signed up yet, asked too often, unknown', async () => {
    const held = 'reset-held@school.example';
    const added = 'reset-added@school.example';
    await emailCodePerson(srv, held);
    await createAdmin(srv, added);
    const unknown = seen(await ask('/password-reset', 'nobody-reset@school.example'), 'nobody-reset@school.example');
    assert.equal(unknown.status, 303);
    assert.equal(unknown.transactions, 'request_link_said');
    assert.equal(typeof unknown.statements, 'number');
    assert.match(unknown.banner, /^Check your email\. If ADDRESS is the address of someone/);

    const before = Number(await links('reset'));
    for (let i = 1; i <= 4; i++) { // the fourth in an hour is throttled: still the same
      assert.deepEqual(seen(await ask('/password-reset', held), held), unknown, `a held address, request ${i}`);
    }
    assert.equal(Number(await links('reset')), before + 3, 'three links, then throttled');
    assert.deepEqual(seen(await ask('/password-reset', added), added), unknown, 'an address not signed up yet');
    assert.equal(await outbox('nobody-reset@school.example'), '', 'nothing for an unknown address');
    assert.match(await outbox(held), /(Reset your Maths Hubs password\n?){3}$/);
    assert.match(await outbox(added), /You have not signed up to Maths Hubs yet$/);
  });

  test('/sign-up: added, already signed up, unknown', async () => {
    const added = 'signup-added@school.example';
    const held = 'signup-held@school.example';
    await createAdmin(srv, added);
    await emailCodePerson(srv, held);
    const unknown = seen(await ask('/sign-up', 'nobody-signup@school.example'), 'nobody-signup@school.example');
    assert.equal(unknown.status, 303);
    assert.equal(unknown.transactions, 'request_link_said');
    const before = Number(await links('signup'));
    assert.deepEqual(seen(await ask('/sign-up', added), added), unknown, 'an address added and not signed up');
    assert.equal(Number(await links('signup')), before + 1, 'one link');
    assert.deepEqual(seen(await ask('/sign-up', held), held), unknown, 'an address already signed up');
    assert.equal(await outbox('nobody-signup@school.example'), '', 'nothing for an unknown address');
    assert.match(await outbox(added), /Confirm your email address to sign up to Maths Hubs$/);
    assert.match(await outbox(held), /You already have a Maths Hubs account$/);
  });
});
