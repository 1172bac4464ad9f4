// Phase 1, after the 1-* files: reflow and resize text (WCAG 1.4.10 and 1.4.4).
// Opens every main screen at 320 CSS px wide (1280 px at 400 % zoom), at 640 px wide
// (1280 px at 200 % zoom) and at 1280 px with the text at 200 % (the root font size, as a
// browser's "text only" zoom does), and fails when the page scrolls sideways
// (document.scrollingElement.scrollWidth > clientWidth) or a control is cut off: outside
// the viewport, hidden by a box that clips it, or a drop-down too narrow for its text.
// A wide table may scroll inside its own box (overflow-x: auto): that is not a failure.
// It also opens the header's "More" menu at 320 px and follows a link from it, and runs
// axe on the header with the menu open. Run alone (E2E_FILES=reflow) it seeds a project
// and a session with long names first, so that the tables have rows.
import { describe, it as test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../lib/browser.mjs';
import { open, shot, stepper, today, fillDate } from '../lib/app.mjs';
import { checkA11y } from '../lib/axe.mjs';

const SCREENS = [
  ['Home', '/'],
  ['Sessions', '/sessions'],
  ['Projects', '/projects'],
  ['Actions', '/actions'],
  ['Themes', '/themes'],
  ['Reports', '/reports'],
  ['People', '/people'],
  ['Requests', '/requests'],
  ['Settings', '/settings'],
  ['Sync', '/sync'],
  ['Search', '/search?q=library'],
];

const MODES = [
  { name: '320 px wide', viewport: { width: 320, height: 640 }, text: '' },
  { name: '640 px wide (200 % zoom)', viewport: { width: 640, height: 450 }, text: '' },
  { name: '200 % text', viewport: { width: 1280, height: 900 }, text: '200%' },
];

/** Runs in the page: what is wrong with the layout now (empty list: nothing). */
function layoutProblems() {
  const problems = [];
  const root = document.scrollingElement || document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    problems.push(`the page scrolls sideways (scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth})`);
  }
  const vw = document.documentElement.clientWidth;
  const name = (el) => {
    const text = (el.getAttribute('aria-label') || el.innerText || el.value || el.id || '').trim().replace(/\s+/g, ' ');
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> "${text.slice(0, 40)}"`;
  };
  const controls = document.querySelectorAll(
    'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])',
  );
  for (const el of controls) {
    if (el.closest('[hidden], [aria-hidden="true"]')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue; // visually hidden (skip link, labels)
    // A control inside a box that scrolls sideways is reachable: the box scrolls.
    let scroller = null;
    let clipper = null;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if (ox === 'auto' || ox === 'scroll') {
        scroller = a;
        break;
      }
      if ((ox === 'hidden' || ox === 'clip') && !clipper) clipper = a;
    }
    if (scroller) continue;
    if (r.left < -1 || r.right > vw + 1) {
      problems.push(`${name(el)} is cut off by the window (left ${Math.round(r.left)}, right ${Math.round(r.right)}, width ${vw})`);
      continue;
    }
    if (clipper) {
      const c = clipper.getBoundingClientRect();
      if (c.width > 1 && (r.left < c.left - 1 || r.right > c.right + 1)) {
        problems.push(`${name(el)} is cut off by its container <${clipper.tagName.toLowerCase()} class="${clipper.className}">`);
        continue;
      }
    }
    if (el.tagName === 'SELECT' && el.selectedIndex >= 0) {
      // The chosen option's text must fit in the box beside the arrow.
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = ctx.measureText(el.options[el.selectedIndex].text).width;
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (text > room + 1) {
        problems.push(`${name(el)}: its text "${el.options[el.selectedIndex].text}" is cut (needs ${Math.round(text)} px, has ${Math.round(room)})`);
      }
    } else if ((el.tagName === 'BUTTON' || el.tagName === 'A') && el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'visible') {
      problems.push(`${name(el)}: its text is cut`);
    }
  }
  return problems;
}

describe('reflow and text size', () => {
  let b, page, sessionId;
  const it = stepper(test, () => page);

  before(async () => {
    b = await launch();
    page = await b.newPage();
  });
  after(async () => {
    // Delete the session this file made: phase 2 (tests/2-after-restart) counts one.
    if (page && sessionId) {
      await page.evaluate((id) => window.go.desktop.App.DeleteSession(id), sessionId).catch(() => {});
    }
    if (b) await b.close();
  });

  it('seed: a project and a session with long names, so that the tables have rows', async () => {
    await open(page, '/');
    await page.evaluate(async () => {
      const app = window.go.desktop.App;
      const projects = await app.ListProjects();
      if (projects && projects.length) return;
      await app.CreateProject({
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
    });
    await open(page, '/sessions/new');
    await page.getByLabel('Session title').fill('Library drop-in at the Brixton Tate library with interpreters (reflow test)');
    await fillDate(page, 'Date', today());
    await page.getByRole('radio', { name: 'Outreach stall', exact: true }).check();
    await page.getByLabel('Borough', { exact: true }).selectOption({ label: 'Lambeth' });
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.locator('main h1', { hasText: 'reflow test' }).waitFor();
    sessionId = /#\/sessions\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    assert.ok(sessionId, `a session page address: ${page.url()}`);
  });

  for (const mode of MODES) {
    it(`every main screen at ${mode.name}: no sideways scrolling, no control cut off`, async () => {
      await page.setViewportSize(mode.viewport);
      const failures = [];
      for (const [label, route] of SCREENS) {
        await open(page, route);
        await page.evaluate((size) => {
          document.documentElement.style.fontSize = size;
        }, mode.text);
        // Let resize observers (the header's "More" menu) and reports finish.
        await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 15000 });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const problems = await page.evaluate(layoutProblems);
        if (problems.length) failures.push(`${label} (${route}):\n    ${problems.join('\n    ')}`);
      }
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '';
      });
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
