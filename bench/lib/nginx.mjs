// The reference server: Debian's nginx (run by tests/lib/nginx.mjs: an
// unprivileged process on loopback with a folder of its own) serving static
// copies of our responses (the same bytes, with our own security headers
// added) with an access-log line per request, as mathshubs writes one: the
// limit of this machine for the same response.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { giveToNginx, runNginx } from '../../tests/lib/nginx.mjs';
import { freePort } from '../../tests/lib/server.mjs';
import { children, kib } from './procs.mjs';

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
  const port = await freePort();
  const ng = await runNginx(dir, {
    port,
    workers,
    http: `  types { text/html html; application/json json; application/javascript js; }
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  open_file_cache max=64 inactive=600s;
  open_file_cache_valid 600s;
  keepalive_timeout 75s;
  keepalive_requests 1000000;
  server_tokens off;
  etag off;
  server {
    listen 127.0.0.1:${port};
    root ${www};
${Object.entries(headers).map(([k, v]) => `    add_header ${k} ${quote(v)};`).join('\n')}
    add_header X-Request-Id $request_id;
  }`,
  });
  giveToNginx(www);
  const base = `http://127.0.0.1:${port}`;
  const { pid } = ng;
  return {
    base, pid, www,
    rss: () => [pid, ...children(pid)].reduce((sum, p) => sum + kib(p, 'Pss'), 0),
    trim: () => writeFileSync(path.join(dir, 'access.log'), ''),
    /** Writes a file for nginx to serve (nobody's, when we are root). */
    put(name, body) {
      const f = path.join(www, name);
      writeFileSync(f, body);
      giveToNginx(f);
      return `${base}/${name}`;
    },
    stop: () => ng.stop(),
  };
}
