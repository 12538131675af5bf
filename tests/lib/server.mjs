// Starts the real mathshubs binary on a free loopback port with a temporary
// database, for the HTTP and browser suites. The server is stopped with
// SIGTERM by stop(); a server that does not stop within 15 s is killed and
// the test fails.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const BIN = process.env.MATHSHUBS_BIN || path.resolve('build/mathshubs');

export async function startServer({ args = [], env = {}, dir } = {}) {
  const tmp = dir || mkdtempSync(path.join(tmpdir(), 'mathshubs-test-'));
  const db = path.join(tmp, 'mathshubs.db');
  const child = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', ...args], {
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
      return st;
    },
  };
}
