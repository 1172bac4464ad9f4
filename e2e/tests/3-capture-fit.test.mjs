// Quick capture fits one laptop screen (issue 14): at 1366×650 the comment box, the
// rating, every theme checkbox, both flags and the strip of saved cards are all in the
// viewport without scrolling, so a theme ticked with Alt+key is seen being ticked.
// Run alone: flock /tmp/e2e.lock env E2E_FILES=3-capture-fit scripts/e2e.sh
import { describe, it as test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../lib/browser.mjs';
import { open, shot, eventually, stepper, today, fillDate } from '../lib/app.mjs';
import { checkA11y } from '../lib/axe.mjs';

const title = 'Market stall (fit test)';

describe('quick capture fits 1366×650', () => {
  let b, page, sessionId;
  const it = stepper(test, () => page);

  before(async () => {
    b = await launch();
    page = await b.newPage();
    await page.setViewportSize({ width: 1366, height: 650 });
  });
  after(async () => {
    // Delete what this file made, so later files count only their own records.
    if (page && sessionId) {
      await page
        .evaluate(async (id) => {
          const app = window.go.desktop.App;
          for (const f of (await app.ListFeedback(id)) || []) await app.DeleteFeedback(f.id);
          await app.DeleteSession(id);
        }, sessionId)
        .catch(() => {});
    }
    if (b) await b.close();
  });

  /** Where el sits against the viewport, and whether the page scrolled. */
  const place = (locator) =>
    locator.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, h: window.innerHeight, w: window.innerWidth };
    });
  const assertInView = async (locator, what) => {
    assert.equal(await locator.count(), 1, `${what}: found once`);
    const p = await place(locator);
    assert.ok(p.top >= 0 && p.bottom <= p.h && p.left >= 0 && p.right <= p.w, `${what} is in the 1366×650 viewport: ${JSON.stringify(p)}`);
  };

  it('a session dated today, with two cards saved in quick capture', async () => {
    await open(page, '/sessions/new');
    await page.getByLabel('Session title').fill(title);
    await fillDate(page, 'Date', today());
    await page.getByRole('radio', { name: 'Outreach stall', exact: true }).check();
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.locator('main h1', { hasText: title }).waitFor();
    sessionId = new URL(page.url()).hash.split('/')[2];
    await page.getByTestId('session-actions').getByRole('button', { name: 'Quick capture' }).click();
    await page.locator('main h1', { hasText: 'Quick capture' }).waitFor();
    const comment = page.getByLabel('Comment', { exact: true });
    for (const [i, text] of ['Long wait at the pharmacy (fit test)', 'Bus stop too far from the clinic (fit test)'].entries()) {
      await eventually(async () => comment.evaluate((el) => el === document.activeElement), 'comment box has focus', 5000);
      await comment.fill(text);
      await page.keyboard.press('Alt+2');
      await page.keyboard.press('Enter');
      await eventually(async () => (await page.getByTestId('strip-item').count()) === i + 1, `${i + 1} cards in the strip`, 10000);
    }
  });

  it('comment, rating, every theme, both flags and the strip are in view, unscrolled', async () => {
    await page.keyboard.press('Alt+R'); // a flag ticked by key is seen being ticked
    const scrolled = await page.evaluate(() => ({ y: window.scrollY, x: window.scrollX }));
    assert.deepEqual(scrolled, { y: 0, x: 0 }, 'the page has not scrolled');
    await assertInView(page.getByLabel('Comment', { exact: true }), 'the comment box');
    const rating = page.getByRole('group', { name: 'Rating' });
    for (const r of await rating.getByRole('radio').all()) await assertInView(r, `rating ${await r.getAttribute('value')}`);
    const themes = page.getByRole('group', { name: 'Themes' }).getByRole('checkbox');
    assert.ok((await themes.count()) >= 12, 'the starter themes are offered');
    for (const t of await themes.all()) await assertInView(t, `theme ${await t.getAttribute('value')}`);
    const respond = page.getByRole('checkbox', { name: /^Needs a response/ });
    await assertInView(respond, 'Needs a response');
    assert.ok(await respond.isChecked(), 'Alt+R ticked Needs a response');
    await assertInView(page.getByRole('checkbox', { name: /^Can quote/ }), 'Can quote');
    await assertInView(page.getByTestId('quick-strip'), 'the strip of saved cards');
    for (const s of await page.getByTestId('strip-item').all()) await assertInView(s, 'a saved card');
    await shot(page, 'quick-capture-1366x650');
    await checkA11y(page, 'quick capture at 1366×650');
  });
});
