// Debian's nginx as an unprivileged process on loopback, everything of it
// (configuration, pid, logs, temporary files) in a folder of its own: never
// /etc/nginx, never a privileged port, never root (as nobody when we are
// root). The bench's reference server (bench/lib/nginx.mjs) and the proxy
// test (tests/http/proxy.test.mjs) run it so.
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const NOBODY = 65534; // Debian's nobody and nogroup
const ROOT = process.getuid() === 0;

/** Makes files nginx must read or write its (nobody's), when we are root. */
export function giveToNginx(...files) {
  if (ROOT) for (const f of files) chownSync(f, NOBODY, NOBODY);
}

/**
 * Starts nginx with DIR/nginx.conf: worker_processes `workers`, its pid, logs
 * and temporary paths in DIR, and `http` as the body of its http block.
 * Resolves, once it accepts connections on 127.0.0.1:`port`, to {pid,
 * errorLog(), stop()}; rejects with nginx's error log if it does not start.
 */
export async function runNginx(dir, { port, http, workers = 1 }) {
  const tmp = path.join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${tmp};`).join('\n');
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, `# written by tests/lib/nginx.mjs
worker_processes ${workers};
pid ${dir}/nginx.pid;
daemon off;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log ${dir}/access.log;
${temp}
${http}
}
`);
  if (ROOT) { // never as root: its folder is nobody's
    giveToNginx(dir, tmp);
    const parent = path.dirname(dir); // a private temporary folder: let nobody through it
    chmodSync(parent, statSync(parent).mode | 0o001);
  }
  const [cmd, args] = ROOT
    ? ['setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', 'nginx']]
    : ['nginx', []];
  const child = spawn(cmd, [...args, '-p', dir, '-e', `${dir}/error.log`, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c) => { err += c; });
  let exited = null;
  child.on('exit', (code) => { exited = code; });
  const errorLog = () => { try { return readFileSync(path.join(dir, 'error.log'), 'utf8'); } catch { return ''; } };
  for (let i = 0; ; i++) {
    await sleep(50);
    if (exited !== null || i > 200) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not start: ${err}${errorLog()}`);
    }
    const up = await new Promise((r) => { const s = net.connect(port, '127.0.0.1', () => { s.end(); r(true); }); s.on('error', () => r(false)); });
    if (up) break;
  }
  return {
    pid: child.pid, // setpriv execs nginx: this is the master
    errorLog,
    async stop() {
      if (exited !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGQUIT'); // nginx's graceful stop
      const t = setTimeout(() => child.kill('SIGKILL'), 10000);
      await done;
      clearTimeout(t);
    },
  };
}
