// Events on several `mathshubs serve` processes sharing one PostgreSQL
// database, as a deployment behind a load balancer runs them: fifty people
// confirming at once for ten places, spread over two processes, leave
// exactly ten confirmed and forty waiting; and the requirements' clean-up,
// run by both processes' threads at once, deletes each event's once, with
// one audit line. (The one-process version of the rush, on both backends,
// is in events.test.mjs.) On SQLite, one process serves a database file:
// these tests are PostgreSQL's.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';

import { BACKEND, dbQuery, roleSession, roleSessions, sessionOn, startServer, stopClean, waitFor } from './lib.mjs';

const unix = (iso) => Math.floor(Date.parse(iso) / 1000);
const skip = BACKEND !== 'postgres' && 'several processes on one database: PostgreSQL only';
const cleanups = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

/** Two processes whose clocks read iso, on one new database (or that of `from`, stopped). */
async function twoAt(iso, from = null) {
  const env = { MATHSHUBS_NOW: iso };
  let database;
  if (from) {
    await from[1].stop({ keep: true });
    await from[0].stop({ keep: true });
    database = from[0].pg;
  }
  const a = await startServer({ env, database });
  // the second on the first's database; the first (or the test's end) drops it
  const b = await startServer({ env, database: a.pg });
  cleanups.push(() => stopClean(b, 'second process'), () => stopClean(a, 'first process'));
  a.at = b.at = unix(iso);
  return [a, b];
}

function eventForm({ capacity = '', day = '2026-03-02' } = {}) {
  const [y, m, d] = day.split('-');
  return {
    title: 'Mastery national workshop 1', description: '', kind: 'national_workshop', organiser: 'national',
    format: 'face_to_face', venue: 'Birmingham Conference Centre', address: '1 Example Street\nBirmingham B1 1AA',
    'day1-day': String(Number(d)), 'day1-month': String(Number(m)), 'day1-year': y, start1: '10:00', end1: '16:00',
    capacity, roles: 'llme',
  };
}

const logged = (srv, re) => srv.log.filter((l) => re.test(l.msg || '')).length;

describe('two server processes on one PostgreSQL database', { skip }, () => {
  test('50 people confirm at once for 10 places over two processes: exactly 10 confirmed, 40 waiting', async () => {
    const [a, b] = await twoAt('2026-02-02T12:00:00Z');
    const admin = await roleSession(a, 'organiser@ncetm.example', 'national_admin', null, { at: a.at });
    const r = await admin.post('/events/new', eventForm({ capacity: '10' }));
    assert.equal(r.status, 303);
    const id = Number(/\/events\/(\d+)$/.exec(r.headers.location)[1]);
    // every other person's requests go to the second process (sessions live in the database)
    const crowd = await roleSessions(a, Array.from({ length: 50 }, (_, i) => `llme${i}@school.example`), 'llme', 'LO1', { at: a.at });
    const people = crowd.map((p, i) => (i % 2 ? sessionOn(b, p) : p));
    // warm both processes' connections, then everyone at once
    await Promise.all([people[0].get('/events'), people[1].get('/events')]);
    const answers = await Promise.all(people.map((p) => p.post(`/events/${id}/confirm`)));
    for (const ans of answers) assert.equal(ans.status, 303, ans.body.slice(0, 300));
    assert.equal(await dbQuery(a, `SELECT answer || ':' || count(*) FROM event_answers WHERE event_id = ${id} GROUP BY answer ORDER BY answer`),
      'confirmed:10\nwaiting:40');
    // each person was told the truth: the confirmed emails match the confirmed rows
    // the tallies the triggers keep (migration 0015) agree with the answers
    assert.equal(await dbQuery(a, `SELECT n_confirmed || ':' || n_waiting || ':' || n_apologies || ':' || n_offered FROM events WHERE id = ${id}`), '10:40:0:0');
    assert.equal(await dbQuery(a, "SELECT count(*) FROM outbox WHERE subject LIKE 'You have confirmed%'"), '10');
    assert.equal(await dbQuery(a, `SELECT count(*) FROM audit_log WHERE action = 'event_confirmed' AND subject = 'event:${id}'`), '10');
    assert.equal(await dbQuery(a, `SELECT count(*) FROM audit_log WHERE action = 'event_waiting' AND subject = 'event:${id}'`), '40');
  });

  test('the requirements\' clean-up, run by both processes at once, deletes once and audits once', async () => {
    let both = await twoAt('2026-02-15T12:00:00Z');
    const [a] = both;
    const admin = await roleSession(a, 'organiser@ncetm.example', 'national_admin', null, { at: a.at });
    const ids = [];
    for (const day of ['2026-03-02', '2026-03-03']) {
      const r = await admin.post('/events/new', eventForm({ day }));
      assert.equal(r.status, 303);
      ids.push(Number(/\/events\/(\d+)$/.exec(r.headers.location)[1]));
    }
    for (const p of await roleSessions(a, Array.from({ length: 6 }, (_, i) => `llme${i}@school.example`), 'llme', 'LO1', { at: a.at })) {
      const i = Number(/llme(\d+)@/.exec(await dbQuery(a, `SELECT email FROM people WHERE id = ${p.id}`))[1]);
      for (const id of ids) {
        assert.equal((await p.post(`/events/${id}/confirm`)).status, 303);
        assert.equal((await p.post(`/events/${id}/your-requirements`, { dietary: `Diet ${i}`, access: '' })).status, 303);
      }
    }
    assert.equal(await dbQuery(a, 'SELECT count(*) FROM event_requirements'), '12');
    // 3 April: both events ended more than 30 days ago; both processes clean up as they start
    both = await twoAt('2026-04-03T09:00:00Z', both);
    const done = /^events: clean-up of requirements done/;
    await waitFor(() => logged(both[0], done) >= 1 && logged(both[1], done) >= 1, undefined, 'both clean-ups');
    assert.equal(await dbQuery(both[0], 'SELECT count(*) FROM event_requirements'), '0');
    assert.equal(await dbQuery(both[0], "SELECT subject || '|' || detail FROM audit_log WHERE action = 'event_requirements_deleted' ORDER BY subject"),
      ids.map((id) => `event:${id}|6 people's, 30 days after the event ended: Mastery national workshop 1`).join('\n'));
    const deleted = both.flatMap((s) => s.log).map((l) => /people's deleted/.test(l.msg || '') && /done, (\d+) people/.exec(l.msg)).filter(Boolean)
      .map((m) => Number(m[1]));
    assert.equal(deleted.reduce((x, y) => x + y, 0), 12, `the two processes' counts add up: ${deleted}`);
  });
});
