// Phase 1, after 5-actions: making a "you said, we did" through the UI against the real
// Go store. Adds a session with one feedback item whose author agreed to be quoted,
// makes an action from it and marks it done; opens the "you said, we did" screen from
// the board, leaves only that action ticked, and makes the web page: the file appears in
// the test's save folder (E2E_SAVE_DIR) and holds the action's words, the page itself
// passes axe, and the action's card on the board now says it was communicated back on
// the website and "Published on <date> (Web page)". axe on the screen before, with
// errors and after. At the end it deletes what it made (action, feedback, session, the
// saved file): phase 2 counts 1 session and 6 feedback items.
import { describe, it as test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from '../lib/browser.mjs';
import { open, shot, eventually, stepper, today, fillDate } from '../lib/app.mjs';
import { checkA11y } from '../lib/axe.mjs';

const title = 'Library pop-up (you said test)';
const said = 'The clinic letters use words I do not understand';
const weDid = 'Letters rewritten in plain English with a patient panel';

describe('making a "you said, we did"', () => {
  let b, page, sessionUrl, savedPath;
  const it = stepper(test, () => page);
  const saveDir = process.env.E2E_SAVE_DIR || '';

  before(async () => {
    b = await launch();
    page = await b.newPage();
  });
  after(async () => b && b.close());

  it('seed: a session, a quotable feedback item, a done action answering it', async () => {
    await open(page, '/sessions/new');
    await page.getByLabel('Session title').fill(title);
    await fillDate(page, 'Date', today());
    await page.getByRole('radio', { name: 'Outreach stall', exact: true }).check();
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.locator('main h1', { hasText: title }).waitFor();
    sessionUrl = page.url();
    await page.getByTestId('session-actions').getByRole('button', { name: 'Add feedback' }).click();
    await page.getByLabel('What did they say?').fill(said);
    await page.getByLabel('They agreed we can quote them').check();
    await page.getByRole('button', { name: 'Save feedback' }).click();
    await page.locator('main h1', { hasText: title }).waitFor();
    await page.getByRole('list', { name: 'Feedback for this session' }).getByTestId('feedback-item').filter({ hasText: said }).waitFor();

    const section = page.getByTestId('session-you-said');
    await section.getByRole('button', { name: 'Choose feedback for an action' }).click();
    await section.getByRole('checkbox', { name: said }).check();
    await section.getByRole('button', { name: 'Create action from selected (1)' }).click();
    await page.locator('main h1', { hasText: 'New action' }).waitFor();
    await page.getByRole('button', { name: 'Save action' }).click();
    await page.locator('main h1', { hasText: 'You said, we did' }).waitFor();

    let card = page.getByTestId('action-card').filter({ hasText: said });
    await card.getByRole('button', { name: /^Mark done/ }).click();
    await card.getByLabel('What did you do? (we did)').fill(weDid);
    await card.getByRole('button', { name: 'Save as done' }).click();
    card = page.getByTestId('column-done').getByTestId('action-card').filter({ hasText: said });
    await card.getByText(weDid).waitFor();
  });

  it('the board links to the screen, which shows the action as the public will read it', async () => {
    await page.getByRole('button', { name: 'Make a “you said, we did”' }).click();
    await page.locator('main h1', { hasText: 'Make a “you said, we did”' }).waitFor();
    const items = page.getByTestId('ysd-items');
    const mine = items.getByRole('checkbox', { name: new RegExp(`You said ${said}\\s*We did ${weDid}`) });
    await mine.waitFor();
    assert.ok(await mine.isChecked(), 'the done action is ticked');
    // only this test's action: untick any other done action left by earlier files
    const mineId = await mine.getAttribute('id');
    for (const box of await items.getByRole('checkbox').all()) {
      if ((await box.getAttribute('id')) !== mineId && (await box.isChecked())) await box.uncheck();
    }
    await checkA11y(page, 'you said, we did screen');
  });

  it('a form with nothing chosen is refused in the error summary', async () => {
    await page.getByRole('button', { name: 'Make and save' }).click();
    const summary = page.getByTestId('error-summary');
    await summary.getByRole('link', { name: /Select/ }).first().waitFor();
    await checkA11y(page, 'you said, we did screen with errors');
  });

  it('makes the web page: saved, holding the action, and the page passes axe', async () => {
    assert.ok(saveDir, 'E2E_SAVE_DIR is set (scripts/e2e.sh gives the app INVOLVE_TEST_SAVE_DIR)');
    await page.getByRole('radio', { name: 'Web page' }).check();
    await page.getByLabel('Where it will be published').selectOption({ label: 'Website' });
    await page.getByLabel('Note (optional)').fill('Clinic website (you said test)');
    await page.getByLabel('Contact line').fill('Email involve@example.nhs.uk');
    await page.getByRole('button', { name: 'Make and save' }).click();
    const done = page.getByTestId('ysd-done');
    await done.waitFor();
    assert.match(await done.innerText(), /Published: 1 action marked as told back/);
    await eventually(async () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'ysd-done'), 'the message has focus');
    savedPath = (await page.getByTestId('ysd-path').innerText()).trim();
    assert.equal(resolve(dirname(savedPath)), resolve(saveDir), `the page is in the test folder: ${savedPath}`);
    assert.ok(existsSync(savedPath), `${savedPath} exists`);
    const html = readFileSync(savedPath, 'utf8');
    for (const want of [said, weDid, 'Email involve@example.nhs.uk']) assert.ok(html.includes(want), `the page holds "${want}"`);
    await checkA11y(page, 'you said, we did screen, made');
    await shot(page, 'you-said-we-did');

    const made = await b.newPage();
    try {
      await made.goto(pathToFileURL(savedPath).href);
      await made.locator('h1', { hasText: 'You said, we did' }).waitFor();
      await checkA11y(made, 'the "you said, we did" web page');
    } finally {
      await made.close();
    }
  });

  it('the action now says it was communicated back on the website, and published as a web page', async () => {
    await open(page, '/actions');
    const card = page.getByTestId('column-done').getByTestId('action-card').filter({ hasText: said });
    await eventually(
      async () => /Communicated back .* by website/.test(await card.getByTestId('communicated').innerText()),
      'the card says it was communicated back by website',
      15000,
    );
    assert.match(await card.getByTestId('published').innerText(), /^Published on .+ \(Web page\)$/);
  });

  it('tidy up: delete the action, the feedback, the session and the file', async () => {
    await page.getByTestId('action-card').filter({ hasText: said }).getByRole('link').first().click();
    await page.locator('main h1', { hasText: 'Edit action' }).waitFor();
    await page.getByRole('button', { name: 'Delete action' }).click();
    await page.getByTestId('flash').getByText('Action deleted.').waitFor();
    await eventually(async () => new URL(page.url()).hash === '#/actions', 'back on the board');

    await page.goto(sessionUrl);
    await page.locator('main h1', { hasText: title }).waitFor();
    const items = page.getByRole('list', { name: 'Feedback for this session' }).getByTestId('feedback-item');
    await items.filter({ hasText: said }).getByRole('button', { name: 'Delete' }).click();
    await eventually(async () => (await items.filter({ hasText: said }).count()) === 0, 'the feedback is deleted');
    await page.getByTestId('session-actions').getByRole('button', { name: 'Delete' }).click();
    await page.locator('main h1', { hasText: 'Home' }).waitFor();
    if (savedPath) rmSync(savedPath, { force: true });
  });
});
