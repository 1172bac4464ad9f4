// Phase 2 (after scripts/e2e.sh stopped wails dev and started it again on the same data
// folder): everything phase 1 made is still there.
import { describe, it as test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../lib/browser.mjs';
import { open, heading, shot, loadState, eventually, stepper } from '../lib/app.mjs';
import { checkA11y } from '../lib/axe.mjs';

describe('phase 2: after a restart', () => {
  let b, page;
  const s = loadState();
  const it = stepper(test, () => page);
  before(async () => {
    b = await launch();
    page = await b.newPage();
  });
  after(async () => b && b.close());

  it('home counts what was made', async () => {
    await open(page, '/');
    assert.equal(await heading(page), 'Home');
    await eventually(async () => (await page.getByTestId('count-feedback').innerText()).trim() === '6', 'home counts 6 feedback items');
    assert.equal((await page.getByTestId('count-projects').innerText()).trim(), '1');
    assert.equal((await page.getByTestId('count-sessions').innerText()).trim(), '1');
  });

  it('the project and its session are there', async () => {
    await open(page, '/projects');
    await page.getByRole('link', { name: s.projectName }).click();
    await page.locator('main h1', { hasText: s.projectName }).waitFor();
    await page.getByRole('link', { name: s.sessionTitle }).first().click();
    await page.locator('main h1', { hasText: s.sessionTitle }).waitFor();
    assert.equal(page.url(), s.sessionUrl);
  });

  it('the notes are there', async () => {
    const notes = page.getByLabel('Session notes');
    await eventually(async () => (await notes.inputValue()) === s.notesText, 'the notes are as typed before the restart');
  });

  it('all six feedback items are there', async () => {
    const items = page.getByRole('list', { name: 'Feedback for this session' }).getByTestId('feedback-item');
    await eventually(async () => (await items.count()) === 6, '6 feedback items on the session page');
    const text = await page.getByRole('list', { name: 'Feedback for this session' }).innerText();
    for (const c of [s.formComment, ...s.quickComments]) {
      assert.ok(text.includes(c), `feedback "${c}" is listed after the restart`);
    }
    // Quick capture gave card i the rating Alt+(i+1); the form item was "Very good".
    const ratings = ['Very poor', 'Poor', 'Neither good nor poor', 'Good', 'Very good'];
    const expected = [[s.formComment, 'Very good'], ...s.quickComments.map((c, i) => [c, ratings[i % 5]])];
    for (const [comment, rating] of expected) {
      const item = items.filter({ hasText: comment });
      assert.equal(await item.count(), 1, `one item says "${comment}"`);
      assert.equal((await item.locator('.nhsuk-tag').first().innerText()).trim(), rating, `rating of "${comment}"`);
    }
    await shot(page, 'session-after-restart');
    await checkA11y(page, 'session page after restart');
  });

  it('search still finds the card', async () => {
    const box = page.getByRole('searchbox', { name: 'Search' });
    await box.fill(s.needle);
    await box.press('Enter');
    await page.locator('main h1', { hasText: 'Search' }).waitFor();
    const results = page.getByTestId('search-result');
    await eventually(async () => (await results.count()) === 1, 'exactly 1 search result');
    await results.first().getByRole('link').click();
    await page.locator('main h1', { hasText: s.sessionTitle }).waitFor();
  });

  it('search finds the notes', async () => {
    await open(page, `/search?q=${encodeURIComponent(`${s.word}notes`)}`);
    const results = page.getByTestId('search-result');
    await eventually(async () => (await results.count()) >= 1, 'the notes are found by search');
    assert.match(await results.first().innerText(), new RegExp(s.sessionTitle));
  });
});
