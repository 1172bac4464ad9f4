// Phase 1 (before the restart): a person's first hour with Involve, through the real UI
// and the real Go bindings (wails dev). axe-core runs on every screen; screenshots go to
// build/screenshots/. What it makes is saved for phase 2 (2-after-restart.test.mjs).
// Accessible names and test ids: frontend/TESTING.md.
import { describe, it as test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../lib/browser.mjs';
import { open, heading, shot, saveState, today, eventually, stepper, fillDate } from '../lib/app.mjs';
import { checkA11y } from '../lib/axe.mjs';

// scripts/e2e.sh gives the app a new, empty data folder, so fixed names are unique; the
// made-up words (word…) are what the searches look for.
const word = 'zorbic';
const projectName = 'Waiting times in Croydon';
const sessionTitle = 'Listening event at Thornton Heath library';
const notesText = `Met 12 people at the café. Main worry: A&E waits; <5 mins is "quick" for nobody. Follow up with the ${word}notes group.`;
const formComment = `Staff at the GP's were kind, and the letter was clear (${word}form).`;
const needle = `${word}needle`; // appears in exactly one quick-capture card
const quickComments = [
  'Parking cost £5 and was hard to find.',
  'The receptionist explained the wait – thank you.',
  `Would like evening appointments ${needle}.`,
  'Leaflet only in English; my mum reads Bengali.',
  'Good follow-up call the next day.',
];

describe('phase 1: capture', () => {
  let b, page, sessionUrl;
  const it = stepper(test, () => page);
  before(async () => {
    b = await launch();
    page = await b.newPage();
  });
  after(async () => b && b.close());

  it('home', async () => {
    await open(page, '/');
    assert.equal(await heading(page), 'Home');
    await shot(page, 'home-empty');
    await checkA11y(page, 'home');
  });

  it('projects: create a project', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Projects', exact: true }).click();
    await page.locator('main h1', { hasText: 'Projects' }).waitFor();
    await checkA11y(page, 'projects (empty)');

    await page.getByRole('button', { name: 'New project' }).click();
    await page.getByLabel('Project name').waitFor();
    await checkA11y(page, 'project form');
    await shot(page, 'project-form');
    await page.getByLabel('Project name').fill(projectName);
    await page.getByLabel('Project lead').fill('Amira K.');
    await page.getByRole('button', { name: 'Save project' }).click();
    await page.locator('main h1', { hasText: projectName }).waitFor();
    await checkA11y(page, 'project page');

    await open(page, '/projects');
    await page.getByRole('link', { name: projectName }).waitFor();
    await shot(page, 'projects');
    await checkA11y(page, 'projects');
  });

  it('session form: create a session in the project', async () => {
    await page.getByRole('link', { name: projectName }).click();
    await page.locator('main h1', { hasText: projectName }).waitFor();
    await page.getByRole('button', { name: 'Add a session to this project' }).click();
    await page.getByLabel('Session title').waitFor();

    // Saving an empty form shows the error summary, linked to the fields.
    await page.getByRole('button', { name: 'Save session' }).click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /Enter a session title/);
    await checkA11y(page, 'session form with errors');

    await page.getByLabel('Session title').fill(sessionTitle);
    await fillDate(page, 'Date', today());
    await page.getByRole('radio', { name: 'Workshop', exact: true }).check();
    await shot(page, 'session-form');
    await checkA11y(page, 'session form');
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.locator('main h1', { hasText: sessionTitle }).waitFor();
    sessionUrl = page.url();
    assert.match(sessionUrl, /#\/sessions\/[0-9a-f-]{36}$/);
    saveState({ sessionUrl });
  });

  it('session page: notes are saved as they are typed', async () => {
    await checkA11y(page, 'session page');
    const notes = page.getByLabel('Session notes');
    await notes.click();
    await notes.pressSequentially(notesText.slice(0, 40), { delay: 5 });
    await notes.fill(notesText); // the rest at once, like a paste
    const status = page.getByTestId('notes-status');
    await eventually(async () => /^Saved/.test((await status.innerText()).trim()), 'notes-status starts with "Saved"', 15000);
    await shot(page, 'session-notes');
  });

  it('feedback form: add one item with every main field', async () => {
    await page.getByTestId('session-actions').getByRole('button', { name: 'Add feedback' }).click();
    await page.getByLabel('What did they say?').waitFor();
    await checkA11y(page, 'feedback form');
    await page.getByLabel('What did they say?').fill(formComment);
    await page.getByRole('radio', { name: 'Very good', exact: true }).check();
    await page.getByRole('group', { name: 'Themes' }).getByRole('checkbox').first().check();
    await shot(page, 'feedback-form');
    await page.getByRole('button', { name: 'Save feedback' }).click();
    await page.locator('main h1', { hasText: sessionTitle }).waitFor();
    const list = page.getByRole('list', { name: 'Feedback for this session' });
    await list.getByTestId('feedback-item').filter({ hasText: formComment }).waitFor();
  });

  it('quick capture: five cards', async () => {
    await page.getByTestId('session-actions').getByRole('button', { name: 'Quick capture' }).click();
    await page.locator('main h1', { hasText: 'Quick capture' }).waitFor();
    await checkA11y(page, 'quick capture');
    const comment = page.getByLabel('Comment', { exact: true });
    const count = page.getByTestId('quick-count');
    for (const [i, text] of quickComments.entries()) {
      await eventually(async () => (await comment.evaluate((el) => el === document.activeElement)), 'comment box has focus', 5000);
      await comment.fill(text);
      await page.keyboard.press(`Alt+${(i % 5) + 1}`); // rating Very poor .. Very good
      await page.keyboard.press('Enter');
      // The session already has the item added with the feedback form.
      const want = `${i + 2} in this session, ${i + 1} now`;
      await eventually(async () => (await count.innerText()).trim() === want, `quick-count says "${want}"`, 10000);
    }
    assert.equal((await count.innerText()).trim(), '6 in this session, 5 now');
    const saved = page.getByRole('list', { name: 'Last saved cards' }).getByTestId('strip-item');
    assert.equal(await saved.count(), 3); // the strip shows the last three
    await shot(page, 'quick-capture', { noFlash: true });
    await checkA11y(page, 'quick capture with saved cards');
  });

  it('session page lists all six items', async () => {
    await page.goto(sessionUrl);
    await page.locator('main h1', { hasText: sessionTitle }).waitFor();
    const items = page.getByRole('list', { name: 'Feedback for this session' }).getByTestId('feedback-item');
    await eventually(async () => (await items.count()) === 6, '6 feedback items on the session page', 10000);
    await shot(page, 'session', { noFlash: true });
    await shot(page, 'session-full', { fullPage: true });
    await checkA11y(page, 'session page with feedback');
  });

  it('search finds one card by a word in it', async () => {
    const box = page.getByRole('searchbox', { name: 'Search' });
    await box.fill(needle);
    await box.press('Enter');
    await page.locator('main h1', { hasText: 'Search' }).waitFor();
    const results = page.getByTestId('search-result');
    await eventually(async () => (await results.count()) === 1, 'exactly 1 search result', 10000);
    assert.match(await results.first().innerText(), new RegExp(sessionTitle));
    await shot(page, 'search', { noFlash: true });
    await checkA11y(page, 'search');
  });

  it('themes', async () => {
    await open(page, '/themes');
    assert.equal(await heading(page), 'Themes');
    await shot(page, 'themes');
    await checkA11y(page, 'themes');
  });

  it('settings', async () => {
    await open(page, '/settings');
    assert.equal(await heading(page), 'Settings');
    await shot(page, 'settings');
    await checkA11y(page, 'settings');
  });

  it('sync screens, not connected', async () => {
    await open(page, '/sync');
    assert.equal(await heading(page), 'Sync with your team');
    assert.equal(await page.getByTestId('sync-status').getAttribute('data-state'), 'not_connected');
    await page.getByTestId('connect-form').waitFor();
    await shot(page, 'sync-connect');
    await checkA11y(page, 'sync: connect form');
    await page.getByTestId('connect-form').getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByTestId('error-summary').waitFor();
    await checkA11y(page, 'sync: connect form with errors');

    await open(page, '/sync/conflicts');
    assert.match(await heading(page), /Conflicts$/);
    await page.getByTestId('no-conflicts').waitFor();
    await checkA11y(page, 'sync: conflicts (none)');

    await open(page, '/sync/rejected');
    assert.match(await heading(page), /Rejected changes$/);
    await page.getByTestId('no-rejected').waitFor();
    await checkA11y(page, 'sync: rejected changes (none)');
  });

  it('home shows the new counts', async () => {
    await open(page, '/');
    await eventually(async () => (await page.getByTestId('count-feedback').innerText()).trim() === '6', 'home counts 6 feedback items', 10000);
    assert.equal((await page.getByTestId('count-projects').innerText()).trim(), '1');
    assert.equal((await page.getByTestId('count-sessions').innerText()).trim(), '1');
    await shot(page, 'home');
    await checkA11y(page, 'home with data');
    saveState({ word, projectName, sessionTitle, notesText, formComment, needle, quickComments });
  });

});
