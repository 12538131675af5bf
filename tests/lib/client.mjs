// The one HTTP client of the HTTP suites and of the browser suites' set-up
// steps: a request on a fresh connection with the target sent exactly as
// given (fetch normalises URLs), a cookie jar, forms posted as a browser on
// the service's own page posts them (the page's CSRF token, Origin and
// Sec-Fetch-Site), and formClient, which bundles the three.
import assert from 'node:assert/strict';
import http from 'node:http';

import { PATIENCE_MS } from './server.mjs';

/** The service's session cookie. */
export const SESSION_COOKIE = 'mh_session';

/**
 * One HTTP/1.1 request on its own connection (Connection: close), with the
 * target sent exactly as given. Resolves to {status, headers, body (string),
 * raw (Buffer)}.
 */
export function request(base, target, { method = 'GET', headers = {}, body, agent = false, timeout = PATIENCE_MS } = {}) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: u.hostname,
      port: u.port,
      method,
      path: target,
      agent,
      headers: agent ? headers : { Connection: 'close', ...headers },
      timeout,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode, headers: res.headers, body: raw.toString('utf8'), raw });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${target}: no answer in ${timeout} ms`)));
    req.on('error', reject);
    if (body !== undefined) req.end(body); else req.end();
  });
}

export const get = (base, target, opts) => request(base, target, { ...opts, method: 'GET' });

/**
 * Cookies as a browser keeps them for one site: store() takes a response's
 * Set-Cookie lines (an empty value or Max-Age=0 removes the cookie) and
 * returns them; header() is the Cookie header to send. A subclass may
 * override noticed(value) to see every value set.
 */
export class CookieJar {
  constructor() { this.map = new Map(); }
  get session() { return this.map.get(SESSION_COOKIE); }
  header() { return [...this.map].map(([k, v]) => `${k}=${v}`).join('; '); }
  noticed() {}
  store(res) {
    const lines = [].concat(res.headers['set-cookie'] || []);
    for (const line of lines) {
      const [pair, ...attrs] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (value) this.noticed(value);
      if (!value || attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a))) this.map.delete(name);
      else this.map.set(name, value);
    }
    return lines;
  }
  /** A jar (of the class it is called on) holding only this session cookie value. */
  static with(value) { const j = new this(); if (value) j.map.set(SESSION_COOKIE, value); return j; }
}

/**
 * One request to srv with the jar's cookies (none sent when it is empty or
 * null); stores what the answer sets (res.setCookie: its Set-Cookie lines).
 * form: an object or an already encoded string, sent urlencoded.
 * Redirects are not followed.
 */
export async function jarRequest(srv, jar, target, { method = 'GET', form, headers = {} } = {}) {
  const h = { ...headers };
  if (jar && jar.map.size) h.Cookie = jar.header();
  let body;
  if (form !== undefined) {
    body = typeof form === 'string' ? form : new URLSearchParams(form).toString();
    h['Content-Type'] = 'application/x-www-form-urlencoded';
    h['Content-Length'] = String(Buffer.byteLength(body));
  }
  const res = await request(srv.base, target, { method, headers: h, body });
  if (jar) res.setCookie = jar.store(res);
  return res;
}

/** A form POST as a browser on the service's own page sends it (Origin, Sec-Fetch-Site: same-origin). */
export const formPost = (srv, jar, target, form, headers = {}) =>
  jarRequest(srv, jar, target, { method: 'POST', form, headers: { Origin: srv.base, 'Sec-Fetch-Site': 'same-origin', ...headers } });

/** The CSRF token of a page's form; asserts there is one. */
export function csrfOf(html) {
  const m = /name="csrf_token" value="([^"]+)"/.exec(html);
  assert.ok(m, `a csrf_token field in the page:\n${html.slice(0, 500)}`);
  return m[1];
}

/**
 * A browser-like client of srv: a cookie jar (go.jar), and forms that carry the
 * CSRF token of the page they came from (fields and page: the response the
 * form is on). Redirects are not followed.
 *   const go = formClient(srv); const page = await go('/sign-in');
 *   await go('/sign-in', { method: 'POST', page, fields: { email, password } });
 */
export function formClient(srv) {
  const jar = new CookieJar();
  function go(path, { method = 'GET', fields, page } = {}) {
    if (method !== 'POST') return jarRequest(srv, jar, path, { method });
    return formPost(srv, jar, path, { csrf_token: csrfOf(page.body), ...fields });
  }
  go.jar = jar; // for requests forms cannot make (a file upload)
  return go;
}

/**
 * A multipart/form-data body of fields ({name: value}) and files ({name:
 * {filename, content}}, content a Buffer or a string), as a browser sends a
 * form with file inputs: {body, type} (type: the Content-Type to send).
 */
export function multipartBody(fields, files = {}) {
  const boundary = '----mathshubs' + Math.random().toString(16).slice(2);
  const parts = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const [k, f] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="${f.filename}"\r\n` +
      'Content-Type: text/csv\r\n\r\n'), Buffer.from(f.content), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Sends the form of page (a response whose form has the CSRF token) to
 * target as multipart/form-data with files, from the jar's session, as the
 * service's own page does (Origin, Sec-Fetch-Site); stores what it sets.
 */
export async function uploadPost(srv, jar, target, page, files) {
  const { body, type } = multipartBody({ csrf_token: csrfOf(page.body) }, files);
  const res = await request(srv.base, target, {
    method: 'POST', body,
    headers: { Cookie: jar.header(), 'Content-Type': type, 'Content-Length': String(body.length), Origin: srv.base, 'Sec-Fetch-Site': 'same-origin' },
  });
  res.setCookie = jar.store(res);
  return res;
}
