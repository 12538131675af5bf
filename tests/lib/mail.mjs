// mail.mjs - real mail for tests: Debian's aiosmtpd as the SMTP server,
// writing a maildir, and the messages it received, parsed (MIME parts,
// encoded words, base64 and quoted-printable), as a person's mail client
// would show them.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { freePort } from './server.mjs';

function accepts(port) {
  return new Promise((resolve) => {
    const c = net.connect({ host: '127.0.0.1', port });
    c.once('connect', () => { c.destroy(); resolve(true); });
    c.once('error', () => resolve(false));
  });
}

function decodeWords(v) {
  return v.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, cs, enc, t) => (enc.toUpperCase() === 'B'
    ? Buffer.from(t, 'base64')
    : Buffer.from(t.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (__, h) => String.fromCharCode(parseInt(h, 16))), 'latin1')).toString('utf8'));
}

/**
 * One MIME entity (bytes as latin1 text): {headers (lower-case names,
 * unfolded, encoded words decoded), parts} for a multipart one, else
 * {headers, content} with its transfer encoding undone (UTF-8 text).
 */
export function parseMail(text) {
  const m = /\r?\n\r?\n/.exec(text);
  const head = (m ? text.slice(0, m.index) : text).replace(/\r?\n[ \t]+/g, ' ');
  const body = m ? text.slice(m.index + m[0].length) : '';
  const headers = {};
  for (const line of head.split(/\r?\n/)) {
    const h = /^([^:\s]+):\s*(.*)$/.exec(line);
    if (h) headers[h[1].toLowerCase()] = decodeWords(Buffer.from(h[2], 'latin1').toString('utf8'));
  }
  const ct = headers['content-type'] || 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(ct);
  if (/^multipart\//i.test(ct) && boundary) {
    const b = boundary[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const parts = body.split(new RegExp(`\\r?\\n?--${b}(?:--)?\\r?\\n`)).slice(1).filter((p) => p.trim());
    return { headers, parts: parts.map(parseMail) };
  }
  const cte = (headers['content-transfer-encoding'] || '7bit').toLowerCase();
  let bytes;
  if (cte === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else if (cte === 'quoted-printable') {
    bytes = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  } else bytes = Buffer.from(body, 'latin1');
  return { headers, content: bytes.toString('utf8') };
}

/**
 * Starts aiosmtpd on a free loopback port, writing to a new maildir.
 * Returns {port, maildir, messages(), stop()}: messages() reads every
 * message received so far, in order, as {file, headers, to, subject, type,
 * text (the plain-text part, LF line ends), leaves (every part that is not
 * multipart: {headers, content})}; stop() ends the server and removes the
 * maildir.
 */
export async function startSmtp(prefix = 'mathshubs-mail-') {
  const port = await freePort();
  const maildir = mkdtempSync(path.join(tmpdir(), prefix));
  // Python's mailbox.Maildir makes tmp/, new/ and cur/ only when it creates
  // the directory itself; mkdtemp already did.
  for (const d of ['tmp', 'new', 'cur']) mkdirSync(path.join(maildir, d));
  const child = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`,
    '-c', 'aiosmtpd.handlers.Mailbox', maildir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(t);
    }
    rmSync(maildir, { recursive: true, force: true });
  };
  const t0 = Date.now();
  while (!(await accepts(port))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`aiosmtpd exited (${child.exitCode ?? child.signalCode}):\n${stderr}`);
    }
    if (Date.now() - t0 > 15000) {
      await stop();
      throw new Error(`aiosmtpd did not listen in 15 s:\n${stderr}`);
    }
    await sleep(100);
  }
  const messages = () => {
    let names = [];
    try { names = readdirSync(path.join(maildir, 'new')).sort(); } catch { return []; }
    return names.map((file) => {
      const msg = parseMail(readFileSync(path.join(maildir, 'new', file)).toString('latin1'));
      const leaves = [];
      const walk = (p) => (p.parts ? p.parts.forEach(walk) : leaves.push(p));
      walk(msg);
      const text = leaves.find((p) => /^text\/plain/i.test(p.headers['content-type'] || 'text/plain'));
      return {
        file, headers: msg.headers, to: msg.headers.to, subject: msg.headers.subject, type: msg.headers['content-type'],
        text: text ? text.content.replace(/\r\n/g, '\n') : '', leaves,
      };
    });
  };
  return { port, maildir, messages, stop };
}
