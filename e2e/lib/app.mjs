// Helpers to drive the Involve UI served by `wails dev` (hash routes, Go bindings).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_URL, SHOT_DIR } from './browser.mjs';

/** Opens a hash route ("/", "/projects", ...) and waits until the app has rendered it. */
export async function open(page, route = '/') {
  const url = `${BASE_URL}/#${route.startsWith('/') ? route : `/${route}`}`;
  // The first page after a restart of wails dev is compiled by Vite on demand: on a
  // loaded 2-core CI machine that alone can take more than Playwright's 15 s default.
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
  await waitReady(page);
}

/**
 * Waits for the Go bindings (window.go.desktop.App, injected by wails dev) and for the app
 * shell: the <main> landmark with a level-1 heading.
 */
export async function waitReady(page) {
  await page.waitForFunction(() => Boolean(window.go && window.go.desktop && window.go.desktop.App), null, {
    timeout: 30000,
  });
  await page.locator('main h1').first().waitFor({ state: 'visible', timeout: 30000 });
  await passWelcome(page);
}

/**
 * The first-run welcome shows once per data folder (tests/1-0-welcome.test.mjs checks it
 * for real, first). A test run alone (E2E_FILTER) on a fresh folder meets it too: this
 * gives a name and clicks "Start using Involve" like a person would, and waits for the screen behind it.
 */
export async function passWelcome(page) {
  const welcome = page.getByTestId('welcome');
  if (!(await welcome.count())) return;
  await welcome.getByLabel('Your name').fill('E2E Tester');
  await page.getByRole('button', { name: 'Start using Involve' }).click();
  await welcome.waitFor({ state: 'detached', timeout: 10000 });
  await page.locator('main h1').first().waitFor({ state: 'visible', timeout: 30000 });
}

/** Level-1 heading text of the current screen. */
export async function heading(page) {
  return (await page.locator('main h1').first().innerText()).trim();
}

/**
 * Saves a screenshot (the viewport, or the whole page) to build/screenshots/NAME.png.
 * noFlash: first wait (up to 12 s) for the "saved" banner to go, for pictures in the docs.
 */
export async function shot(page, name, { fullPage = false, noFlash = false } = {}) {
  mkdirSync(SHOT_DIR, { recursive: true });
  if (noFlash) {
    await page.getByTestId('flash').waitFor({ state: 'detached', timeout: 12000 }).catch(() => {});
  }
  const path = join(SHOT_DIR, `${name}.png`);
  // Let fonts and pending renders settle so the picture is stable.
  await page.evaluate(() => document.fonts && document.fonts.ready);
  await page.screenshot({ path, fullPage, animations: 'disabled', caret: 'hide' });
  return path;
}

/** State handed from phase 1 (before the restart) to phase 2 (after it). */
const STATE = process.env.E2E_STATE || join(process.cwd(), '.e2e-state.json');
export function saveState(obj) {
  const prev = existsSync(STATE) ? JSON.parse(readFileSync(STATE, 'utf8')) : {};
  writeFileSync(STATE, JSON.stringify({ ...prev, ...obj }, null, 2));
}
export function loadState() {
  if (!existsSync(STATE)) throw new Error(`no state file ${STATE}: run phase 1 first`);
  return JSON.parse(readFileSync(STATE, 'utf8'));
}

/** A short unique word for this run, so that searches find exactly what we made. */
export function uniqueWord(prefix = 'zq') {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

/** Today's date as YYYY-MM-DD in local time (what fillDate takes). */
export function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * Fills an NHS.UK date input: the Day, Month and Year boxes of the group (fieldset)
 * whose legend is `name`, inside `scope` (a page or a locator). `iso` is YYYY-MM-DD,
 * typed as the person would ("6", "12", "2026"), or "" to empty the three boxes.
 */
export async function fillDate(scope, name, iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m && iso !== '') throw new Error(`fillDate: ${iso} is not YYYY-MM-DD`);
  const [day, month, year] = m ? [String(Number(m[3])), String(Number(m[2])), m[1]] : ['', '', ''];
  const group = scope.getByRole('group', { name, exact: true });
  await group.getByLabel('Day', { exact: true }).fill(day);
  await group.getByLabel('Month', { exact: true }).fill(month);
  await group.getByLabel('Year', { exact: true }).fill(year);
}

/** Polls fn until it returns true; fails with a clear message after ms. */
export async function eventually(fn, what, ms = 10000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      if (await fn()) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${ms} ms waiting until ${what}${last ? ` (last error: ${last.message})` : ''}`);
}

/**
 * step(getPage) returns a replacement for node:test's `it` that, when a test fails, saves
 * a screenshot build/screenshots/FAILED-<test name>.png and prints the page's address.
 */
export function stepper(it, getPage) {
  return (name, fn) =>
    it(name, async (t) => {
      try {
        await fn(t);
      } catch (err) {
        const page = getPage();
        if (page) {
          const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
          const path = await shot(page, `FAILED-${slug}`).catch(() => null);
          console.error(`failed at ${page.url()}${path ? `; screenshot ${path}` : ''}`);
        }
        throw err;
      }
    });
}
