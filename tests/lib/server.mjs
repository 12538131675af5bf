// Starts the real mathshubs binary on a free loopback port with a temporary
// database, for the HTTP and browser suites. The server is stopped with
// SIGTERM by stop(); a server that does not stop within 15 s is killed and
// the test fails.
//
// Backend: SQLite by default. With MATHSHUBS_TEST_BACKEND=postgres every
// server gets a new database of its own on the test cluster whose superuser
// URL is MATHSHUBS_TEST_PG_URL (scripts/check starts that cluster), dropped
// again by stop(). A missing cluster is a failure, never a skip.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const BIN = process.env.MATHSHUBS_BIN || path.resolve('build/mathshubs');
export const BACKEND = process.env.MATHSHUBS_TEST_BACKEND || 'sqlite';
const PSQL = '/usr/bin/psql';

// The superuser URL of the test cluster (postgres backend only).
export function pgAdminUrl() {
  const url = process.env.MATHSHUBS_TEST_PG_URL;
  if (!url) throw new Error('PostgreSQL tests need MATHSHUBS_TEST_PG_URL, the test cluster that make check starts (scripts/check)');
  return url;
}

// Runs SQL on the test cluster as its superuser; returns psql's output.
export function pgAdmin(sql, db = null) {
  let url = pgAdminUrl();
  if (db) url = url.replace(/\/[^/]*$/, '/' + db);
  return execFileSync(PSQL, [url, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { encoding: 'utf8' });
}

// A new empty database on the test cluster; returns {name, url}.
export function pgCreateDatabase() {
  const name = 'mh_' + randomBytes(6).toString('hex');
  pgAdmin(`CREATE DATABASE ${name}`);
  return { name, url: pgAdminUrl().replace(/\/[^/]*$/, '/' + name) };
}

export function pgDropDatabase(name) {
  pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

export async function startServer({ args = [], env = {}, dir, database } = {}) {
  const tmp = dir || mkdtempSync(path.join(tmpdir(), 'mathshubs-test-'));
  const db = path.join(tmp, 'mathshubs.db');
  let pg = null;
  let dbArgs = ['--db', db];
  if (BACKEND === 'postgres') {
    pg = database || pgCreateDatabase();
    dbArgs = ['--postgres', pg.url];
  }
  const child = spawn(BIN, ['serve', ...dbArgs, '--listen', '127.0.0.1:0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = [];
  let stderr = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 20 s:\n' + stderr)), 20000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      let nl;
      while ((nl = stderr.indexOf('\n')) >= 0) {
        const line = stderr.slice(0, nl);
        stderr = stderr.slice(nl + 1);
        let obj = null;
        try { obj = JSON.parse(line); } catch { obj = { raw: line }; }
        log.push(obj);
        const m = obj.msg && /^listening on (http:\/\/[\d.]+:\d+)/.exec(obj.msg);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      }
    });
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? sig}) before listening:\n${JSON.stringify(log)}\n${stderr}`));
    });
  });
  const base = await ready;
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    base,
    db,
    pg,
    backend: BACKEND,
    dir: tmp,
    log,
    child,
    exited,
    // Stops the server (SIGTERM) and resolves to its exit status.
    async stop({ keep = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
      const st = await exited;
      clearTimeout(timer);
      if (!keep && !dir) rmSync(tmp, { recursive: true, force: true });
      if (!keep && pg && !database) pgDropDatabase(pg.name);
      return st;
    },
  };
}
