// Crash safety: during a rush of writes (people added by an administrator,
// each with a role, an audit entry and a set-up email in one transaction)
// the server is killed with SIGKILL at a random moment, then started again
// on the same database, CRASH_TRIALS times (5 in make check, 20 in make
// soak). Every write that was answered with success is there exactly once,
// whole (person, role, audit entry, email); none is there in part.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import {
  BACKEND, CookieJar, createAdmin, csrfOf, dbQuery, formPost, jarRequest, lastEmailedCode, pgCreateDatabase,
  pgDropDatabase, setUpByEmail, startServer, stopClean,
} from './lib.mjs';

const TRIALS = Number(process.env.CRASH_TRIALS || 5);
const WORKERS = 6;

test(`${TRIALS} SIGKILLs during a write rush lose no answered write and leave no partial one`, { timeout: 600000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mathshubs-crash-'));
  const database = BACKEND === 'postgres' ? pgCreateDatabase() : undefined;
  let srv = await startServer({ dir, database });
  try {
    const email = 'crash-admin@school.example';
    const { link } = await createAdmin(srv, email, 'Crash Admin');
    await setUpByEmail(srv, link);
    await dbQuery(srv, 'DELETE FROM rate_limits');
    const jar = new CookieJar();
    let page = await jarRequest(srv, jar, '/sign-in');
    await formPost(srv, jar, '/sign-in', { csrf_token: csrfOf(page.body), email, password: 'a long and unusual passphrase' });
    page = await jarRequest(srv, jar, '/sign-in/code');
    const done = await formPost(srv, jar, '/sign-in/code', { csrf_token: csrfOf(page.body), code: await lastEmailedCode(srv, email) });
    assert.equal(done.headers.location, '/account');
    const csrf = csrfOf((await jarRequest(srv, jar, '/admin/people')).body); // the session and its token outlive the process

    const answered = new Set();
    let next = 0;
    let killed = 0;
    for (let trial = 1; trial <= TRIALS; trial++) {
      let stop = false;
      const worker = async () => {
        while (!stop) {
          const who = `p${next++}@crash.example`;
          try {
            const r = await formPost(srv, jar, '/admin/people', { csrf_token: csrf, name: `Person ${who}`, email: who, role: 'national_analyst' });
            if (r.status === 303) answered.add(who);
            else if (!stop) assert.fail(`${who}: ${r.status} while the server was up`);
          } catch { /* the connection died with the server: this write may or may not have happened */ }
        }
      };
      const rush = Array.from({ length: WORKERS }, worker);
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 500));
      srv.child.kill('SIGKILL');
      const st = await srv.exited;
      stop = true;
      await Promise.all(rush);
      assert.equal(st.signal, 'SIGKILL');
      killed++;
      srv = await startServer({ dir, database });
    }
    assert.equal(killed, TRIALS);
    assert.ok(answered.size > TRIALS * 5, `a real rush: ${answered.size} answered writes`);
    console.log(`${answered.size} writes answered across ${TRIALS} kills`);

    const rows = (await dbQuery(srv, `SELECT p.email, (SELECT count(*) FROM role_grants g WHERE g.person_id = p.id),
        (SELECT count(*) FROM audit_log a WHERE a.action = 'person_created' AND a.subject = 'person:' || p.id),
        (SELECT count(*) FROM outbox o WHERE o.to_addr = p.email)
      FROM people p WHERE p.email LIKE '%@crash.example'`)).trim().split('\n').filter(Boolean).map((l) => l.split('|'));
    const present = new Map(rows.map(([e, ...counts]) => [e, counts.join(',')]));
    for (const [e, counts] of present) assert.equal(counts, '1,1,1', `${e}: whole, once (role, audit entry, email)`);
    const lost = [...answered].filter((e) => !present.has(e));
    assert.deepEqual(lost, [], 'every write answered 303 is there');
    assert.equal(rows.length, new Set(rows.map((r) => r[0])).size, 'no one twice');
  } finally {
    await stopClean(srv, 'server after the last restart');
    rmSync(dir, { recursive: true, force: true });
    if (database) pgDropDatabase(database.name);
  }
});
