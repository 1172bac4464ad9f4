import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../lib/browser.mjs';
import { open, heading, shot } from '../lib/app.mjs';
import { checkA11y } from '../lib/axe.mjs';

describe('home', () => {
  let b, page;
  before(async () => {
    b = await launch();
    page = await b.newPage();
  });
  after(async () => b && b.close());

  it('opens with the Go bindings', async () => {
    await open(page, '/');
    assert.equal(await heading(page), 'Home');
    await shot(page, 'home');
    await checkA11y(page, 'home');
  });
});
