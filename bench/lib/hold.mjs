// Open keep-alive connections, held: each sends one request, reads its
// answer, and stays open, as browsers leave theirs. They come from
// several loopback addresses (127.0.0.1 to .4), so a server's limit per
// address (mathshubs: 256 by default) is not what is measured.
import net from 'node:net';

const ADDRESSES = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'];

function one(port, localAddress, target) {
  return new Promise((resolve, reject) => {
    const s = net.connect({ port, host: '127.0.0.1', localAddress });
    let got = '';
    const fail = (e) => { s.destroy(); reject(e); };
    s.setTimeout(20000, () => fail(new Error(`no answer on a held connection from ${localAddress}`)));
    s.once('error', fail);
    s.on('connect', () => s.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`));
    s.on('data', (c) => {
      got += c;
      const head = got.indexOf('\r\n\r\n');
      if (head < 0) return;
      const len = /\r\ncontent-length: (\d+)/i.exec(got.slice(0, head));
      if (!/^HTTP\/1\.1 200/.test(got)) return fail(new Error(`held connection answered: ${got.slice(0, 80)}`));
      if (len && got.length - head - 4 < Number(len[1])) return;
      if (/\r\nconnection: close/i.test(got.slice(0, head))) return fail(new Error('the server closed a held connection'));
      s.setTimeout(0);
      s.removeAllListeners('data');
      resolve(s);
    });
  });
}

/**
 * Opens n connections to 127.0.0.1:port, each having asked for target
 * and been answered (200, kept alive); resolves to {sockets, close()}.
 */
export async function holdConnections(port, n, target) {
  const sockets = [];
  try {
    for (let i = 0; i < n; i += 100) { // in batches: the listen queue is not what is measured
      const batch = [];
      for (let k = i; k < Math.min(n, i + 100); k++) batch.push(one(port, ADDRESSES[k % ADDRESSES.length], target));
      sockets.push(...await Promise.all(batch));
    }
  } catch (e) {
    for (const s of sockets) s.destroy();
    throw e;
  }
  const closed = () => sockets.filter((s) => s.destroyed || s.readyState !== 'open').length;
  return { sockets, closed, close: () => { for (const s of sockets) s.destroy(); } };
}
