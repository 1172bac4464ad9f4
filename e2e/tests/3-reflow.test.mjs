// Phase 1, after the 1-* files: reflow and resize text (WCAG 1.4.10 and 1.4.4).
// Opens every main screen at 320 CSS px wide (1280 px at 400 % zoom), at 640 px wide
// (1280 px at 200 % zoom) and at 1280 px with the text at 200 % (the root font size, as a
// browser's "text only" zoom does), and fails when the page scrolls sideways
// (document.scrollingElement.scrollWidth > clientWidth) or a control is cut off: outside
// the viewport, hidden by a box that clips it, or a drop-down too narrow for its text.
// A wide table may scroll inside its own box (overflow-x: auto): that is not a failure.
// It also opens the header's "More" menu at 320 px and follows a link from it, and runs
// axe on the header with the menu open. Run alone (E2E_FILES=reflow) it seeds a project
// and a session with long names first, and a rate card and an action (deleted at the
// end), so that the tables have rows: every data table scrolls inside its own box
// (components/ScrollTable), never the page. The partners' screens need a passphrase:
// tests/6-people checks them the same way (lib/reflow.mjs).
import { describe, it as test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../lib/browser.mjs';
import { open, shot, stepper, today, fillDate } from '../lib/app.mjs';
import { checkA11y } from '../lib/axe.mjs';
import { MODES, reflowFailures } from '../lib/reflow.mjs';

const SCREENS = [
  ['Home', '/'],
  ['Sessions', '/sessions'],
  ['Projects', '/projects'],
  ['Actions', '/actions'],
  ['Themes', '/themes'],
  ['Reports', '/reports'],
  ['Board pack', '/board-pack'],
  ['People', '/people'],
  ['Requests', '/requests'],
  ['Settings', '/settings'],
  ['Sync', '/sync'],
  ['Search', '/search?q=library'],
  ['Session', () => `/sessions/${seeded.sessionId}`],
  ['Session write-up', () => `/sessions/${seeded.sessionId}/write-up`],
  ['Who came', () => `/sessions/${seeded.sessionId}/reach`],
  ['Project', () => `/projects/${seeded.projectId}`],
  ['Project write-up', () => `/projects/${seeded.projectId}/write-up`],
  ['Rate cards', '/people/rates'],
  ['Retention', '/settings/retention'],
  ['Due for review', '/retention/due'],
  ['Conflicts', '/sync/conflicts'],
  ['Rejected changes', '/sync/rejected'],
  ['About', '/about'],
];
// What the seed made (the routes above read it once it has run).
const seeded = { sessionId: '', projectId: '', rateId: '', actionId: '' };

describe('reflow and text size', () => {
  let b, page;
  const it = stepper(test, () => page);

  before(async () => {
    b = await launch();
    page = await b.newPage();
  });
  after(async () => {
    // Delete what this file made: phase 2 (tests/2-after-restart) counts one session,
    // and tests/6-people starts with no rate card.
    if (page) {
      await page
        .evaluate(async ({ sessionId, rateId, actionId }) => {
          const app = window.go.desktop.App;
          if (actionId) await app.DeleteAction(actionId);
          if (rateId) await app.DeleteRateCard(rateId);
          if (sessionId) await app.DeleteSession(sessionId);
        }, seeded)
        .catch(() => {});
    }
    if (b) await b.close();
  });

  it('seed: a project, a session, a rate card and an action with long words, so that the tables have rows', async () => {
    await open(page, '/');
    seeded.projectId = await page.evaluate(async () => {
      const app = window.go.desktop.App;
      const projects = await app.ListProjects();
      if (projects && projects.length) return projects[0].id;
      const p = await app.CreateProject({
        name: 'Community conversations about maternity services across south London boroughs',
        lead: 'Alexandra Featherstonehaugh-Montgomery',
        funder: '',
        startDate: '',
        endDate: '',
        aim: '',
        core20plus5: [],
        plusGroups: [],
        boroughs: [],
      });
      return p.id;
    });
    await open(page, '/sessions/new');
    await page.getByLabel('Session title').fill('Library drop-in at the Brixton Tate library with interpreters (reflow test)');
    await fillDate(page, 'Date', today());
    await page.getByRole('radio', { name: 'Outreach stall', exact: true }).check();
    await page.getByLabel('Borough', { exact: true }).selectOption({ label: 'Lambeth' });
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.locator('main h1', { hasText: 'reflow test' }).waitFor();
    seeded.sessionId = /#\/sessions\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    assert.ok(seeded.sessionId, `a session page address: ${page.url()}`);
    Object.assign(
      seeded,
      await page.evaluate(async (sessionId) => {
        const app = window.go.desktop.App;
        const rate = await app.CreateRateCard({
          unit: 'hour',
          amountPence: 2500,
          source: 'NHS England payment guidance for patient and public voice partners (reflow test)',
          effectiveFrom: '2020-01-01',
          effectiveTo: '2020-12-31',
        });
        const action = await app.CreateAction({
          sessionId,
          youSaid: 'The signposting from the bus stop to the library entrance was confusing for wheelchair users',
          weDid: 'Asked the council for dropped kerbs and bigger signs at both entrances (reflow test)',
          owner: 'Alexandra Featherstonehaugh-Montgomery',
          feedbackIds: [],
        });
        return { rateId: rate.id, actionId: action.id };
      }, seeded.sessionId),
    );
  });

  for (const mode of MODES) {
    it(`every main screen at ${mode.name}: no sideways scrolling, no control cut off`, async () => {
      const failures = await reflowFailures(page, SCREENS, mode);
      assert.deepEqual(failures, [], `at ${mode.name}:\n  ${failures.join('\n  ')}`);
    });
  }

  it('at 320 px a wide table scrolls in its own box, a named region that takes focus', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    await open(page, '/themes');
    const box = page.locator('.app-table-scroll[data-scrolls="true"]').first();
    await box.waitFor();
    assert.equal(await box.getAttribute('role'), 'region');
    assert.equal(await box.getAttribute('tabindex'), '0');
    assert.match((await box.getAttribute('aria-label')) || '', /scrolls sideways/);
    await checkA11y(page, 'themes at 320 px (the table scrolls)');
    await shot(page, 'reflow-320-themes');
  });

  it('at 320 px the header keeps what fits and puts the rest under "More"', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    await open(page, '/');
    const nav = page.getByRole('navigation', { name: 'Menu' });
    const more = nav.getByRole('button', { name: /More/ });
    await more.waitFor();
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    await more.click();
    assert.equal(await more.getAttribute('aria-expanded'), 'true');
    const settings = nav.getByRole('link', { name: 'Settings', exact: true });
    assert.ok(await settings.isVisible(), 'Settings is in the open "More" menu');
    await checkA11y(page, 'header with the "More" menu open', { include: 'header' });
    await shot(page, 'reflow-320-more');
    await page.keyboard.press('Escape');
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    assert.ok(!(await settings.isVisible()), 'Escape closes the menu');
    await more.click();
    await settings.click();
    await page.locator('main h1', { hasText: 'Settings' }).waitFor();
    assert.equal(await more.getAttribute('aria-expanded'), 'false', 'the menu closes after following a link');
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(page, '/');
    assert.equal(await nav.getByRole('button', { name: /More/ }).count(), 0, 'no "More" at 1280 px');
  });
});
