// Phase 1, after 5-actions: making a "you said, we did" through the UI against the real
// Go store. Adds a session with one feedback item whose author agreed to be quoted,
// makes an action from it and marks it done; opens the "you said, we did" screen from
// the board, leaves only that action ticked, and makes the web page: the file appears in
// the test's save folder (E2E_SAVE_DIR) and holds the action's words, the page itself
// passes axe, and the action's card on the board now says it was communicated back on
// the website and "Published on <date> (Web page)". axe on the screen before, with
// errors and after. Then (issue 16, translations) it translates the action's words into
// Polish and Arabic on the action's page (the side-by-side editor, Arabic right to
// left, axe), makes the web page in Arabic (lang="ar" dir="rtl", the Arabic words; the
// page passes axe) and the poster in Polish (a PDF whose language is pl), and the card
// says "(Poster or leaflet, language pl)". At the end it deletes what it made
// (translations, action, feedback, session, the saved files): phase 2 counts 1 session
// and 6 feedback items.
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
const plSaid = 'Listy z przychodni używają słów, których nie rozumiem';
const plDid = 'Listy przepisano prostym językiem z udziałem pacjentów';
const arSaid = 'رسائل العيادة تستخدم كلمات لا أفهمها';
const arDid = 'أعيدت كتابة الرسائل بلغة بسيطة مع فريق من المرضى';

/** On the "you said, we did" screen: leave only this test's action ticked. */
async function chooseOnlyMine(page) {
  const items = page.getByTestId('ysd-items');
  const mine = items.getByRole('checkbox', { name: new RegExp(`You said ${said}\\s*We did ${weDid}`) });
  await mine.waitFor();
  const mineId = await mine.getAttribute('id');
  for (const box of await items.getByRole('checkbox').all()) {
    if ((await box.getAttribute('id')) !== mineId && (await box.isChecked())) await box.uncheck();
  }
  if (!(await mine.isChecked())) await mine.check();
}

/** From the board, open this test's action's page. */
async function openMyAction(page) {
  await open(page, '/actions');
  await page.getByTestId('action-card').filter({ hasText: said }).getByRole('link').first().click();
  await page.locator('main h1', { hasText: 'Edit action' }).waitFor();
}

describe('making a "you said, we did"', () => {
  let b, page, sessionUrl, savedPath;
  const savedPaths = [];
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

  it('translates the action into Polish and Arabic on its page, side by side with the English', async () => {
    await openMyAction(page);
    const section = page.getByTestId('action-translations');
    await section.getByText('No translations yet.').waitFor();
    for (const [link, lang, name, ys, wd] of [
      [/Polski \(Polish, pl\)/, 'pl', 'Polski', plSaid, plDid],
      [/\(Arabic, ar\)/, 'ar', 'العربية', arSaid, arDid],
    ]) {
      await page.getByTestId('action-translations').getByRole('link', { name: link }).click();
      await page.getByTestId('translation-editor').waitFor();
      const youSaid = page.locator('textarea[id="texts.youSaid"]');
      const weDidBox = page.locator('textarea[id="texts.weDid"]');
      assert.equal(await youSaid.getAttribute('lang'), lang);
      assert.equal(await youSaid.getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
      await page.locator('[id="texts.youSaid-en"]', { hasText: said }).waitFor();
      await youSaid.fill(ys);
      await weDidBox.fill(wd);
      await page.getByLabel('Reviewed by someone who reads this language').check();
      if (lang === 'ar') await checkA11y(page, 'an action\'s translation into Arabic');
      await page.getByRole('button', { name: 'Save translation' }).click();
      await page.getByTestId('flash').getByText(`The ${name} translation is saved.`).waitFor();
      await page.locator('main h1', { hasText: 'Edit action' }).waitFor();
    }
    const langs = page.getByTestId('action-languages');
    await langs.getByText('Polski').waitFor();
    await langs.getByText('العربية').waitFor();
    await checkA11y(page, 'an action with translations');
  });

  it('makes the web page in Arabic: lang="ar" dir="rtl", the Arabic words, and it passes axe', async () => {
    await open(page, '/you-said-we-did');
    await chooseOnlyMine(page);
    const language = page.getByLabel('Language');
    await eventually(async () => (await language.locator('option[value="ar"]').count()) === 1, 'Arabic is offered');
    await language.selectOption('ar');
    await page.getByRole('radio', { name: 'Web page' }).check();
    await page.getByLabel('Where it will be published').selectOption({ label: 'Website' });
    await page.getByLabel('Contact line').fill('Email involve@example.nhs.uk');
    await page.getByRole('button', { name: 'Make and save' }).click();
    const done = page.getByTestId('ysd-done');
    await done.waitFor();
    assert.match(await done.innerText(), /Published: 1 action marked as told back/);
    const path = (await page.getByTestId('ysd-path').innerText()).trim();
    savedPaths.push(path);
    const html = readFileSync(path, 'utf8');
    assert.ok(html.includes('<html lang="ar" dir="rtl">'), 'the page is marked Arabic, right to left');
    for (const want of [arSaid, arDid]) assert.ok(html.includes(want), `the page holds "${want}"`);
    assert.ok(!html.includes(weDid), 'the English "we did" is not on the Arabic page');
    const made = await b.newPage();
    try {
      await made.goto(pathToFileURL(path).href);
      await made.locator('h1', { hasText: 'You said, we did' }).waitFor();
      await checkA11y(made, 'the "you said, we did" web page in Arabic');
    } finally {
      await made.close();
    }
  });

  it('makes the poster in Polish, and the card says the language', async () => {
    await open(page, '/you-said-we-did');
    await chooseOnlyMine(page);
    const language = page.getByLabel('Language');
    await eventually(async () => (await language.locator('option[value="pl"]').count()) === 1, 'Polish is offered');
    await language.selectOption('pl');
    await page.getByRole('radio', { name: /Poster or leaflet/ }).check();
    await page.getByLabel('Where it will be published').selectOption({ label: 'Poster' });
    await page.getByRole('button', { name: 'Make and save' }).click();
    // The screen may still show the Arabic page's panel: wait for this file's.
    let path = '';
    await eventually(async () => {
      const shown = page.getByTestId('ysd-path');
      if ((await shown.count()) === 0) return false;
      path = (await shown.innerText()).trim();
      return path !== '' && !savedPaths.includes(path);
    }, 'the poster is saved', 15000);
    savedPaths.push(path);
    const pdf = readFileSync(path);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', 'a PDF');
    assert.ok(pdf.includes('/Lang (pl)'), 'the poster\'s language is pl');

    await open(page, '/actions');
    const card = page.getByTestId('column-done').getByTestId('action-card').filter({ hasText: said });
    await eventually(
      async () => /\(Poster or leaflet, language pl\)$/.test(await card.getByTestId('published').innerText()),
      'the card says the poster was in Polish',
      15000,
    );
  });

  it('tidy up: delete the translations, the action, the feedback, the session and the files', async () => {
    await openMyAction(page);
    for (const name of ['Polski', 'العربية']) {
      await page.getByTestId('action-languages').getByRole('link', { name: new RegExp(name) }).click();
      await page.getByTestId('translation-editor').waitFor();
      await page.getByRole('button', { name: 'Delete this translation' }).click();
      await page.getByTestId('flash').getByText('The translation is deleted.').waitFor();
      await page.locator('main h1', { hasText: 'Edit action' }).waitFor();
    }
    await page.getByTestId('action-translations').getByText('No translations yet.').waitFor();
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
    for (const p of [savedPath, ...savedPaths]) if (p) rmSync(p, { force: true });
  });
});
