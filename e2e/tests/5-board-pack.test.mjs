// Phase 1, after 5-actions and 5-you-said: the board pack through the UI against the
// real Go store and the real PDF and Word writers. Adds, in the last financial year (1
// April – 31 March before the current one), a session of the project (1-flow's, or one
// it makes when run alone) with a feedback item whose author agreed to be quoted, a done
// action answering it and an outcome that changed a decision; opens "Make a board pack"
// from Reports, sees a back-to-front custom period refused in the error summary, then
// makes the last financial year's pack as a PDF (saved in the test's folder through
// INVOLVE_TEST_SAVE_DIR, given to this test as E2E_SAVE_DIR) and reads it back with
// pdftotext (poppler-utils): the title block, every section's heading, the outcome, its
// quote, the done action, and one figure (1 outcome in the "Decision changed" row of the
// outcomes table); then the Word version (a zip with word/document.xml holding the
// outcome). axe on the screen before, with errors and after. At the end it deletes what
// it made (outcome, action, feedback, session, the saved files): phase 2 counts 1
// session and 1 project. (Run on its own it makes a project, which stays, as in
// 5-actions: that data folder is thrown away.)
import { describe, it as test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { launch } from '../lib/browser.mjs';
import { open, shot, eventually, stepper, loadState, fillDate } from '../lib/app.mjs';
import { checkA11y } from '../lib/axe.mjs';
import { openZip } from '../lib/zip.mjs';

const title = 'Health centre listening event (board pack test)';
const said = 'The appointment letters arrive after the appointment (board pack test)';
const weDid = 'Letters now go out two weeks ahead by text and post';
const outcomeText = 'Appointment reminders moved to text messages (board pack test)';

/** The last financial year (1 April – 31 March before the current one), as the screen works it out. */
function lastFinancialYear(now = new Date()) {
  const fyStart = now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1;
  return { from: `${fyStart - 1}-04-01`, to: `${fyStart}-03-31`, words: `1 April ${fyStart - 1} to 31 March ${fyStart}`, day: `${fyStart - 1}-06-15` };
}

describe('making the board pack', () => {
  let b, page, sessionUrl, projectName, projectUrl;
  const saved = [];
  const it = stepper(test, () => page);
  const saveDir = process.env.E2E_SAVE_DIR || '';
  const fy = lastFinancialYear();

  before(async () => {
    b = await launch();
    page = await b.newPage();
    try {
      projectName = (process.env.E2E_STATE && existsSync(process.env.E2E_STATE) && loadState().projectName) || '';
    } catch {
      projectName = '';
    }
  });
  after(async () => {
    for (const p of saved) rmSync(p, { force: true });
    if (b) await b.close();
  });

  it('seed: in the last financial year, a session with a quotable item, a done action and an outcome', async () => {
    if (!projectName) {
      projectName = 'Appointments (board pack test)';
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
    await fillDate(page, 'Date', fy.day);
    await page.getByRole('radio', { name: 'Outreach stall', exact: true }).check();
    await page.getByRole('radio', { name: 'Held', exact: true }).check();
    await page.getByLabel('Total attendees').fill('14');
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

    await page.goto(projectUrl);
    await page.locator('main h1', { hasText: projectName }).waitFor();
    await page.getByTestId('project-outcomes').getByRole('button', { name: 'Add an outcome' }).click();
    await page.locator('main h1', { hasText: 'New outcome' }).waitFor();
    await page.getByLabel('What changed').fill(outcomeText);
    await page.getByRole('checkbox', { name: 'Design', exact: true }).check();
    await page.getByRole('radio', { name: 'Positive', exact: true }).check();
    await page.getByRole('radio', { name: 'Decision changed', exact: true }).check();
    await fillDate(page, 'Date (optional)', fy.day);
    await page.getByLabel('Evidence (optional)', { exact: true }).fill('Fewer missed appointments in the clinic log');
    await page.getByRole('group', { name: 'Actions it came from' }).getByRole('checkbox', { name: said }).check();
    await page.getByRole('button', { name: 'Save outcome' }).click();
    await page.locator('main h1', { hasText: projectName }).waitFor();
    await page.getByTestId('outcome-item').filter({ hasText: outcomeText }).waitFor();
  });

  it('Reports links to the board pack screen: last financial year and PDF chosen', async () => {
    await open(page, '/reports');
    await page.locator('main h1', { hasText: 'Reports' }).waitFor();
    await page.getByTestId('report-board-pack').getByRole('link', { name: 'Make a board pack' }).click();
    await page.locator('main h1', { hasText: 'Make a board pack' }).waitFor();
    assert.equal(new URL(page.url()).hash, '#/board-pack');
    const periods = page.getByRole('group', { name: 'Period' });
    assert.ok(await periods.getByRole('radio', { name: /Last financial year/ }).isChecked(), 'last financial year is chosen');
    assert.match(await periods.innerText(), new RegExp(fy.words));
    assert.ok(await page.getByRole('radio', { name: /PDF/ }).isChecked(), 'PDF is chosen');
    await checkA11y(page, 'board pack screen');
  });

  it('a back-to-front custom period is refused in the error summary', async () => {
    await page.getByRole('radio', { name: /Choose the dates/ }).check();
    await fillDate(page, 'From', fy.to);
    await fillDate(page, 'To', fy.from);
    await page.getByRole('button', { name: 'Make board pack' }).click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /The board pack could not be made/);
    await eventually(async () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'error-summary'), 'the summary has focus');
    await checkA11y(page, 'board pack screen with errors');
    assert.equal(await page.getByTestId('bp-done').count(), 0);
  });

  it('makes the last financial year\u2019s pack as a PDF: headings, the outcome and its quote, one figure', async () => {
    assert.ok(saveDir, 'E2E_SAVE_DIR is set (scripts/e2e.sh gives the app INVOLVE_TEST_SAVE_DIR)');
    await page.getByRole('radio', { name: /Last financial year/ }).check();
    await page.getByRole('button', { name: 'Make board pack' }).click();
    const done = page.getByTestId('bp-done');
    await done.waitFor({ timeout: 30000 });
    assert.match(await done.innerText(), new RegExp(`Board pack saved[\\s\\S]*The whole team, ${fy.words}`));
    await eventually(async () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'bp-done'), 'the message has focus');
    assert.equal(await page.getByTestId('error-summary').count(), 0, 'the earlier error is gone');
    const path = (await page.getByTestId('bp-path').innerText()).trim();
    saved.push(path);
    assert.equal(resolve(dirname(path)), resolve(saveDir), `the pack is in the test folder: ${path}`);
    assert.ok(path.endsWith(`involve-board-pack-${fy.from}-to-${fy.to}.pdf`), path);
    assert.ok(readFileSync(path).subarray(0, 5).toString() === '%PDF-', 'the file is a PDF');
    await page.getByRole('button', { name: 'Open' }).waitFor(); // offered, not pressed: it would start the computer's PDF reader
    await page.getByRole('button', { name: 'Show in folder' }).waitFor();
    await checkA11y(page, 'board pack screen, made');
    await shot(page, 'board-pack');

    let text, layout;
    try {
      text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      layout = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
    } catch (e) {
      assert.fail(`pdftotext (poppler-utils) could not read the board pack: ${e.message}`);
    }
    for (const want of [
      'Involvement board pack',
      `The whole team · ${fy.words}`,
      'Headline figures',
      'Outcomes: what changed',
      'You said, we did',
      'Who we reached',
      'Lived Experience Partners',
      'UK Standards for Public Involvement',
      'About these figures',
      outcomeText,
      said,
      weDid,
    ]) {
      assert.ok(text.includes(want), `the PDF holds "${want}"`);
    }
    // the outcomes-by-size table: this file's outcome is the period's only one
    assert.match(layout, /Decision changed\s+1\s*$/m, 'the outcomes table has 1 decision changed');
  });

  it('makes it as a Word document too', async () => {
    await page.getByRole('radio', { name: /Word/ }).check();
    await page.getByRole('button', { name: 'Make board pack' }).click();
    await eventually(async () => (await page.getByTestId('bp-path').innerText()).trim().endsWith('.docx'), 'the Word document is saved', 30000);
    const path = (await page.getByTestId('bp-path').innerText()).trim();
    saved.push(path);
    const doc = openZip(path).read('word/document.xml').toString('utf8').replace(/<[^>]+>/g, '');
    assert.ok(doc.includes(outcomeText), 'document.xml holds the outcome');
  });

  it('tidy up: delete the outcome, the action, the feedback and the session (and a project made here)', async () => {
    await page.goto(projectUrl);
    await page.locator('main h1', { hasText: projectName }).waitFor();
    await page.getByTestId('outcome-item').filter({ hasText: outcomeText }).getByRole('button', { name: /^Delete/ }).click();
    await eventually(async () => (await page.getByTestId('outcome-item').filter({ hasText: outcomeText }).count()) === 0, 'the outcome is gone');

    await open(page, '/actions');
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
    for (const p of saved) rmSync(p, { force: true });
  });
});
