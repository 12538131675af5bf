// Starts the real mathshubs binary on a free loopback port with a temporary
// database, for the HTTP and browser suites. The server is stopped with
// SIGTERM by stop(); a server that does not stop within 15 s is killed and
// the test fails. Also runs the binary's other commands to completion (run).
//
// Backend: SQLite by default. With MATHSHUBS_TEST_BACKEND=postgres every
// server gets a new database of its own on the test cluster whose superuser
// URL is MATHSHUBS_TEST_PG_URL (scripts/check starts that cluster), dropped
// again by stop(). A missing cluster is a failure, never a skip.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The source tree (resolved from this file: CTest runs from the build directory). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/* The binary under test: $MATHSHUBS_BIN (set by CTest), else build/mathshubs
 * of the source tree, whatever the cwd. */
export const BIN = process.env.MATHSHUBS_BIN || path.join(ROOT, 'build/mathshubs');
export const SANITIZED = /^(on|1|true|yes)$/i.test(process.env.SANITIZED || '');
/* A generous bound for anything that waits on the server (never a timing
 * assertion: only a limit after which a test is declared stuck). */
export const PATIENCE_MS = SANITIZED ? 60000 : 20000;
/* The schema version the binary migrates to (its newest migration), as `mathshubs --version` says. */
export function schemaVersion() {
  const out = execFileSync(BIN, ['--version'], { encoding: 'utf8' });
  const m = /database schema (\d+)/.exec(out);
  if (!m) throw new Error(`mathshubs --version did not give the schema: ${out}`);
  return Number(m[1]);
}
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
  return execFileSync(PSQL, [url, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { encoding: 'utf8', maxBuffer: 1 << 28 });
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

/**
 * Reads a `mathshubs serve` child's stderr into log, one entry a line (its
 * JSON, or {raw: line} for anything else, such as a sanitizer report), and
 * calls onListening(base URL) when it says it is listening.
 */
export function followLog(child, log, onListening) {
  let buf = '';
  child.stderr.on('data', (chunk) => {
    buf += chunk;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      let obj;
      try { obj = JSON.parse(line); } catch { obj = { raw: line }; }
      log.push(obj);
      const m = obj.msg && /^listening on (http:\/\/[\d.]+:\d+)/.exec(obj.msg);
      if (m) onListening(m[1]);
    }
  });
}

export async function startServer({ args = [], env = {}, dir, database, backend = BACKEND } = {}) {
  const tmp = dir || mkdtempSync(path.join(tmpdir(), 'mathshubs-test-'));
  const db = path.join(tmp, 'mathshubs.db');
  let pg = null;
  let dbArgs = ['--db', db];
  if (backend === 'postgres') {
    pg = database || pgCreateDatabase();
    dbArgs = ['--postgres', pg.url];
  }
  const child = spawn(BIN, ['serve', ...dbArgs, '--listen', '127.0.0.1:0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = [];
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 20 s:\n' + JSON.stringify(log))), 20000);
    followLog(child, log, (base) => { clearTimeout(timer); resolve(base); });
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? sig}) before listening:\n${JSON.stringify(log)}`));
    });
  });
  const base = await ready;
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    base,
    db,
    pg,
    backend,
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

/** Runs the binary to completion: {code, signal, stdout, stderr}; killed after timeout (PATIENCE_MS). */
export function run(args, { env = {}, cwd, timeout = PATIENCE_MS } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { env: { ...process.env, ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    const t = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', (e) => { clearTimeout(t); reject(e); });
    child.on('close', (code, signal) => { clearTimeout(t); resolve({ code, signal, stdout, stderr }); });
  });
}

/**
 * `n` distinct TCP ports free on 127.0.0.1 at the time of asking: every
 * listener stays open until all are bound, so two asks never get the same
 * port (asked one after another they can: the kernel hands a just-closed
 * port out again, and two nginx servers on one port answer as one).
 */
export async function freePorts(n) {
  const servers = [];
  try {
    for (let i = 0; i < n; i++) {
      servers.push(await new Promise((resolve, reject) => {
        const s = net.createServer();
        s.unref();
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => resolve(s));
      }));
    }
    return servers.map((s) => s.address().port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
export async function freePort() {
  return (await freePorts(1))[0];
}
