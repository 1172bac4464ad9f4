// Phase 1, after 1-flow (which made one session today with six feedback items): the
// Reports screen against the real Go figures. Adds a session in the last financial year
// (12 attendees, in Lambeth) with one feedback item, sees the figures change with the
// period, refuses a back-to-front custom period, exports to Excel and CSV (scripts/e2e.sh
// sets INVOLVE_TEST_SAVE_DIR for the app, so there is no dialog: the files land in that
// folder, given to this test as E2E_SAVE_DIR), opens the workbook as a zip, and runs axe.
// The contents list at the top moves focus to each section (the hash route stays), and
// after an export "Open workbook" and "Show in folder" are offered (not pressed here: they
// would start the computer's own programs; Vitest and Go tests cover what they do).
// At the end it deletes what it added: phase 2 counts 1 session and 6 feedback items.
import { describe, it as test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { launch, SHOT_DIR } from '../lib/browser.mjs';
import { open, heading, shot, eventually, stepper, waitReady, fillDate } from '../lib/app.mjs';
import { checkA11y } from '../lib/axe.mjs';
import { openZip, xlsxSheetNames } from '../lib/zip.mjs';

const title = 'Community stall at Brixton library (reports test)';
const comment = 'The new evening clinic made it easy to come (reports test).';

/** A date in the last financial year (1 April – 31 March): 15 June of it. */
function lastFinancialYearDate(now = new Date()) {
  const fyStart = now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1;
  return `${fyStart - 1}-06-15`;
}

describe('reports', () => {
  let b, page, sessionUrl;
  const it = stepper(test, () => page);
  const saveDir = process.env.E2E_SAVE_DIR || '';

  const status = () => page.getByTestId('report-status');
  const figure = (key) => page.getByTestId(`figure-${key}`).getByTestId('figure-value');
  const statusIs = (want) =>
    eventually(async () => (await status().innerText()).trim() === want, `the report status says "${want}"`, 15000);

  before(async () => {
    b = await launch();
    page = await b.newPage();
  });
  after(async () => b && b.close());

  it('seed: a session in the last financial year, with one feedback item', async () => {
    await open(page, '/sessions/new');
    await page.getByLabel('Session title').fill(title);
    await fillDate(page, 'Date', lastFinancialYearDate());
    await page.getByRole('radio', { name: 'Outreach stall', exact: true }).check();
    await page.getByRole('radio', { name: 'Held', exact: true }).check();
    await page.getByLabel('Borough', { exact: true }).selectOption({ label: 'Lambeth' });
    await page.getByLabel('Total attendees').fill('12');
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.locator('main h1', { hasText: title }).waitFor();
    sessionUrl = page.url();

    await page.getByTestId('session-actions').getByRole('button', { name: 'Add feedback' }).click();
    await page.getByLabel('What did they say?').fill(comment);
    await page.getByRole('radio', { name: 'Good', exact: true }).check();
    await page.getByRole('button', { name: 'Save feedback' }).click();
    await page.locator('main h1', { hasText: title }).waitFor();
    await page.getByRole('list', { name: 'Feedback for this session' }).getByTestId('feedback-item').filter({ hasText: comment }).waitFor();
  });

  it('Reports from the header: this financial year', async () => {
    await open(page, '/');
    await page.getByRole('navigation').getByRole('link', { name: 'Reports', exact: true }).click();
    await page.locator('main h1', { hasText: 'Reports' }).waitFor();
    await page.reload(); // the "Feedback added." banner of the seed step goes (for the pictures)
    await waitReady(page);
    assert.equal(await heading(page), 'Reports');
    assert.equal(await page.getByLabel('Period').inputValue(), 'this_fy');
    await statusIs('Figures for 1 session and 6 feedback items.');
    assert.equal((await figure('feedbackItems').innerText()).trim(), '6');
    assert.equal((await figure('core20').innerText()).trim(), 'Not recorded yet');
    // The six ratings of 1-flow: Very good ×2, Good, Neither, Poor, Very poor → 50%.
    assert.equal((await figure('fftPositive').innerText()).trim(), '50%');
    await page.getByTestId('suppression-rule').waitFor();
    for (const id of ['ratings', 'session-types', 'reach-ethnicGroup', 'reach-ageBand', 'reach-borough', 'themes']) {
      await page.getByTestId(`chart-${id}`).locator('svg.recharts-surface').first().waitFor();
    }
    assert.equal(await page.getByTestId('flash').count(), 0);
    // docs/img/reports.png: the page from the top to the end of the headline figures.
    mkdirSync(SHOT_DIR, { recursive: true });
    const rule = await page.getByTestId('suppression-rule').boundingBox();
    await page.evaluate(() => document.fonts && document.fonts.ready);
    await page.screenshot({
      path: join(SHOT_DIR, 'reports.png'),
      fullPage: true,
      clip: { x: 0, y: 0, width: 1280, height: Math.ceil(rule.y + rule.height + 32) },
      animations: 'disabled',
      caret: 'hide',
    });
    await page.getByRole('heading', { name: 'Charts' }).evaluate((el) => el.scrollIntoView());
    await shot(page, 'reports-charts');
    await shot(page, 'reports-full', { fullPage: true });
    await checkA11y(page, 'reports');
  });

  it('the contents list at the top moves focus to each section; the route stays', async () => {
    const nav = page.getByRole('navigation', { name: 'Contents of this report' });
    const links = (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
    for (const want of ['Headline figures', 'You said, we did', 'Outcomes and impact', 'Reach and diversity', 'Charts', 'GRIPP2 short form']) {
      assert.ok(links.includes(want), `"${want}" in the contents list: ${links.join(', ')}`);
    }
    const focusedId = () => page.evaluate(() => document.activeElement && document.activeElement.id);
    // By mouse: focus moves to the heading, which is scrolled into view.
    await nav.getByRole('link', { name: 'Reach and diversity' }).click();
    await eventually(async () => (await focusedId()) === 'report-reach-heading', 'focus is on the Reach and diversity heading');
    const box = await page.locator('#report-reach-heading').boundingBox();
    const view = page.viewportSize();
    assert.ok(box && box.y > -2 && box.y < view.height, `the heading is in view: ${JSON.stringify(box)}`); // scrolled to its top (to the pixel)
    assert.equal(new URL(page.url()).hash, '#/reports');
    // By keyboard: Enter on a focused link.
    await nav.getByRole('link', { name: 'Charts' }).focus();
    await page.keyboard.press('Enter');
    await eventually(async () => (await focusedId()) === 'charts-heading', 'focus is on the Charts heading');
    assert.equal(new URL(page.url()).hash, '#/reports');
    assert.equal(await heading(page), 'Reports');
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  it('changing the period changes the figures', async () => {
    await page.getByLabel('Period').selectOption({ label: 'Last financial year' });
    await statusIs('Figures for 1 session and 1 feedback item.');
    assert.equal((await figure('feedbackItems').innerText()).trim(), '1');
    assert.equal((await figure('peopleReached').innerText()).trim(), '12');
    assert.equal((await figure('sessionsHeld').innerText()).trim(), '1');
    assert.equal((await figure('boroughsCovered').innerText()).trim(), '1');
    assert.match(await page.getByTestId('figure-boroughsCovered').innerText(), /Lambeth/);
    // One respondent: the reach counts are suppressed.
    const ages = page.getByTestId('chart-reach-ageBand');
    // Suppressed categories are plotted as 0 and labelled "<5" on the chart itself.
    await ages.locator('svg text', { hasText: '<5' }).first().waitFor();
    await ages.getByText('Show as a table').click();
    assert.match(await ages.getByRole('table').innerText(), /<5/);
    await checkA11y(page, 'reports: last financial year, a table open');

    await page.getByLabel('Period').selectOption({ label: 'All time' });
    await statusIs('Figures for 2 sessions and 7 feedback items.');
    assert.equal((await figure('feedbackItems').innerText()).trim(), '7');
  });

  it('a back-to-front custom period is refused with the error summary', async () => {
    await page.getByLabel('Period').selectOption({ label: 'Custom dates' });
    await fillDate(page, 'From', '2026-03-01');
    await fillDate(page, 'To', '2026-01-01');
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /End date must be the same as or after the start date/);
    await checkA11y(page, 'reports: filter error');
    await page.getByLabel('Period').selectOption({ label: 'All time' });
    await statusIs('Figures for 2 sessions and 7 feedback items.');
    assert.equal(await summary.count(), 0);
  });

  it('export to Excel: the workbook is saved and opens', async () => {
    assert.ok(saveDir, 'E2E_SAVE_DIR is set (scripts/e2e.sh gives the app INVOLVE_TEST_SAVE_DIR)');
    await page.getByRole('button', { name: 'Export to Excel' }).click();
    const done = page.getByTestId('export-done');
    await done.waitFor({ timeout: 60000 });
    assert.match(await done.innerText(), /Workbook saved/);
    assert.match(await done.innerText(), /2 sessions and 7 feedback items/);
    const path = (await done.getByTestId('export-path').innerText()).trim();
    assert.equal(resolve(dirname(path)), resolve(saveDir), `the workbook is in the test folder: ${path}`);
    assert.match(path, /involve-summary-all-dates\.xlsx$/);
    assert.ok(existsSync(path) && statSync(path).size > 0, `${path} exists`);
    const zip = openZip(path);
    for (const part of ['[Content_Types].xml', 'xl/workbook.xml']) assert.ok(zip.names.includes(part), `the workbook has ${part}`);
    const sheets = xlsxSheetNames(path);
    for (const s of ['Summary', 'Sessions', 'Reach and diversity', 'Feedback', 'Themes', 'Notes']) {
      assert.ok(sheets.includes(s), `sheet "${s}" in ${sheets.join(', ')}`);
    }
    assert.equal(await page.getByTestId('export-progress').count(), 0);
    // Offered, not pressed (they would start the computer's own programs).
    await page.getByTestId('export-open').getByRole('button', { name: 'Open workbook' }).waitFor();
    await page.getByTestId('export-open').getByRole('button', { name: 'Show in folder' }).waitFor();
    await shot(page, 'reports-exported');
    await checkA11y(page, 'reports: workbook saved');
  });

  it('export CSV files: a folder of files', async () => {
    await page.getByRole('button', { name: 'Export CSV files' }).click();
    const done = page.getByTestId('export-done');
    await eventually(async () => /CSV files saved/.test(await done.innerText()), 'the CSV export is done', 60000);
    const dir = (await done.getByTestId('export-path').innerText()).trim();
    assert.equal(resolve(dirname(dir)), resolve(saveDir), `the CSV folder is in the test folder: ${dir}`);
    await page.getByTestId('export-open').getByRole('button', { name: 'Show in folder' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Open workbook' }).count(), 0, 'no "Open workbook" for CSV files');
    const files = await done.getByTestId('export-files').getByRole('listitem').allInnerTexts();
    assert.ok(files.length > 0, 'the CSV files are listed');
    for (const f of files) assert.ok(existsSync(join(dir, f.trim())), `${f} exists in ${dir}`);
    const sessions = files.map((f) => f.trim()).find((f) => /session/i.test(f));
    assert.ok(sessions, `a sessions file among ${files.join(', ')}`);
    assert.ok(readFileSync(join(dir, sessions), 'utf8').includes(title), 'the sessions file has the seeded session');
  });

  it('tidy up: delete the feedback item and the session', async () => {
    await page.goto(sessionUrl);
    await page.locator('main h1', { hasText: title }).waitFor();
    const item = page.getByRole('list', { name: 'Feedback for this session' }).getByTestId('feedback-item').filter({ hasText: comment });
    await item.getByRole('button', { name: 'Delete' }).click();
    await eventually(async () => (await item.count()) === 0, 'the feedback item is gone', 10000);
    await page.getByTestId('session-actions').getByRole('button', { name: 'Delete' }).click();
    await page.locator('main h1', { hasText: 'Home' }).waitFor();
    await open(page, '/reports');
    await page.getByLabel('Period').selectOption({ label: 'All time' });
    await statusIs('Figures for 1 session and 6 feedback items.');
  });
});
