// The pages Involve writes for people outside the app, opened in Chromium as a reader
// would open them: the "you said, we did" web page (app/publish) and the answer to a
// subject access request (app/subjectaccess). Each is the golden file its Go test keeps
// equal to what the code writes. axe runs on each; each reflows at 320 CSS px (no
// sideways scroll) and asks for nothing over the network (no request but the file).
import { describe, it as test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from '../lib/browser.mjs';
import { checkA11y } from '../lib/axe.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PAGES = [
  ['You said, we did', `${ROOT}app/publish/testdata/you-said-we-did.html`, 'You said, we did'],
  ['Subject access', `${ROOT}app/subjectaccess/testdata/example.html`, 'Everything Involve holds about'],
];

describe('pages for people outside the app', () => {
  let b;
  before(async () => {
    b = await launch();
  });
  after(async () => {
    await b?.close();
  });

  for (const [name, path, heading] of PAGES) {
    test(`${name}: axe, reflow at 320 px, nothing fetched`, async () => {
      const page = await b.newPage();
      const requests = [];
      page.on('request', (r) => requests.push(r.url()));
      const url = pathToFileURL(path).href;
      await page.goto(url);
      assert.match(await page.locator('h1').innerText(), new RegExp(heading));
      await checkA11y(page, name);
      await page.setViewportSize({ width: 320, height: 640 });
      const sideways = await page.evaluate(() => {
        const root = document.scrollingElement || document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      assert.ok(sideways <= 1, `${name} scrolls sideways at 320 px by ${sideways} px`);
      assert.deepEqual(requests.filter((u) => u !== url), [], `${name} asked for more than its own file`);
      await page.context().close();
    });
  }
});
