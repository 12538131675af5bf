// Every page of the service in a real browser (JavaScript on): status, no
// console errors or CSP violations, one h1, a "... - Maths Hubs" title, a
// working skip link, and no axe WCAG 2.2 A/AA violations.
//
// One browser, context and tab for the whole file, reused page after page.
// (Checking pages in parallel tabs was tried: on a 2-core machine it is
// slower, axe and layout compete for the CPU.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { HUBS, PROJECTS, openJourney, axe, formatViolations } from './helpers.mjs';

const PAGES = [
  { path: '/', status: 200 },
  { path: '/hubs', status: 200 },
  ...HUBS.map((h) => ({ path: `/hubs/${h.code}`, status: 200, h1: h.name })),
  { path: '/projects', status: 200 },
  { path: '/projects?page=2', status: 200 },
  ...PROJECTS.map((p) => ({ path: `/projects/${p.code}`, status: 200, h1: p.title })),
  { path: '/api', status: 200 },
  { path: '/hubs/ZZ9', status: 404 },
  { path: '/nope', status: 404 },
  { path: '/projects?phase=Tertiary', status: 400 },
];

let server, page, watch;

let journey;
before(async () => {
  journey = await openJourney();
  ({ server, page, watch } = journey);
});

after(async () => { await journey?.close(); });

test('the reference data has 40 hubs and 34 projects', () => {
  assert.equal(HUBS.length, 40);
  assert.equal(PROJECTS.length, 34);
});

for (const { path, status, h1 } of PAGES) {
  test(`page ${path}`, { timeout: 30000 }, async () => {
    const url = server.base + path;
    watch.take(); // drop anything left over from a previous (failed) page
    const res = await page.goto(url, { waitUntil: 'load' });
    assert.equal(res.status(), status, `HTTP status of ${path}`);

    // Exactly one h1 and a GOV.UK-style title.
    const h1s = await page.locator('h1').allTextContents();
    assert.equal(h1s.length, 1, `${path}: expected exactly one <h1>, found ${JSON.stringify(h1s)}`);
    if (h1) assert.ok(h1s[0].includes(h1), `${path}: <h1> ${JSON.stringify(h1s[0])} should name ${JSON.stringify(h1)}`);
    const title = await page.title();
    assert.match(title, / - Maths Hubs$/, `${path}: <title> ${JSON.stringify(title)}`);
    if (status === 400) assert.match(title, /^Error: /, `${path}: a page with errors has a title starting "Error: "`);

    // Skip link: the first Tab stop, pointing at #main-content (the <main>),
    // and following it moves focus there. On a page with an error summary
    // govuk-frontend has already moved focus into <main>; there the skip link
    // is reached going back with Shift+Tab.
    assert.equal(await page.locator('#main-content').evaluateAll((els) => els.map((e) => e.tagName).join()), 'MAIN',
      `${path}: exactly one #main-content, the <main>`);
    if (await page.locator('.govuk-error-summary').count() > 0) {
      assert.ok(await page.evaluate(() => document.activeElement.classList.contains('govuk-error-summary')),
        `${path}: the error summary should have focus on load`);
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press('Shift+Tab');
        if (await page.evaluate(() => document.activeElement.classList.contains('govuk-skip-link'))) break;
      }
    } else {
      await page.keyboard.press('Tab');
    }
    const focused = await page.evaluate(() => {
      const a = document.activeElement;
      return { cls: a.className, href: a.getAttribute('href'), text: a.textContent.trim() };
    });
    assert.ok(focused.cls.split(/\s+/).includes('govuk-skip-link'), `${path}: Tab should focus the skip link, got ${JSON.stringify(focused)}`);
    assert.equal(focused.href, '#main-content');
    assert.equal(focused.text, 'Skip to main content');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'main-content', null, { timeout: 2000 })
      .catch(() => {}); // asserted just below, with a useful message
    const followed = await page.evaluate(() => ({ hash: location.hash, active: document.activeElement.id || document.activeElement.tagName }));
    assert.equal(followed.hash, '#main-content', `${path}: skip link should go to #main-content`);
    assert.equal(followed.active, 'main-content', `${path}: skip link should move focus to <main>`);

    // axe WCAG 2.2 A/AA.
    const violations = await axe(page);
    assert.equal(violations.length, 0, `${path}: axe violations:\n${formatViolations(violations)}`);

    // No console errors, uncaught exceptions or CSP violations.
    assert.deepEqual(await watch.cspViolations(), [], `${path}: CSP violations`);
    assert.deepEqual(watch.take(status >= 400 ? { [url]: status } : {}), [], `${path}: console errors / page errors`);
  });
}

// The checks above must be able to fail: a CSP-blocked, alt-less image put
// into a page is reported by the console watcher, the securitypolicyviolation
// listener and axe.
test('the checks catch a CSP violation and an axe violation', { timeout: 30000 }, async () => {
  const url = server.base + '/';
  watch.take();
  await page.goto(url);
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = 'http://example.invalid/x.png';
    document.querySelector('main').append(img);
  });
  await page.waitForFunction(() => window.__cspViolations && window.__cspViolations.length > 0, null, { timeout: 5000 });
  assert.match((await watch.cspViolations()).join('\n'), /img-src blocked http:\/\/example\.invalid/);
  const problems = watch.take();
  assert.ok(problems.some((p) => p.kind === 'console' && /Content Security Policy/.test(p.text)), JSON.stringify(problems));
  const ids = (await axe(page)).map((v) => v.id);
  assert.ok(ids.includes('image-alt'), `axe found ${ids}`);
});
