// Phase 1, after the 1-* files: "you said, we did" through the UI against the real Go
// store. Adds a session with two feedback items that need a response (they appear in
// the board's "Feedback needing a response"), ticks both on the session page and
// creates one action from them, marks it done and records it communicated back from
// the board, sees it under Done with the date; adds an outcome to the project, reads
// the session write-up and the project's GRIPP2 write-up; axe on every new screen. At
// the end it deletes what it made (outcome, action, feedback, session): phase 2 counts
// 1 session and 6 feedback items.
import { describe, it as test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { launch } from '../lib/browser.mjs';
import { open, shot, eventually, stepper, today, loadState, fillDate } from '../lib/app.mjs';
import { checkA11y } from '../lib/axe.mjs';

const title = 'Pharmacy drop-in (actions test)';
const said = ['The pharmacy sign is too small to see', 'Nobody told me the side door is step-free'];
const summary = 'Signs at the pharmacy are hard to see (actions test)';
const weDid = 'New large sign and a step-free notice at the front';
const outcomeText = 'Pharmacy entrance signs replaced (actions test)';

describe('you said, we did', () => {
  let b, page, sessionUrl, projectName, projectUrl;
  const it = stepper(test, () => page);

  before(async () => {
    b = await launch();
    page = await b.newPage();
    try {
      projectName = (process.env.E2E_STATE && existsSync(process.env.E2E_STATE) && loadState().projectName) || '';
    } catch {
      projectName = '';
    }
  });
  after(async () => b && b.close());

  it('seed: a session in a project with two items that need a response', async () => {
    if (!projectName) {
      projectName = 'Pharmacy access (actions test)';
      await open(page, '/projects/new');
      await page.getByLabel('Project name').fill(projectName);
      await page.getByRole('button', { name: 'Save project' }).click();
      await page.locator('main h1', { hasText: projectName }).waitFor();
    } else {
      await open(page, '/projects');
      await page.getByRole('link', { name: projectName }).click();
      await page.locator('main h1', { hasText: projectName }).waitFor();
    }
    projectUrl = page.url();
    await page.getByRole('button', { name: 'Add a session to this project' }).click();
    await page.getByLabel('Session title').fill(title);
    await fillDate(page, 'Date', today());
    await page.getByRole('radio', { name: 'Outreach stall', exact: true }).check();
    await page.getByLabel('Total attendees').fill('25');
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.locator('main h1', { hasText: title }).waitFor();
    sessionUrl = page.url();
    for (const text of said) {
      await page.getByTestId('session-actions').getByRole('button', { name: 'Add feedback' }).click();
      await page.getByLabel('What did they say?').fill(text);
      await page.getByLabel('This needs a response').check();
      await page.getByRole('button', { name: 'Save feedback' }).click();
      await page.locator('main h1', { hasText: title }).waitFor();
      await page.getByRole('list', { name: 'Feedback for this session' }).getByTestId('feedback-item').filter({ hasText: text }).waitFor();
    }
  });

  it('the board lists the feedback waiting for a response', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Actions', exact: true }).click();
    await page.locator('main h1', { hasText: 'You said, we did' }).waitFor();
    const needs = page.getByTestId('needs-response');
    for (const text of said) await needs.getByTestId('needs-response-item').filter({ hasText: text }).waitFor();
    await checkA11y(page, 'actions board');
  });

  it('session page: tick both items, Create action from selected', async () => {
    await page.goto(sessionUrl);
    await page.locator('main h1', { hasText: title }).waitFor();
    const section = page.getByTestId('session-you-said');
    await section.getByRole('button', { name: 'Choose feedback for an action' }).click();
    for (const text of said) await section.getByRole('checkbox', { name: text }).check();
    await checkA11y(page, 'session page choosing feedback');
    await section.getByRole('button', { name: 'Create action from selected (2)' }).click();
    await page.locator('main h1', { hasText: 'New action' }).waitFor();
    const answered = page.getByTestId('answered-feedback');
    // the quoted text itself (the session link beside it names it again, visually hidden)
    for (const text of said) await answered.getByText(`“${text}”`, { exact: true }).waitFor();
    assert.match(await page.getByLabel('You said', { exact: true }).inputValue(), /sign is too small/);
    await checkA11y(page, 'action form');
    await shot(page, 'action-form');
    await page.getByLabel('You said', { exact: true }).fill(summary);
    await page.getByLabel('Owner').fill('Amira K.');
    await fillDate(page, 'Due date', today());
    await page.getByLabel('Decision influenced (optional)').fill('Estates budget for signage');
    await page.getByRole('button', { name: 'Save action' }).click();
    await page.locator('main h1', { hasText: 'You said, we did' }).waitFor();
    const card = page.getByTestId('column-planned').getByTestId('action-card').filter({ hasText: summary });
    await card.waitFor();
    const needs = page.getByTestId('needs-response');
    for (const text of said) assert.equal(await needs.getByTestId('needs-response-item').filter({ hasText: text }).count(), 0);
  });

  it('board: Mark done, then Record communicated back', async () => {
    let card = page.getByTestId('action-card').filter({ hasText: summary });
    await card.getByRole('button', { name: /^Mark done/ }).click();
    await card.getByLabel('What did you do? (we did)').fill(weDid);
    await checkA11y(page, 'actions board, mark done');
    await card.getByRole('button', { name: 'Save as done' }).click();
    card = page.getByTestId('column-done').getByTestId('action-card').filter({ hasText: summary });
    await card.waitFor();
    await card.getByText(weDid).waitFor();

    await card.getByRole('button', { name: /^Record communicated back/ }).click();
    await fillDate(card, 'Date communicated back', today());
    await card.getByLabel('How was it communicated back?').selectOption({ label: 'Poster' });
    await card.getByLabel('Published in a “you said, we did” update').check();
    await checkA11y(page, 'actions board, communicated back');
    await card.getByRole('button', { name: 'Save', exact: true }).click();
    await eventually(
      async () => /Communicated back .* by poster/.test(await page.getByTestId('column-done').getByTestId('action-card').filter({ hasText: summary }).getByTestId('communicated').innerText()),
      'the card says it was communicated back by poster',
      15000,
    );
    await shot(page, 'actions-board');
  });

  it('project: add an outcome; session and project write-ups', async () => {
    await page.goto(projectUrl);
    await page.locator('main h1', { hasText: projectName }).waitFor();
    await page.getByTestId('project-outcomes').getByRole('button', { name: 'Add an outcome' }).click();
    await page.locator('main h1', { hasText: 'New outcome' }).waitFor();
    await page.getByLabel('What changed').fill(outcomeText);
    await page.getByRole('checkbox', { name: 'Materials' }).check();
    await page.getByRole('radio', { name: 'Positive' }).check();
    await page.getByRole('radio', { name: 'Substantial' }).check();
    await page.getByLabel('Link to evidence (optional)').fill('not a link');
    await page.getByRole('button', { name: 'Save outcome' }).click();
    await page.getByTestId('error-summary').waitFor();
    await checkA11y(page, 'outcome form with errors');
    await page.getByLabel('Link to evidence (optional)').fill('https://example.nhs.uk/signs');
    await page.getByRole('checkbox', { name: title, exact: false }).check();
    await page.getByRole('button', { name: 'Save outcome' }).click();
    await page.locator('main h1', { hasText: projectName }).waitFor();
    await page.getByTestId('outcome-item').filter({ hasText: outcomeText }).waitFor();
    await checkA11y(page, 'project page with outcomes');

    await page.getByRole('link', { name: 'Write-up (GRIPP2)' }).click();
    await page.locator('main h1', { hasText: 'Write-up (GRIPP2)' }).waitFor();
    assert.match(await page.getByTestId('gripp2-results').innerText(), /Pharmacy entrance signs replaced/);
    assert.match(await page.getByTestId('gripp2-discussion').innerText(), /Estates budget for signage/);
    await checkA11y(page, 'project write-up');
    await shot(page, 'project-write-up');

    await page.goto(sessionUrl.replace(/\/?$/, '') + '/write-up');
    await page.locator('main h1', { hasText: 'Write-up' }).waitFor();
    await page.getByTestId('writeup-actions').getByText(weDid).waitFor();
    await page.getByLabel('What went well').fill('People stopped to talk about the signs');
    await page.getByRole('button', { name: 'Save write-up' }).click();
    await page.getByTestId('flash').getByText('Write-up saved.').waitFor();
    await checkA11y(page, 'session write-up');
  });

  it('tidy up: delete the outcome, the action and the session', async () => {
    await page.goto(projectUrl);
    await page.locator('main h1', { hasText: projectName }).waitFor();
    await page.getByTestId('outcome-item').filter({ hasText: outcomeText }).getByRole('button', { name: /^Delete/ }).click();
    await eventually(async () => (await page.getByTestId('outcome-item').filter({ hasText: outcomeText }).count()) === 0, 'the outcome is gone');

    await open(page, '/actions');
    await page.getByTestId('action-card').filter({ hasText: summary }).getByRole('link').first().click();
    await page.locator('main h1', { hasText: 'Edit action' }).waitFor();
    await page.getByRole('button', { name: 'Delete action' }).click();
    // (the edit page's h1 carries the caption "You said, we did" too: wait for the
    // delete itself, or its navigation to the board would come after the next goto)
    await page.getByTestId('flash').getByText('Action deleted.').waitFor();
    await eventually(async () => new URL(page.url()).hash === '#/actions', 'back on the board');

    // the feedback first: Home counts live feedback items, and phase 2 expects 1-flow's six
    await page.goto(sessionUrl);
    await page.locator('main h1', { hasText: title }).waitFor();
    const items = page.getByRole('list', { name: 'Feedback for this session' }).getByTestId('feedback-item');
    for (const text of said) {
      await items.filter({ hasText: text }).getByRole('button', { name: 'Delete' }).click();
      await eventually(async () => (await items.filter({ hasText: text }).count()) === 0, `feedback "${text}" is deleted`);
    }
    await page.getByTestId('session-actions').getByRole('button', { name: 'Delete' }).click();
    await page.locator('main h1', { hasText: 'Home' }).waitFor();
  });
});
