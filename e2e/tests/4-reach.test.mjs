// Phase 1, after the 1-* files (1-flow made a project, one session today and six
// feedback items): "Who came" — a session's attendance tally through the UI against the real Go
// store. Adds a session with 20 attendees to 1-flow's project, counts people with the
// − / + buttons and the number boxes (keys too), sees the warning when a question does
// not add up to the total, adds an anonymous attendee profile, reloads the page and
// finds everything kept, corrects the counts until the warning goes, sees the project's
// reach, and runs axe on the screen. On the way it checks that the totals and the list
// of questions (the contents) stay in view far down the page at 1366×650, that a
// question's link and ↑/↓ in its box work, and that Tab skips the − / + buttons: the
// page has fewer than TAB_STOPS_MAX tab stops (measured: 151 at 1280×900 with every
// count at 0; 247 before the buttons left the tab order, one more for each count above
// 0). At the end it deletes its session: phase 2 counts
// 1 session and 6 feedback items. Run alone (E2E_FILTER='who came'), with no project
// from 1-flow, it makes a session without a project and skips the project page.
import { describe, it as test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { launch } from '../lib/browser.mjs';
import { open, shot, eventually, stepper, today, waitReady, loadState, fillDate } from '../lib/app.mjs';
import { checkA11y } from '../lib/axe.mjs';

const title = 'Library drop-in (reach test)';
const TAB_STOPS_MAX = 175;

/**
 * Presses Tab round the whole page, up to `max` times, and returns what took the focus
 * in order, once each (a label per element: its aria-label, else its tag, id and text).
 * A listener in the page notes each focus, so that a press costs one round trip; the
 * walk ends when an element comes round again (not found within max presses: the list
 * is max long).
 */
async function walkTabs(page, max) {
  await page.evaluate(() => {
    window.__tabWalk = [];
    window.__tabWalkSeen = new Set();
    window.__tabWalkListener = (e) => {
      const el = e.target;
      if (!(el instanceof HTMLElement) || window.__tabWalkDone) return;
      if (window.__tabWalkSeen.has(el)) {
        window.__tabWalkDone = true;
        return;
      }
      window.__tabWalkSeen.add(el);
      window.__tabWalk.push(`${el.tagName.toLowerCase()}#${el.id} ${el.getAttribute('aria-label') || (el.innerText || '').trim().slice(0, 30)}`);
    };
    window.__tabWalkDone = false;
    document.addEventListener('focusin', window.__tabWalkListener);
  });
  for (let i = 0; i < max + 5; i++) {
    await page.keyboard.press('Tab');
    if (i % 20 === 19 && (await page.evaluate(() => window.__tabWalkDone))) break;
  }
  return page.evaluate(() => {
    document.removeEventListener('focusin', window.__tabWalkListener);
    return window.__tabWalk;
  });
}

describe('who came', () => {
  let b, page, sessionUrl, projectName;
  const it = stepper(test, () => page);

  const group = (name) => page.getByRole('group', { name, exact: true });
  const box = (question, answer) => group(question).getByRole('spinbutton', { name: answer, exact: true });
  const warnings = () => page.getByTestId('tally-warnings');
  const saved = () =>
    eventually(async () => /^Saved at/.test((await page.getByTestId('tally-status').innerText()).trim()), 'the tally status says "Saved at…"', 15000);

  before(async () => {
    b = await launch();
    page = await b.newPage();
    try {
      projectName = (process.env.E2E_STATE && existsSync(process.env.E2E_STATE) && loadState().projectName) || '';
    } catch {
      projectName = '';
    }
  });
  after(async () => b && b.close());

  it('seed: a session with 20 attendees', async () => {
    if (projectName) {
      await open(page, '/projects');
      await page.getByRole('link', { name: projectName }).click();
      await page.locator('main h1', { hasText: projectName }).waitFor();
      await page.getByRole('button', { name: 'Add a session to this project' }).click();
    } else {
      await open(page, '/sessions/new');
    }
    await page.getByLabel('Session title').fill(title);
    await fillDate(page, 'Date', today());
    await page.getByRole('radio', { name: 'Outreach stall', exact: true }).check();
    await page.getByLabel('Borough', { exact: true }).selectOption({ label: 'Lambeth' });
    await page.getByLabel('Total attendees').fill('20');
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.locator('main h1', { hasText: title }).waitFor();
    sessionUrl = page.url();
  });

  it('the session page leads to the tally screen', async () => {
    const section = page.getByTestId('who-came');
    await section.getByText('Total attendees').waitFor();
    assert.match(await section.innerText(), /Total attendees\s+20/);
    await section.getByRole('button', { name: 'Record who came' }).click();
    await page.locator('main h1', { hasText: 'Who came' }).waitFor();
    assert.match(page.url(), /#\/sessions\/[0-9a-f-]{36}\/reach$/);
    assert.equal(await box('Totals', 'Total attendees').inputValue(), '20');
    await checkA11y(page, 'who came (empty)');
  });

  it('the totals and the questions stay in view down the page; Tab skips the − and + buttons', async () => {
    await page.setViewportSize({ width: 1366, height: 650 });
    const contents = page.getByRole('navigation', { name: 'Who came so far' });
    const inView = () =>
      contents.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.height > 100 && r.top >= -1 && r.bottom <= window.innerHeight + 1;
      });
    // the last question, far down: its link puts the cursor in its first box
    const plusLink = contents.getByRole('link', { name: /^PLUS groups/ });
    await plusLink.click();
    const plusBox = group('PLUS groups').getByRole('spinbutton').first();
    await eventually(async () => plusBox.evaluate((el) => el === document.activeElement), 'the first PLUS groups box has the focus');
    const y = await page.evaluate(() => window.scrollY);
    assert.ok(y > 4000, `the page scrolled far down (scrollY ${y})`);
    assert.ok(await inView(), 'the contents are in view beside the last question');
    assert.equal(await plusLink.getAttribute('aria-current'), 'location');
    assert.match(await contents.innerText(), /Total attendees\s+20\s+Forms returned\s+0\s+Attendee profiles\s+0/);
    // ↑ and ↓ in the box count, and the contents follow
    await plusBox.press('ArrowUp');
    await eventually(async () => /1 counted/.test(await plusLink.innerText()), 'the contents say "PLUS groups 1 counted"');
    await plusBox.press('ArrowDown');
    await eventually(async () => /0 counted/.test(await plusLink.innerText()), 'back to "PLUS groups 0 counted"');
    // the very end of the page: still in view
    await page.evaluate(() => window.scrollTo(0, document.scrollingElement.scrollHeight));
    assert.ok(await inView(), 'the contents are in view at the end of the page');
    await shot(page, 'reach-contents');

    // Tab round the page: no − / + button takes the focus, and far fewer stops
    await page.setViewportSize({ width: 1280, height: 900 });
    const stops = await walkTabs(page, TAB_STOPS_MAX);
    const buttons = stops.filter((s) => /(Add|Remove) one:/.test(s));
    assert.deepEqual(buttons, [], 'Tab skips the − and + buttons');
    assert.ok(stops.some((s) => s.startsWith('input#t-plusGroups-')), 'Tab reaches the number boxes');
    assert.ok(stops.length < TAB_STOPS_MAX, `${stops.length} tab stops (at most ${TAB_STOPS_MAX - 1}): ${stops.join('; ')}`);
    console.log(`who came: ${stops.length} tab stops, page ${await page.evaluate(() => document.scrollingElement.scrollHeight)} px tall at 1280×900`);
  });

  it('counts with the buttons, the number box and the keys; warns when a question does not add up', async () => {
    const add = group('Age band').getByRole('button', { name: 'Add one: 25 to 34', exact: true });
    for (let i = 0; i < 4; i++) await add.click();
    await group('Age band').getByRole('button', { name: 'Remove one: 25 to 34', exact: true }).click();
    assert.equal(await box('Age band', '25 to 34').inputValue(), '3');

    const young = box('Age band', '18 to 24');
    await young.fill('12');
    await young.press('ArrowUp');
    await young.press('ArrowUp');
    await young.press('ArrowDown');
    assert.equal(await young.inputValue(), '13');
    await young.press('ArrowDown');
    assert.equal(await young.inputValue(), '12');

    // 12 + 3 = 15 of 20: a warning, and the counts are saved all the same
    await warnings().waitFor();
    assert.match(await warnings().innerText(), /Age band adds up to 15, but the total attendees is 20/);
    assert.match(await page.getByTestId('tally-sum-ageBand').innerText(), /Adds up to 15 of 20 attendees/);

    await group('Sex').getByRole('radio', { name: 'Estimated', exact: true }).check();
    await box('Sex', 'Female').fill('11');
    await box('Sex', 'Male').fill('9');
    await box('Totals', 'Forms returned').fill('1');
    await saved();
    assert.doesNotMatch(await warnings().innerText(), /Sex adds up/);
  });

  it('adds an anonymous attendee profile', async () => {
    await page.getByRole('button', { name: 'Add a profile' }).click();
    const form = page.getByTestId('profile-form');
    await form.waitFor();
    await form.getByRole('group', { name: 'Age band', exact: true }).getByRole('radio', { name: '25 to 34', exact: true }).check();
    await form.getByLabel('Ethnic group', { exact: true }).selectOption({ label: 'African' });
    await form.getByRole('group', { name: 'Sexual orientation', exact: true }).getByRole('radio', { name: 'Prefer not to say', exact: true }).check();
    await form.getByRole('group', { name: 'IMD decile where they live', exact: true }).getByRole('radio', { name: '2', exact: true }).check();
    await checkA11y(page, 'who came: profile form');
    await form.getByRole('button', { name: 'Save profile' }).click();
    const item = page.getByTestId('profile-item');
    await item.first().waitFor();
    assert.equal(await item.count(), 1);
    assert.match(await item.first().innerText(), /25 to 34; African; Sexual orientation: prefer not to say; IMD decile 2/);
    // the profile counts in the questions too: age 16 of 20, sex 21 of 20
    await eventually(async () => /Age band adds up to 16/.test(await warnings().innerText()), 'the age warning counts the profile');
    assert.match(await warnings().innerText(), /Sex adds up to 21, but the total attendees is 20/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'reach');
    await checkA11y(page, 'who came (with warnings and a profile)');
  });

  it('reload: the counts, the basis and the profile are kept', async () => {
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitReady(page);
    await page.locator('main h1', { hasText: 'Who came' }).waitFor();
    await group('Age band').waitFor();
    assert.equal(await box('Age band', '18 to 24').inputValue(), '12');
    assert.equal(await box('Age band', '25 to 34').inputValue(), '3');
    assert.equal(await box('Sex', 'Female').inputValue(), '11');
    assert.equal(await box('Totals', 'Forms returned').inputValue(), '1');
    assert.ok(await group('Sex').getByRole('radio', { name: 'Estimated', exact: true }).isChecked(), 'sex is still estimated');
    assert.equal(await page.getByTestId('profile-item').count(), 1);
    assert.match(await warnings().innerText(), /Age band adds up to 16/);
  });

  it('corrected counts clear the warning', async () => {
    await box('Age band', 'Prefer not to say').fill('4');
    await group('Sex').getByRole('button', { name: 'Remove one: Female', exact: true }).click();
    await eventually(async () => (await warnings().count()) === 0, 'the warning has gone');
    await saved();
    assert.match(await page.getByTestId('tally-sum-ageBand').innerText(), /Adds up to 20 of 20 attendees \(19 counted here, 1 from profiles\)/);
    await checkA11y(page, 'who came (adds up)');
  });

  it('the session page and the project page show the reach', async () => {
    await page.goto(sessionUrl);
    await page.locator('main h1', { hasText: title }).waitFor();
    const section = page.getByTestId('who-came');
    await eventually(async () => /Attendee profiles\s+1/.test(await section.innerText()), 'the session page counts 1 profile');
    if (!projectName) return;
    await page.getByTestId('session-summary').getByRole('link', { name: projectName }).click();
    await page.locator('main h1', { hasText: projectName }).waitFor();
    const reach = page.getByTestId('project-reach');
    await reach.getByText('People reached').waitFor();
    assert.match(await reach.innerText(), /Boroughs covered\s+Lambeth/);
    await checkA11y(page, 'project page with reach');
  });

  it('tidy up: delete the session', async () => {
    await page.goto(sessionUrl);
    await page.locator('main h1', { hasText: title }).waitFor();
    await page.getByTestId('session-actions').getByRole('button', { name: 'Delete' }).click();
    await page.locator('main h1', { hasText: 'Home' }).waitFor();
  });
});
