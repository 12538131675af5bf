// Demo data for the HTTP and browser suites: `mathshubs demo-data` run on a
// database of its own (an SQLite file in a new directory, or a new database
// on the PostgreSQL test cluster), what it printed read back (the summary's
// counts, the sign-in details), and a person signing in with those details
// as anyone would: the password, then the code oathtool gives for the key.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { formClient } from './client.mjs';
import { BACKEND, ROOT, SANITIZED, pgCreateDatabase, pgDropDatabase, run } from './server.mjs';
import { freshCode } from './totp.mjs';

/** The register of schools the demo data is made from. */
export const DEMO_SCHOOLS = path.resolve(ROOT, '../shared/data/gias/DFE-Digital__register-trainee-teachers/schools.csv');

/** The counts of the summary: "  schools   2,508  open, ..." -> Map(what -> number). */
export function demoCounts(stdout) {
  const counts = new Map();
  for (const m of stdout.matchAll(/^ {2}(\S.*?) {2,}([\d,]+) {2}/gm)) counts.set(m[1].trim(), Number(m[2].replace(/,/g, '')));
  return counts;
}

/** The sign-in details printed: [{role, name, email, password, key, secret (the key, for freshCode)}]. */
export function demoSignIns(stdout) {
  return [...stdout.matchAll(/^ {2}(.+?): (.+) <([^>]+)>\n {4}password (\S+) {2}key ([A-Z2-7]+)$/gm)]
    .map(([, role, name, email, password, key]) => ({ role, name, email, password, key, secret: key }));
}

/**
 * A database of its own on backend ({dir, db (the SQLite file), args: the
 * options naming it, pg: {name, url} or null, drop()}).
 */
export function demoDatabase(backend = BACKEND) {
  const dir = mkdtempSync(path.join(tmpdir(), 'mathshubs-demo-'));
  const db = path.join(dir, 'mathshubs.db');
  const pg = backend === 'postgres' ? pgCreateDatabase() : null;
  return {
    dir, db, pg, backend,
    args: pg ? ['--postgres', pg.url] : ['--db', db],
    drop() {
      rmSync(dir, { recursive: true, force: true });
      if (pg) pgDropDatabase(pg.name);
    },
  };
}

/** How long a small demo may take: with five years of activities, a good part of a minute on PostgreSQL on a busy machine. */
const SMALL_DEMO_MS = SANITIZED ? 240000 : 120000;

/**
 * Runs `mathshubs demo-data --scale scale --seed seed` on target (from
 * demoDatabase); resolves to run()'s result with counts and signIns.
 */
export async function makeDemo(target, { scale = 'small', seed = 1, extra = [], timeout = SMALL_DEMO_MS } = {}) {
  const r = await run(['demo-data', '--scale', scale, '--seed', String(seed), '--schools', DEMO_SCHOOLS, ...target.args,
    ...extra], { timeout });
  return { ...r, counts: demoCounts(r.stdout), signIns: demoSignIns(r.stdout) };
}

/**
 * Signs who (from demoSignIns) in on srv as a person does: the password,
 * then their app's code (oathtool, for the key; one the server has not
 * seen used, freshCode). Resolves to the client (formClient), signed in.
 */
export async function demoSignIn(srv, who) {
  const go = formClient(srv);
  let page = await go('/sign-in');
  const r = await go('/sign-in', { method: 'POST', page, fields: { email: who.email, password: who.password } });
  assert.equal(r.headers.location, '/sign-in/code', `${who.role}: the password: ${r.status}`);
  page = await go('/sign-in/code');
  const done = await go('/sign-in/code', { method: 'POST', page, fields: { code: await freshCode(who) } });
  assert.equal(done.headers.location, '/account', `${who.role}: the app's code: ${done.status}`);
  return go;
}
