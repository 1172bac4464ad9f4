// Launches Debian's Chromium through playwright-core. Nothing here downloads a browser.
import { chromium } from 'playwright-core';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Flags from docs/TOOLCHAIN notes: the machine has no network but loopback, so every
// background connection Chromium would try must be off.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/** Base URL of the app under test (wails dev serves UI + Go bindings there). */
export const BASE_URL = (process.env.E2E_BASE_URL || 'http://localhost:34115').replace(/\/$/, '');

/** Where screenshots go; scripts/e2e.sh sets it to build/screenshots. */
export const SHOT_DIR = process.env.E2E_SCREENSHOT_DIR || join(process.cwd(), '..', 'build', 'screenshots');

export const VIEWPORT = { width: 1280, height: 900 };

/**
 * Starts Chromium with a throw-away profile. Returns { browser, newPage, close }.
 * newPage() makes a fresh context (axe needs a page from browser.newContext()).
 */
export async function launch() {
  // playwright-core gives Chromium a fresh temporary profile of its own.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: process.env.E2E_HEADED ? false : true,
    args: CHROMIUM_ARGS,
  });
  const contexts = [];
  async function newPage() {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB', timezoneId: 'Europe/London' });
    context.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS || 15000));
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') console.error(`[console.error] ${msg.text()}`);
    });
    return page;
  }
  async function close() {
    for (const c of contexts) await c.close().catch(() => {});
    await browser.close().catch(() => {});
  }
  return { browser, newPage, close };
}
