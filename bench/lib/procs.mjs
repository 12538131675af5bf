// The processes a bench runs: mathshubs servers (their log in a file, so
// no reader of it competes for the CPU under load), their resident memory,
// and commands run to completion.
import { execFile, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Runs a command to completion; resolves to its stdout (rejects, with its stderr, on failure). */
export function run(cmd, args, { env, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { env: env && { ...process.env, ...env }, maxBuffer: 1 << 28 }, (err, stdout, stderr) =>
      (err ? reject(new Error(`${cmd} ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve(stdout)));
    if (input !== undefined) child.stdin.end(input);
  });
}

/** Kibibytes of a process's resident set (VmRSS), or of its proportional share (Pss). */
export function kib(pid, field = 'VmRSS') {
  const file = field === 'Pss' ? `/proc/${pid}/smaps_rollup` : `/proc/${pid}/status`;
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
  if (!m) throw new Error(`no ${field} for process ${pid}`);
  return Number(m[1]);
}

/** A process's children (their pids). */
export function children(pid) {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

/**
 * Starts `BIN serve` with args on a free loopback port, its log (JSON
 * lines) appended to DIR/NAME.log; resolves when it says it listens, to
 * {name, base, pid, log, rss(), errors(), trim(), stop()}.
 */
export async function startServer(bin, args, dir, name) {
  const log = path.join(dir, `${name}.log`);
  const fd = openSync(log, 'a'); // O_APPEND: trim() can empty it under the running server
  const child = spawn(bin, ['serve', '--listen', '127.0.0.1:0', ...args], { stdio: ['ignore', 'ignore', fd] });
  closeSync(fd);
  let exited = null;
  child.on('exit', (code, sig) => { exited = code ?? sig; });
  let base = null;
  for (let i = 0; i < 600 && !base && exited === null; i++) {
    await sleep(50);
    const m = /"listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(readFileSync(log, 'utf8'));
    base = m && m[1];
  }
  if (!base) {
    child.kill('SIGKILL');
    throw new Error(`${name} did not start (${exited ?? 'no answer in 30 s'}):\n${readFileSync(log, 'utf8')}`);
  }
  return {
    name, base, pid: child.pid, log,
    rss: () => kib(child.pid),
    /** The log's errors since the last trim: error lines, and anything not JSON (a crash's report). */
    errors: () => readFileSync(log, 'utf8').split('\n').filter((l) => l && (!l.startsWith('{') || l.includes('"level":"error"'))),
    /** Empties the log (the access lines of a run add up to hundreds of megabytes). */
    trim: () => truncateSync(log, 0),
    async stop() {
      if (exited !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15000);
      await done;
      clearTimeout(t);
    },
  };
}
