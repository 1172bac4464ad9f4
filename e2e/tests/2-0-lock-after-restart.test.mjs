// Phase 2, first (before 2-after-restart): tests/8-lock left Involve unlocked with a
// passphrase; after scripts/e2e.sh stopped wails dev and started it again on the same
// data folder, Involve opens locked: only the unlock form, no record text in the DOM, Go
// refuses record methods, axe clean. The passphrase opens it and the partner is still
// there. The passphrase cannot be removed (partners' details are sealed with it), so it
// sets the idle time to an hour and leaves Involve unlocked for the later phase-2 files.
import { describe, it as test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../lib/browser.mjs';
import { open, stepper, loadState, eventually } from '../lib/app.mjs';
import { checkA11y } from '../lib/axe.mjs';
import { assertHoldsAll, assertHoldsNone, goRefusal, lockState, unlock, waitLocked } from '../lib/lock.mjs';

describe('phase 2: the app lock after a restart', () => {
  let b, page;
  const { lock: s } = loadState();
  const it = stepper(test, () => page);
  before(async () => {
    b = await launch();
    page = await b.newPage();
  });
  after(async () => b && b.close());

  it('opens locked: only the unlock form, no record text in the DOM', async () => {
    assert.ok(s && s.passphrase, 'tests/8-lock.test.mjs saved its passphrase before the restart');
    await open(page, '/people');
    const st = await lockState(page);
    assert.equal(st.hasPassphrase, true, 'the passphrase is still set after the restart');
    assert.equal(st.locked, true, 'Go opens locked after the restart');
    await waitLocked(page);
    await assertHoldsNone(page, s.partnerTexts, 'opened after the restart');
    assert.match(await goRefusal(page), /Involve is locked/, 'Go refuses a record method after the restart');
    await checkA11y(page, 'locked window after a restart');
  });

  it('the passphrase opens it; the partner is still there', async () => {
    await unlock(page, s.passphrase);
    await page.locator('main h1', { hasText: 'Lived Experience Partners' }).waitFor();
    await page.getByTestId('people-table').getByRole('link', { name: s.partnerName }).waitFor();
    await assertHoldsAll(page, [s.partnerName], 'the people list after unlocking');
  });

  it('the passphrase cannot be removed (partners are sealed with it): the idle time goes to an hour for the later phase-2 files', async () => {
    await open(page, '/settings');
    const lock = page.getByTestId('settings-lock');
    await lock.getByTestId('passphrase-kept').waitFor();
    assert.equal(await lock.getByRole('button', { name: 'Remove passphrase' }).count(), 0);
    const idle = page.getByTestId('idle-form');
    await idle.getByLabel('Lock after this many minutes without use').fill('60');
    await idle.getByRole('button', { name: 'Save idle time' }).click();
    await eventually(async () => (await lockState(page)).idleMinutes === 60, 'the idle time of an hour saved');
    const st = await lockState(page);
    assert.equal(st.hasPassphrase, true);
    assert.equal(st.locked, false);
  });
});
