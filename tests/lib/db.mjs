// The one way the HTTP and browser suites reach a test server's database,
// on either backend: the command-line options that name it (for
// `mathshubs admin create` ...) and SQL run on it (sqlite3 or psql as the
// cluster's superuser). Never used to decide what the server should show.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { pgAdmin } from './server.mjs';

/** The command-line options naming srv's database (a server from startServer). */
export const dbArgs = (srv) => (srv.backend === 'postgres' ? ['--postgres', srv.pg.url] : ['--db', srv.db]);

/**
 * Runs sqlite3 on a database file with the given SQL; resolves to its output
 * (rejects on failure). It waits for the server's own writes (a session's
 * last use, a background job) as the server does, rather than failing with
 * "database is locked".
 */
export function sqlite(db, sql) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/sqlite3', ['-cmd', '.timeout 10000', db, sql], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { err += c; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`sqlite3 exited ${code}: ${err}`))));
  });
}

/* Longer SQL than this goes through a file (argv is limited). */
const ARGV_SQL_MAX = 60000;

/**
 * Runs SQL (one statement or a script) on srv's own database, either
 * backend; resolves to the output, trimmed: rows as lines, columns
 * separated by |. Rejects when the SQL fails.
 */
export async function dbQuery(srv, query) {
  if (query.length < ARGV_SQL_MAX)
    return String(srv.backend === 'postgres' ? pgAdmin(query, srv.pg.name) : await sqlite(srv.db, query)).trim();
  const file = path.join(srv.dir, `script-${randomBytes(4).toString('hex')}.sql`);
  writeFileSync(file, query);
  try {
    if (srv.backend === 'postgres')
      return execFileSync('/usr/bin/psql', [srv.pg.url, '-v', 'ON_ERROR_STOP=1', '-qAtf', file], { encoding: 'utf8' }).trim();
    return (await sqlite(srv.db, `.read ${file}`)).trim();
  } finally {
    rmSync(file, { force: true });
  }
}
