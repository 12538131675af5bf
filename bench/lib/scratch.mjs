// What a benchmark at the programme's size runs in (bench/lib/pages.mjs's
// benchPages, bench/surveys): the binary (argv[2]) and a PostgreSQL admin
// URL (argv[3]; without one, a throw-away cluster of its own), a scratch
// folder, its running servers, a PostgreSQL database of its own made when
// asked, and one clean-up of all of them, at the end, on an error and on
// SIGINT or SIGTERM.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { run } from './procs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** bench/<name>'s scratch: {bin, dir, running, say, postgres(), main(fn)}. */
export function benchScratch(name) {
  const bin = path.resolve(process.argv[2] || path.join(ROOT, 'build/mathshubs'));
  let admin = process.argv[3] || '';
  const dir = mkdtempSync(path.join(os.tmpdir(), `mathshubs-bench-${name}-`));
  const database = `bench_${name}`;
  const running = [];
  let ownCluster = false;
  const say = (s) => process.stderr.write(`bench/${name}: ${s}\n`);

  async function cleanup() {
    for (const s of running.reverse()) await s.stop().catch(() => {});
    if (ownCluster) await run(path.join(ROOT, 'scripts/pg-cluster'), ['stop', path.join(dir, 'pg')]).catch(() => {});
    else if (admin) await run('psql', [admin, '-qc', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`]).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => cleanup().finally(() => process.exit(130)));

  return {
    bin, dir, running, say,
    /** The bench's own PostgreSQL database, made: {url, srv} (srv as tests/lib/db.mjs's dbQuery takes it). */
    async postgres() {
      if (!admin) {
        admin = (await run(path.join(ROOT, 'scripts/pg-cluster'), ['start', path.join(dir, 'pg')])).trim();
        ownCluster = true;
      }
      process.env.MATHSHUBS_TEST_PG_URL = admin; // tests/lib/db.mjs reaches PostgreSQL through it
      await run('psql', [admin, '-qc', `CREATE DATABASE ${database}`]);
      const url = admin.replace(/\/[^/]*$/, `/${database}`);
      return { url, srv: { backend: 'postgres', pg: { name: database, url }, dir } };
    },
    /** Runs fn after checking its tools are there, then cleans up; on an error says it and exits 1. */
    main(tools, fn) {
      const go = async () => {
        for (const tool of tools)
          try { execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }); } catch { throw new Error(`${tool} is missing (scripts/setup bench)`); }
        await fn();
      };
      go().then(cleanup, async (e) => {
        say(`${e.stack || e}`);
        await cleanup();
        process.exit(1);
      });
    },
  };
}
