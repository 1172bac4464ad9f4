// Lived Experience Partners end to end (phase 1; run by scripts/e2e.sh with the other
// phase-1 files): two rate cards make a rate change, a partner is added with their
// consent, their time is logged on either side of the change and gets the right fee
// (worked out by Go as the form is filled in), an overlapping rate is refused, and a
// second partner's consent is withdrawn (then shown only by pseudonym). axe-core runs
// on every new screen. It makes no sessions or projects (phase 2 counts those).
import { describe, it as test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../lib/browser.mjs';
import { open, shot, stepper, eventually, fillDate } from '../lib/app.mjs';
import { checkA11y } from '../lib/axe.mjs';
import { MODES, reflowFailures } from '../lib/reflow.mjs';

const lep = 'Ngozi Adeyemi';
const other = 'Tomasz Nowak';
const passphrase = 'e2e partners passphrase'; // set when the first partner is refused; kept (tests/8-lock changes it)

describe('phase 1: Lived Experience Partners', () => {
  let b, page, lepUrl;
  const it = stepper(test, () => page);
  before(async () => {
    b = await launch();
    page = await b.newPage();
  });
  after(async () => b && b.close());

  async function addRate(amount, from, to) {
    const form = page.getByTestId('rate-form');
    await form.getByRole('radio', { name: 'Hour', exact: true }).check();
    await form.getByLabel('Amount, in pounds').fill(amount);
    await form.getByLabel('Source').fill('HIN payment policy');
    await fillDate(form, 'Starts on', from);
    await fillDate(form, 'Ends on (optional)', to);
    await form.getByRole('button', { name: 'Add rate' }).click();
  }

  it('rate cards: a rate change, and an overlap refused', async () => {
    await open(page, '/');
    await page.getByRole('navigation').getByRole('link', { name: 'People', exact: true }).click();
    await page.locator('main h1', { hasText: 'Lived Experience Partners' }).waitFor();
    await checkA11y(page, 'people (empty)');
    await page.getByRole('button', { name: 'Rate cards' }).click();
    await page.locator('main h1', { hasText: 'Rate cards' }).waitFor();
    await checkA11y(page, 'rate cards (empty)');

    await addRate('20.00', '2025-04-01', '2026-03-31');
    await page.getByTestId('rate-row').first().waitFor();
    await addRate('25.00', '2026-04-01', '');
    await eventually(async () => (await page.getByTestId('rate-row').count()) === 2, 'two rates are listed');

    await addRate('30.00', '2026-01-01', '');
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /overlap/);
    assert.equal(await page.getByTestId('rate-row').count(), 2);
    await checkA11y(page, 'rate cards with an error');
    await shot(page, 'rate-cards');
  });

  it('add a partner with their consent', async () => {
    await open(page, '/people/new');
    await page.getByLabel('Name', { exact: true }).waitFor();
    await checkA11y(page, 'partner form');
    await page.getByLabel('Name', { exact: true }).fill(lep);
    await page.getByLabel('Access needs').fill('Large print papers');
    // No passphrase yet: the save is refused (before any other check), and the
    // passphrase form opens right there; what was typed stays.
    await page.getByRole('button', { name: 'Save Lived Experience Partner' }).click();
    const needed = page.getByTestId('passphrase-needed');
    await needed.waitFor();
    assert.match(await needed.innerText(), /Set a passphrase to lock Involve before recording/);
    await checkA11y(page, 'partner form refused without a passphrase');
    await needed.getByRole('button', { name: 'Set a passphrase now' }).click();
    await needed.getByLabel('New passphrase', { exact: true }).fill(passphrase);
    await needed.getByLabel('New passphrase again').fill(passphrase);
    await needed.getByRole('button', { name: 'Set passphrase', exact: true }).click();
    await page.getByText('Save again: what you typed is still here').waitFor();
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), lep);
    // consent left incomplete: the errors name the consent fields
    await page.getByRole('button', { name: 'Save Lived Experience Partner' }).click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /Select how consent was given/);
    assert.match(await summary.innerText(), /Select what they agreed to/, 'no purpose is ticked in advance');
    await checkA11y(page, 'partner form with errors');

    const consent = page.getByTestId('consent-section');
    // Consent is a clear affirmative act: each purpose is ticked by hand.
    for (const purpose of ['Analysis of what they tell us', 'Contacting them again', 'Paying them']) {
      await consent.getByRole('checkbox', { name: purpose }).check();
    }
    await consent.getByLabel('Privacy notice version').fill('LEP notice v3');
    await consent.getByRole('radio', { name: 'Written (signed form)' }).check();
    await consent.getByLabel('Who gave consent').fill('Themselves');
    await page.getByRole('button', { name: 'Save Lived Experience Partner' }).click();
    await page.locator('main h1', { hasText: lep }).waitFor();
    lepUrl = new URL(page.url()).hash.slice(1);
    await page.getByTestId('consent-item').waitFor();
    await checkA11y(page, 'partner page');
  });

  async function logTime(date, minutes) {
    await page.getByRole('button', { name: 'Log time' }).click();
    await page.locator('main h1', { hasText: 'Log time' }).waitFor();
    await page.getByLabel('Task or activity').fill('Steering group papers');
    await fillDate(page, 'Date of the work', date);
    await page.getByLabel('Attending', { exact: true }).fill(String(minutes));
  }

  it('log time on either side of the rate change: the right fee each time', async () => {
    await logTime('2026-03-31', 90);
    const preview = page.getByTestId('fee-preview-text');
    await eventually(async () => /£30\.00/.test(await preview.innerText()), 'the fee preview shows £30.00');
    assert.match(await preview.innerText(), /£20\.00 per hour/);
    await checkA11y(page, 'time entry form');
    await shot(page, 'time-entry');
    await page.getByRole('button', { name: 'Save time' }).click();
    await page.locator('main h1', { hasText: lep }).waitFor();

    await logTime('2026-04-01', 90);
    await eventually(async () => /£37\.50/.test(await preview.innerText()), 'the fee preview shows £37.50');
    // a date with no rate in force says so
    await fillDate(page, 'Date of the work', '2024-06-01');
    await eventually(async () => /no hourly rate in force on 1 June 2024/.test(await preview.innerText()), 'no rate on 1 June 2024');
    await fillDate(page, 'Date of the work', '2026-04-01');
    await eventually(async () => /£37\.50/.test(await preview.innerText()), 'the fee preview shows £37.50 again');
    await page.getByRole('button', { name: 'Save time' }).click();
    await page.locator('main h1', { hasText: lep }).waitFor();

    const log = page.getByTestId('time-log');
    await eventually(async () => (await log.getByTestId('time-entry').count()) === 2, 'two entries in the log');
    const fees = await log.getByTestId('entry-fee').allInnerTexts();
    assert.deepEqual(fees.map((f) => f.trim()), ['£37.50', '£30.00']); // newest first
    await eventually(async () => /3 hours, £67\.50 in fees/.test(await page.getByTestId('contributor-totals').innerText()), 'totals £67.50');
    await checkA11y(page, 'partner page with time');
    await shot(page, 'partner', { fullPage: true });

    await open(page, '/people');
    await page.getByTestId('people-table').waitFor();
    assert.match(await page.getByTestId('lep-totals-all').innerText(), /£67\.50 in fees/);
    await checkA11y(page, 'people');
    await shot(page, 'people');
  });

  it('withdraw consent: shown by pseudonym only, payments kept', async () => {
    await open(page, '/people/new');
    await page.getByLabel('Name', { exact: true }).fill(other);
    const consent = page.getByTestId('consent-section');
    for (const purpose of ['Analysis of what they tell us', 'Contacting them again', 'Paying them']) {
      await consent.getByRole('checkbox', { name: purpose }).check();
    }
    await consent.getByLabel('Privacy notice version').fill('LEP notice v3');
    await consent.getByRole('radio', { name: 'Verbal (recorded by staff)' }).check();
    await consent.getByLabel('Who gave consent').fill('Themselves');
    await page.getByRole('button', { name: 'Save Lived Experience Partner' }).click();
    await page.locator('main h1', { hasText: other }).waitFor();

    const item = page.getByTestId('consent-item').first();
    await item.getByRole('button', { name: 'Withdraw consent' }).click();
    const confirm = page.getByTestId('withdraw-confirm');
    await confirm.waitFor();
    await checkA11y(page, 'withdraw consent confirmation');
    await confirm.getByRole('button', { name: 'Yes, withdraw consent' }).click();
    await page.getByTestId('consent-withdrawn').waitFor();
    await page.locator('main h1', { hasText: /Contributor \d+/ }).waitFor();
    await checkA11y(page, 'partner page, consent withdrawn');

    await open(page, '/people');
    const table = page.getByTestId('people-table');
    await table.waitFor();
    const text = await table.innerText();
    assert.ok(!text.includes(other), 'the withdrawn name is not listed');
    assert.match(text, /Contributor \d+/);
    assert.ok(text.includes(lep));
    await open(page, lepUrl);
    await page.locator('main h1', { hasText: lep }).waitFor();
  });

  // WCAG 1.4.10 and 1.4.4, as tests/3-reflow does for the other screens: these tables
  // (partners, totals, a partner's time log, rates) scroll inside their own box.
  for (const mode of MODES) {
    it(`the partners' screens at ${mode.name}: no sideways scrolling, no control cut off`, async () => {
      const screens = [
        ['People', '/people'],
        ['Partner', lepUrl],
        ['Rate cards', '/people/rates'],
      ];
      const failures = await reflowFailures(page, screens, mode);
      assert.deepEqual(failures, [], `at ${mode.name}:\n  ${failures.join('\n  ')}`);
    });
  }

  it('the passphrase cannot be removed while partners are held (their details are sealed with it)', async () => {
    await open(page, '/settings');
    const lock = page.getByTestId('settings-lock');
    await lock.getByTestId('passphrase-kept').waitFor();
    assert.match(await lock.getByTestId('passphrase-kept').innerText(), /cannot be removed/);
    assert.equal(await lock.getByRole('button', { name: 'Remove passphrase' }).count(), 0, 'no Remove passphrase button');
    await lock.getByRole('button', { name: 'Change passphrase' }).waitFor();
    await checkA11y(page, 'settings: the passphrase kept');
  });
});
