// Reflow and text size checks shared by e2e files (WCAG 1.4.10 and 1.4.4): the three
// ways a screen is opened (320 CSS px wide, 640 px wide, text at 200 %) and what is
// wrong with its layout. Used by tests/3-reflow (the main screens) and tests/6-people
// (the partners' screens, which need a partner and so a passphrase).
import { open } from './app.mjs';

export const MODES = [
  { name: '320 px wide', viewport: { width: 320, height: 640 }, text: '' },
  { name: '640 px wide (200 % zoom)', viewport: { width: 640, height: 450 }, text: '' },
  { name: '200 % text', viewport: { width: 1280, height: 900 }, text: '200%' },
];

/** Runs in the page: what is wrong with the layout now (empty list: nothing). */
export function layoutProblems() {
  const problems = [];
  const root = document.scrollingElement || document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    // Name what sticks out: the innermost elements past the right edge, outside any box
    // that scrolls sideways itself.
    const edge = root.clientWidth + 1;
    const inScroller = (el) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const ox = getComputedStyle(a).overflowX;
        if (ox === 'auto' || ox === 'scroll') return true;
      }
      return false;
    };
    const wide = [...document.body.querySelectorAll('*')].filter(
      (el) => !el.closest('[aria-hidden="true"]') && el.getBoundingClientRect().right > edge && !inScroller(el),
    );
    const leaves = wide.filter((el) => !wide.some((o) => o !== el && el.contains(o))).slice(0, 3);
    const what = leaves.map((el) => {
      const r = el.getBoundingClientRect();
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.innerText || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `<${el.tagName.toLowerCase()}${cls}> "${text}" (width ${Math.round(r.width)}, right ${Math.round(r.right)})`;
    });
    problems.push(
      `the page scrolls sideways (scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth})${what.length ? `: ${what.join('; ')}` : ''}`,
    );
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

/** Opens each [label, route] in every mode and returns what failed, one line per screen
 * (empty: nothing). Routes may be functions, called once the seed has run. */
export async function reflowFailures(page, screens, mode) {
  await page.setViewportSize(mode.viewport);
  const failures = [];
  for (const [label, to] of screens) {
    const route = typeof to === 'function' ? to() : to;
    await open(page, route);
    await page.evaluate((size) => {
      document.documentElement.style.fontSize = size;
    }, mode.text);
    // Let resize observers (the header's "More" menu, wide tables) and reports finish.
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 15000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const problems = await page.evaluate(layoutProblems);
    if (problems.length) failures.push(`${label} (${route}):\n    ${problems.join('\n    ')}`);
  }
  await page.evaluate(() => {
    document.documentElement.style.fontSize = '';
  });
  return failures;
}
