// Steps the hub activities browser tests share: a phone's viewport, schools
// of a hub made for a test, a school chosen with the school search's
// suggestions, and the "Schedule a session" form filled in as a person
// fills it.
import assert from 'node:assert/strict';

import { dbArgs, dbQuery } from '../lib/db.mjs';
import { run } from '../lib/server.mjs';

/** A phone in the hand (390 px wide): browser.newContext's options. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

/**
 * Open schools that are not in the GIAS fixture, each of rows {urn, name,
 * town, postcode, hub (a code)} in its hub (an override, as the hub areas
 * pages set one), and the school search's index rebuilt.
 */
export async function addSchools(server, rows) {
  await dbQuery(server, rows.map((s) => `INSERT INTO schools (urn, name, town, postcode, status, digest, imported_at)
      VALUES (${q(s.urn)}, ${q(s.name)}, ${q(s.town)}, ${q(s.postcode)}, 'open', 't', 0);
    INSERT INTO school_hub_overrides (urn, hub_id, reason, changed_at) SELECT ${q(s.urn)}, id, 'test', 0 FROM hubs WHERE code = ${q(s.hub)};`)
    .join('\n'));
  const r = await run(['reindex-schools', ...dbArgs(server)]);
  assert.equal(r.code, 0, r.stderr);
}

/** Types `typed` into the school search (the input `input`) and picks the suggestion naming the school `name`. */
export async function chooseSchool(page, typed, name, input = '#school') {
  await page.locator(input).pressSequentially(typed, { delay: 30 });
  const option = page.locator('.autocomplete__option', { hasText: name });
  await option.first().waitFor({ state: 'visible', timeout: 10000 });
  await option.first().click();
  // the list closes a moment after the click, and what is below it moves up: a click in that moment
  // lands where a field was (a radio "clicked" but not checked), so wait for it to close
  await page.waitForFunction(() => !document.querySelector('.autocomplete__menu--visible'), null, { timeout: 10000 });
}

/**
 * Fills the "Schedule a session" form shown in page with s: {day ("20 10 2026"),
 * start, end ("16:00"), venue (face to face) or online (a meeting's address),
 * purpose (optional)}. It does not send it.
 */
export async function fillSession(page, s) {
  const [day, month, year] = s.day.split(' ');
  await page.getByLabel('Day').fill(day);
  await page.getByLabel('Month').fill(month);
  await page.getByLabel('Year').fill(year);
  await page.getByLabel('Starts at').fill(s.start);
  await page.getByLabel('Ends at').fill(s.end);
  if (s.online) {
    await page.getByLabel('Online', { exact: true }).check();
    await page.getByLabel('Meeting address').fill(s.online);
  } else {
    await page.getByLabel('Face to face', { exact: true }).check();
    await page.getByLabel('Venue').fill(s.venue);
  }
  if (s.purpose) await page.getByLabel('Purpose (optional)').fill(s.purpose);
}
