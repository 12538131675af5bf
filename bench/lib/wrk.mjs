// wrk, run and read: requests/s, p50 and p99 latency (from --latency),
// and every response that was not 2xx or 3xx or did not arrive (a
// measurement with any is refused: a fast error is not a fast page).
import { execFile } from 'node:child_process';

/** Milliseconds of one of wrk's latency figures ("784.00us", "2.37ms", "1.20s", "1.00m"). */
export function wrkMs(v) {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(v);
  if (!m) throw new Error(`wrk: a latency of an unknown form: ${v}`);
  return Number(m[1]) * { us: 0.001, ms: 1, s: 1000, m: 60000 }[m[2]];
}

/** wrk's text (with --latency) as {rps, p50, p99, requests, errors}: times in ms. */
export function parseWrk(out) {
  const num = (re) => { const m = re.exec(out); return m ? Number(m[1]) : null; };
  const pct = (p) => { const m = new RegExp(`^\\s+${p}%\\s+(\\S+)\\s*$`, 'm').exec(out); return m ? wrkMs(m[1]) : null; };
  const rps = num(/^Requests\/sec:\s+([\d.]+)/m);
  const requests = num(/^\s+(\d+) requests in /m);
  if (rps === null || requests === null) throw new Error(`wrk: no result in its output:\n${out}`);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = {
    status: num(/Non-2xx or 3xx responses: (\d+)/) || 0, // counted by wrk whatever the script
    connect: sock ? Number(sock[1]) : 0, read: sock ? Number(sock[2]) : 0,
    write: sock ? Number(sock[3]) : 0, timeout: sock ? Number(sock[4]) : 0,
  };
  return { rps, p50: pct(50), p99: pct(99), requests, errors };
}

/**
 * Loads url for duration ("10s") with threads and connections; headers
 * ({name: value}) on every request, or a Lua script (with its arguments)
 * that makes them. Resolves to parseWrk's figures and wrk's output (out:
 * what a script's done() printed); rejects when a response was an error or
 * a connection failed.
 */
export function wrk(url, { duration, threads = 2, connections = 64, headers = {}, script, args = [] }) {
  // --timeout: a slow page's answers are late, not lost (wrk's own is 2 s)
  const argv = ['-t', String(threads), '-c', String(connections), '-d', duration, '--timeout', '30s', '--latency'];
  for (const [k, v] of Object.entries(headers)) argv.push('-H', `${k}: ${v}`);
  if (script) argv.push('-s', script);
  argv.push(url);
  if (args.length) argv.push('--', ...args);
  return new Promise((resolve, reject) => {
    execFile('wrk', argv, { maxBuffer: 1 << 22 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`wrk ${argv.join(' ')}: ${err.message}\n${stderr}`));
      let r;
      try { r = parseWrk(stdout); } catch (e) { return reject(e); }
      const bad = Object.entries(r.errors).filter(([, n]) => n > 0);
      if (bad.length) return reject(new Error(`wrk ${url}: ${bad.map(([k, n]) => `${n} ${k} errors`).join(', ')}\n${stdout}`));
      resolve({ ...r, out: stdout });
    });
  });
}
