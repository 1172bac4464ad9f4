// Phase 1, first of all (scripts/e2e.sh gives the app a new, empty data folder): the
// first-run welcome. It names the data folder, says the app works offline and how to
// connect to a server later; "Start using Involve" leads to Home and it never shows
// again. Then the About screen (from Settings). axe on both.
import { describe, it as test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE_URL } from '../lib/browser.mjs';
import { open, heading, shot, stepper } from '../lib/app.mjs';
import { checkA11y } from '../lib/axe.mjs';

describe('phase 1: first run', () => {
  let b, page;
  const it = stepper(test, () => page);
  before(async () => {
    b = await launch();
    page = await b.newPage();
  });
  after(async () => b && b.close());

  it('welcome on a fresh data folder', async () => {
    await page.goto(`${BASE_URL}/#/`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => Boolean(window.go && window.go.desktop && window.go.desktop.App), null, { timeout: 30000 });
    const h1 = page.locator('main h1').first();
    await h1.waitFor({ state: 'visible', timeout: 30000 });
    assert.equal((await h1.innerText()).trim(), 'Welcome to Involve');
    const dir = (await page.getByTestId('welcome-data-dir').innerText()).trim();
    if (process.env.E2E_DATA_DIR) assert.equal(dir, process.env.E2E_DATA_DIR);
    await page.getByRole('heading', { name: 'It works offline' }).waitFor();
    await page.getByRole('heading', { name: 'Sharing with your team later' }).waitFor();
    await shot(page, 'welcome');
    await checkA11y(page, 'welcome');
    // The name is asked for: starting without one is refused with the error summary.
    await page.getByRole('button', { name: 'Start using Involve' }).click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /Enter your name/);
    await checkA11y(page, 'welcome without a name');
    await page.getByLabel('Your name').fill('Amira K.');
    await page.getByRole('button', { name: 'Start using Involve' }).click();
    await page.getByTestId('welcome').waitFor({ state: 'detached' });
    await page.locator('main h1', { hasText: 'Home' }).waitFor();
  });

  it('not shown again (reload)', async () => {
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.locator('main h1').first().waitFor({ state: 'visible', timeout: 30000 });
    assert.equal(await heading(page), 'Home');
    assert.equal(await page.getByTestId('welcome').count(), 0);
  });

  it('the name given at first run is the one in Settings', async () => {
    await open(page, '/settings');
    assert.equal(await page.getByLabel('Your name').inputValue(), 'Amira K.');
  });

  it('about, from settings', async () => {
    await open(page, '/settings');
    await page.getByRole('link', { name: 'Version, licence and open-source components' }).click();
    await page.locator('main h1', { hasText: 'About Involve' }).waitFor();
    assert.ok((await page.getByTestId('about-version').innerText()).trim().length > 0);
    assert.match(await page.getByTestId('about-licence').innerText(), /MIT Licence/);
    // wails dev serves the frontend from Vite, without the build's licence list: either
    // the tables or the note that release builds carry them.
    await page.locator('[data-testid="components-go"], [data-testid="components-missing"]').first().waitFor();
    await checkA11y(page, 'about');
  });
});
