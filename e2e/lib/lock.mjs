// Helpers for the app lock's end-to-end tests (tests/8-lock.test.mjs before the restart,
// tests/2-0-lock-after-restart.test.mjs after it).
import assert from 'node:assert/strict';

/** Every record the lock tests make has this word in it, so one search finds any of them. */
export const MARK = 'Zorbic';

/**
 * Everything the page holds as markup and as form values: the whole DOM
 * (document.documentElement.outerHTML: head and title, hidden nodes, aria-live regions)
 * plus the current value of every input, text area and select (a typed value is a
 * property, not in the markup).
 */
export async function pageText(page) {
  return page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea, select')].map((e) => e.value);
    return `${document.documentElement.outerHTML}\n${values.join('\n')}`;
  });
}

/** The texts (of texts) that the page holds, compared without case. */
export async function textsIn(page, texts) {
  const all = (await pageText(page)).toLowerCase();
  return texts.filter((t) => all.includes(t.toLowerCase()));
}

/** Fails, naming them, when the page holds any of texts (or the lock tests' MARK). */
export async function assertHoldsNone(page, texts, where) {
  const found = await textsIn(page, [MARK, ...texts]);
  assert.deepEqual(found, [], `${where}: the page's DOM holds record text: ${found.join(' | ')}`);
}

/** Fails unless the page holds every one of texts: shows that assertHoldsNone can see them. */
export async function assertHoldsAll(page, texts, where) {
  const found = await textsIn(page, texts);
  const missing = texts.filter((t) => !found.includes(t));
  assert.deepEqual(missing, [], `${where}: the page's DOM should hold (the check's control): ${missing.join(' | ')}`);
}

/** The locked window: its heading, the passphrase field, and nothing of the app's own layout. */
export async function waitLocked(page, timeout = 15000) {
  await page.getByTestId('unlock').waitFor({ timeout });
  await page.locator('main h1', { hasText: 'Involve is locked' }).waitFor({ timeout });
  await page.getByLabel('Passphrase', { exact: true }).waitFor({ timeout });
  assert.equal(await page.getByRole('navigation').count(), 0, 'the locked window has no navigation');
  assert.equal(await page.getByRole('searchbox').count(), 0, 'the locked window has no search box');
  assert.equal(await page.getByRole('button', { name: 'Lock', exact: true }).count(), 0, 'the locked window has no Lock button');
}

/** Types the passphrase into the unlock form and presses Unlock. */
export async function submitPassphrase(page, passphrase) {
  const field = page.getByLabel('Passphrase', { exact: true });
  await field.fill(passphrase);
  await page.getByTestId('unlock').getByRole('button', { name: 'Unlock' }).click();
}

/** Unlocks and waits until the unlock form has gone and a screen of the app is back. */
export async function unlock(page, passphrase) {
  await submitPassphrase(page, passphrase);
  await page.getByTestId('unlock').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Lock', exact: true }).waitFor();
}

/**
 * Calls a bound Go method that reads records straight from the page (what altered
 * window code could do): returns the refusal's text, or "" when Go answered.
 */
export async function goRefusal(page) {
  return page.evaluate(() =>
    window.go.desktop.App.ListProjects().then(
      () => '',
      (err) => String(err && err.message ? err.message : typeof err === 'string' ? err : JSON.stringify(err)),
    ),
  );
}

/** Go's LockState, read through the binding. */
export async function lockState(page) {
  return page.evaluate(() => window.go.desktop.App.GetLockState());
}
