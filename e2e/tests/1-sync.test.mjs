// Phase 1, after 1-flow: sync with a real server, end to end.
//
// Starts its own `involve-server` (new data folder, a port the kernel picks), connects
// the app to it through Settings → Connect to server with an enrolment code, syncs a
// new session with "Sync now", and then makes a conflict with a second laptop on the
// command line (`involve connect|sync|export|import|status` on its own data folder):
// both laptops change the session's title before syncing. The app shows the conflict,
// a person picks the other value on the Conflicts screen, and the command-line laptop
// gets the resolution. axe-core on the Sync and Conflicts screens; screenshots sync.png
// and conflicts.png.
//
// It shares the app (and its data folder) with 1-flow and 2-after-restart: it touches
// only its own session (a unique title), and at the end deletes that session and
// disconnects, so that the counts and the "not connected" state the other files expect
// are as they left them.
import { describe, it as test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../lib/browser.mjs';
import { open, heading, shot, today, eventually, stepper, fillDate } from '../lib/app.mjs';
import { checkA11y } from '../lib/axe.mjs';
import { binaries, startServer, cliDevice } from '../lib/sync.mjs';

// scripts/e2e.sh gives the app a new data folder and this test a new server and a new
// command-line laptop, so these titles are unique (none is part of another: locators
// match text by substring). The pictures go to docs/img, hence real-looking titles.
const TEAM = 'E2E team';
const title = 'Carers drop-in at Brixton library';
const appTitle = 'Carers and families drop-in, Brixton'; // the edit made in the app
const cliTitle = 'Drop-in for young carers, Brixton library'; // the edit on the other laptop
const reEscape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Generous: the machine may be busy, and a sync is several HTTP round trips.
const SYNC_MS = 60000;

describe('phase 1: sync with a server', () => {
  let b, page, server, cli, sessionUrl, sessionId;
  const it = stepper(test, () => page);

  before(async () => {
    const bins = await binaries();
    server = await startServer(bins.server);
    await server.admin('team', 'add', TEAM);
    cli = cliDevice(bins.cli);
    b = await launch();
    page = await b.newPage();
  });

  after(async () => {
    if (b) await b.close();
    if (server) await server.stop();
    if (cli) cli.remove();
  });

  const bar = () => page.getByTestId('sync-status');
  const barText = async () => (await page.getByTestId('sync-status-text').innerText()).trim();
  const summaryRow = (name) => page.getByTestId('sync-summary').locator('.nhsuk-summary-list__row', { hasText: name });

  /** Header says synced, nothing waiting. */
  async function isSynced() {
    return (await bar().getAttribute('data-state')) === 'idle' && /^Synced/.test(await barText()) && !/waiting/.test(await barText());
  }

  /**
   * On the Sync screen, presses "Sync now" until done() holds (a background sync may be
   * running when it is pressed: "Sync now" then joins it, and it may have started before
   * the change to send was made). Fails after SYNC_MS.
   */
  async function syncNowUntil(done, what) {
    if (!/#\/sync$/.test(page.url())) await open(page, '/sync');
    const button = page.getByRole('button', { name: 'Sync now', exact: true });
    const end = Date.now() + SYNC_MS;
    let presses = 0;
    while (Date.now() < end) {
      await button.click({ timeout: Math.max(1000, end - Date.now()) }); // waits while a sync runs
      presses++;
      try {
        await eventually(async () => (await button.isEnabled()) && (await done()), what, Math.min(20000, Math.max(1000, end - Date.now())));
        return presses;
      } catch (e) {
        if (Date.now() >= end) throw e;
      }
    }
    throw new Error(`timed out after ${SYNC_MS} ms waiting until ${what}`);
  }

  it('sync: connect to the server with an enrolment code', async () => {
    const code = await server.enrol(TEAM);
    await open(page, '/settings');
    await page.getByTestId('settings-sync').getByRole('link', { name: 'Connect to server' }).click();
    await page.locator('main h1', { hasText: 'Sync with your team' }).waitFor();
    const form = page.getByTestId('connect-form');
    await form.getByLabel('Server address').fill(server.url);
    await form.getByLabel('Enrolment code').fill(code);
    await form.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('heading', { name: 'Connected', level: 2 }).waitFor({ timeout: SYNC_MS });
    const summary = page.getByTestId('sync-summary');
    assert.match(await summary.innerText(), new RegExp(reEscape(server.url)));
    assert.match(await summaryRow('Team').innerText(), /E2E team/);
    await eventually(async () => (await bar().getAttribute('data-state')) !== 'not_connected', 'the header shows a connected state', 10000);
    // The header link changes from "Connect to server" to "Sync details".
    await bar().getByRole('link', { name: 'Sync details' }).waitFor();
  });

  it('sync: a new session is sent with "Sync now"', async () => {
    await open(page, '/sessions/new');
    await page.getByLabel('Session title').fill(title);
    await fillDate(page, 'Date', today());
    await page.getByRole('radio', { name: 'Workshop', exact: true }).check();
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.locator('main h1', { hasText: title }).waitFor();
    sessionUrl = page.url();
    sessionId = /#\/sessions\/([0-9a-f-]{36})$/.exec(sessionUrl)?.[1];
    assert.ok(sessionId, `a session page address: ${sessionUrl}`);

    await open(page, '/sync');
    await syncNowUntil(
      async () => (await isSynced()) && (await summaryRow('Changes waiting').innerText()).includes('None'),
      'the header says "Synced…" with no changes waiting, and the summary "Changes waiting: None"',
    );
    assert.equal(await bar().getAttribute('data-state'), 'idle');
    assert.match(await barText(), /^Synced/);
    assert.match(await summaryRow('Last synced').innerText(), /just now/);
    assert.match(await summaryRow('Conflicts').innerText(), /None/);
    // "Sync now" keeps the focus (and the page scrolled to it): the picture shows the top.
    await page.evaluate(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
    });
    await shot(page, 'sync', { noFlash: true });
    await checkA11y(page, 'sync: connected and synced');
  });

  it('sync: a second laptop (command line) connects and gets the session', async () => {
    const code = await server.enrol(TEAM);
    const out = await cli.run('connect', server.url, code);
    assert.match(out, /connected to .*team E2E team/);
    assert.match(await cli.run('sync'), /^sync: /m);
    const line = (await cli.exportLines()).find((l) => l.includes('"kind":"session"') && l.includes(JSON.stringify(title)));
    assert.ok(line, `the command-line laptop has the session "${title}" after its sync`);
  });

  it('sync: the same title is changed on both laptops before they sync', async () => {
    // Command-line laptop: export, change the title in the session's line, import it
    // back. The import writes an outbox entry with the stored revision as its base and
    // the line's revision as the new one, like an edit: base + 1, so it is concurrent
    // with the app's edit and loses to it (the app's revision is a clock value, far
    // higher): the server keeps the app's title and records the other as a conflict,
    // whichever laptop syncs first. Revisions exceed 2^53: edited as text, not numbers.
    const lines = await cli.exportLines();
    const header = JSON.parse(lines[0]);
    const line = lines.find((l) => l.includes('"kind":"session"') && l.includes(JSON.stringify(title)));
    assert.ok(line);
    const rev = BigInt(/"rev":(\d+)/.exec(line)[1]);
    const edited = line
      .replace(/"rev":\d+/, `"rev":${rev + 1n}`)
      .replace(JSON.stringify(title), JSON.stringify(cliTitle))
      .replace(/"deviceId":"[^"]*"/, `"deviceId":${JSON.stringify(header.deviceId)}`)
      .replace(/"updatedAt":"[^"]*"/, `"updatedAt":${JSON.stringify(new Date().toISOString())}`);
    const file = join(cli.dir, 'edit.jsonl');
    writeFileSync(file, `${lines[0]}\n${edited}\n`);
    assert.match(await cli.run('import', file), /1 written/);
    assert.equal((await cli.status()).pending, 1, 'the command-line laptop has 1 change waiting');

    // The app: edit the title through the session form.
    await page.goto(sessionUrl);
    await page.locator('main h1', { hasText: title }).waitFor();
    await page.getByTestId('session-actions').getByRole('link', { name: 'Edit' }).or(
      page.getByTestId('session-actions').getByRole('button', { name: 'Edit' }),
    ).click();
    const field = page.getByLabel('Session title');
    await eventually(async () => (await field.inputValue()) === title, 'the form shows the title', 10000);
    await field.fill(appTitle);
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.locator('main h1', { hasText: appTitle }).waitFor();

    // The command-line laptop syncs first, then the app.
    const out = await cli.run('sync');
    assert.match(out, /pushed 1 /, `the command-line laptop sent its change: ${out}`);
    await open(page, '/sync');
    await syncNowUntil(
      async () => (await isSynced()) && (await bar().getByTestId('sync-status-conflicts').count()) === 1,
      'the header says "Synced…" and shows a conflicts tag',
    );
    assert.match(await bar().getByTestId('sync-status-conflicts').innerText(), /^1 conflict$/);
    assert.match(await summaryRow('Conflicts').innerText(), /1 conflict to resolve/);
  });

  it('sync: the conflict is shown and resolved on the Conflicts screen', async () => {
    await bar().getByTestId('sync-status-conflicts').click();
    await page.locator('main h1', { hasText: 'Conflicts' }).waitFor();
    const item = page.getByTestId('conflict-item').filter({ hasText: cliTitle }).filter({ hasText: appTitle });
    await item.waitFor({ timeout: 15000 });
    assert.equal(await item.count(), 1);
    const id = await item.getAttribute('data-conflict-id');
    assert.ok(id);
    assert.match(await item.locator('h3').innerText(), /title/i);
    // The app's edit has the higher revision: its title is in the record.
    assert.equal((await item.getByTestId('conflict-winner').getByTestId('conflict-value').innerText()).trim(), appTitle);
    assert.equal((await item.getByTestId('conflict-loser').getByTestId('conflict-value').innerText()).trim(), cliTitle);
    const record = page.getByTestId('conflict-record').filter({ has: page.locator(`[data-conflict-id="${id}"]`) });
    assert.match(await record.locator('h2').innerText(), new RegExp(reEscape(appTitle)));
    await shot(page, 'conflicts', { noFlash: true });
    await checkA11y(page, 'sync: conflicts');

    await item.getByRole('button', { name: 'Use the other' }).click();
    const open_ = page.locator(`[data-testid="conflict-item"][data-conflict-id="${id}"]`);
    await eventually(async () => (await open_.count()) === 0, 'the conflict leaves the open list', 15000);
    const resolved = page.getByTestId('resolved-conflicts');
    await eventually(async () => (await resolved.textContent()).includes(cliTitle), 'the resolved list shows the value used', 10000);
    await checkA11y(page, 'sync: conflicts after resolving');

    // The record has the other laptop's title now, and the resolution is sent.
    await page.goto(sessionUrl);
    await page.locator('main h1', { hasText: cliTitle }).waitFor();
    await open(page, '/sync');
    await syncNowUntil(
      async () =>
        (await isSynced()) &&
        (await bar().getByTestId('sync-status-conflicts').count()) === 0 &&
        (await summaryRow('Changes waiting').innerText()).includes('None'),
      'synced, nothing waiting, no conflicts tag',
    );
    assert.match(await summaryRow('Conflicts').innerText(), /None/);
  });

  it('sync: the command-line laptop gets the resolution', async () => {
    await cli.run('sync');
    const st = await cli.status();
    assert.equal(st.conflicts, 0, 'no open conflicts on the command-line laptop');
    assert.equal(st.pending, 0, 'nothing waiting on the command-line laptop');
    assert.equal(st.rejected, 0, 'no rejected changes on the command-line laptop');
    const line = (await cli.exportLines()).find((l) => l.includes('"kind":"session"') && l.includes(`"id":"${sessionId}"`));
    assert.ok(line, 'the command-line laptop has the session');
    assert.equal(JSON.parse(line).title, cliTitle);
  });

  it('sync: tidy up (delete the session, sync, disconnect)', async () => {
    // 2-after-restart counts one session and expects no server: leave it so.
    await page.goto(sessionUrl);
    await page.locator('main h1', { hasText: cliTitle }).waitFor();
    await page.getByTestId('session-actions').getByRole('button', { name: 'Delete' }).click();
    await page.locator('main h1', { hasText: 'Home' }).waitFor();
    await open(page, '/sync');
    await syncNowUntil(
      async () => (await isSynced()) && (await summaryRow('Changes waiting').innerText()).includes('None'),
      'the deletion is sent',
    );
    await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await page.getByTestId('disconnect-confirm').getByRole('button', { name: 'Yes, disconnect' }).click();
    await page.getByTestId('connect-form').waitFor();
    await eventually(async () => (await bar().getAttribute('data-state')) === 'not_connected', 'the header says not connected', 10000);
    assert.equal(await heading(page), 'Sync with your team');
  });
});
