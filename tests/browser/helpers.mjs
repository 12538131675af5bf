// Shared helpers for the browser suite: collecting console errors / CSP
// violations, running axe, pages and forms as a person uses them, and a
// server with a browser for a test file. What it shares with the HTTP suite
// (the reference data, the first administrator, SQL on the server's
// database, codes from an authenticator app) comes from tests/lib and is
// re-exported here.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { launch } from '../lib/browser.mjs';
import { pgDropDatabase, startServer } from '../lib/server.mjs';
import { dbQuery } from '../lib/db.mjs';
import { roleSession } from '../lib/areas-fixtures.mjs';

export { HUBS, PROJECTS, expectProjects } from '../lib/csv.mjs';
export { dbQuery };
export { createAdmin, lastEmailedCode } from '../lib/people.mjs';
export { freshCode } from '../lib/totp.mjs';
export { roleSession };
export { FEW_SCHOOLS, expectOrder, fixture, hubOf, hubSchools, school, seedSchools } from '../lib/schools.mjs';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Records console errors, uncaught exceptions and securitypolicyviolation
// events of a page. The securitypolicyviolation listener is installed with an
// init script (injected by the browser, so not itself subject to the CSP).
export async function watchPage(page) {
  const problems = [];
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push({ kind: 'console', text: msg.text(), url: msg.location().url });
  });
  page.on('pageerror', (err) => problems.push({ kind: 'pageerror', text: String(err && err.stack || err) }));
  return {
    // Clears and returns what was recorded since the last call. Chromium logs
    // "Failed to load resource: ... status of N" for the main document of a
    // 4xx page; that one line is dropped for the documents listed in
    // `expected` (absolute URL -> the 4xx status the page is meant to have),
    // nothing else is.
    take(expected = {}) {
      const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 429: 'Too Many Requests' };
      return problems.splice(0).filter((p) => {
        const status = p.kind === 'console' && expected[p.url];
        return !(status && p.text === `Failed to load resource: the server responded with a status of ${status} (${reason[status]})`);
      });
    },
    async cspViolations() {
      return page.evaluate(() => window.__cspViolations || []);
    },
  };
}

export function formatViolations(violations) {
  return violations.map((v) =>
    `${v.id} [${v.impact}]: ${v.help} (${v.helpUrl})\n` +
    v.nodes.map((n) => `    target ${JSON.stringify(n.target)}: ${n.html}\n      ${(n.failureSummary || '').replace(/\n/g, '\n      ')}`).join('\n'),
  ).join('\n');
}

// Runs axe-core in the page with the WCAG 2.2 A/AA tags. This is what
// @axe-core/playwright's AxeBuilder does in legacy mode, minus its cost:
// AxeBuilder evaluates the 550 kB axe-core source twice per analyze() and, in
// its default mode, opens a fresh tab for finishRun(), which made the page
// suite take well over two minutes. Here the source is evaluated once per
// document (page.evaluate goes through the DevTools protocol, so the page's
// CSP does not block it). The service's pages have no iframes.
const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function axe(page) {
  // Two frames first: a viewport just changed (setViewportSize) is laid out,
  // and the page's own resize handlers have run (app.js gives a table's box
  // its tab stop only while the table is wider than it), as they have by the
  // time any person could press Tab.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  if (!(await page.evaluate(() => typeof window.axe === 'object' && typeof window.axe.run === 'function'))) {
    await page.evaluate(AXE_SOURCE);
  }
  const res = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations'],
  }), AXE_TAGS);
  return res.violations;
}

// The same check through @axe-core/playwright's AxeBuilder, for the few pages
// of the journey tests.
export async function axeBuilder(page) {
  const res = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return res.violations;
}

// ---- journeys: what a page shows, forms as a person submits them ----

// axe, console errors and CSP violations of the page shown now. `status`:
// the HTTP status the document is meant to have (a 4xx document logs one
// "Failed to load resource" line, which is expected).
export async function checkPage(p, w, what, status = 200) {
  const violations = await axe(p);
  assert.equal(violations.length, 0, `${what}: axe violations:\n${formatViolations(violations)}`);
  await checkClean(p, w, what, status);
}

// Console errors, page errors and CSP violations since the last check (no
// axe): the one "Failed to load resource" line of a 4xx document is expected.
export async function checkClean(p, w, what, status = 200) {
  assert.deepEqual(await w.cspViolations(), [], `${what}: CSP violations`);
  assert.deepEqual(w.take(status >= 400 ? { [p.url()]: status } : {}), [], `${what}: console errors / page errors`);
}

export async function h1(p) {
  const h1s = (await p.locator('h1').allTextContents()).map((s) => s.trim());
  assert.equal(h1s.length, 1, `expected one <h1>, found ${JSON.stringify(h1s)}`);
  return h1s[0];
}

// The text of the page's success notification banner (after a form: post/redirect/get), or null.
export async function banner(p) {
  const b = p.locator('.govuk-notification-banner--success[role=alert] .govuk-notification-banner__heading');
  return (await b.count()) ? (await b.innerText()).trim() : null;
}

// Submits the form by clicking its button; resolves to the response of the
// document that follows (after any redirect).
export async function submit(p, button) {
  const [res] = await Promise.all([
    p.waitForNavigation({ waitUntil: 'load' }),
    p.getByRole('button', { name: button, exact: true }).click(),
  ]);
  return res;
}

// With JavaScript on, govuk-frontend moves focus to the error summary.
export async function assertErrorSummaryFocused(p, what) {
  await p.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'), null, { timeout: 5000 })
    .catch(() => {});
  const active = await p.evaluate(() => document.activeElement.className || document.activeElement.tagName);
  assert.ok(active.split(/\s+/).includes('govuk-error-summary'), `${what}: the error summary should have focus, ${active} has`);
}

// An element's text as a screen reader reads it (visually hidden parts too).
export async function text(locator) {
  return (await locator.textContent()).replace(/\s+/g, ' ').trim();
}

export async function errorLinks(p) {
  return p.locator('.govuk-error-summary__list a').evaluateAll((as) =>
    as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })));
}


// ---- one server, one browser and one tab for a test file ----

/**
 * Starts a server (startServer options) and a browser. close() stops both
 * and checks the server exited cleanly.
 */
export async function openBrowser(serverOptions = {}) {
  const first = await startServer(serverOptions);
  const browser = await launch();
  return {
    server: first, browser,
    /**
     * Stops the server and starts another on the same database, with env
     * added to its environment (MATHSHUBS_NOW: the clock moved on):
     * this.server is the new one. It listens on another port, so sign in
     * again (sessions begun at the old time may have expired).
     */
    async restart(env) {
      const st = await this.server.stop({ keep: true });
      assert.equal(st.code, 0, `server exit status ${JSON.stringify(st)}`);
      this.server = await startServer({ ...serverOptions, env: { ...serverOptions.env, ...env }, backend: first.backend,
        dir: first.dir, database: first.pg || undefined });
    },
    async close() {
      await browser.close();
      const st = await this.server.stop();
      assert.equal(st.code, 0, `server exit status ${JSON.stringify(st)}`);
      if (this.server !== first) { // a restarted server leaves the first one's database to whoever made it
        if (!serverOptions.dir) rmSync(first.dir, { recursive: true, force: true });
        if (first.pg && !serverOptions.database) pgDropDatabase(first.pg.name);
      }
    },
  };
}

/** The browser context signed in as session (a roleSession / sessionFor) on server, and no one else. */
export async function signIn(context, server, session) {
  await context.clearCookies();
  await context.addCookies([{ name: 'mh_session', value: session.token, url: server.base }]);
}

/** openBrowser, with one 1100 px tab watched for console errors and CSP violations. */
export async function openJourney(serverOptions = {}) {
  const opened = await openBrowser(serverOptions);
  const context = await opened.browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const watch = await watchPage(page);
  return { ...opened, context, page, watch };
}

/** With MATHSHUBS_SCREENSHOTS=DIR: the whole of page p saved there as file `name` ("events.png"). */
export async function shot(p, name) {
  const dir = process.env.MATHSHUBS_SCREENSHOTS;
  if (dir) await p.screenshot({ path: path.join(dir, name), fullPage: true });
}

// ---- the events suites: a server at a shifted date, its people, its events ----

/**
 * For an events test file: openJourney with the server's clock fixed at
 * `now` (an ISO time, MATHSHUBS_NOW), started before the file's tests and
 * closed after them. Returns an object the hook fills in with openJourney's
 * {server, browser, context, page, watch} (read them inside a test), `at`
 * (now as Unix time), and what the events tests set up with it.
 */
export function eventsJourney(now) {
  const j = {
    at: Math.floor(Date.parse(now) / 1000),
    /** A new person (email) holding role (in hub code `hub`), named `name` when given, signed in at `at`: their session. */
    async person(email, role, hub = null, name = null) {
      const s = await roleSession(j.server, email, role, hub, { at: j.at });
      if (name) await dbQuery(j.server, `UPDATE people SET name = '${name.replace(/'/g, "''")}' WHERE id = ${s.id}`);
      return s;
    },
    /** The national administrator who organises the events. */
    organiser() { return j.person('organiser@ncetm.example', 'national_admin'); },
    /** An LLME of the South West hub (SW4). */
    llme(email, name = null) { return j.person(email, 'llme', 'SW4', name); },
    /** The event of the create form's fields, made by session (a 303 asserted): its id. */
    async createEvent(session, fields) {
      const r = await session.post('/events/new', fields);
      assert.equal(r.status, 303, r.body.slice(0, 400));
      return /\/events\/(\d+)$/.exec(r.headers.location)[1];
    },
    /** The browser context (the journey's tab by default) signed in as session, and no one else. */
    async signIn(session, context = j.context) {
      await signIn(context, j.server, session);
    },
    /** A new browser context (newContext's options: a viewport, isMobile) signed in as session. */
    async contextOf(session, options) {
      const context = await j.browser.newContext(options);
      await j.signIn(session, context);
      return context;
    },
  };
  before(async () => { Object.assign(j, await openJourney({ env: { MATHSHUBS_NOW: now } })); });
  after(async () => { await j.close?.(); });
  return j;
}
