// The reference server: Debian's nginx as an unprivileged process on
// loopback, with a configuration of its own in a temporary folder, serving
// static copies of our responses (the same bytes, with our own security
// headers added) with an access-log line per request, as mathshubs writes
// one: the limit of this machine for the same response.
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { children, kib } from './procs.mjs';

/** A TCP port free on 127.0.0.1 when asked. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

const NOBODY = 65534; // Debian's nobody and nogroup

const quote = (v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`;

/**
 * Starts nginx serving DIR/www with `workers` worker processes (as many as
 * the server under test has threads) and `headers` ({name: value}) added
 * to every response. Resolves to {base, pid, www, rss(), trim(), stop()};
 * rss is the summed proportional set (Pss) of the master and its workers.
 */
export async function startNginx(dir, { workers, headers }) {
  const www = path.join(dir, 'www');
  mkdirSync(www, { recursive: true });
  mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/tmp;`).join('\n');
  writeFileSync(conf, `# written by bench/lib/nginx.mjs
worker_processes ${workers};
pid ${dir}/nginx.pid;
daemon off;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  types { text/html html; application/json json; application/javascript js; }
  default_type application/octet-stream;
  access_log ${dir}/access.log;
  sendfile on;
  tcp_nopush on;
  open_file_cache max=64 inactive=600s;
  open_file_cache_valid 600s;
  keepalive_timeout 75s;
  keepalive_requests 1000000;
  server_tokens off;
  etag off;
${temp}
  server {
    listen 127.0.0.1:${port};
    root ${www};
${Object.entries(headers).map(([k, v]) => `    add_header ${k} ${quote(v)};`).join('\n')}
    add_header X-Request-Id $request_id;
  }
}
`);
  const root = process.getuid() === 0;
  if (root) { // never as root: the files and logs are nobody's
    for (const p of [dir, www, path.join(dir, 'tmp')]) chownSync(p, NOBODY, NOBODY);
    const parent = path.dirname(dir); // a private temporary folder: let nobody through it
    chmodSync(parent, statSync(parent).mode | 0o001);
  }
  const [cmd, args] = root
    ? ['setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', 'nginx']]
    : ['nginx', []];
  const child = spawn(cmd, [...args, '-p', dir, '-e', `${dir}/error.log`, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c) => { err += c; });
  let exited = null;
  child.on('exit', (code) => { exited = code; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    await sleep(50);
    if (exited !== null || i > 200) throw new Error(`nginx did not start: ${err}${readLog(dir)}`);
    const up = await new Promise((r) => { const s = net.connect(port, '127.0.0.1', () => { s.end(); r(true); }); s.on('error', () => r(false)); });
    if (up) break;
  }
  const pid = child.pid; // setpriv execs nginx: this is the master
  return {
    base, pid, www,
    rss: () => [pid, ...children(pid)].reduce((sum, p) => sum + kib(p, 'Pss'), 0),
    trim: () => writeFileSync(path.join(dir, 'access.log'), ''),
    /** Writes a file for nginx to serve (nobody's, when we are root). */
    put(name, body) {
      const f = path.join(www, name);
      writeFileSync(f, body);
      if (root) chownSync(f, NOBODY, NOBODY);
      return `${base}/${name}`;
    },
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

function readLog(dir) {
  try { return readFileSync(path.join(dir, 'error.log'), 'utf8'); } catch { return ''; }
}
