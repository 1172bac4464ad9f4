// Public feedback kiosk end to end (phase 1, after the 1-* files): a session of its own,
// kiosk mode started with a PIN from the session page, two submissions (one in English
// with a rating picked by keyboard, one in Spanish that clears itself after the thank-you
// screen), attempts to get away (hash change, Back, Alt+Left, reload, a crafted call to a
// Go method) that all fail, axe on the form, the thank-you screen and the form at 200 %
// text (and nothing wider than the window), a wrong PIN refused, the right one accepted,
// and the two kiosk items in the session's feedback list. At the end it deletes what it
// made (both items and the session): phase 2 counts 1 session and 6 feedback items.
import { describe, it as test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../lib/browser.mjs';
import { open, shot, eventually, stepper, today, fillDate } from '../lib/app.mjs';
import { checkA11y } from '../lib/axe.mjs';

const title = 'Library stall (kiosk test)';
const PIN = '2468';
const first = 'The receptionist explained everything clearly (kiosk test)';
const second = 'Había que esperar demasiado (prueba del quiosco)';

describe('public feedback kiosk', () => {
  let b, page, sessionUrl;
  let kioskOn = false;
  const it = stepper(test, () => page);

  before(async () => {
    b = await launch();
    page = await b.newPage();
  });
  after(async () => {
    // Never leave the app in kiosk mode for the files that follow.
    if (page && kioskOn) await page.evaluate((pin) => window.go.desktop.App.LeaveKiosk(pin), PIN).catch(() => {});
    if (b) await b.close();
  });

  const h1 = () => page.locator('main h1').first();
  const kioskHeading = async (text) => eventually(async () => (await h1().innerText()).trim() === text, `the kiosk shows "${text}"`);
  const stillKiosk = async (what) => {
    await eventually(async () => new URL(page.url()).hash === '#/kiosk', `${what}: back at #/kiosk`);
    await page.getByTestId('kiosk-form').waitFor();
    assert.equal(await page.getByRole('searchbox').count(), 0, `${what}: no search box`);
    assert.equal(await page.getByTestId('sync-status').count(), 0, `${what}: no sync status`);
  };

  it('a session to collect feedback in', async () => {
    await open(page, '/sessions/new');
    await page.getByLabel('Session title').fill(title);
    await fillDate(page, 'Date', today());
    await page.getByRole('radio', { name: 'Outreach stall', exact: true }).check();
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.locator('main h1', { hasText: title }).waitFor();
    sessionUrl = page.url();
  });

  it('start kiosk mode with a PIN (set twice)', async () => {
    await page.getByTestId('session-actions').getByRole('button', { name: 'Start kiosk mode' }).click();
    await page.locator('main h1', { hasText: 'Start kiosk mode' }).waitFor();
    await checkA11y(page, 'start kiosk mode');
    await page.getByLabel('Staff PIN').fill(PIN);
    await page.getByLabel('Enter the PIN again').fill('2469');
    await page.getByRole('button', { name: 'Start kiosk mode' }).click();
    assert.match(await page.getByTestId('error-summary').innerText(), /The two PINs do not match/);
    await page.getByLabel('Enter the PIN again').fill(PIN);
    await page.getByRole('button', { name: 'Start kiosk mode' }).click();
    await kioskHeading('Tell us what you think');
    kioskOn = true;
    await stillKiosk('on arrival');
    assert.equal(await page.getByRole('navigation', { name: 'Menu' }).count(), 0, 'no menu');
    assert.deepEqual(await page.getByRole('navigation').evaluateAll((ns) => ns.map((n) => n.getAttribute('aria-label'))), ['Language']);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await shot(page, 'kiosk');
    await checkA11y(page, 'kiosk form');
  });

  it('first submission: comment, rating by keyboard, a theme, About you', async () => {
    await page.getByRole('button', { name: 'Send feedback' }).click();
    assert.match(await page.getByTestId('error-summary').innerText(), /Tell us about your experience/);
    await checkA11y(page, 'kiosk form with an error');

    const comment = page.getByRole('textbox', { name: /^Your comments/ });
    await comment.fill(first);
    await comment.focus();
    await page.keyboard.press('Tab'); // the first rating card (Very good)
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight'); // Good
    await page.keyboard.press('ArrowLeft'); // back to Very good
    assert.equal(await page.getByRole('radio', { name: /^Very good/ }).isChecked(), true);
    // Targets are large: every rating card at least 44 × 44 px.
    for (const box of await page.locator('.kiosk-rating__label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
      assert.ok(box.width >= 44 && box.height >= 44, `rating card ${box.width}×${box.height}`);
    }
    await page.getByRole('checkbox', { name: 'Access', exact: true }).check();
    await page.getByText('About you (optional)').click();
    await page.getByRole('radio', { name: '25 to 34' }).check();
    await page.getByLabel('Which borough do you live in?').selectOption({ label: 'Lambeth' });
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await kioskHeading('Thank you');
    await shot(page, 'kiosk-thanks');
    await checkA11y(page, 'kiosk thank-you screen');
    await page.getByRole('button', { name: 'Leave more feedback' }).click();
    await kioskHeading('Tell us what you think');
    assert.equal(await page.getByRole('textbox', { name: /^Your comments/ }).inputValue(), '');
  });

  it('second submission in Spanish; the thank-you screen clears itself', async () => {
    await page.getByRole('navigation', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
    await kioskHeading('Díganos qué le ha parecido');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
    await checkA11y(page, 'kiosk form in Spanish');
    await page.getByRole('textbox', { name: /^Sus comentarios/ }).fill(second);
    await page.getByRole('radio', { name: /^Mala/ }).check();
    await page.getByRole('button', { name: 'Enviar opinión' }).click();
    await kioskHeading('Gracias');
    // About 8 s later the form is empty and back in English for the next person.
    await eventually(async () => (await h1().innerText()).trim() === 'Tell us what you think', 'the form comes back by itself', 15000);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.getByRole('textbox', { name: /^Your comments/ }).inputValue(), '');
  });

  it('cannot be left: hash change, Back, Alt+Left, reload, a crafted call to Go', async () => {
    await page.evaluate(() => {
      window.location.hash = '#/sessions';
    });
    await stillKiosk('after changing location.hash');
    await page.goBack().catch(() => {});
    await stillKiosk('after Back');
    await page.keyboard.press('Alt+ArrowLeft');
    await stillKiosk('after Alt+Left');
    await page.goto(sessionUrl);
    await page.getByTestId('kiosk-form').waitFor();
    await stillKiosk('after opening the session address');
    await page.reload();
    await page.getByTestId('kiosk-form').waitFor();
    await stillKiosk('after a reload');
    const refused = await page.evaluate(() =>
      window.go.desktop.App.ListSessions({}).then(
        (v) => `answered: ${JSON.stringify(v).slice(0, 80)}`,
        (e) => `refused: ${typeof e === 'string' ? e : JSON.stringify(e)}`,
      ),
    );
    assert.match(refused, /^refused: .*Kiosk mode is on/);
    // no restore from the kiosk, and no quitting: Quit is refused while kiosk mode is on
    // (as Wails' OnBeforeClose refuses the window's close); the steps below still talk
    // to the same running app
    const restore = await page.evaluate(() =>
      window.go.desktop.App.RestoreBackup('involve-x.db').then(
        () => 'answered',
        (e) => `refused: ${typeof e === 'string' ? e : JSON.stringify(e)}`,
      ),
    );
    assert.match(restore, /^refused: .*Kiosk mode is on/);
    await page.evaluate(() => window.go.desktop.App.Quit());
    const state = await page.evaluate(() => window.go.desktop.App.GetKioskState());
    assert.equal(state.active, true, 'the app quit, or left kiosk mode, on Quit');
  });

  it('text at 200 %: nothing wider than the window, still clean under axe', async () => {
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
    });
    await page.getByText('About you (optional)').click();
    const overflow = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, win: window.innerWidth }));
    assert.ok(overflow.doc <= overflow.win, `page is ${overflow.doc} px wide in a ${overflow.win} px window at 200 %`);
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="kiosk"] *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .map((e) => e.tagName + (e.className ? `.${String(e.className).split(' ')[0]}` : ''))
        .slice(0, 5),
    );
    assert.deepEqual(wide, [], 'no element reaches past the right edge');
    await shot(page, 'kiosk-200', { fullPage: true });
    await checkA11y(page, 'kiosk form at 200 % text');
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '';
    });
  });

  it('a wrong PIN is refused; the right one leaves, onto the session with both items', async () => {
    await page.getByRole('button', { name: 'Staff: leave kiosk' }).click();
    const panel = page.getByTestId('kiosk-staff-panel');
    await panel.getByLabel('Staff PIN').fill('1111');
    await panel.getByRole('button', { name: 'Leave kiosk' }).click();
    await panel.getByText('That PIN is not right.').first().waitFor();
    await checkA11y(page, 'kiosk with a wrong PIN');
    await stillKiosk('after a wrong PIN');

    await panel.getByLabel('Staff PIN').fill(PIN);
    await panel.getByRole('button', { name: 'Leave kiosk' }).click();
    await page.locator('main h1', { hasText: title }).waitFor();
    kioskOn = false;
    assert.equal(page.url(), sessionUrl);
    await page.getByRole('searchbox', { name: 'Search' }).waitFor();
    const list = page.getByRole('list', { name: 'Feedback for this session' });
    const items = list.getByTestId('feedback-item');
    await eventually(async () => (await items.count()) === 2, 'two kiosk items in the session');
    const text = await list.innerText();
    assert.ok(text.includes(first) && text.includes(second), 'both comments are listed');
    assert.match(text, /Kiosk/, 'the source says Kiosk');
  });

  it('tidy up: delete both items and the session', async () => {
    const items = page.getByRole('list', { name: 'Feedback for this session' }).getByTestId('feedback-item');
    for (let n = 2; n > 0; n--) {
      await items.first().getByRole('button', { name: /^Delete/ }).click();
      await eventually(async () => (await items.count()) === n - 1, `${n - 1} item(s) left`);
    }
    await page.getByTestId('session-actions').getByRole('button', { name: 'Delete' }).click();
    await page.locator('main h1', { hasText: 'Home' }).waitFor();
  });
});
