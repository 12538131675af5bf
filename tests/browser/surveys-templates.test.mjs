// A survey template built through its pages in a real browser: the national
// team finds "Survey templates" on the account page, creates the year's
// default autumn survey (a mistake first: the error summary takes focus),
// adds a section and a question of every type, an internal section, opens
// the preview (at desktop and phone widths) and opens the survey. Every page
// is checked with axe (WCAG 2.2 A/AA), for console errors and CSP violations.
//
// With MATHSHUBS_SCREENSHOTS=DIR the pages are saved there (surveys-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertErrorSummaryFocused, banner, checkPage, eventsJourney, h1, shot, submit } from './helpers.mjs';

const journey = eventsJourney('2024-11-10T12:00:00Z');

const click = (page, locator) => Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);

test('the national team builds the default autumn survey and previews it on a phone', { timeout: 180000 }, async () => {
  const { server, page, watch } = journey;
  const admin = await journey.organiser();
  await journey.signIn(admin);

  await page.goto(`${server.base}/account`, { waitUntil: 'load' });
  await click(page, page.getByRole('link', { name: 'Survey templates' }));
  assert.equal(await h1(page), 'Survey templates');
  assert.match(await page.locator('main').innerText(), /None yet/);
  await checkPage(page, watch, 'the year\'s survey templates, none yet');

  // created: a mistake first
  await click(page, page.getByRole('button', { name: 'Create a survey template' }));
  assert.equal(await h1(page), 'Create a survey template');
  assert.equal(await page.getByLabel('Academic year it starts').inputValue(), '2024');
  await checkPage(page, watch, 'a new survey template');
  await page.getByLabel('Autumn participant survey (the baseline)').check();
  assert.equal((await submit(page, 'Create survey')).status(), 400);
  await assertErrorSummaryFocused(page, 'a survey without its title');
  await checkPage(page, watch, 'a new survey template with an error', 400);
  await shot(page, 'surveys-new-error.png');
  await page.getByLabel('Title', { exact: true }).fill('Autumn survey 2024/25');
  await submit(page, 'Create survey');
  assert.equal(await banner(page), 'Survey created');
  assert.equal(await h1(page), 'Autumn survey 2024/25');
  await checkPage(page, watch, 'a new survey\'s overview');

  // a section, and a question of every type
  await click(page, page.getByRole('button', { name: 'Add a section' }));
  await checkPage(page, watch, 'a section added');
  await page.getByLabel('Section title').fill('About your teaching');
  await submit(page, 'Add section');
  assert.equal(await banner(page), 'Section added');
  const questions = [
    { key: 'phase', type: 'One answer from a list', text: 'Which phase do you teach?', options: 'Primary\nSecondary' },
    { key: 'resources', type: 'Any answers from a list', text: 'Which resources did you use?', options: 'NCETM PD materials\nTextbooks\nOther',
      hint: 'Choose all that apply', optional: true },
    { key: 'confidence-fractions', type: 'Agreement on a 5-point scale (Strongly disagree to Strongly agree)',
      text: 'I feel confident teaching fractions' },
    { key: 'years-teaching', type: 'A whole number', text: 'How many years have you taught?', optional: true, range: ['0', '60'] },
    { key: 'anything-else', type: 'Free text', text: 'Is there anything else you would like to tell us?', optional: true },
  ];
  for (const [i, q] of questions.entries()) {
    await click(page, page.getByRole('button', { name: 'Add a question to About your teaching' }));
    if (i === 0) {
      assert.equal(await h1(page), 'Add a question');
      await checkPage(page, watch, 'a question added');
      // a key that is not one
      await page.getByLabel('Key', { exact: true }).fill('Phase Taught');
      await page.getByLabel(q.type).check();
      await page.getByLabel('Question', { exact: true }).fill(q.text);
      assert.equal((await submit(page, 'Add question')).status(), 400);
      await assertErrorSummaryFocused(page, 'a question with a bad key');
      assert.match(await page.locator('.govuk-error-summary').innerText(), /Key must start with a lower-case letter/);
      await checkPage(page, watch, 'a question with an error', 400);
      await shot(page, 'surveys-question-error.png');
    }
    await page.getByLabel('Key', { exact: true }).fill(q.key);
    await page.getByLabel(q.type).check();
    await page.getByLabel('Question', { exact: true }).fill(q.text);
    if (q.hint) await page.getByLabel('Hint (optional)').fill(q.hint);
    if (q.optional) await page.getByLabel('No, it is optional').check();
    if (q.options) await page.getByLabel('Options (single and multiple choice only)').fill(q.options);
    if (q.range) {
      // the range is asked inside its type's radio; a lowest above the highest is refused on the field
      const lowest = page.getByLabel('Lowest number people can answer (optional)');
      const highest = page.getByLabel('Highest number people can answer (optional)');
      assert.equal(await lowest.isVisible(), true);
      await lowest.fill('61');
      await highest.fill('60');
      assert.equal((await submit(page, 'Add question')).status(), 400);
      await assertErrorSummaryFocused(page, 'a number question with a bad range');
      assert.match(await page.locator('.govuk-error-summary').innerText(), /The highest number must be more than the lowest number/);
      await checkPage(page, watch, 'a number question with a bad range', 400);
      await shot(page, 'surveys-question-range-error.png');
      await page.getByLabel('Lowest number people can answer (optional)').fill(q.range[0]);
      await page.getByLabel('Highest number people can answer (optional)').fill(q.range[1]);
      await checkPage(page, watch, 'a number question with its range');
      await shot(page, 'surveys-question-range.png');
    }
    await submit(page, 'Add question');
    assert.equal(await banner(page), 'Question added', q.key);
  }

  // an internal section
  await click(page, page.getByRole('button', { name: 'Add a section' }));
  await page.getByLabel('Section title').fill('Quality assurance');
  await page.getByLabel('Internal: quality assurance questions, never in reported results').check();
  await submit(page, 'Add section');
  await click(page, page.getByRole('button', { name: 'Add a question to Quality assurance' }));
  await page.getByLabel('Key', { exact: true }).fill('qa-sessions-run');
  await page.getByLabel('Free text').check();
  await page.getByLabel('Question', { exact: true }).fill('How well were the sessions run?');
  await submit(page, 'Add question');
  const main = await page.locator('main').innerText();
  assert.match(main, /6 in 2 sections/);
  assert.match(main, /Internal: not reported/);
  await checkPage(page, watch, 'the survey\'s overview, built');
  await shot(page, 'surveys-overview.png');

  // a question changed
  await click(page, page.getByRole('link', { name: 'Change question years-teaching' }));
  assert.equal(await page.getByLabel('Question', { exact: true }).inputValue(), 'How many years have you taught?');
  await checkPage(page, watch, 'a question changed');
  await page.getByLabel('Question', { exact: true }).fill('How many years have you taught mathematics?');
  await submit(page, 'Save');
  assert.equal(await banner(page), 'Question changed');

  // the preview
  await click(page, page.getByRole('button', { name: 'Preview' }));
  assert.equal(await h1(page), 'Autumn survey 2024/25');
  const preview = await page.locator('main').innerText();
  assert.match(preview, /Page 1 of 2/);
  assert.match(preview, /Internal: not reported/);
  assert.equal(await page.getByRole('group', { name: 'I feel confident teaching fractions' }).getByRole('radio').count(), 5);
  assert.equal(await page.getByRole('group', { name: 'Which resources did you use? (optional)' }).getByRole('checkbox').count(), 3);
  await checkPage(page, watch, 'the preview');
  await shot(page, 'surveys-preview.png');
  const previewUrl = page.url();

  const phone = await journey.contextOf(admin, { viewport: { width: 390, height: 844 }, isMobile: true });
  const small = await phone.newPage();
  await small.goto(previewUrl, { waitUntil: 'load' });
  await small.getByLabel('Strongly agree').check();
  assert.ok(await small.getByLabel('Strongly agree').isChecked());
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the preview scrolls sideways on a phone by ${overflow}px`);
  await checkPage(small, watch, 'the preview on a phone');
  await shot(small, 'surveys-preview-phone.png');
  await phone.close();

  // opened: the keys fixed
  await page.goto(previewUrl.replace(/\/preview$/, ''), { waitUntil: 'load' });
  await click(page, page.getByRole('button', { name: 'Open the survey' }));
  assert.equal(await h1(page), 'Open this survey?');
  await checkPage(page, watch, 'a survey opened: the confirmation');
  await shot(page, 'surveys-open.png');
  await submit(page, 'Open the survey');
  assert.equal(await banner(page), 'Survey opened: its questions\' keys and types are now fixed');
  assert.equal(await page.getByRole('button', { name: 'Add a section' }).count(), 0);
  await checkPage(page, watch, 'an open survey');

  await page.goto(`${server.base}/surveys`, { waitUntil: 'load' });
  assert.match(await page.locator('main').innerText(), /Every NCP \(the default\)\s+Autumn survey 2024\/25\s+Open\s+6/);
  await checkPage(page, watch, 'the year\'s survey templates');
  await shot(page, 'surveys-list.png');
});
