// The school journeys in a real browser, with axe on every page (0
// violations), no console errors and no CSP violations: finding a school by
// part of its name and by its postcode, with JavaScript (accessible-
// autocomplete's suggestions) and without (the results page); Find your
// Maths Hub from a postcode on a phone, both ways, for a closed school and
// for a school in Wales; a closed school followed to the school open in
// its place; a hub's schools filtered, and on a phone. Expected
// schools come from the fixture (tests/lib/schools.mjs).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  axe, checkPage, expectOrder, formatViolations, h1, hubSchools, openBrowser, seedSchools, submit, watchPage,
} from './helpers.mjs';

let opened, server, browser;
before(async () => {
  opened = await openBrowser();
  ({ server, browser } = opened);
  await seedSchools(server);
});
after(async () => { await opened?.close(); });

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** A fresh tab (options: javaScriptEnabled, viewport ...); fn(page, watch). */
async function withPage(options, fn) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...options });
  try {
    const page = await context.newPage();
    await fn(page, await watchPage(page));
  } finally {
    await context.close();
  }
}

/**
 * axe on the page shown now as it is without JavaScript: axe needs scripts,
 * so the same address is opened again in a tab whose scripts are all served
 * empty (the DOM the server sent, never enhanced). Console errors of the
 * page itself first.
 */
async function checkNoJs(p, w, what) {
  assert.deepEqual(w.take(), [], `${what}: console errors / page errors`);
  const ctx = await browser.newContext({ viewport: p.viewportSize() });
  try {
    await ctx.route(/\.js(\?|$)/, (r) => r.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: '' }));
    const q = await ctx.newPage();
    await q.goto(p.url());
    assert.equal(await q.locator('.autocomplete__wrapper').count(), 0, `${what}: not enhanced`);
    const v = await axe(q);
    assert.equal(v.length, 0, `${what} (without JavaScript): axe violations:\n${formatViolations(v)}`);
  } finally {
    await ctx.close();
  }
}

const T = { timeout: 90000 };

/** Types into the school picker and chooses the suggestion whose text has want; resolves after the navigation. */
async function pick(p, text, want) {
  const input = p.locator('#q');
  await input.fill('');
  await input.pressSequentially(text, { delay: 30 });
  const option = p.locator('.autocomplete__option', { hasText: want });
  await option.first().waitFor({ state: 'visible', timeout: 10000 });
  await Promise.all([p.waitForNavigation({ waitUntil: 'load' }), option.first().click()]);
}

/** The URNs of the results listed on the page. */
const resultUrns = (p) => p.locator('.mh-result h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href').replace('/schools/', '')));

describe('find a school', () => {
  test('by part of its name, with JavaScript: a suggestion, then its page', T, async () => {
    await withPage({}, async (p, w) => {
      await p.goto(server.base + '/schools');
      assert.equal(await p.locator('.autocomplete__wrapper #q').count(), 1, 'the input is the autocomplete');
      await p.locator('#q').pressSequentially('aldg sch', { delay: 30 });
      await p.locator('.autocomplete__option', { hasText: 'The Aldgate School' }).waitFor({ timeout: 10000 });
      assert.match(await p.locator('.autocomplete__option').first().innerText(), /URN 100000, London EC3A 5DE/);
      await checkPage(p, w, '/schools with suggestions open');
      await Promise.all([p.waitForNavigation({ waitUntil: 'load' }), p.locator('.autocomplete__option').first().click()]);
      assert.equal(new URL(p.url()).pathname, '/schools/100000');
      assert.equal(await h1(p), 'The Aldgate School');
      await checkPage(p, w, 'the school page');
    });
  });

  test('by part of its name, without JavaScript: the results page', T, async () => {
    await withPage({ javaScriptEnabled: false }, async (p, w) => {
      await p.goto(server.base + '/schools');
      await p.locator('#q').fill('st marys');
      await submit(p, 'Search');
      assert.deepEqual(await resultUrns(p), expectOrder('st marys').slice(0, 20));
      assert.match(await p.locator('#result-count').innerText(), new RegExp(`^${expectOrder('st marys').length} schools found`));
      await checkNoJs(p, w, '/schools?q=st+marys');
      const first = expectOrder('st marys')[0];
      await Promise.all([p.waitForNavigation(), p.locator(`.mh-result h2 a[href="/schools/${first}"]`).click()]);
      assert.equal(new URL(p.url()).pathname, `/schools/${first}`);
      await checkNoJs(p, w, 'the school page');
    });
  });

  test('by postcode, with and without JavaScript', T, async () => {
    await withPage({}, async (p, w) => {
      await p.goto(server.base + '/schools');
      await pick(p, 'EC3A 5DE', 'The Aldgate School');
      assert.equal(new URL(p.url()).pathname, '/schools/100000');
      await checkPage(p, w, 'the school page, from a postcode');
    });
    await withPage({ javaScriptEnabled: false }, async (p, w) => {
      await p.goto(server.base + '/schools');
      await p.locator('#q').fill('EC3A5DE');
      await submit(p, 'Search');
      assert.deepEqual(await resultUrns(p), ['100000']);
      await checkNoJs(p, w, '/schools?q=EC3A5DE');
    });
  });
});

describe('Find your Maths Hub on a phone', () => {
  for (const js of [true, false]) {
    test(`from a postcode, JavaScript ${js ? 'on' : 'off'}`, T, async () => {
      await withPage({ ...PHONE, javaScriptEnabled: js }, async (p, w) => {
        await p.goto(server.base + '/');
        await Promise.all([p.waitForNavigation(), p.getByRole('button', { name: 'Find your Maths Hub' }).click()]);
        assert.equal(new URL(p.url()).pathname, '/find-your-hub');
        if (js) await checkPage(p, w, '/find-your-hub on a phone');
        else await checkNoJs(p, w, '/find-your-hub on a phone');
        if (js) {
          await pick(p, 'EC3A', 'The Aldgate School');
        } else {
          await p.locator('#q').fill('EC3A 5DE');
          await submit(p, 'Find your Maths Hub');
        }
        const answer = p.locator('#your-hub');
        assert.match(await answer.innerText(), /Your Maths Hub is\s+London Central and NW Maths Hub/);
        assert.match(await answer.innerText(), /This is an example: the real list of which hub covers which area has not been loaded/);
        // nothing wider than the phone
        assert.ok(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
        if (js) await checkPage(p, w, 'the answer on a phone');
        else await checkNoJs(p, w, 'the answer on a phone');
        await Promise.all([p.waitForNavigation(), answer.getByRole('button', { name: 'Go to London Central and NW Maths Hub' }).click()]);
        assert.equal(new URL(p.url()).pathname, '/hubs/LO2');
      });
    });
  }
});

test('Find your Maths Hub for a closed school and for a school in Wales, on a phone', T, async () => {
  await withPage(PHONE, async (p, w) => {
    await p.goto(server.base + '/find-your-hub');
    await pick(p, '125000', 'Knaphill School');
    const answer = p.locator('#your-hub');
    assert.match(await answer.innerText(), /Knaphill School closed on 30 June 2020\s+It was replaced by Knaphill School \(URN 147427\)/);
    assert.ok(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
    await checkPage(p, w, 'a closed school\'s answer on a phone');
    await Promise.all([p.waitForNavigation(), answer.getByRole('button', { name: 'Go to North East Hants and Surrey Maths Hub' }).click()]);
    assert.equal(new URL(p.url()).pathname, '/hubs/SE2');
    await p.goto(server.base + '/find-your-hub?q=402323');
    assert.match(await p.locator('#your-hub').innerText(), /This school is not in England[\s\S]*Maths Hubs serve schools in England/);
    await checkPage(p, w, 'a school in Wales on a phone');
  });
});

test('a closed school, followed to the school open in its place', T, async () => {
  await withPage({}, async (p, w) => {
    await p.goto(server.base + '/schools/115895');
    const notice = p.locator('.govuk-notification-banner');
    assert.match(await notice.innerText(), /This school closed on 31 August 2006/);
    await checkPage(p, w, 'a closed school');
    await Promise.all([p.waitForNavigation(), notice.getByRole('link', { name: 'Blackfield Primary School' }).first().click()]);
    assert.equal(new URL(p.url()).pathname, '/schools/116485');
    assert.match(await p.locator('.govuk-notification-banner').innerText(), /closed on 30 September 2014/);
    await checkPage(p, w, 'its successor, closed too');
    await Promise.all([p.waitForNavigation(), p.locator('.govuk-notification-banner a[href="/schools/141474"]').first().click()]);
    assert.equal(await h1(p), 'Blackfield Primary School');
    assert.equal(await p.locator('.govuk-notification-banner').count(), 0, 'open: no closed notice');
    await checkPage(p, w, 'the school open today');
  });
});

test("a hub's schools, filtered", T, async () => {
  await withPage({}, async (p, w) => {
    await p.goto(server.base + '/hubs/SE3');
    await Promise.all([p.waitForNavigation(), p.getByRole('link', { name: "Schools in this hub's area" }).click()]);
    const all = hubSchools('SE3');
    const open = all.filter((s) => s.status === 'open' || s.status === 'open_proposed_to_close');
    assert.match(await p.locator('#result-count').innerText(), new RegExp(`^${open.length} open schools$`));
    await checkPage(p, w, "a hub's schools");
    await p.locator('#status').selectOption('closed');
    await p.locator('#phase').selectOption('Primary');
    await submit(p, 'Apply filters');
    const closed = all.filter((s) => s.status === 'closed');
    const want = closed.filter((s) => s.phase === 'Primary');
    assert.match(await p.locator('#result-count').innerText(),
      new RegExp(`^${want.length === closed.length ? '' : `${want.length} of `}${closed.length} closed schools$`));
    const rows = await p.locator('#results tbody th a').evaluateAll((as) => as.map((a) => a.getAttribute('href').replace('/schools/', '')));
    assert.equal(rows.length, Math.min(50, want.length));
    for (const u of rows) assert.ok(want.some((s) => s.urn === u), u);
    await checkPage(p, w, "a hub's schools, filtered");
  });
});

test("a hub's schools on a phone: independent schools counted apart, filtered out by type group", T, async () => {
  await withPage(PHONE, async (p, w) => {
    const independent = hubSchools('LO2').filter((s) => s.status !== 'closed' && s.type_group === 'Independent schools');
    assert.ok(independent.length > 1);
    await p.goto(server.base + '/hubs/LO2/schools');
    assert.match(await p.locator('#results').innerText(), new RegExp(`Of these, ${independent.length} are independent schools\\.`));
    await checkPage(p, w, "a hub's schools with independent schools, on a phone");
    await p.locator('#group').selectOption('Local authority maintained schools');
    await submit(p, 'Apply filters');
    assert.doesNotMatch(await p.locator('#results').innerText(), /independent schools\./);
    await checkPage(p, w, "a hub's state schools, on a phone");
  });
});
