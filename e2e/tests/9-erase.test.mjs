// "Erase this person" end to end (phase 1, after the other files). The app connects to
// its own involve-server as a lead's laptop (only a lead erases), records a partner whose
// every detail carries the word "Qorvexa" with their consent and an hour of their time,
// and syncs. On the partner's page "Erase this person" leads to the confirmation page:
// what will be destroyed and what kept (axe-core), a refusal without "I understand"
// (error summary), then the erasure and what it did. The partner's page then shows
// "Erased contributor N" and offers no edit, and after "Sync now" neither the laptop's
// data folder nor the server's holds any of the details. A second partner, whose agreement
// ended long ago, is on the records due for review (by pseudonym only, axe-core) and is
// erased with "Erase now" there, leaving the list. A staff laptop is shown no
// erase button (Vitest covers that). At the end it disconnects, as tests/1-sync does.
import { describe, it as test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../lib/browser.mjs';
import { open, shot, stepper, eventually, today, fillDate } from '../lib/app.mjs';
import { checkA11y } from '../lib/axe.mjs';
import { binaries, startServer } from '../lib/sync.mjs';

const TEAM = 'E2E erasure team';
const partner = {
  name: 'Qorvexa Testperson',
  access: 'Qorvexa needs a hearing loop',
  role: 'Qorvexa panel adviser',
  task: 'Qorvexa reading group',
};
const due = { name: 'Qorvexa Duepartner' }; // due for review: erased from the due list
const SYNC_MS = 60000;
const passphrase = 'e2e erasure passphrase'; // only when run on its own (tests/6-people sets one)

/** Files under dir (recursively) whose bytes hold any of the words, case-insensitively. */
function holds(dir, words) {
  const found = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const text = readFileSync(p).toString('latin1').toLowerCase();
        for (const w of words) if (text.includes(w.toLowerCase())) found.push(`${w} in ${p}`);
      }
    }
  };
  walk(dir);
  return found;
}

describe('phase 1: erase a partner', () => {
  let b, page, server, partnerUrl;
  const it = stepper(test, () => page);
  before(async () => {
    const bins = await binaries();
    server = await startServer(bins.server);
    await server.admin('team', 'add', TEAM);
    b = await launch();
    page = await b.newPage();
  });
  after(async () => {
    if (b) await b.close();
    if (server) await server.stop();
  });

  async function syncNow() {
    await open(page, '/sync');
    const button = page.getByRole('button', { name: 'Sync now', exact: true });
    const row = page.getByTestId('sync-summary').locator('.nhsuk-summary-list__row', { hasText: 'Changes waiting' });
    const end = Date.now() + SYNC_MS;
    while (Date.now() < end) {
      await button.click({ timeout: Math.max(1000, end - Date.now()) });
      try {
        await eventually(async () => (await button.isEnabled()) && /None/.test(await row.innerText()), 'nothing waits', 15000);
        return;
      } catch (e) {
        if (Date.now() >= end) throw e;
      }
    }
  }

  it('connect as a lead laptop', async () => {
    const code = await server.enrol(TEAM, 'lead');
    await open(page, '/settings');
    await page.getByTestId('settings-sync').getByRole('link', { name: 'Connect to server' }).click();
    const form = page.getByTestId('connect-form');
    await form.getByLabel('Server address').fill(server.url);
    await form.getByLabel('Enrolment code').fill(code);
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('heading', { name: 'Connected', level: 2 }).waitFor({ timeout: SYNC_MS });
    await syncNow();
  });

  it('a partner with their consent and an hour of their time, synced', async () => {
    // A rate in force today (tests/6-people made them; run on its own, there are none).
    await open(page, '/people/rates');
    await page.locator('main h1', { hasText: 'Rate cards' }).waitFor();
    if ((await page.getByTestId('rate-row').count()) === 0) {
      const form = page.getByTestId('rate-form');
      await form.getByRole('radio', { name: 'Hour', exact: true }).check();
      await form.getByLabel('Amount, in pounds').fill('25.00');
      await form.getByLabel('Source').fill('HIN payment policy');
      await fillDate(form, 'Starts on', '2026-01-01');
      await form.getByRole('button', { name: 'Add rate' }).click();
      await page.getByTestId('rate-row').first().waitFor();
    }
    await open(page, '/people/new');
    await page.getByLabel('Name', { exact: true }).fill(partner.name);
    await page.getByLabel('Access needs').fill(partner.access);
    await page.getByLabel('Role', { exact: true }).fill(partner.role);
    const consent = page.getByTestId('consent-section');
    await consent.getByLabel('Privacy notice version').fill('LEP notice v3');
    await consent.getByRole('radio', { name: 'Written (signed form)' }).check();
    await consent.getByLabel('Who gave consent').fill('Themselves');
    await consent.getByRole('checkbox', { name: 'Paying them' }).check(); // nothing is ticked in advance
    await page.getByRole('button', { name: 'Save Lived Experience Partner' }).click();
    const needed = page.getByTestId('passphrase-needed');
    const saved = page.locator('main h1', { hasText: partner.name });
    await Promise.race([saved.waitFor(), needed.waitFor()]);
    if (await needed.isVisible()) {
      // run on its own: no passphrase yet
      await needed.getByRole('button', { name: 'Set a passphrase now' }).click();
      await needed.getByLabel('New passphrase', { exact: true }).fill(passphrase);
      await needed.getByLabel('New passphrase again').fill(passphrase);
      await needed.getByRole('button', { name: 'Set passphrase', exact: true }).click();
      await page.getByText('Save again: what you typed is still here').waitFor();
      await page.getByRole('button', { name: 'Save Lived Experience Partner' }).click();
    }
    await saved.waitFor();
    partnerUrl = new URL(page.url()).hash.slice(1);
    await page.getByRole('button', { name: 'Log time' }).click();
    await page.getByLabel('Task or activity').fill(partner.task);
    await fillDate(page, 'Date of the work', today());
    await page.getByLabel('Attending', { exact: true }).fill('60');
    await page.getByRole('button', { name: 'Save time' }).click();
    await saved.waitFor();
    await page.getByTestId('time-entry').first().waitFor();
    await syncNow();
    assert.ok(holds(server.dir, [partner.role]).length > 0, 'the server holds the partner before the erasure: the search can find');
  });

  it('"Erase this person": what is destroyed and kept; refused without "I understand"', async () => {
    await open(page, partnerUrl);
    await page.getByTestId('erase-section').getByRole('button', { name: 'Erase this person' }).click();
    await page.locator('main h1', { hasText: `Erase ${partner.name}` }).waitFor();
    const destroyed = await page.getByTestId('erase-destroyed').innerText();
    assert.match(destroyed, /name, contact details/);
    assert.match(await page.getByTestId('erase-kept').innerText(), /HMRC/);
    await checkA11y(page, 'erase this person');
    await shot(page, 'erase-person', { fullPage: true });
    await page.getByTestId('erase-form').getByRole('button', { name: 'Erase this person' }).click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /cannot be undone/);
    await checkA11y(page, 'erase this person without "I understand"');
  });

  it('erase: the partner is "Erased contributor N", with nothing to edit', async () => {
    await page.getByLabel('I understand that this cannot be undone').check();
    await page.getByTestId('erase-form').getByRole('button', { name: 'Erase this person' }).click();
    const done = page.getByTestId('erase-done');
    await done.waitFor({ timeout: SYNC_MS });
    await checkA11y(page, 'erased');
    await open(page, partnerUrl);
    await page.locator('main h1', { hasText: /Erased contributor \d+/ }).waitFor();
    const main = await page.locator('main').innerText();
    for (const w of Object.values(partner)) assert.ok(!main.includes(w), `the partner's page still shows "${w}"`);
    assert.equal(await page.getByRole('button', { name: 'Log time' }).count(), 0, 'no Log time on an erased partner');
    assert.equal(await page.getByTestId('erase-section').count(), 0, 'no Erase on an erased partner');
    await checkA11y(page, 'an erased partner');
  });

  it('the due list: a partner whose agreement ended long ago, erased with "Erase now"', async () => {
    await open(page, '/people/new');
    await page.getByLabel('Name', { exact: true }).fill(due.name);
    await fillDate(page, 'Agreement start date', '2023-01-01');
    await fillDate(page, 'Agreement end date', '2024-01-31'); // 12 months after it (the default): due
    const consent = page.getByTestId('consent-section');
    await consent.getByLabel('Privacy notice version').fill('LEP notice v3');
    await consent.getByRole('radio', { name: 'Written (signed form)' }).check();
    await consent.getByLabel('Who gave consent').fill('Themselves');
    await consent.getByRole('checkbox', { name: 'Paying them' }).check(); // nothing is ticked in advance
    await page.getByRole('button', { name: 'Save Lived Experience Partner' }).click();
    await page.locator('main h1', { hasText: due.name }).waitFor();
    const dueId = /#\/people\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    assert.ok(dueId, `a partner page address: ${page.url()}`);

    await open(page, '/retention/due');
    const row = page.getByTestId('due-row').filter({ has: page.locator(`a[href$="/people/${dueId}/erase?from=due"]`) });
    await row.waitFor();
    assert.match(await row.innerText(), /Contributor details/);
    assert.ok(!(await page.locator('main').innerText()).includes(due.name), 'the due list names partners by pseudonym only');
    await checkA11y(page, 'records due for review');
    await shot(page, 'due-for-review', { fullPage: true });
    await row.getByTestId('erase-now').click();
    await page.locator('main h1', { hasText: `Erase ${due.name}` }).waitFor();
    await page.getByLabel('I understand that this cannot be undone').check();
    await page.getByTestId('erase-form').getByRole('button', { name: 'Erase this person' }).click();
    await page.getByTestId('erase-done').waitFor({ timeout: SYNC_MS });
    await open(page, '/retention/due');
    await page.locator('main h1').waitFor();
    await eventually(async () => (await page.locator(`a[href$="/people/${dueId}/erase?from=due"]`).count()) === 0, 'the erased partner leaves the due list');
  });

  it('after "Sync now", neither the laptop nor the server holds the details', async () => {
    await syncNow();
    const words = ['Qorvexa', 'qorvexa'];
    await eventually(async () => holds(server.dir, words).length === 0, `the server's data folder loses the details (${holds(server.dir, words)})`, SYNC_MS);
    if (process.env.E2E_DATA_DIR) {
      assert.deepEqual(holds(process.env.E2E_DATA_DIR, words), [], "the laptop's data folder still holds the details");
    }
  });

  it('tidy up: disconnect', async () => {
    await open(page, '/sync');
    await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await page.getByTestId('disconnect-confirm').getByRole('button', { name: 'Yes, disconnect' }).click();
    await page.getByTestId('connect-form').waitFor({ timeout: SYNC_MS });
  });
});
