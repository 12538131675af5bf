// The /projects filter journey in a real browser, with JavaScript on and off
// (a GET form: both must behave the same), the error summary of a bad filter,
// govuk-frontend starting under the CSP, and the mobile service navigation.
// Expected results are computed from data/ncps-2024-25.csv.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PROJECTS, expectProjects, openBrowser, watchPage, axeBuilder, formatViolations } from './helpers.mjs';

const PAGE_SIZE = 20;
const PHASE_IDS = { Primary: 'phase', Secondary: 'phase-2', 'Post-16': 'phase-3' };
const KIND_IDS = { 'Work Group': 'kind', Programme: 'kind-2', Community: 'kind-3', 'Targeted Support': 'kind-4' };

// Projects matching the filter: any of the phases (if given) and any of the
// kinds (if given), in catalogue order.
function expected({ phases = [], kinds = [] } = {}) {
  return expectProjects({ phase: phases, kind: kinds }).map((p) => p.code);
}

let opened, server, browser;

before(async () => {
  opened = await openBrowser();
  ({ server, browser } = opened);
});

after(async () => { await opened?.close(); });

// A fresh context and tab per test; fails the test on console errors, page
// errors or CSP violations. `expect4xx` lists the paths meant to answer 4xx.
async function withPage(options, fn, { expect4xx = {} } = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...options });
  try {
    const page = await context.newPage();
    const watch = await watchPage(page);
    await fn(page);
    const expected = Object.fromEntries(Object.entries(expect4xx).map(([path, st]) => [server.base + path, st]));
    assert.deepEqual(watch.take(expected), [], 'console errors / page errors');
    // The securitypolicyviolation listener is an init script, which does not
    // run with JavaScript off; CSP reports still show as console errors.
    if (options.javaScriptEnabled !== false) assert.deepEqual(await watch.cspViolations(), [], 'CSP violations');
  } finally {
    await context.close();
  }
}

async function resultCount(page) {
  const text = (await page.locator('#result-count').textContent()).trim();
  const m = /^(\d+) projects?$/.exec(text);
  assert.ok(m, `result count heading ${JSON.stringify(text)}`);
  return Number(m[1]);
}

// Codes, kinds and phases of the result rows on the current page.
async function resultRows(page) {
  return page.locator('#results table tbody tr').evaluateAll((trs) => trs.map((tr) => {
    const td = tr.querySelectorAll('td');
    return {
      code: td[0].querySelector('a').getAttribute('href').replace(/^\/projects\//, ''),
      kind: td[1].textContent.trim(),
      phases: td[2].textContent.trim(),
    };
  }));
}

async function checkedBoxes(page) {
  return page.locator('.mh-filter input[type=checkbox]').evaluateAll((els) => els.filter((e) => e.checked).map((e) => e.id));
}

async function apply(page) {
  const before = page.url();
  await Promise.all([
    page.waitForURL((u) => u.href !== before, { waitUntil: 'load' }),
    page.getByRole('button', { name: 'Apply filters' }).click(),
  ]);
}

async function followLink(page, locator) {
  const before = page.url();
  await Promise.all([
    page.waitForURL((u) => u.href !== before, { waitUntil: 'load' }),
    locator.click(),
  ]);
}

async function assertNoAxeViolations(page) {
  const violations = await axeBuilder(page);
  assert.equal(violations.length, 0, `${page.url()}: axe violations:\n${formatViolations(violations)}`);
}

const PAGINATION = 'nav.govuk-pagination';
// A hung browser call fails its test instead of stalling the run.
const T = { timeout: 60000 };

for (const js of [true, false]) {
  describe(js ? 'with JavaScript' : 'without JavaScript', () => {
    const ctx = { javaScriptEnabled: js };

    test(`Primary + Work Group: filtered results, URL, checkboxes${js ? ', axe' : ''}`, T, async () => {
      await withPage(ctx, async (page) => {
        const res = await page.goto(server.base + '/projects');
        assert.equal(res.status(), 200);
        assert.equal(await resultCount(page), PROJECTS.length);

        // "Primary" by its label, "Work Group" by its label too.
        await page.locator(`label[for="${PHASE_IDS.Primary}"]`).click();
        await page.getByLabel('Work Group', { exact: true }).check();
        assert.deepEqual(await checkedBoxes(page), [PHASE_IDS.Primary, KIND_IDS['Work Group']]);
        await apply(page);

        const url = new URL(page.url());
        assert.equal(url.pathname, '/projects');
        assert.match(url.search, /^\?phase=Primary&kind=Work(\+|%20)Group$/, `filtered URL ${url.search}`);

        const want = expected({ phases: ['Primary'], kinds: ['Work Group'] });
        assert.ok(want.length > 0 && want.length <= PAGE_SIZE, 'test data: the filter fits on one page');
        assert.equal(await resultCount(page), want.length);
        const rows = await resultRows(page);
        assert.deepEqual(rows.map((r) => r.code), want);
        for (const r of rows) {
          assert.equal(r.kind, 'Work Group', `row ${r.code} kind`);
          assert.match(r.phases, /\bPrimary\b/, `row ${r.code} phases`);
        }
        assert.equal(await page.locator(PAGINATION).count(), 0, 'no pagination for one page of results');

        assert.deepEqual(await checkedBoxes(page), [PHASE_IDS.Primary, KIND_IDS['Work Group']], 'the chosen checkboxes stay checked');
        // axe runs as a script in the page, so only where scripts can run.
        if (js) await assertNoAxeViolations(page);
      });
    });

    test('Clear filters resets to every project', T, async () => {
      await withPage(ctx, async (page) => {
        await page.goto(server.base + '/projects?phase=Primary&kind=Work+Group');
        assert.equal(await resultCount(page), expected({ phases: ['Primary'], kinds: ['Work Group'] }).length);
        await followLink(page, page.getByRole('link', { name: 'Clear filters' }));
        const url = new URL(page.url());
        assert.equal(url.pathname + url.search, '/projects');
        assert.equal(await resultCount(page), 34);
        assert.equal(await resultCount(page), PROJECTS.length);
        assert.deepEqual(await checkedBoxes(page), []);
        assert.deepEqual((await resultRows(page)).map((r) => r.code), PROJECTS.slice(0, PAGE_SIZE).map((p) => p.code));
      });
    });

    test('no filter: "Next" goes to page 2', T, async () => {
      await withPage(ctx, async (page) => {
        await page.goto(server.base + '/projects');
        const nav = page.locator(PAGINATION);
        assert.equal(await nav.getByRole('link', { name: 'Page 1' }).getAttribute('aria-current'), 'page');
        await followLink(page, nav.getByRole('link', { name: 'Next page' }));
        const url = new URL(page.url());
        assert.equal(url.pathname + url.search, '/projects?page=2');
        assert.equal(await resultCount(page), PROJECTS.length);
        assert.deepEqual((await resultRows(page)).map((r) => r.code), PROJECTS.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((p) => p.code));
        assert.equal(await page.locator(PAGINATION).getByRole('link', { name: 'Page 2' }).getAttribute('aria-current'), 'page');
        assert.equal(await page.locator(PAGINATION).getByRole('link', { name: 'Next page' }).count(), 0, 'no "Next" on the last page');
        assert.equal(await page.locator(PAGINATION).getByRole('link', { name: 'Previous page' }).count(), 1);
      });
    });

    test('two phases at once (union) over two pages keeps the filter in the pagination links', T, async () => {
      await withPage(ctx, async (page) => {
        await page.goto(server.base + '/projects');
        await page.locator(`label[for="${PHASE_IDS.Primary}"]`).click();
        await page.locator(`label[for="${PHASE_IDS.Secondary}"]`).click();
        await apply(page);
        const url = new URL(page.url());
        assert.deepEqual(url.searchParams.getAll('phase'), ['Primary', 'Secondary']);

        const want = expected({ phases: ['Primary', 'Secondary'] });
        const onlyPrimary = expected({ phases: ['Primary'] });
        const onlySecondary = expected({ phases: ['Secondary'] });
        assert.ok(want.length > PAGE_SIZE, `test data: the union (${want.length}) needs two pages`);
        assert.ok(want.length > Math.max(onlyPrimary.length, onlySecondary.length), 'test data: the union is larger than either phase');
        assert.equal(await resultCount(page), want.length);

        const links = await page.locator(`${PAGINATION} a`).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        assert.ok(links.length > 0, 'pagination links');
        for (const href of links) {
          const u = new URL(href, server.base);
          assert.deepEqual(u.searchParams.getAll('phase'), ['Primary', 'Secondary'], `pagination link ${href} keeps the filter`);
          assert.match(u.searchParams.get('page') || '', /^[12]$/, `pagination link ${href} names a page`);
        }

        const page1 = await resultRows(page);
        assert.equal(page1.length, PAGE_SIZE);
        await followLink(page, page.locator(PAGINATION).getByRole('link', { name: 'Next page' }));
        const url2 = new URL(page.url());
        assert.deepEqual(url2.searchParams.getAll('phase'), ['Primary', 'Secondary'], 'page 2 keeps the filter');
        assert.equal(url2.searchParams.get('page'), '2');
        assert.equal(await resultCount(page), want.length);
        assert.deepEqual(await checkedBoxes(page), [PHASE_IDS.Primary, PHASE_IDS.Secondary], 'checkboxes stay checked on page 2');
        const page2 = await resultRows(page);
        assert.equal(page2.length, want.length - PAGE_SIZE);
        assert.deepEqual([...page1, ...page2].map((r) => r.code), want);
        for (const r of [...page1, ...page2]) assert.match(r.phases, /\b(Primary|Secondary)\b/, `row ${r.code} phases`);

        for (const href of await page.locator(`${PAGINATION} a`).evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
          assert.deepEqual(new URL(href, server.base).searchParams.getAll('phase'), ['Primary', 'Secondary'], `page 2 link ${href} keeps the filter`);
        }
        await followLink(page, page.locator(PAGINATION).getByRole('link', { name: 'Previous page' }));
        assert.deepEqual(new URL(page.url()).searchParams.getAll('phase'), ['Primary', 'Secondary']);
        assert.deepEqual((await resultRows(page)).map((r) => r.code), want.slice(0, PAGE_SIZE));
      });
    });

    test('an unknown phase shows the error summary, linking to #phase', T, async () => {
      const path = '/projects?phase=Tertiary';
      await withPage(ctx, async (page) => {
        const res = await page.goto(server.base + path);
        assert.equal(res.status(), 400);
        assert.match(await page.title(), /^Error: .* - Maths Hubs$/);
        const summary = page.locator('.govuk-error-summary');
        assert.ok(await summary.isVisible(), 'error summary visible');
        assert.equal((await summary.locator('.govuk-error-summary__title').textContent()).trim(), 'There is a problem');
        const links = summary.locator('.govuk-error-summary__list a');
        assert.equal(await links.count(), 1);
        assert.equal(await links.getAttribute('href'), '#phase');
        assert.equal(await page.locator('#phase').getAttribute('type'), 'checkbox', '#phase is the first phase checkbox');
        assert.ok(await page.locator('#phase-error').isVisible(), 'inline error message by the phase checkboxes');
        if (js) {
          // govuk-frontend's ErrorSummary moves focus to the summary on load.
          assert.ok(await page.evaluate(() => document.activeElement.classList.contains('govuk-error-summary')),
            'the error summary receives focus');
        }
        if (js) {
          // govuk-frontend handles the click: focus goes to the checkbox.
          await assertNoAxeViolations(page);
          await links.click();
          await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'phase', null, { timeout: 2000 })
            .catch(() => {}); // asserted just below, with a useful message
          assert.equal(await page.evaluate(() => document.activeElement.id), 'phase', 'the error link focuses the #phase checkbox');
        } else {
          // A plain fragment link.
          await links.click();
          await page.waitForURL((u) => u.hash === '#phase');
        }
      }, { expect4xx: { [path]: 400 } });
    });

    test(js ? 'body has js-enabled and govuk-frontend-supported' : 'body has no JavaScript classes', T,
      async () => {
        await withPage(ctx, async (page) => {
          await page.goto(server.base + '/');
          const classes = (await page.locator('body').getAttribute('class')).split(/\s+/);
          if (js) {
            assert.ok(classes.includes('js-enabled'), `body classes ${classes}`);
            assert.ok(classes.includes('govuk-frontend-supported'), `body classes ${classes}`);
            assert.equal(await page.evaluate(() => typeof window.GOVUKFrontend?.initAll), 'function');
          } else {
            assert.ok(!classes.includes('js-enabled') && !classes.includes('govuk-frontend-supported'), `body classes ${classes}`);
          }
        });
      });

    test('service navigation at a 375px wide viewport', T, async () => {
      await withPage({ ...ctx, viewport: { width: 375, height: 800 } }, async (page) => {
        await page.goto(server.base + '/');
        const toggle = page.locator('.govuk-service-navigation__toggle');
        const list = page.locator('#navigation');
        if (js) {
          assert.ok(await toggle.isVisible(), 'the "Menu" button is visible');
          assert.equal((await toggle.textContent()).trim(), 'Menu');
          assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
          assert.ok(!(await list.isVisible()), 'the navigation list starts closed');
          await toggle.click();
          assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
          assert.ok(await list.isVisible(), 'the navigation list opens');
          assert.ok(await list.getByRole('link', { name: 'Projects' }).isVisible());
          await toggle.click();
          assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
          assert.ok(!(await list.isVisible()), 'the navigation list closes again');
        } else {
          // Without JavaScript the button stays hidden and the links are shown.
          assert.ok(!(await toggle.isVisible()), 'no "Menu" button without JavaScript');
          assert.ok(await list.isVisible(), 'the navigation list is shown');
          assert.ok(await list.getByRole('link', { name: 'Projects' }).isVisible());
        }
      });
    });
  });
}
