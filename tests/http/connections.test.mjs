// Connections (src/http/connections.h, docs/OPERATIONS.md "Connections"):
// idle keep-alive connections and slow clients must never shut other
// clients out. At the
// limit the server sheds idle ones first, and a request that still finds
// the server full is answered 503 with Retry-After at once, never left
// waiting in the kernel's backlog.
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, test } from 'node:test';

import { useServer } from './lib.mjs';

/* A connection from localAddress that sends one keep-alive request (or,
 * with partial, only the start of one) and resolves once it is answered
 * (or sent); it then stays open, idle, until closed. */
function idleConnection(srv, localAddress, { partial = false } = {}) {
  const { port } = new URL(srv.base);
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port: Number(port), localAddress });
    s.setTimeout(20000, () => { s.destroy(); reject(new Error(`${localAddress}: no answer`)); });
    let got = '';
    s.on('error', reject);
    s.on('connect', () => {
      s.write(partial ? 'GET /hubs HTTP/1.1\r\nHost: x\r\n' : 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      if (partial) { s.setTimeout(0); resolve(s); }
    });
    s.on('data', (d) => {
      got += d;
      if (!partial && /\r\n\r\n[\s\S]*\}/.test(got)) { s.setTimeout(0); s.removeListener('error', reject); s.on('error', () => {}); resolve(s); }
    });
  });
}

/* One request on a fresh connection from 127.0.0.1: its status, headers and time. */
function probe(srv, path = '/healthz') {
  const { port } = new URL(srv.base);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port: Number(port) }, () => s.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    let got = '';
    s.setTimeout(5000, () => { s.destroy(); reject(new Error('no answer within 5 s')); });
    s.on('data', (d) => { got += d; });
    s.on('error', reject);
    s.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(got)?.[1]), head: got.split('\r\n\r\n')[0], ms: performance.now() - t0 }));
  });
}

describe('1,100 idle keep-alive connections from 5 addresses', () => {
  const srv = useServer();
  test('a normal client still gets /healthz within a second, every time', { timeout: 120000 }, async () => {
    await srv.started;
    const idle = [];
    try {
      for (let a = 2; a <= 6; a++) {
        for (let i = 0; i < 220; i += 20) {
          idle.push(...await Promise.all(Array.from({ length: 20 }, () => idleConnection(srv, `127.0.0.${a}`))));
        }
      }
      assert.equal(idle.length, 1100);
      for (let i = 0; i < 10; i++) {
        const r = await probe(srv);
        assert.equal(r.status, 200, `probe ${i + 1}: ${r.head}`);
        assert.ok(r.ms < 1000, `probe ${i + 1} answered in ${Math.round(r.ms)} ms`);
      }
      const closed = idle.filter((s) => s.destroyed || s.readableEnded).length;
      assert.ok(closed > 0, 'idle connections were shed');
    } finally {
      for (const s of idle) s.destroy();
    }
  });
});

describe('a server full of busy connections', () => {
  const srv = useServer({ args: ['--max-connections', '8'] });
  test('answers a new request 503 with Retry-After at once, and closes it; serves again once they go', { timeout: 60000 }, async () => {
    await srv.started;
    const busy = await Promise.all(Array.from({ length: 8 }, () => idleConnection(srv, '127.0.0.2', { partial: true })));
    try {
      await new Promise((r) => setTimeout(r, 300)); // the partial requests reach the server
      const r = await probe(srv);
      assert.equal(r.status, 503, r.head);
      assert.match(r.head, /\r\nRetry-After: \d+/i);
      assert.match(r.head, /\r\nConnection: close/i);
      assert.ok(r.ms < 1000, `answered in ${Math.round(r.ms)} ms`);
      const page = await probe(srv, '/hubs');
      assert.equal(page.status, 503, 'a page too');
    } finally {
      for (const s of busy) s.destroy();
    }
    let r;
    for (let i = 0; i < 50; i++) {
      r = await probe(srv);
      if (r.status === 200) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    assert.equal(r.status, 200, 'served again');
  });
});

describe('500 slow clients sending their headers a byte a second for 20 s', () => {
  const srv = useServer();
  test('an ordinary client still gets /healthz within a second, every time', { timeout: 120000 }, async () => {
    await srv.started;
    const { port } = new URL(srv.base);
    const slow = [];
    const drip = [];
    try {
      for (let a = 2; a <= 6; a++) {
        for (let i = 0; i < 100; i++) {
          const s = net.connect({ host: '127.0.0.1', port: Number(port), localAddress: `127.0.0.${a}` });
          s.on('error', () => {});
          s.on('connect', () => s.write('GET /hubs HTTP/1.1\r\nHost: x\r\nX-Slow: '));
          slow.push(s);
        }
      }
      drip.push(setInterval(() => { for (const s of slow) if (!s.destroyed) s.write('a'); }, 1000));
      const until = performance.now() + 20000;
      let probes = 0;
      while (performance.now() < until) {
        const r = await probe(srv);
        assert.equal(r.status, 200, `probe ${probes + 1}: ${r.head}`);
        assert.ok(r.ms < 1000, `probe ${probes + 1} answered in ${Math.round(r.ms)} ms`);
        probes++;
        await new Promise((res) => setTimeout(res, 500));
      }
      assert.ok(probes >= 20, `${probes} probes`);
      const open = slow.filter((s) => !s.destroyed && !s.readableEnded).length;
      assert.ok(open >= 450, `the slow clients were still connected (${open}): this measured what it claims`);
    } finally {
      for (const t of drip) clearInterval(t);
      for (const s of slow) s.destroy();
    }
  });
});
